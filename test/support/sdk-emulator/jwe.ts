/**
 * Compact JWE of the challenge channel, as Stripe's DefaultMessageTransformer and
 * TransactionEncrypter produce and read it (the EMV SDK Technical Guide 3.4 and Core spec 6.2.4
 * they cite; RFC 7516; RFC 7518 5.2, 5.3):
 *
 * - protected header: exactly {"alg":"dir","enc":...,"kid":acsTransID} (Nimbus
 *   JWEHeader.Builder(DIR, enc).keyID(acsTransID)); the encrypted-key part is empty;
 * - A128CBC-HS256 uses the whole 32-byte session key in both directions (RFC 7518 5.2.2.1: MAC
 *   key = bytes 0-15, AES key = bytes 16-31); A128GCM uses bytes 0-15 from SDK to ACS and
 *   bytes 16-31 from ACS to SDK (Stripe's getEncryptionKey / getDecryptionKey);
 * - IV: the counter of the message in the last byte, every other byte 0x00 from SDK to ACS and
 *   0xFF from ACS to SDK (TransactionEncrypter.Crypto getGcmIvStoA / getGcmIvAtoS), 16 bytes for
 *   CBC and 12 for GCM;
 * - AAD: the ASCII of the base64url protected header (RFC 7516 5.1 step 14).
 *
 * AES-CBC + HMAC-SHA-256 and AES-GCM are done here with node:crypto, not through jose, so the
 * emulator's JWE is its own; the unit tests check it against jose's compactDecrypt.
 */
import { createCipheriv, createDecipheriv, createHmac, timingSafeEqual } from 'node:crypto';
import type { ContentEncryption, Direction } from './protocol-types.ts';
import { isJsonObject } from './protocol-types.ts';
import { SdkRuleViolation } from './sdk-rule-violation.ts';

export const contentEncryptions: readonly ContentEncryption[] = ['A128CBC-HS256', 'A128GCM'];

/** The bytes of the session key a message uses, per `enc` and direction. */
export function contentKeyFor(sessionKey: Uint8Array, enc: ContentEncryption, direction: Direction): Buffer {
  if (sessionKey.length !== 32) throw new Error('the session key is 32 bytes (Concat KDF keydatalen 256)');
  const key = Buffer.from(sessionKey);
  if (enc === 'A128CBC-HS256') return key;
  return direction === 'sdkToAcs' ? key.subarray(0, 16) : key.subarray(16, 32);
}

/** The IV of the message with `counter`: 0x00 (SDK to ACS) or 0xFF (ACS to SDK) padding, counter last. */
export function counterIv(enc: ContentEncryption, direction: Direction, counter: number): Buffer {
  if (!Number.isInteger(counter) || counter < 0 || counter > 255) {
    throw new Error(`a message counter is one byte (0-255), not ${counter}`);
  }
  const iv = Buffer.alloc(enc === 'A128GCM' ? 12 : 16, direction === 'sdkToAcs' ? 0x00 : 0xff);
  iv[iv.length - 1] = counter;
  return iv;
}

/** What one JWE of the channel is made from. */
export type JweInput = Readonly<{
  plaintext: string;
  sessionKey: Uint8Array;
  enc: ContentEncryption;
  direction: Direction;
  counter: number;
  kid: string;
  /** Replaces the counter IV (to play a sender that breaks the IV rule). */
  iv?: Uint8Array;
}>;

/** Encrypts one message of the channel into a compact JWE. */
export function encryptJwe(input: JweInput): string {
  const header = Buffer.from(JSON.stringify({ alg: 'dir', enc: input.enc, kid: input.kid })).toString(
    'base64url',
  );
  const aad = Buffer.from(header, 'ascii');
  const iv = input.iv ? Buffer.from(input.iv) : counterIv(input.enc, input.direction, input.counter);
  const key = contentKeyFor(input.sessionKey, input.enc, input.direction);
  const plaintext = Buffer.from(input.plaintext, 'utf8');
  const { ciphertext, tag } =
    input.enc === 'A128GCM' ? gcmEncrypt(key, iv, plaintext, aad) : cbcHmacEncrypt(key, iv, plaintext, aad);
  return [
    header,
    '',
    iv.toString('base64url'),
    ciphertext.toString('base64url'),
    tag.toString('base64url'),
  ].join('.');
}

/** A decrypted message of the channel. */
export type DecryptedJwe = Readonly<{ header: Record<string, unknown>; plaintext: string; iv: Buffer }>;

/**
 * Decrypts a compact JWE of the channel, or throws SdkRuleViolation 302 (Stripe turns every
 * decryption failure into DataDecryptionFailure). Refuses what Stripe's SDK refuses: parts that
 * are not unpadded base64url (DefaultMessageTransformer.isValidPayloadPart), an alg other than
 * dir or an encrypted key (Nimbus DirectDecrypter), an unknown enc, a crit or zip member, an IV
 * or tag of the wrong length, and a tag that does not verify.
 */
