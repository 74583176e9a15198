/**
 * The ACS's key material, created on first start or loaded (docs/security.md): the result
 * JWS keys (ES256 and PS256, both published), the symmetric secrets, and the app channel's
 * DS root CA and ACS content-signing certificate.
 *
 * Layout under `keysDir` (directory 0700, files 0600):
 *   secrets.json                      symmetric secrets (or ACS_SECRETS_FILE)
 *   result-es256.key.pem              result signing key, P-256 (PKCS#8)
 *   result-ps256.key.pem              result signing key, RSA-2048 (PKCS#8)
 *                                     (the configured alg's key may come from ACS_RESULT_SIGNING_KEY_PATH)
 *   ds-root-ca.key.pem, .crt.pem      sandbox DS root CA (P-256, 10 years)
 *   acs-content-<alg>.key.pem, .crt.pem  ACS content-signing key and certificate (2 years)
 *   tls-sandbox-ca.key.pem, .crt.pem  sandbox TLS root CA (P-256, 10 years; ACS_TLS_SANDBOX_CERT only)
 *   tls-server.key.pem, .crt.pem      TLS server key and certificate it signs (397 days; same)
 *
 * Files found group/world accessible are tightened to 0600 and reported in `warnings` (this
 * module does not log; the composition root does). Operator-configured paths must exist.
 */

import path from 'node:path';
import { type InspectOptions, inspect } from 'node:util';
import { loadOrCreateAppChannelPki } from './app-channel-pki.ts';
import { ensurePrivateDir } from './key-files.ts';
import { attachKeyMaterial } from './key-material.ts';
import { loadOrCreateSigningKey, type SigningAlg, type SigningKey, signingAlgs } from './signing-key.ts';
import { loadOrCreateSecrets } from './symmetric-secrets.ts';
import { loadTlsFiles, type TlsCredentials, type TlsSource } from './tls-credentials.ts';
import { loadOrCreateSandboxTls } from './tls-sandbox-pki.ts';

/** What the rest of the ACS holds: public facts only; private keys stay in src/signing. */
export type AcsKeys = {
  /** The alg of result JWSs (`/3ds/transactions/:id/result`). */
  readonly resultSigningAlg: SigningAlg;
  /** The kid of the key that signs results. */
  readonly resultKid: string;
  /** The alg of acsSignedContent (app channel). */
  readonly acsContentSigningAlg: SigningAlg;
  /** The sandbox DS root CA certificate (PEM), published for SDK testers. */
  readonly dsRootCaPem: string;
  /** The ACS content-signing certificate (PEM). */
  readonly acsCertificatePem: string;
  /** The sandbox TLS root CA certificate (PEM) when ACS_TLS_SANDBOX_CERT is on, for testers to trust. */
  readonly tlsSandboxCaPem: string | undefined;
  /** Problems fixed or found while loading (e.g. a file mode tightened), for the caller to log. */
  readonly warnings: readonly string[];
  /** The clock used for `iat` and certificate checks. */
  readonly now: () => Date;
  /** A short JSON view for logs: kids and algs; PEMs abbreviated; no secrets (none are on this object). */
  toJSON(): Record<string, unknown>;
};

/** Options of loadOrCreateKeys (a slice of the validated config). */
export type LoadKeysOptions = {
  keysDir: string;
  resultSigningAlg: SigningAlg;
  /** acsSignedContent alg; PS256 unless configured. */
  acsContentSigningAlg?: SigningAlg;
  /** Operator-provisioned files; when given they must exist and are never created. */
  paths?: { resultSigningKey?: string | undefined; secretsFile?: string | undefined };
  now?: () => Date;
  /** ACS_PUBLIC_URL: its host names the ACS content-signing certificate. */
  publicUrl?: string;
  /** The TLS listener's certificate: an operator's files, or the sandbox TLS PKI (created here). */
  tls?: TlsSource;
};

