/**
 * Verifies a result JWS the way a 3DS Server would: against the published JWK Set only (no
 * private key), so the demo merchant can show whether the signed result it fetched holds up.
 * Lives in src/signing because it is the only importer of jose.
 */
import { createLocalJWKSet, errors, jwtVerify } from 'jose';
import type { JwkSet } from './jwk.ts';

/** The outcome of a verification: the claims and the key that signed them, or why it failed. */
export type ResultJwsCheck = Readonly<
  | { valid: true; alg: string; kid: string | undefined; payload: Readonly<Record<string, unknown>> }
  | { valid: false; reason: string }
>;

/** Checks the compact JWS `token` with the keys of `publicKeys` (RFC 7515; alg ES256 or PS256). */
export async function verifyResultJws(publicKeys: JwkSet, token: string): Promise<ResultJwsCheck> {
  try {
    const { payload, protectedHeader } = await jwtVerify(token, createLocalJWKSet(publicKeys), {
      algorithms: ['ES256', 'PS256'],
      typ: 'JWT',
    });
    return { valid: true, alg: protectedHeader.alg, kid: protectedHeader.kid, payload: { ...payload } };
  } catch (error) {
    if (error instanceof errors.JOSEError) return { valid: false, reason: error.code };
    return { valid: false, reason: 'verification failed' };
  }
}
