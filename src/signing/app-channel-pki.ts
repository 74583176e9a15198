/**
 * The app channel's small PKI (EMV 3DS: acsSignedContent carries an `x5c` chain that the SDK
 * validates up to the DS's CA). The simulator plays the DS too, so on first start it creates a
 * sandbox "DS root CA" (EC P-256, self-signed, 10 years) and issues the ACS's content-signing
 * certificate from it (RSA-2048 for PS256 or P-256 for ES256, 2 years). SDK testers install the
 * exported root CA as their DS CA.
 *
 * On every start the ACS certificate is checked against its key, its issuer and the clock; one
 * that no longer fits (expiring within 30 days, root or key replaced) is re-issued with a
 * warning. A root CA that does not match its key is an operator error and stops the start.
 */

// @peculiar/x509 resolves its ASN.1 services through tsyringe, which needs the Reflect metadata API.
import 'reflect-metadata';
import { createPublicKey, X509Certificate as NodeX509Certificate, randomBytes } from 'node:crypto';
import path from 'node:path';
import * as x509 from '@peculiar/x509';
import {
  createPrivateFile,
  readPrivateFile,
  readRequiredPrivateFile,
  replacePrivateFile,
} from './key-files.ts';
import { loadOrCreateSigningKey, publicJwkOf, type SigningAlg, type SigningKey } from './signing-key.ts';

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

const organisation = 'ACS Simulator Sandbox';
const rootValidityYears = 10;
const acsValidityYears = 2;
const renewWithinMs = 30 * 24 * 60 * 60 * 1000;
/** Certificates start a little in the past so a device whose clock lags still accepts them. */
const backdateMs = 5 * 60 * 1000;
const ecdsaSha256 = { name: 'ECDSA', hash: 'SHA-256' } as const;

function addYears(date: Date, years: number): Date {
  const result = new Date(date.getTime());
  result.setUTCFullYear(result.getUTCFullYear() + years);
  return result;
}

/** A positive 128-bit serial number whose DER encoding needs no leading zero byte. */
function serialNumber(): string {
  const bytes = randomBytes(16);
  bytes[0] = ((bytes[0] ?? 0) & 0x7f) | 0x01;
  return bytes.toString('hex');
}

function spkiOf(key: SigningKey): Buffer {
  return createPublicKey({ key: key.publicJwk, format: 'jwk' }).export({ type: 'spki', format: 'der' });
}

function hostOf(publicUrl: string | undefined): string {
  if (publicUrl === undefined) return 'localhost';
  try {
    return new URL(publicUrl).hostname.replace(/^\[|\]$/g, '') || 'localhost';
  } catch {
    return 'localhost';
  }
}

async function createRootCertificate(rootKey: SigningKey, now: Date): Promise<string> {
  const spki = spkiOf(rootKey);
  const name: Record<string, string[]>[] = [{ CN: [`${organisation} DS Root CA`] }, { O: [organisation] }];
  const certificate = await x509.X509CertificateGenerator.create(
    {
      serialNumber: serialNumber(),
      subject: name,
      issuer: name,
      notBefore: new Date(now.getTime() - backdateMs),
      notAfter: addYears(now, rootValidityYears),
      signingAlgorithm: ecdsaSha256,
      publicKey: spki,
      signingKey: rootKey.privateKey,
      extensions: [
        new x509.BasicConstraintsExtension(true, 0, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
        await x509.SubjectKeyIdentifierExtension.create(spki, false, globalThis.crypto),
      ],
    },
    globalThis.crypto,
  );
  return certificate.toString('pem');
}

async function issueAcsCertificate(
  rootKey: SigningKey,
  root: NodeX509Certificate,
  acsKey: SigningKey,
  host: string,
  now: Date,
): Promise<string> {
  const spki = spkiOf(acsKey);
  const isIp = /^[0-9.]+$/.test(host) || host.includes(':');
  const acsSubject: Record<string, string[]>[] = [
    { CN: [host] },
    { O: [organisation] },
    { OU: ['ACS content signing'] },
  ];
  const certificate = await x509.X509CertificateGenerator.create(
    {
      serialNumber: serialNumber(),
      subject: acsSubject,
      issuer: new x509.X509Certificate(root.raw).subjectName,
      notBefore: new Date(now.getTime() - backdateMs),
      notAfter: addYears(now, acsValidityYears),
      signingAlgorithm: ecdsaSha256,
      publicKey: spki,
      signingKey: rootKey.privateKey,
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
        await x509.SubjectKeyIdentifierExtension.create(spki, false, globalThis.crypto),
        await x509.AuthorityKeyIdentifierExtension.create(spkiOf(rootKey), false, globalThis.crypto),
        new x509.SubjectAlternativeNameExtension([{ type: isIp ? 'ip' : 'dns', value: host }], false),
      ],
    },
    globalThis.crypto,
  );
  return certificate.toString('pem');
}