async function loadTls(
  options: LoadKeysOptions,
  now: Date,
  warnings: string[],
): Promise<{ credentials: TlsCredentials | undefined; sandboxCaPem: string | undefined }> {
  const tls = options.tls;
  const publicUrl = options.publicUrl ?? 'https://localhost:8080';
  if (tls === undefined) return { credentials: undefined, sandboxCaPem: undefined };
  if (tls.source === 'files') {
    return { credentials: loadTlsFiles(tls, publicUrl, warnings), sandboxCaPem: undefined };
  }
  const sandbox = await loadOrCreateSandboxTls({ keysDir: options.keysDir, publicUrl, now, warnings });
  return {
    credentials: { certificatePem: sandbox.certificatePem, keyPem: sandbox.keyPem },
    sandboxCaPem: sandbox.caPem,
  };
}

function resultKeyFile(keysDir: string, alg: SigningAlg): string {
  return path.join(keysDir, `result-${alg.toLowerCase()}.key.pem`);
}

async function loadResultKey(
  options: LoadKeysOptions,
  alg: SigningAlg,
  warnings: string[],
): Promise<SigningKey> {
  const configured = alg === options.resultSigningAlg ? options.paths?.resultSigningKey : undefined;
  if (configured !== undefined) {
    return loadOrCreateSigningKey(configured, alg, false, warnings, `result signing key (${alg})`);
  }
  return loadOrCreateSigningKey(
    resultKeyFile(options.keysDir, alg),
    alg,
    true,
    warnings,
    `result signing key (${alg})`,
  );
}

/** Loads the ACS's keys from `keysDir` (and configured paths), creating whatever is missing. */
export async function loadOrCreateKeys(options: LoadKeysOptions): Promise<AcsKeys> {
  const warnings: string[] = [];
  const now = options.now ?? (() => new Date());
  const acsContentSigningAlg = options.acsContentSigningAlg ?? 'PS256';
  ensurePrivateDir(options.keysDir, warnings);

  const secretsFile = options.paths?.secretsFile;
  const secrets = loadOrCreateSecrets(
    secretsFile ?? path.join(options.keysDir, 'secrets.json'),
    secretsFile === undefined,
    warnings,
  );
  const [es256, ps256, pki, tls] = await Promise.all([
    loadResultKey(options, 'ES256', warnings),
    loadResultKey(options, 'PS256', warnings),
    loadOrCreateAppChannelPki({
      keysDir: options.keysDir,
      alg: acsContentSigningAlg,
      now: now(),
      publicUrl: options.publicUrl,
      warnings,
    }),
    loadTls(options, now(), warnings),
  ]);
  const resultKeys = { ES256: es256, PS256: ps256 } as const;

  const publicView = {
    resultSigningAlg: options.resultSigningAlg,
    resultKid: resultKeys[options.resultSigningAlg].kid,
    acsContentSigningAlg,
    dsRootCaPem: pki.rootCaPem,
    acsCertificatePem: pki.acsCertificatePem,
    tlsSandboxCaPem: tls.sandboxCaPem,
    warnings: Object.freeze([...warnings]),
  };
  const description = {
    ...publicView,
    dsRootCaPem: `[certificate PEM, ${pki.rootCaPem.length} characters]`,
    acsCertificatePem: `[certificate PEM, ${pki.acsCertificatePem.length} characters]`,
    kids: Object.fromEntries(signingAlgs.map((alg) => [alg, resultKeys[alg].kid])),
    tlsSandboxCaPem:
      tls.sandboxCaPem === undefined ? undefined : `[certificate PEM, ${tls.sandboxCaPem.length} characters]`,
    tls: tls.credentials === undefined ? 'off' : 'on',
    acsContentKid: pki.signingKey.kid,
    secrets: '[redacted]',
  };
  const keys: AcsKeys = {
    ...publicView,
    now,
    toJSON: () => ({ ...description }),
  };
  Object.defineProperty(keys, inspect.custom, {
    value: (_depth: number, inspectOptions: InspectOptions) =>
      `AcsKeys ${inspect(description, inspectOptions)}`,
  });
  Object.freeze(keys);
  attachKeyMaterial(keys, { secrets, resultKeys, acsContentKey: pki.signingKey, tls: tls.credentials });
  return keys;
}
