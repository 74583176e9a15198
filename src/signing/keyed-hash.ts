/**
 * Keyed hashes for values that must be found or checked but never stored in clear: PANs (for
 * card lookup) and one-time codes (docs/security.md, "Secrets are kept as hashes"). HMAC-SHA256
 * under a server secret, with a purpose string that separates uses; compare them with sameText
 * (src/signing/constant-time.ts).
 */

import { createHmac, type KeyObject } from 'node:crypto';
import { secretKey } from './key-material.ts';
import type { AcsKeys } from './keys.ts';

/**
 * HMAC-SHA256(key, len32(purpose) || purpose || value) as lowercase hex. The length prefix keeps
 * (purpose, value) pairs unambiguous, so one key can serve several purposes without collisions.
 */
export function keyedHash(key: Buffer | KeyObject, purpose: string, value: string): string {
  const purposeBytes = Buffer.from(purpose, 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(purposeBytes.length);
  return createHmac('sha256', key).update(length).update(purposeBytes).update(value, 'utf8').digest('hex');
}

/** The lookup hash of a PAN (hashed exactly as given: callers pass the validated digits). */
export function panLookupHash(keys: AcsKeys, pan: string): string {
  return keyedHash(secretKey(keys, 'panHash'), 'pan-lookup/v1', pan);
}

/** The stored hash of a one-time code, bound to its transaction (a code is only valid for it). */
export function otpCodeHash(keys: AcsKeys, acsTransID: string, code: string): string {
  return keyedHash(secretKey(keys, 'otp'), 'otp-code/v1', JSON.stringify([acsTransID, code]));
}
