/**
 * Asymmetric signing keys (ES256 on P-256, PS256 on RSA-2048): generated as PKCS#8 PEM files,
 * loaded into non-extractable WebCrypto keys, and identified by their RFC 7638 JWK thumbprint
 * so the `kid` is stable across restarts and machines.
 */

import {
  createPrivateKey,
  createPublicKey,
  generateKeyPair,
  type KeyObject,
  type webcrypto,
} from 'node:crypto';
import { calculateJwkThumbprint } from 'jose';
import { InternalError, StartupError } from '../errors/index.ts';
import type { JWK } from './jwk.ts';
import { createPrivateFile, readPrivateFile, readRequiredPrivateFile } from './key-files.ts';

/** The JWS algorithms this ACS signs with. */
export const signingAlgs = ['ES256', 'PS256'] as const;

/** One JWS algorithm this ACS signs with. */
export type SigningAlg = (typeof signingAlgs)[number];

/** A private key ready to sign (opaque, non-extractable) with its public JWK and kid. */
export type SigningKey = {
  readonly alg: SigningAlg;
  readonly kid: string;
  readonly privateKey: webcrypto.CryptoKey;
  /** Public members only (kty, crv/x/y or n/e), plus kid, alg and use. */
  readonly publicJwk: JWK;
};

const webCryptoParams = {
  ES256: { name: 'ECDSA', namedCurve: 'P-256' },
  PS256: { name: 'RSA-PSS', hash: 'SHA-256' },
} as const;

/** A fresh private key for `alg` as PKCS#8 PEM (P-256 for ES256, RSA-2048 for PS256). */
export function generatePrivateKeyPem(alg: SigningAlg): Promise<string> {
  const encoding = {
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  } as const;
  return new Promise((resolve, reject) => {
    const done = (error: Error | null, _publicKey: string, privateKey: string) =>
      error ? reject(error) : resolve(privateKey);
    if (alg === 'ES256') generateKeyPair('ec', { namedCurve: 'P-256', ...encoding }, done);
    else generateKeyPair('rsa', { modulusLength: 2048, ...encoding }, done);
  });
}

function checkKeyFits(key: KeyObject, alg: SigningAlg, what: string): void {
  const details = key.asymmetricKeyDetails;
  if (alg === 'ES256') {
    if (key.asymmetricKeyType !== 'ec' || details?.namedCurve !== 'prime256v1') {
      throw new StartupError('key_invalid', `${what} is not an EC P-256 private key (needed for ES256)`);
    }
    return;
  }
  if (key.asymmetricKeyType !== 'rsa' || (details?.modulusLength ?? 0) < 2048) {
    throw new StartupError(
      'key_invalid',
      `${what} is not an RSA private key of at least 2048 bits (needed for PS256)`,
    );
  }
}

/** The public members of a key (private or public) as a JWK; no private parameter can slip through. */
export function publicJwkOf(key: KeyObject): JWK {
  const exported = (key.type === 'public' ? key : createPublicKey(key)).export({ format: 'jwk' });
  if (exported.kty === 'EC') return { kty: 'EC', crv: exported.crv, x: exported.x, y: exported.y };
  if (exported.kty === 'RSA') return { kty: 'RSA', n: exported.n, e: exported.e };
  throw new InternalError('invariant_broken', 'unsupported public key type');
}

/** Parses a PKCS#8 PEM for `alg` into a SigningKey; `what` names the file in errors. */
export async function importSigningKey(pem: string, alg: SigningAlg, what: string): Promise<SigningKey> {
  let keyObject: KeyObject;
  try {
    keyObject = createPrivateKey({ key: pem, format: 'pem' });
  } catch (error) {
    throw new StartupError('key_invalid', `${what} is not an unencrypted PEM private key`, { cause: error });
  }
  checkKeyFits(keyObject, alg, what);
  const publicMembers = publicJwkOf(keyObject);
  const kid = await calculateJwkThumbprint(publicMembers, 'sha256');
  const der = keyObject.export({ type: 'pkcs8', format: 'der' });
  const privateKey = await globalThis.crypto.subtle.importKey('pkcs8', der, webCryptoParams[alg], false, [
    'sign',
  ]);
  der.fill(0);
  return Object.freeze({
    alg,
    kid,
    privateKey,
    publicJwk: Object.freeze({ ...publicMembers, kid, alg, use: 'sig' }),
  });
}

/**
 * Loads the key at `file`, generating it first when `create` is true and the file does not
 * exist. A configured path (`create` false) must exist.
 */
export async function loadOrCreateSigningKey(
  file: string,
  alg: SigningAlg,
  create: boolean,
  warnings: string[],
  what: string,
): Promise<SigningKey> {
  const label = `${what} (${file})`;
  if (!create) return importSigningKey(readRequiredPrivateFile(file, warnings, what), alg, label);
  const existing = readPrivateFile(file, warnings);
  if (existing !== undefined) return importSigningKey(existing, alg, label);
  createPrivateFile(file, await generatePrivateKeyPem(alg));
  return importSigningKey(readRequiredPrivateFile(file, warnings, what), alg, label);
}
