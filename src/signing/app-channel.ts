/**
 * The app channel's ARes side and key agreement (EMV 3DS SDK Technical Guide 3.3.4).
 *
 * - acsSignedContent (Table A.1, the ARes element's description): a JWS whose payload is what
 *   the spec lists, acsURL, acsEphemPubKey and sdkEphemPubKey (the key the SDK sent in its AReq,
 *   which an SDK such as Stripe's AcsDataParser requires), the same in 2.1.0, 2.2.0 and 2.3.1;
 *   signed with the ACS content-signing key (PS256 by default, or ES256), header `x5c` = [ACS
 *   certificate, sandbox DS root CA] so the SDK can validate it up to the DS CA.
 * - The session key: the ACS makes an ephemeral P-256 key pair per transaction, agrees a secret
 *   with the SDK's ephemeral key (ECDH) and runs Concat KDF (SHA-256, 256 bits, PartyVInfo =
 *   sdkReferenceNumber). A128CBC-HS256 uses all 32 bytes in both directions; A128GCM uses the
 *   leftmost 16 bytes for SDK-to-ACS (CReq) and the rightmost 16 for ACS-to-SDK (CRes), as real
 *   SDKs do, so the two directions never share a GCM key.
 */

import {
  createPrivateKey,
  createPublicKey,
  createSecretKey,
  diffieHellman,
  generateKeyPairSync,
  type KeyObject,
} from 'node:crypto';
import { CompactSign } from 'jose';
import { AppChannelError, InternalError } from '../errors/index.ts';
import { concatKdf } from './concat-kdf.ts';
import type { JWK } from './jwk.ts';
import { keyMaterial } from './key-material.ts';
import type { AcsKeys } from './keys.ts';

/** The JWE content encryptions the app channel negotiates. */
export const challengeEncs = ['A128CBC-HS256', 'A128GCM'] as const;

/** One app channel content encryption. */
export type ChallengeEnc = (typeof challengeEncs)[number];

/** A derived session key: one opaque key per direction, and the enc it is for. */
export type ChallengeKey = {
  readonly enc: ChallengeEnc;
  /** Decrypts CReqs. */
  readonly sdkToAcs: KeyObject;
  /** Encrypts CRes. */
  readonly acsToSdk: KeyObject;
};

/** An ACS ephemeral key pair (acsEphemPubKey goes in acsSignedContent). */
export type EphemeralKeyPair = {
  publicJwk: JWK;
  /** Secret: keep it encrypted at rest (encryptAtRest) for the length of the transaction. */
  privateJwk: JWK;
};

const keyBits = 256;
const encoder = new TextEncoder();

/** A fresh ephemeral EC P-256 key pair as JWKs. */
export function createAcsEphemeralKeyPair(): EphemeralKeyPair {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const { kty, crv, x, y, d } = privateKey.export({ format: 'jwk' });
  return { publicJwk: { kty, crv, x, y }, privateJwk: { kty, crv, x, y, d } };
}

function isP256Jwk(value: unknown): value is { kty: 'EC'; crv: 'P-256'; x: string; y: string } {
  if (typeof value !== 'object' || value === null) return false;
  const jwk = value as Record<string, unknown>;
  return jwk.kty === 'EC' && jwk.crv === 'P-256' && typeof jwk.x === 'string' && typeof jwk.y === 'string';
}

function sdkPublicKey(sdkEphemPubKey: unknown): KeyObject {
  if (!isP256Jwk(sdkEphemPubKey)) {
    throw new AppChannelError('invalid_sdk_ephemeral_key', 'sdkEphemPubKey is not an EC P-256 public JWK');
  }
  const { kty, crv, x, y } = sdkEphemPubKey;
  try {
    // Import rebuilds the point and rejects one that is not on the curve.
    return createPublicKey({ key: { kty, crv, x, y }, format: 'jwk' });
  } catch (error) {
    throw new AppChannelError('invalid_sdk_ephemeral_key', 'sdkEphemPubKey is not a valid P-256 point', {
      cause: error,
    });
  }
}

function acsPrivateKey(acsPrivateJwk: JWK): KeyObject {
  const unusable = (cause?: unknown) =>
    new AppChannelError('invalid_acs_ephemeral_key', 'the ACS ephemeral private key is not a P-256 JWK', {
      cause,
    });
  // Read from a stored value: whatever it holds, the answer is this error, never a TypeError.
  if (typeof acsPrivateJwk !== 'object' || acsPrivateJwk === null) throw unusable();
  const { kty, crv, x, y, d } = acsPrivateJwk;
  if (kty !== 'EC' || crv !== 'P-256' || typeof d !== 'string') throw unusable();
  try {
    return createPrivateKey({ key: { kty, crv, x, y, d }, format: 'jwk' });
  } catch (error) {
    throw unusable(error);
  }
}

/**
 * The session key for one transaction, from the ACS's ephemeral private key, the SDK's
 * ephemeral public key (sdkEphemPubKey from the AReq) and sdkReferenceNumber. The SDK derives
 * the same key from its private key and acsEphemPubKey.
 */
export function deriveChallengeKey(
  acsPrivateJwk: JWK,
  sdkEphemPubKey: JWK,
  sdkReferenceNumber: string,
  enc: ChallengeEnc,
): ChallengeKey {
  if (!(challengeEncs as readonly string[]).includes(enc)) {
    throw new AppChannelError('jwe_invalid', 'enc must be A128CBC-HS256 or A128GCM');
  }
  const sharedSecret = diffieHellman({
    privateKey: acsPrivateKey(acsPrivateJwk),
    publicKey: sdkPublicKey(sdkEphemPubKey),
  });
  const derived = concatKdf(sharedSecret, { keyBits, partyVInfo: Buffer.from(sdkReferenceNumber, 'utf8') });
  sharedSecret.fill(0);
  const key: ChallengeKey =
    enc === 'A128GCM'
      ? {
          enc,
          sdkToAcs: createSecretKey(derived.subarray(0, 16)),
          acsToSdk: createSecretKey(derived.subarray(16, 32)),
        }
      : { enc, sdkToAcs: createSecretKey(derived), acsToSdk: createSecretKey(derived) };
  derived.fill(0);
  return Object.freeze(key);
}

/** The claims acsSignedContent carries, in the order the spec lists them. */
export type AcsSignedContentClaims = {
  acsURL: string;
  /** The ACS's ephemeral public key (public members only). */
  acsEphemPubKey: JWK;
  /** The SDK's ephemeral public key from the AReq (public members only). */
  sdkEphemPubKey: JWK;
};

/** The public members of an EC JWK; refuses a private key so it can never be published by mistake. */
function publicMembers(jwk: JWK, name: string): JWK {
  if (jwk.d !== undefined) throw new InternalError('invariant_broken', `${name} must be a public key`);
  const { kty, crv, x, y } = jwk;
  return { kty, crv, x, y };
}

/** The compact JWS for the ARes's acsSignedContent; header { alg, kid, x5c }. */
export async function signAcsContent(keys: AcsKeys, content: AcsSignedContentClaims): Promise<string> {
  const key = keyMaterial(keys).acsContentKey;
  const claims = {
    acsURL: content.acsURL,
    acsEphemPubKey: publicMembers(content.acsEphemPubKey, 'acsEphemPubKey'),
    sdkEphemPubKey: publicMembers(content.sdkEphemPubKey, 'sdkEphemPubKey'),
  };
  return new CompactSign(encoder.encode(JSON.stringify(claims)))
    .setProtectedHeader({ alg: key.alg, kid: key.kid, x5c: [...(key.publicJwk.x5c ?? [])] })
    .sign(key.privateKey);
}
