/**
 * The app channel's small PKI (EMV 3DS: acsSignedContent carries an `x5c` chain that the SDK
 * validates up to the DS's CA). The simulator plays the DS too, so on first start it creates a
 * sandbox "DS root CA" (EC P-256, self-signed, 10 years) and issues the ACS's content-signing
 * certificate from it (RSA-2048 for PS256 or P-256 for ES256, 2 years). SDK testers install the
 * exported root CA as their DS CA.
 *
 * On every start the ACS certificate is checked against its key, its issuer and the clock; one
 * that no longer fits (expiring within 30 days, root or key replaced) is re-issued with a
 * warning. A root CA that does not match its key is an operator error and stops the start. How
 * a CA and its certificates are made and checked is shared with the sandbox TLS PKI
 * (sandbox-ca.ts).
 */

import { X509Certificate } from 'node:crypto';
import path from 'node:path';
import { addYears, dsRootCa, loadOrCreateCa, loadOrIssueLeaf, publicKeyOf } from './sandbox-ca.ts';
import { loadOrCreateSigningKey, type SigningAlg, type SigningKey } from './signing-key.ts';

/** The loaded app-channel PKI: the ACS content-signing key and its chain. */
export type AppChannelPki = {
  /** The sandbox DS root CA certificate (PEM), to publish for SDK testers. */
  readonly rootCaPem: string;
  /** The ACS content-signing certificate (PEM). */
  readonly acsCertificatePem: string;
  /** `x5c` value: base64 DER of [ACS certificate, root CA] (RFC 7515 section 4.1.6). */
  readonly x5c: readonly string[];
  /** The key that signs acsSignedContent (its publicJwk carries the x5c too). */
  readonly signingKey: SigningKey;
};

/** What loading the PKI needs. */
export type AppChannelPkiOptions = {
  keysDir: string;
  alg: SigningAlg;
  now: Date;
  /** The ACS's public base URL; its host names the ACS certificate. */
  publicUrl: string | undefined;
  warnings: string[];
};

const acsValidityYears = 2;

function hostOf(publicUrl: string | undefined): string {
  if (publicUrl === undefined) return 'localhost';
  try {
    return new URL(publicUrl).hostname.replace(/^\[|\]$/g, '') || 'localhost';
  } catch {
    return 'localhost';
  }
}

/** Loads the DS root CA and the ACS content-signing key and certificate, creating what is missing. */
export async function loadOrCreateAppChannelPki(options: AppChannelPkiOptions): Promise<AppChannelPki> {
  const { keysDir, alg, now, warnings } = options;
  const root = await loadOrCreateCa(keysDir, dsRootCa, now, warnings);

  const name = `acs-content-${alg.toLowerCase()}`;
  const acsKey = await loadOrCreateSigningKey(
    path.join(keysDir, `${name}.key.pem`),
    alg,
    true,
    warnings,
    'ACS content-signing key',
  );
  const host = hostOf(options.publicUrl);
  const acsCertificatePem = await loadOrIssueLeaf(
    root,
    {
      certFile: path.join(keysDir, `${name}.crt.pem`),
      what: 'ACS content-signing certificate',
      subjectKey: publicKeyOf(acsKey),
    },
    {
      commonName: host,
      unit: 'ACS content signing',
      altNames: [host],
      notAfter: addYears(now, acsValidityYears),
      serverAuth: false,
      // The SDK validates the chain, not the host: a moved ACS_PUBLIC_URL keeps the certificate.
      requiredNames: [],
    },
    now,
    warnings,
  );

  const x5c = Object.freeze([
    new X509Certificate(acsCertificatePem).raw.toString('base64'),
    root.certificate.raw.toString('base64'),
  ]);
  const signingKey: SigningKey = Object.freeze({
    ...acsKey,
    publicJwk: Object.freeze({ ...acsKey.publicJwk, x5c: [...x5c] }),
  });
  return Object.freeze({ rootCaPem: root.pem, acsCertificatePem, x5c, signingKey });
}
