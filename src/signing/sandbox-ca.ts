/**
 * A sandbox certificate authority kept in the keys directory, and the certificates it issues.
 * The simulator runs two (the app channel's DS root CA, app-channel-pki.ts, and the sandbox TLS
 * CA, tls-sandbox-pki.ts); they serve different trust decisions and never sign for each other,
 * but they are made, checked and renewed the same way, here:
 *
 * - the CA: an EC P-256 key and a self-signed certificate (10 years, pathLen 0: it signs leaf
 *   certificates only, never another CA), created on first start. A certificate that does not
 *   match its key stops the start (an operator error); an expired one is reported.
 * - a leaf: issued by the CA for a key the caller holds, and on every start checked against that
 *   key, the CA, the clock and the names it must cover; one that no longer fits (expiring within
 *   30 days, CA or key replaced, a name missing) is re-issued with a warning.
 */

// @peculiar/x509 resolves its ASN.1 services through tsyringe, which needs the Reflect metadata API.
import 'reflect-metadata';
import {
  createPublicKey,
  type KeyObject,
  X509Certificate as NodeX509Certificate,
  randomBytes,
} from 'node:crypto';
import { isIP } from 'node:net';
import path from 'node:path';
import * as x509 from '@peculiar/x509';
import { StartupError } from '../errors/index.ts';
import {
  createPrivateFile,
  readPrivateFile,
  readRequiredPrivateFile,
  replacePrivateFile,
} from './key-files.ts';
import { loadOrCreateSigningKey, type SigningKey } from './signing-key.ts';

/** A loaded CA: its signing key and its certificate (parsed and as PEM, to publish). */
export type SandboxCa = Readonly<{ key: SigningKey; certificate: NodeX509Certificate; pem: string }>;

/** Which CA: its files (`<fileStem>.key.pem`, `.crt.pem`), its name in messages and its common name. */
export type CaNames = Readonly<{ fileStem: string; what: string; commonName: string }>;

/** The app channel's DS root CA: SDK testers install it as their DS CA. */
export const dsRootCa: CaNames = {
  fileStem: 'ds-root-ca',
  what: 'DS root CA',
  commonName: 'ACS Simulator Sandbox DS Root CA',
};

/** The sandbox TLS CA (ACS_TLS_SANDBOX_CERT): testers trust it in a browser or 3DS Server. */
export const tlsSandboxCa: CaNames = {
  fileStem: 'tls-sandbox-ca',
  what: 'sandbox TLS CA',
  commonName: 'ACS Simulator Sandbox TLS Root CA',
};

/** What a leaf certificate says about its key. */
export type LeafProfile = Readonly<{
  /** The subject's common name. */
  commonName: string;
  /** The subject's organisational unit: what the key is for. */
  unit: string;
  /** subjectAltName entries: host names, or IP addresses. */
  altNames: readonly string[];
  notAfter: Date;
  /** Adds extendedKeyUsage serverAuth (a TLS server certificate). */
  serverAuth: boolean;
  /** Names an existing certificate must cover to be kept (checked on load). */
  requiredNames: readonly string[];
}>;

/** A leaf certificate's file and the key it certifies. */
export type LeafFile = Readonly<{
  certFile: string;
  /** Names the certificate in messages, e.g. "ACS content-signing certificate". */
  what: string;
  subjectKey: KeyObject;
}>;

const organisation = 'ACS Simulator Sandbox';
const caValidityYears = 10;
const renewWithinMs = 30 * 24 * 60 * 60 * 1000;
/** Certificates start a little in the past so a machine whose clock lags still accepts them. */
const backdateMs = 5 * 60 * 1000;
const ecdsaSha256 = { name: 'ECDSA', hash: 'SHA-256' } as const;

/** `date` moved on by whole calendar years (UTC). */
export function addYears(date: Date, years: number): Date {
  const result = new Date(date.getTime());
  result.setUTCFullYear(result.getUTCFullYear() + years);
  return result;
}

/** The public key of a signing key. */
export function publicKeyOf(key: SigningKey): KeyObject {
  return createPublicKey({ key: key.publicJwk, format: 'jwk' });
}

/** A positive 128-bit serial number whose DER encoding needs no leading zero byte. */
function serialNumber(): string {
  const bytes = randomBytes(16);
  bytes[0] = ((bytes[0] ?? 0) & 0x7f) | 0x01;
  return bytes.toString('hex');
}

function spkiOf(key: KeyObject): Buffer {
  return key.export({ type: 'spki', format: 'der' });
}

function parseCertificate(pem: string, what: string): NodeX509Certificate {
  try {
    return new NodeX509Certificate(pem);
  } catch (cause) {
    throw new StartupError('certificate_invalid', `${what} is not a PEM X.509 certificate`, { cause });
  }
}

