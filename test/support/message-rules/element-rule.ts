/**
 * The shape of one row of a message table (which channels define the element, its JSON type,
 * its length limits and value set) and the generic check that holds a message against a table:
 * no element the table does not define, none outside its channels, types, lengths and values.
 * Presence rules (required / conditional) live in each message's checker, next to their reasons.
 */

import { isRecord, type JsonObject, show } from './json-values.ts';

/** deviceChannel values: 01 APP, 02 BRW, 03 3RI. */
export type Channel = '01' | '02' | '03';

/** Human names of the channels, for sentences. */
const channelNames: Readonly<Record<Channel, string>> = { '01': 'APP', '02': 'BRW', '03': '3RI' };

/** One element of a message table. Lengths count characters for strings, entries for arrays. */
export interface ElementRule {
  readonly kind: 'string' | 'object' | 'array' | 'boolean';
  /** Channels whose table rows define the element; absent means every channel. */
  readonly channels?: readonly Channel[];
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: RegExp;
  readonly values?: readonly string[];
  /** For arrays of strings: the rule each entry follows. */
  readonly items?: { readonly pattern?: RegExp; readonly values?: readonly string[] };
}

/** A message table: element name to rule. */
export type ElementTable = Readonly<Record<string, ElementRule>>;

/** Channel-restricted shorthands used by the tables. */
export const app: readonly Channel[] = ['01'];
export const brw: readonly Channel[] = ['02'];
export const appBrw: readonly Channel[] = ['01', '02'];

/** Two-digit codes from `from` to `to`, inclusive ("01".."26"). */
export function codes(from: number, to: number): string[] {
  const list: string[] = [];
  for (let code = from; code <= to; code++) list.push(String(code).padStart(2, '0'));
  return list;
}

/** A copy of `table` without the named elements (what a later version removed). */
export function without(table: ElementTable, names: readonly string[]): ElementTable {
  return Object.fromEntries(Object.entries(table).filter(([name]) => !names.includes(name)));
}

/** Every violation of `table` by `message` in `channel`; `label` names the message in sentences. */
export function tableViolations(
  message: JsonObject,
  table: ElementTable,
  channel: Channel,
  label: string,
): string[] {
  const violations: string[] = [];
  for (const [name, value] of Object.entries(message)) {
    const rule = table[name];
    if (rule === undefined) {
      violations.push(`${name} is not an element of the ${label} table`);
      continue;
    }
    if (rule.channels !== undefined && !rule.channels.includes(channel)) {
      const where = rule.channels.map((c) => channelNames[c]).join('/');
      violations.push(`${name} is defined for ${where} only, not for ${channelNames[channel]}`);
      continue;
    }
    violations.push(...valueViolations(name, value, rule));
  }
  return violations;
}

function valueViolations(name: string, value: unknown, rule: ElementRule): string[] {
  if (value === null || value === '') return []; // reported once, by emptyValueViolations
  switch (rule.kind) {
    case 'string':
      return typeof value === 'string'
        ? stringViolations(name, value, rule)
        : [`${name} must be a string, got ${show(name, value)}`];
    case 'object':
      return isRecord(value) ? [] : [`${name} must be a JSON object, got ${show(name, value)}`];
    case 'boolean':
      return typeof value === 'boolean' ? [] : [`${name} must be true or false, got ${show(name, value)}`];
    case 'array':
      return Array.isArray(value)
        ? arrayViolations(name, value, rule)
        : [`${name} must be an array, got ${show(name, value)}`];
  }
}

function stringViolations(name: string, value: string, rule: ElementRule): string[] {
  const violations: string[] = [];
  if (rule.maxLength !== undefined && value.length > rule.maxLength) {
    violations.push(`${name} is ${value.length} characters, more than the ${rule.maxLength} allowed`);
  }
  if (rule.minLength !== undefined && value.length < rule.minLength) {
    violations.push(`${name} is ${value.length} characters, fewer than the ${rule.minLength} required`);
  }
  if (rule.values !== undefined && !rule.values.includes(value)) {
    violations.push(`${name} ${show(name, value)} is not one of ${rule.values.join(', ')}`);
  } else if (rule.pattern !== undefined && !rule.pattern.test(value)) {
    violations.push(`${name} ${show(name, value)} does not have the required format`);
  }
  return violations;
}

function arrayViolations(name: string, value: readonly unknown[], rule: ElementRule): string[] {
  const violations: string[] = [];
  if (value.length === 0) return violations; // reported by emptyValueViolations
  if (rule.maxLength !== undefined && value.length > rule.maxLength) {
    violations.push(`${name} has ${value.length} entries, more than the ${rule.maxLength} allowed`);
  }
  const items = rule.items;
  if (items === undefined) return violations;
  value.forEach((entry, index) => {
    const where = `${name}[${index}]`;
    if (typeof entry !== 'string') {
      violations.push(`${where} must be a string, got ${show(name, entry)}`);
    } else if (items.values !== undefined && !items.values.includes(entry)) {
      violations.push(`${where} ${show(name, entry)} is not one of ${items.values.join(', ')}`);
    } else if (items.pattern !== undefined && !items.pattern.test(entry)) {
      violations.push(`${where} ${show(name, entry)} does not have the required format`);
    }
  });
  return violations;
}