function parseCertificate(pem: string, what: string): NodeX509Certificate {
  try {
    return new NodeX509Certificate(pem);
  } catch {
    throw new Error(`${what} is not a PEM X.509 certificate`);
  }
}

function certifiesKey(certificate: NodeX509Certificate, key: SigningKey): boolean {
  const jwk = publicJwkOf(certificate.publicKey);
  const expected = key.publicJwk;
  return jwk.kty === expected.kty && jwk.x === expected.x && jwk.y === expected.y && jwk.n === expected.n;
}

/** Why an existing ACS certificate must be replaced, or undefined when it is fine. */
function acsCertificateProblem(
  certificate: NodeX509Certificate,
  acsKey: SigningKey,
  root: NodeX509Certificate,
  now: Date,
): string | undefined {
  if (!certifiesKey(certificate, acsKey)) return 'does not match its key';
  if (!certificate.checkIssued(root) || !certificate.verify(root.publicKey))
    return 'was not issued by the root CA';
  if (new Date(certificate.validTo).getTime() - now.getTime() < renewWithinMs)
    return 'expires within 30 days';
  return undefined;
}

async function loadRoot(keysDir: string, now: Date, warnings: string[]) {
  const keyFile = path.join(keysDir, 'ds-root-ca.key.pem');
  const certFile = path.join(keysDir, 'ds-root-ca.crt.pem');
  const rootKey = await loadOrCreateSigningKey(keyFile, 'ES256', true, warnings, 'DS root CA key');
  if (readPrivateFile(certFile, warnings) === undefined) {
    createPrivateFile(certFile, await createRootCertificate(rootKey, now));
  }
  const pem = readRequiredPrivateFile(certFile, warnings, 'DS root CA certificate');
  const root = parseCertificate(pem, `DS root CA certificate (${certFile})`);
  if (!certifiesKey(root, rootKey) || !root.verify(root.publicKey)) {
    throw new Error(
      `DS root CA certificate (${certFile}) does not match its key (${keyFile}); remove both to create a new CA`,
    );
  }
  if (new Date(root.validTo).getTime() <= now.getTime()) {
    warnings.push(
      `DS root CA certificate (${certFile}) has expired; remove the ds-root-ca files to create a new CA`,
    );
  }
  return { rootKey, root, pem };
}

/** Loads the DS root CA and the ACS content-signing key and certificate, creating what is missing. */
export async function loadOrCreateAppChannelPki(options: AppChannelPkiOptions): Promise<AppChannelPki> {
  const { keysDir, alg, now, warnings } = options;
  const { rootKey, root, pem: rootCaPem } = await loadRoot(keysDir, now, warnings);

  const name = `acs-content-${alg.toLowerCase()}`;
  const keyFile = path.join(keysDir, `${name}.key.pem`);
  const certFile = path.join(keysDir, `${name}.crt.pem`);
  const acsKey = await loadOrCreateSigningKey(keyFile, alg, true, warnings, 'ACS content-signing key');
  const host = hostOf(options.publicUrl);

  if (readPrivateFile(certFile, warnings) === undefined) {
    createPrivateFile(certFile, await issueAcsCertificate(rootKey, root, acsKey, host, now));
  }
  let acsCertificatePem = readRequiredPrivateFile(certFile, warnings, 'ACS content-signing certificate');
  const problem = acsCertificateProblem(
    parseCertificate(acsCertificatePem, `ACS content-signing certificate (${certFile})`),
    acsKey,
    root,
    now,
  );
  if (problem !== undefined) {
    acsCertificatePem = await issueAcsCertificate(rootKey, root, acsKey, host, now);
    replacePrivateFile(certFile, acsCertificatePem);
    warnings.push(`ACS content-signing certificate (${certFile}) ${problem}; issued a new one`);
  }

  const x5c = Object.freeze([
    parseCertificate(acsCertificatePem, certFile).raw.toString('base64'),
    root.raw.toString('base64'),
  ]);
  const signingKey: SigningKey = Object.freeze({
    ...acsKey,
    publicJwk: Object.freeze({ ...acsKey.publicJwk, x5c: [...x5c] }),
  });
  return Object.freeze({ rootCaPem, acsCertificatePem, x5c, signingKey });
}
