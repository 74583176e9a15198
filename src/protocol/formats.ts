/**
 * Format predicates shared by every message's field table. EMV 3DS formats are narrow:
 * transaction IDs are canonical UUIDs (RFC 4122, 36 characters), numeric fields are ASCII
 * digits of a fixed or bounded length, and URLs are fully qualified.
 */

const uuidPattern = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** A canonical 36-character UUID (any version; the spec asks for RFC 4122 form). */
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && uuidPattern.test(value);
}

/** A string of ASCII digits whose length is within [min, max]. */
export function isDigits(value: unknown, min: number, max: number = min): value is string {
  return typeof value === 'string' && value.length >= min && value.length <= max && /^[0-9]+$/.test(value);
}

/** A string whose length is within [min, max] (counted in UTF-16 code units, as JSON does). */
export function hasLength(value: unknown, min: number, max: number): value is string {
  return typeof value === 'string' && value.length >= min && value.length <= max;
}

/** One of the listed string values. */
export function isOneOf<const T extends string>(value: unknown, allowed: readonly T[]): value is T {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value);
}

/** A fully qualified http(s) URL of at most `max` characters. */
export function isHttpUrl(value: unknown, max = 2048): value is string {
  if (typeof value !== 'string' || value.length === 0 || value.length > max) return false;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

/** A date-time in the spec's YYYYMMDDHHMM form (UTC), checked for a real calendar value. */
export function isYyyyMmDdHhMm(value: unknown): value is string {
  if (!isDigits(value, 12)) return false;
  const [year, month, day, hour, minute] = [0, 4, 6, 8, 10].map((at, i) =>
    Number(value.slice(at, at + (i === 0 ? 4 : 2))),
  ) as [number, number, number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute));
  return (
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day &&
    hour < 24 &&
    minute < 60
  );
}

/** True for a plain JSON object (not null, not an array). */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** True when `digits` passes the Luhn (mod 10) check. */
export function isLuhnValid(digits: string): boolean {
  if (!/^[0-9]+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}
