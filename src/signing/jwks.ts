/**
 * The JWKS published at /.well-known/jwks.json: public keys for every signature the ACS makes
 * (both result keys, the configured one first, and the acsSignedContent key with its x5c).
 */

import type { JwkSet } from './jwk.ts';
import { keyMaterial } from './key-material.ts';
import type { AcsKeys } from './keys.ts';

/** The public JWK Set (kid, alg and use "sig" on every key; no private members). */
export function jwks(keys: AcsKeys): JwkSet {
  const { resultKeys, acsContentKey } = keyMaterial(keys);
  const inUse = resultKeys[keys.resultSigningAlg];
  const other = keys.resultSigningAlg === 'ES256' ? resultKeys.PS256 : resultKeys.ES256;
  return {
    keys: [inUse, other, acsContentKey].map((key) => {
      const { x5c, ...members } = key.publicJwk;
      return x5c === undefined ? { ...members } : { ...members, x5c: [...x5c] };
    }),
  };
}
