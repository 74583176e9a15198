/**
 * Presence and echo rules shared by the checkers: an element that must be there, one that
 * must not, and one whose value must repeat what an earlier message said.
 */

import { has, type JsonObject, show } from './json-values.ts';

/** A violation when `name` is missing; `when` finishes the sentence ("when transStatus is C"). */
export function required(message: JsonObject, name: string, when = ''): string[] {
  return has(message, name) ? [] : [`${name} is required${when === '' ? '' : ` ${when}`}`];
}

/** A violation when `name` is present; `when` finishes the sentence. */
export function absent(message: JsonObject, name: string, when: string): string[] {
  return has(message, name) ? [`${name} must be absent ${when}`] : [];
}

/** A violation when `name` does not equal `expected` (what `source` carried). */
export function echoed(message: JsonObject, name: string, expected: unknown, source: string): string[] {
  if (!has(message, name)) return [`${name} is required (it must echo the ${source}'s)`];
  const value = message[name];
  return value === expected
    ? []
    : [`${name} must echo the ${source}'s ${show(name, expected)}, got ${show(name, value)}`];
}

/** A violation when `name` is present with a value other than `expected`. */
export function equalWhenPresent(
  message: JsonObject,
  name: string,
  expected: string,
  when: string,
): string[] {
  if (!has(message, name)) return [];
  const value = message[name];
  return value === expected ? [] : [`${name} must be ${expected} ${when}, got ${show(name, value)}`];
}

/** messageType must be `type` and messageVersion must be `version` (what `source` carried). */
export function headerViolations(
  message: JsonObject,
  type: string,
  version: string,
  source: string,
): string[] {
  const violations: string[] = [];
  if (!has(message, 'messageType')) violations.push('messageType is required');
  else if (message.messageType !== type) {
    violations.push(`messageType must be ${type}, got ${show('messageType', message.messageType)}`);
  }
  if (!has(message, 'messageVersion')) violations.push(`messageVersion is required (it must be ${version})`);
  else if (message.messageVersion !== version) {
    violations.push(
      `messageVersion must be ${version} (the ${source}'s), got ${show('messageVersion', message.messageVersion)}`,
    );
  }
  return violations;
}
