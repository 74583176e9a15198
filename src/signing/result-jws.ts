/**
 * The final result as a compact JWS (README.md, step 2 of the tour): ES256 by default or PS256,
 * with the `kid` published in the JWKS, so a gateway can verify a result without trusting
 * transport.
 */

import { CompactSign } from 'jose';
import { keyMaterial } from './key-material.ts';
import type { AcsKeys } from './keys.ts';

const encoder = new TextEncoder();

/**
 * Signs `payload` as a JWT-typed compact JWS: header { alg, kid, typ: "JWT" }; `iat` (seconds)
 * is set from `options.now` or the keys' clock and replaces any `iat` in the payload.
 */
export async function signResult(
  keys: AcsKeys,
  payload: Record<string, unknown>,
  options: { now?: Date } = {},
): Promise<string> {
  const key = keyMaterial(keys).resultKeys[keys.resultSigningAlg];
  const iat = Math.floor((options.now ?? keys.now()).getTime() / 1000);
  const body = encoder.encode(JSON.stringify({ ...payload, iat }));
  return new CompactSign(body)
    .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'JWT' })
    .sign(key.privateKey);
}
