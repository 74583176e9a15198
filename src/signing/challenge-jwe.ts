/**
 * CReq / CRes encryption on the app channel (docs/flows.md, "The app channel"): compact JWE
 * with alg "dir" and enc A128CBC-HS256 or A128GCM under the session key from
 * deriveChallengeKey, kid = acsTransID.
 *
 * IVs of CRes follow the EMV SDK layout real SDKs use: the IV is 0xFF bytes with the last byte
 * = acsCounterAtoS (the CRes's own counter), 16 bytes for CBC and 12 for GCM. The flow must
 * therefore use each acsCounterAtoS value once per transaction (it increments it per CRes);
 * a CRes without a readable counter gets a random IV.
 */

import { randomBytes } from 'node:crypto';
import { CompactEncrypt, compactDecrypt, decodeProtectedHeader, errors } from 'jose';
import { AppChannelError } from '../errors/index.ts';
import { type ChallengeEnc, type ChallengeKey, challengeEncs } from './app-channel.ts';

/** A decrypted CReq: its JSON object and the JWE's kid (the SDK sets it to acsTransID). */
export type DecryptedCReq = {
  payload: Record<string, unknown>;
  kid: string | undefined;
};

const compactJwePattern = /^[A-Za-z0-9_-]+\.\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;
const maxJweLength = 64 * 1024;
const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

function isChallengeEnc(value: unknown): value is ChallengeEnc {
  return typeof value === 'string' && (challengeEncs as readonly string[]).includes(value);
}

/** The enc a CReq JWE declares (so the flow can derive the key for it), or undefined if unreadable. */
export function challengeEncOf(jwe: string): ChallengeEnc | undefined {
  if (typeof jwe !== 'string' || jwe.length > maxJweLength || !compactJwePattern.test(jwe)) return undefined;
  try {
    const header = decodeProtectedHeader(jwe);
    return header.alg === 'dir' && isChallengeEnc(header.enc) ? header.enc : undefined;
  } catch {
    return undefined;
  }
}

/** Decrypts a CReq; throws AppChannelError (jwe_invalid, decryption_failed, payload_invalid). */
export async function decryptCReq(jwe: string, key: ChallengeKey): Promise<DecryptedCReq> {
  if (challengeEncOf(jwe) !== key.enc) {
    throw new AppChannelError('jwe_invalid', `CReq is not a compact JWE with alg "dir" and enc "${key.enc}"`);
  }
  let plaintext: Uint8Array;
  let kid: unknown;
  try {
    const result = await compactDecrypt(jwe, key.sdkToAcs.export(), {
      keyManagementAlgorithms: ['dir'],
      contentEncryptionAlgorithms: [key.enc],
    });
    plaintext = result.plaintext;
    kid = result.protectedHeader.kid;
  } catch (error) {
    if (error instanceof errors.JWEDecryptionFailed) {
      throw new AppChannelError('decryption_failed', 'CReq could not be decrypted with the session key', {
        cause: error,
      });
    }
    throw new AppChannelError('jwe_invalid', 'CReq is not a valid JWE', { cause: error });
  }
  let payload: unknown;
  try {
    payload = JSON.parse(decoder.decode(plaintext));
  } catch (error) {
    throw new AppChannelError('payload_invalid', 'decrypted CReq is not JSON', { cause: error });
  }
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    throw new AppChannelError('payload_invalid', 'decrypted CReq is not a JSON object');
  }
  return { payload: payload as Record<string, unknown>, kid: typeof kid === 'string' ? kid : undefined };
}

function ivFor(enc: ChallengeEnc, counter: unknown): Uint8Array {
  const length = enc === 'A128GCM' ? 12 : 16;
  if (typeof counter !== 'string' || !/^[0-9]{3}$/.test(counter) || Number(counter) > 255)
    return randomBytes(length);
  const iv = Buffer.alloc(length, 0xff);
  iv[length - 1] = Number(counter);
  return iv;
}

/** Encrypts a CRes for the SDK: header { alg: "dir", enc, kid: acsTransID }. */
export async function encryptCRes(
  payload: Record<string, unknown>,
  key: ChallengeKey,
  acsTransID: string,
): Promise<string> {
  return new CompactEncrypt(encoder.encode(JSON.stringify(payload)))
    .setProtectedHeader({ alg: 'dir', enc: key.enc, kid: acsTransID })
    .setInitializationVector(ivFor(key.enc, payload.acsCounterAtoS))
    .encrypt(key.acsToSdk.export());
}