export function decryptJwe(compact: string, sessionKey: Uint8Array, direction: Direction): DecryptedJwe {
  const fail = (detail: string) => new SdkRuleViolation('302', 'JWE', detail);
  const parts = compact.trim().split('.');
  if (parts.length !== 5) throw fail(`a compact JWE has 5 parts, this one has ${parts.length}`);
  const [headerPart, encryptedKey, ivPart, ciphertextPart, tagPart] = parts as [
    string,
    string,
    string,
    string,
    string,
  ];
  for (const part of parts) {
    if (!/^[A-Za-z0-9_-]*$/.test(part)) throw fail('a JWE part is not unpadded base64url');
  }
  let header: unknown;
  try {
    header = JSON.parse(Buffer.from(headerPart, 'base64url').toString('utf8'));
  } catch {
    throw fail('the protected header is not JSON');
  }
  if (!isJsonObject(header)) throw fail('the protected header is not a JSON object');
  if (header.alg !== 'dir') throw fail(`alg is ${JSON.stringify(header.alg)}, not "dir"`);
  const enc = header.enc;
  if (enc !== 'A128CBC-HS256' && enc !== 'A128GCM') throw fail(`enc ${JSON.stringify(enc)} is not supported`);
  if ('zip' in header) throw fail('compressed (zip) JWEs are not used on this channel');
  if ('crit' in header) throw fail('the header names critical parameters the SDK does not understand');
  if (encryptedKey !== '') throw fail('alg dir carries no encrypted key, but this JWE has one');
  const iv = Buffer.from(ivPart, 'base64url');
  const ciphertext = Buffer.from(ciphertextPart, 'base64url');
  const tag = Buffer.from(tagPart, 'base64url');
  if (iv.length !== (enc === 'A128GCM' ? 12 : 16))
    throw fail(`the IV of ${enc} is not ${enc === 'A128GCM' ? 12 : 16} bytes`);
  if (tag.length !== 16) throw fail('the authentication tag is not 16 bytes');
  const key = contentKeyFor(sessionKey, enc, direction);
  const aad = Buffer.from(headerPart, 'ascii');
  let plaintext: Buffer;
  try {
    plaintext =
      enc === 'A128GCM'
        ? gcmDecrypt(key, iv, ciphertext, aad, tag)
        : cbcHmacDecrypt(key, iv, ciphertext, aad, tag);
  } catch (error) {
    throw fail(`the JWE does not decrypt with the session key: ${(error as Error).message}`);
  }
  return { header, plaintext: plaintext.toString('utf8'), iv };
}

/** The same JWE with one ciphertext byte flipped, as a tampering attacker would send it. */
export function tamperCiphertext(compact: string): string {
  const parts = compact.split('.');
  const ciphertext = Buffer.from(parts[3] ?? '', 'base64url');
  if (ciphertext.length === 0) throw new Error('this JWE has no ciphertext to tamper with');
  ciphertext[0] = (ciphertext[0] as number) ^ 0x01;
  parts[3] = ciphertext.toString('base64url');
  return parts.join('.');
}

function gcmEncrypt(key: Buffer, iv: Buffer, plaintext: Buffer, aad: Buffer) {
  const cipher = createCipheriv('aes-128-gcm', key, iv, { authTagLength: 16 });
  cipher.setAAD(aad);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { ciphertext, tag: cipher.getAuthTag() };
}

function gcmDecrypt(key: Buffer, iv: Buffer, ciphertext: Buffer, aad: Buffer, tag: Buffer): Buffer {
  const decipher = createDecipheriv('aes-128-gcm', key, iv, { authTagLength: 16 });
  decipher.setAAD(aad);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
}

/** RFC 7518 5.2.2.1: AES-128-CBC with the last 16 key bytes, HMAC-SHA-256 with the first 16. */
function cbcHmacEncrypt(key: Buffer, iv: Buffer, plaintext: Buffer, aad: Buffer) {
  const cipher = createCipheriv('aes-128-cbc', key.subarray(16, 32), iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { ciphertext, tag: cbcHmacTag(key, iv, ciphertext, aad) };
}

function cbcHmacDecrypt(key: Buffer, iv: Buffer, ciphertext: Buffer, aad: Buffer, tag: Buffer): Buffer {
  if (!timingSafeEqual(cbcHmacTag(key, iv, ciphertext, aad), tag))
    throw new Error('the HMAC tag does not match');
  const decipher = createDecipheriv('aes-128-cbc', key.subarray(16, 32), iv);
  return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
}

/** RFC 7518 5.2.2.1: the first 16 bytes of HMAC(MAC_KEY, AAD || IV || C || AL), AL = AAD bits, 64-bit. */
function cbcHmacTag(key: Buffer, iv: Buffer, ciphertext: Buffer, aad: Buffer): Buffer {
  const al = Buffer.alloc(8);
  al.writeBigUInt64BE(BigInt(aad.length) * 8n);
  return createHmac('sha256', key.subarray(0, 16))
    .update(aad)
    .update(iv)
    .update(ciphertext)
    .update(al)
    .digest()
    .subarray(0, 16);
}
