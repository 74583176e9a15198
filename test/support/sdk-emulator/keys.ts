/**
 * The 3DS SDK's ephemeral key pair: a fresh EC P-256 pair per transaction (Stripe's
 * StripeEphemeralKeyPairGenerator), whose public half the AReq
 * carries as sdkEphemPubKey (Table A.1: a JWK with kty EC, crv P-256, x, y). Also reads the
 * P-256 public JWKs the ACS signs into acsSignedContent, the way Stripe's AcsDataParser does
 * with Nimbus ECKey.parse: kty EC, crv P-256, 32-byte x and y on the curve, no private part.
 */
import { createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { type EcPublicJwk, isJsonObject } from './protocol-types.ts';

/** The SDK's ephemeral key pair for one transaction. */
export type SdkEphemeralKeys = Readonly<{
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** The AReq's sdkEphemPubKey. */
  publicJwk: EcPublicJwk;
}>;

/** Makes the ephemeral P-256 key pair for one transaction. */
export function createSdkEphemeralKeys(): SdkEphemeralKeys {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = publicKey.export({ format: 'jwk' });
  return {
    privateKey,
    publicKey,
    publicJwk: { kty: 'EC', crv: 'P-256', x: String(jwk.x), y: String(jwk.y) },
  };
}

/**
 * Reads `value` as a P-256 public JWK; throws a descriptive Error naming `element` when it is
 * not one (wrong kty or crv, coordinates not 32 bytes of base64url, point not on the curve, or
 * a private `d` member).
 */
export function readEcP256PublicJwk(value: unknown, element: string): { jwk: EcPublicJwk; key: KeyObject } {
  if (!isJsonObject(value)) throw new Error(`${element} is not a JSON object (a JWK)`);
  if (value.kty !== 'EC') throw new Error(`${element}.kty is ${JSON.stringify(value.kty)}, not "EC"`);
  if (value.crv !== 'P-256') throw new Error(`${element}.crv is ${JSON.stringify(value.crv)}, not "P-256"`);
  if ('d' in value) throw new Error(`${element} carries a private key member "d"`);
  for (const coordinate of ['x', 'y'] as const) {
    const text = value[coordinate];
    if (typeof text !== 'string' || !/^[A-Za-z0-9_-]{43}$/.test(text)) {
      throw new Error(`${element}.${coordinate} is not 32 bytes of unpadded base64url`);
    }
  }
  const jwk: EcPublicJwk = { kty: 'EC', crv: 'P-256', x: value.x as string, y: value.y as string };
  try {
    return { jwk, key: createPublicKey({ key: { ...jwk }, format: 'jwk' }) };
  } catch (error) {
    throw new Error(`${element} is not a point on P-256: ${(error as Error).message}`);
  }
}

/** Whether two P-256 public JWKs name the same point (other members such as use or kid aside). */
export function sameEcPublicKey(a: EcPublicJwk, b: EcPublicJwk): boolean {
  return a.kty === b.kty && a.crv === b.crv && a.x === b.x && a.y === b.y;
}