async function createCaCertificate(caKey: SigningKey, commonName: string, now: Date): Promise<string> {
  const spki = spkiOf(publicKeyOf(caKey));
  const name: Record<string, string[]>[] = [{ CN: [commonName] }, { O: [organisation] }];
  const certificate = await x509.X509CertificateGenerator.create(
    {
      serialNumber: serialNumber(),
      subject: name,
      issuer: name,
      notBefore: new Date(now.getTime() - backdateMs),
      notAfter: addYears(now, caValidityYears),
      signingAlgorithm: ecdsaSha256,
      publicKey: spki,
      signingKey: caKey.privateKey,
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

/** Loads the CA named by `names` from `keysDir`, creating its key and certificate when missing. */
export async function loadOrCreateCa(
  keysDir: string,
  names: CaNames,
  now: Date,
  warnings: string[],
): Promise<SandboxCa> {
  const keyFile = path.join(keysDir, `${names.fileStem}.key.pem`);
  const certFile = path.join(keysDir, `${names.fileStem}.crt.pem`);
  const key = await loadOrCreateSigningKey(keyFile, 'ES256', true, warnings, `${names.what} key`);
  if (readPrivateFile(certFile, warnings) === undefined) {
    createPrivateFile(certFile, await createCaCertificate(key, names.commonName, now));
  }
  const pem = readRequiredPrivateFile(certFile, warnings, `${names.what} certificate`);
  const certificate = parseCertificate(pem, `${names.what} certificate (${certFile})`);
  if (!certificate.publicKey.equals(publicKeyOf(key)) || !certificate.verify(certificate.publicKey)) {
    throw new StartupError(
      'certificate_invalid',
      `${names.what} certificate (${certFile}) does not match its key (${keyFile}); remove both to create a new CA`,
    );
  }
  if (new Date(certificate.validTo).getTime() <= now.getTime()) {
    warnings.push(
      `${names.what} certificate (${certFile}) has expired; remove the ${names.fileStem} files to create a new CA`,
    );
  }
  return Object.freeze({ key, certificate, pem });
}

async function issueLeafCertificate(
  ca: SandboxCa,
  subjectKey: KeyObject,
  profile: LeafProfile,
  now: Date,
): Promise<string> {
  const spki = spkiOf(subjectKey);
  const certificate = await x509.X509CertificateGenerator.create(
    {
      serialNumber: serialNumber(),
      subject: [{ CN: [profile.commonName] }, { O: [organisation] }, { OU: [profile.unit] }],
      issuer: new x509.X509Certificate(ca.certificate.raw).subjectName,
      notBefore: new Date(now.getTime() - backdateMs),
      notAfter: profile.notAfter,
      signingAlgorithm: ecdsaSha256,
      publicKey: spki,
      signingKey: ca.key.privateKey,
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
        ...(profile.serverAuth
          ? [new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth], false)]
          : []),
        await x509.SubjectKeyIdentifierExtension.create(spki, false, globalThis.crypto),
        await x509.AuthorityKeyIdentifierExtension.create(
          spkiOf(publicKeyOf(ca.key)),
          false,
          globalThis.crypto,
        ),
        new x509.SubjectAlternativeNameExtension(
          profile.altNames.map((name) => ({
            type: isIP(name) === 0 ? ('dns' as const) : ('ip' as const),
            value: name,
          })),
          false,
        ),
      ],
    },
    globalThis.crypto,
  );
  return certificate.toString('pem');
}

/** Why an existing leaf certificate must be replaced, or undefined when it is fine. */
function leafProblem(
  certificate: NodeX509Certificate,
  subjectKey: KeyObject,
  ca: SandboxCa,
  requiredNames: readonly string[],
  now: Date,
): string | undefined {
  if (!certificate.publicKey.equals(subjectKey)) return 'does not match its key';
  if (!certificate.checkIssued(ca.certificate) || !certificate.verify(ca.certificate.publicKey))
    return 'was not issued by the CA';
  if (new Date(certificate.validTo).getTime() - now.getTime() < renewWithinMs)
    return 'expires within 30 days';
  const missing = requiredNames.filter((name) =>
    isIP(name) === 0 ? certificate.checkHost(name) === undefined : certificate.checkIP(name) === undefined,
  );
  if (missing.length > 0) return `does not name ${missing.join(', ')}`;
  return undefined;
}

/**
 * The leaf certificate in `leaf.certFile` (PEM): issued by `ca` when the file is missing, and
 * issued again (with a warning) when the one there no longer fits its key, the CA, the clock or
 * the profile's required names.
 */
export async function loadOrIssueLeaf(
  ca: SandboxCa,
  leaf: LeafFile,
  profile: LeafProfile,
  now: Date,
  warnings: string[],
): Promise<string> {
  const { certFile, what, subjectKey } = leaf;
  if (readPrivateFile(certFile, warnings) === undefined) {
    createPrivateFile(certFile, await issueLeafCertificate(ca, subjectKey, profile, now));
  }
  const pem = readRequiredPrivateFile(certFile, warnings, what);
  const certificate = parseCertificate(pem, `${what} (${certFile})`);
  const problem = leafProblem(certificate, subjectKey, ca, profile.requiredNames, now);
  if (problem === undefined) return pem;
  const renewed = await issueLeafCertificate(ca, subjectKey, profile, now);
  replacePrivateFile(certFile, renewed);
  warnings.push(`${what} (${certFile}) ${problem}; issued a new one`);
  return renewed;
}
