/**
 * The JSON Web Key type the rest of the project uses, so that only src/signing imports jose.
 */

import type { JWK as JoseJwk } from 'jose';

/** A JSON Web Key (RFC 7517) as jose types it. */
export type JWK = JoseJwk;

/** A JWK Set (RFC 7517 section 5). */
export type JwkSet = { keys: JWK[] };
