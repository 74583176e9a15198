/**
 * The certificate and key the ACS's own TLS listener serves (ACS_TLS_*): an operator's PEM
 * files, or the sandbox TLS PKI's server certificate. Loaded with the other keys; the private
 * key stays in the key material (key-material.ts) and only the composition root asks for it,
 * to hand it to node:https.
 */
import { createPrivateKey, X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import { isIP } from 'node:net';
import { StartupError } from '../errors/index.ts';
import { readRequiredPrivateFile } from './key-files.ts';
import { keyMaterial } from './key-material.ts';
import type { AcsKeys } from './keys.ts';

/** What node:https needs: the certificate chain and its private key, both PEM. */
export type TlsCredentials = Readonly<{ certificatePem: string; keyPem: string }>;

/** Where the TLS certificate comes from (the config's `tls` slice). */
export type TlsSource =
  | Readonly<{ source: 'files'; certPath: string; keyPath: string }>
  | Readonly<{ source: 'sandbox' }>
  | undefined;

/**
 * Reads an operator's certificate (chain) and key, checking that they are PEM and belong
 * together; warns when the certificate does not name the public URL's host.
 */
export function loadTlsFiles(
  files: Readonly<{ certPath: string; keyPath: string }>,
  publicUrl: string,
  warnings: string[],
): TlsCredentials {
  let certificatePem: string;
  try {
    certificatePem = fs.readFileSync(files.certPath, 'utf8');
  } catch (error) {
    throw new StartupError(
      'tls_files_invalid',
      `TLS certificate not readable at configured path ${files.certPath}`,
      {
        cause: error,
      },
    );
  }
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(certificatePem);
  } catch (error) {
    throw new StartupError(
      'tls_files_invalid',
      `TLS certificate (${files.certPath}) is not a PEM X.509 certificate`,
      {
        cause: error,
      },
    );
  }
  const keyPem = readRequiredPrivateFile(files.keyPath, warnings, 'TLS key');
  let key: ReturnType<typeof createPrivateKey>;
  try {
    key = createPrivateKey({ key: keyPem, format: 'pem' });
  } catch (error) {
    throw new StartupError(
      'tls_files_invalid',
      `TLS key (${files.keyPath}) is not an unencrypted PEM private key`,
      {
        cause: error,
      },
    );
  }
  if (!certificate.checkPrivateKey(key)) {
    throw new StartupError(
      'tls_files_invalid',
      `TLS key (${files.keyPath}) does not belong to the certificate (${files.certPath})`,
    );
  }
  const host = new URL(publicUrl).hostname.replace(/^\[|\]$/g, '');
  const named = isIP(host) === 0 ? certificate.checkHost(host) : certificate.checkIP(host);
  if (named === undefined) {
    warnings.push(`TLS certificate (${files.certPath}) does not name ${host}, the host of ACS_PUBLIC_URL`);
  }
  if (new Date(certificate.validTo).getTime() <= Date.now()) {
    warnings.push(`TLS certificate (${files.certPath}) has expired`);
  }
  return Object.freeze({ certificatePem, keyPem });
}

/** The TLS listener's certificate and key, or undefined when the ACS serves plain HTTP. */
export function tlsCredentials(keys: AcsKeys): TlsCredentials | undefined {
  return keyMaterial(keys).tls;
}
