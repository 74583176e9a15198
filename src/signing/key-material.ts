/**
 * Where the secret half of AcsKeys lives: a module-private WeakMap from the public AcsKeys
 * object to its key material. The AcsKeys object itself therefore holds nothing secret, so no
 * JSON.stringify, util.inspect, spread or structured clone of it can leak a key. Only modules
 * in src/signing call `keyMaterial`.
 */

import type { KeyObject } from 'node:crypto';
import { InternalError } from '../errors/index.ts';
import type { AcsKeys } from './keys.ts';
import type { SigningAlg, SigningKey } from './signing-key.ts';
import type { SymmetricSecrets } from './symmetric-secrets.ts';
import type { TlsCredentials } from './tls-credentials.ts';

/** The private and secret keys behind one AcsKeys (all opaque CryptoKey / KeyObject values). */
export type KeyMaterial = {
  readonly secrets: SymmetricSecrets;
  /** Both result-signing keys; AcsKeys.resultSigningAlg picks the one in use. */
  readonly resultKeys: Readonly<Record<SigningAlg, SigningKey>>;
  /** The key certified by the ACS content-signing certificate. */
  readonly acsContentKey: SigningKey;
  /** The TLS listener's certificate and key (PEM), when the ACS serves TLS itself. */
  readonly tls?: TlsCredentials | undefined;
};

const materials = new WeakMap<AcsKeys, KeyMaterial>();

/** Binds key material to a freshly built AcsKeys (once). */
export function attachKeyMaterial(keys: AcsKeys, material: KeyMaterial): void {
  if (materials.has(keys)) throw new InternalError('invariant_broken', 'key material is already attached');
  materials.set(keys, Object.freeze(material));
}

/** The key material of an AcsKeys made by loadOrCreateKeys. */
export function keyMaterial(keys: AcsKeys): KeyMaterial {
  const material = materials.get(keys);
  if (material === undefined)
    throw new InternalError('invariant_broken', 'AcsKeys was not created by loadOrCreateKeys');
  return material;
}

/** One symmetric secret, by name. */
export function secretKey(keys: AcsKeys, name: keyof SymmetricSecrets): KeyObject {
  return keyMaterial(keys).secrets[name];
}
