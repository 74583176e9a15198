/**
 * Encryption of secrets the database must keep but must not hold in clear (e.g. TOTP seeds):
 * AES-256-GCM under the atRest secret, a random 96-bit IV per value, and associated data that
 * binds the ciphertext to its place (e.g. "totp-secret:<card id>"), so a value copied to
 * another row fails to decrypt.
 *
 * Format: `v1.<iv>.<ciphertext>.<tag>` (base64url parts). "v1" names this layout and key
 * generation, so a later key rotation can tell old values apart.
 */

import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { InternalError } from '../errors/index.ts';
import { secretKey } from './key-material.ts';
import type { AcsKeys } from './keys.ts';

const version = 'v1';
const ivLength = 12;
const tagLength = 16;
const partPattern = /^[A-Za-z0-9_-]*$/;

/** Encrypts `plaintext` bound to `associatedData`; the result is ASCII and safe to store. */
export function encryptAtRest(keys: AcsKeys, plaintext: string, associatedData: string): string {
  const iv = randomBytes(ivLength);
  const cipher = createCipheriv('aes-256-gcm', secretKey(keys, 'atRest'), iv, { authTagLength: tagLength });
  cipher.setAAD(Buffer.from(associatedData, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const parts = [iv, ciphertext, cipher.getAuthTag()].map((part) => part.toString('base64url'));
  return [version, ...parts].join('.');
}

/**
 * Decrypts a value made by encryptAtRest with the same associated data. Throws an InternalError
 * (stored_value_invalid, "at-rest value ...") when the value is malformed, of an unknown version, or was tampered
 * with or moved; the message never includes the value.
 */
export function decryptAtRest(keys: AcsKeys, value: string, associatedData: string): string {
  const [iv, ciphertext, tag] = parseValue(value);
  const decipher = createDecipheriv('aes-256-gcm', secretKey(keys, 'atRest'), iv, {
    authTagLength: tagLength,
  });
  decipher.setAAD(Buffer.from(associatedData, 'utf8'));
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
  } catch (error) {
    throw new InternalError(
      'stored_value_invalid',
      'at-rest value failed authentication (tampered, or bound to other associated data)',
      { cause: error },
    );
  }
}

/** [iv, ciphertext, tag] of a well-formed v1 value; throws for anything else. */
function parseValue(value: string): [Buffer, Buffer, Buffer] {
  const malformed = () =>
    new InternalError('stored_value_invalid', 'at-rest value is malformed or of an unknown version');
  const parts = typeof value === 'string' ? value.split('.') : [];
  if (parts.length !== 4 || parts[0] !== version) throw malformed();
  const [iv, ciphertext, tag] = parts.slice(1).map((part) => {
    if (!partPattern.test(part)) throw malformed();
    return Buffer.from(part, 'base64url');
  });
  if (iv?.length !== ivLength || ciphertext === undefined || tag?.length !== tagLength) throw malformed();
  return [iv, ciphertext, tag];
}
