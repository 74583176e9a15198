/**
 * The building blocks of every message's field table: small checks that look at one data
 * element's value and record what is wrong with it. A check never throws and never copies a
 * value anywhere: it records element paths (`acctInfo.chAccDate`), so an errorDetail can name
 * the offending elements without echoing what was sent.
 */
import { isIP } from 'node:net';
import { isHttpUrl, isJsonObject, isUuid, isYyyyMmDdHhMm } from './formats.ts';

/** What a check found: required elements that are missing (201) and invalid ones (203). */
export type Findings = { readonly missing: string[]; readonly invalid: string[] };

/** Checks one element's value and records its problems under `path`. */
export type Check = (value: unknown, path: string, findings: Findings) => void;

/** A check from a predicate: the value is valid exactly when `test` says so. */
export function scalar(test: (value: unknown) => boolean): Check {
  return (value, path, findings) => {
    if (!test(value)) findings.invalid.push(path);
  };
}

/** A string of `min`..`max` characters. */
export function text(min: number, max: number): Check {
  // No NUL: no text element needs it, and it cannot be stored (PostgreSQL text refuses it).
  return scalar(
    (value) =>
      typeof value === 'string' && value.length >= min && value.length <= max && !value.includes('\u0000'),
  );
}

/** A string matching `pattern` (anchored), at most `maxLength` characters (checked first). */
export function matching(pattern: RegExp, maxLength = 64): Check {
  return scalar((value) => typeof value === 'string' && value.length <= maxLength && pattern.test(value));
}

/** One of the listed strings. */
export function oneOf(values: readonly string[]): Check {
  const allowed = new Set(values);
  return scalar((value) => typeof value === 'string' && allowed.has(value));
}

/** Two digits: one of `values` or a DS-reserved value 80-99. */
export function codeOrDsReserved(values: readonly string[]): Check {
  const allowed = new Set(values);
  return scalar((value) => typeof value === 'string' && (allowed.has(value) || /^[89][0-9]$/.test(value)));
}

/** A string of `minLength`..`maxLength` digits whose number lies in [min, max]. */
export function numberString(minLength: number, maxLength: number, min: number, max: number): Check {
  return scalar((value) => {
    if (typeof value !== 'string' || value.length < minLength || value.length > maxLength) return false;
    if (!/^[0-9]+$/.test(value)) return false;
    const n = Number(value);
    return n >= min && n <= max;
  });
}

/** A JSON boolean. */
export const boolean: Check = scalar((value) => typeof value === 'boolean');

/** A canonical UUID. */
export const uuid: Check = scalar(isUuid);

/** A fully qualified http(s) URL of at most `max` characters. */
export function url(max: number): Check {
  return scalar((value) => isHttpUrl(value, max));
}

/** An IPv4 or IPv6 address (at most 45 characters). */
export const ipAddress: Check = scalar(
  (value) => typeof value === 'string' && value.length <= 45 && isIP(value) !== 0,
);

/** An e-mail address of at most `max` characters (local@domain, no spaces). */
export function email(max: number): Check {
  return scalar(
    (value) => typeof value === 'string' && value.length <= max && /^[^\s@]+@[^\s@]+$/.test(value),
  );
}

/** YYYYMMDD, a real calendar date. */
export const yyyymmdd: Check = scalar((value) => typeof value === 'string' && isCalendarDate(value, 8));

/** YYYYMMDDHHMMSS, a real UTC date and time. */
export const yyyymmddhhmmss: Check = scalar(
  (value) => typeof value === 'string' && isCalendarDate(value, 14),
);

/** YYYYMMDDHHMM, a real UTC date and time. */
export const yyyymmddhhmm: Check = scalar(isYyyyMmDdHhMm);

/** YYMM with a month 01-12 (a card expiry date). */
export const yymm: Check = scalar((value) => {
  if (typeof value !== 'string' || !/^[0-9]{4}$/.test(value)) return false;
  const month = Number(value.slice(2));
  return month >= 1 && month <= 12;
});

/** Any JSON value whose serialised form has at most `max` characters. */
export function jsonOfAtMost(max: number): Check {
  return scalar((value) => value !== undefined && serialisedLength(value) <= max);
}

/** A JSON array of `min`..`max` items, each checked by `item` under `path[i]`. */
export function list(item: Check, min: number, max: number): Check {
  return (value, path, findings) => {
    if (!Array.isArray(value) || value.length < min || value.length > max) {
      findings.invalid.push(path);
      return;
    }
    for (let i = 0; i < value.length; i++) checkPresent(item, value[i], `${path}[${i}]`, findings);
  };
}

/**
 * A JSON object whose known members are checked (unknown members are ignored, as the spec asks
 * of unrecognised data elements) and whose `required` members must be present.
 */
export function object(members: Readonly<Record<string, Check>>, required: readonly string[] = []): Check {
  const checks = new Map(Object.entries(members));
  return (value, path, findings) => {
    if (!isJsonObject(value)) {
      findings.invalid.push(path);
      return;
    }
    for (const name of required) {
      if (own(value, name) === undefined) findings.missing.push(`${path}.${name}`);
    }
    for (const name of Object.keys(value)) {
      const check = checks.get(name);
      const member = value[name];
      if (check !== undefined && member !== undefined)
        checkPresent(check, member, `${path}.${name}`, findings);
    }
  };
}

/**
 * The message extensions this ACS would have to understand and cannot: every one marked
 * critical, as element paths (`messageExtension[1]`). The ACS recognises no extension, so a
 * critical one means the message cannot be processed: Erro 202 (Table A.4), naming these
 * paths rather than echoing the requestor's extension IDs. Empty when `value` is no list.
 */
export function criticalExtensionPaths(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  const paths: string[] = [];
  value.forEach((item, index) => {
    if (isJsonObject(item) && own(item, 'criticalityIndicator') === true)
      paths.push(`messageExtension[${index}]`);
  });
  return paths;
}

/** A member of `record` if it is its own (never one inherited from a prototype), else undefined. */
export function own(record: Readonly<Record<string, unknown>>, name: string): unknown {
  return Object.hasOwn(record, name) ? record[name] : undefined;
}

/**
 * Runs `check` on an element that is present. An element sent as null or "" is invalid whatever
 * its format: the spec wants absent elements left out, not sent empty.
 */
export function checkPresent(check: Check, value: unknown, path: string, findings: Findings): void {
  if (value === null || value === '') {
    findings.invalid.push(path);
    return;
  }
  check(value, path, findings);
}

function isCalendarDate(value: string, length: 8 | 14): boolean {
  if (value.length !== length || !/^[0-9]+$/.test(value)) return false;
  const year = Number(value.slice(0, 4));
  const month = Number(value.slice(4, 6));
  const day = Number(value.slice(6, 8));
  const date = new Date(Date.UTC(year, month - 1, day));
  const dateOk =
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  if (!dateOk || length === 8) return dateOk;
  return (
    Number(value.slice(8, 10)) < 24 && Number(value.slice(10, 12)) < 60 && Number(value.slice(12, 14)) < 60
  );
}

function serialisedLength(value: unknown): number {
  try {
    return JSON.stringify(value)?.length ?? Number.POSITIVE_INFINITY;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}
