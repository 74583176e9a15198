/**
 * Value formats the checkers judge by, written on the test side from the spec tables
 * (clearhaus 3DSv2 reference, "specification_common" formats) and docs/flows.md
 * ("authenticationValue"), independently of src/protocol/formats.ts so a shared mistake cannot
 * hide.
 */

const uuidPattern = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** The ARes acsSignedContent regexp of every version's table: a compact JWS, three base64url parts. */
export const compactJwsPattern = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/** A canonical 36-character UUID (the tables' "uuid" format). */
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && uuidPattern.test(value);
}

/** A fully qualified http or https URL (the tables' "url" format) of at most `max` characters. */
export function isHttpUrl(value: unknown, max: number): value is string {
  if (typeof value !== 'string' || value.length > max) return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** A fully qualified https URL (the tables' "urlHttps" format). */
export function isHttpsUrl(value: unknown): value is string {
  return isHttpUrl(value, 2048) && value.startsWith('https:');
}

/**
 * This product's authenticationValue (docs/flows.md, "authenticationValue"): 20 bytes in
 * standard base64, so exactly 28 characters ending in one '=' pad, and canonical (re-encoding
 * gives the same text).
 */
export function isProductAuthenticationValue(value: unknown): value is string {
  if (typeof value !== 'string' || !/^[A-Za-z0-9+/]{27}=$/.test(value)) return false;
  const bytes = Buffer.from(value, 'base64');
  return bytes.length === 20 && bytes.toString('base64') === value;
}

/** A run of 13 to 19 digits: what a PAN looks like inside free text. */
export function containsPanLikeDigits(text: string): boolean {
  return /(?<![0-9])[0-9]{13,19}(?![0-9])/.test(text);
}
