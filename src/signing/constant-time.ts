/**
 * The one way the ACS compares a secret with what a caller sent (a MAC, a code hash, a CSRF or
 * login token): in time that does not depend on where the two first differ, so a caller cannot
 * learn a secret byte by byte from how long a refusal takes. Values of different lengths are
 * simply unequal; lengths are not secret here (every value compared has a fixed length).
 */
import { timingSafeEqual } from 'node:crypto';

/** True when `a` and `b` hold the same bytes, compared in constant time. */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

/** True when `a` and `b` are the same text (as UTF-8 bytes), compared in constant time. */
export function sameText(a: string, b: string): boolean {
  return sameBytes(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}
