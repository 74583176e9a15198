/**
 * The sandbox TLS PKI (ACS_TLS_SANDBOX_CERT): on first start a sandbox TLS root CA (EC P-256,
 * self-signed, 10 years) and a server certificate it signs (EC P-256, 397 days, serverAuth) for
 * localhost, 127.0.0.1, ::1 and the host of ACS_PUBLIC_URL, so a tester trusts one CA (the
 * console's keys page offers it) and runs the ACS on https://localhost in one step. The same
 * approach as the app channel's DS root CA (app-channel-pki.ts), in files of its own: the two
 * CAs serve different trust decisions and are never interchangeable.
 *
 * On every start the server certificate is checked against its key, the CA, the clock and the
 * hosts it must name; one that no longer fits is re-issued with a warning (e.g. after
 * ACS_PUBLIC_URL moved to another host). 397 days: the longest leaf lifetime browsers accept.
 */

// @peculiar/x509 resolves its ASN.1 services through tsyringe, which needs the Reflect metadata API.
import 'reflect-metadata';
import { createPublicKey, X509Certificate as NodeX509Certificate, randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import path from 'node:path';
import * as x509 from '@peculiar/x509';
import {
  createPrivateFile,
  readPrivateFile,
  readRequiredPrivateFile,
  replacePrivateFile,
} from './key-files.ts';
import {
  generatePrivateKeyPem,
  loadOrCreateSigningKey,
  publicJwkOf,
  type SigningKey,
} from './signing-key.ts';

/** The sandbox TLS material: the CA to publish, and the server's certificate and key for node:https. */
export type SandboxTls = Readonly<{
  /** The sandbox TLS root CA certificate (PEM): what testers trust. */
  caPem: string;
  /** The server certificate (PEM). */
  certificatePem: string;
  /** The server's private key (PKCS#8 PEM); only for the TLS listener. */
  keyPem: string;
  /** The names the server certificate covers. */
  hosts: readonly string[];
}>;

/** What loading the sandbox TLS PKI needs. */
export type SandboxTlsOptions = {
  keysDir: string;
  /** ACS_PUBLIC_URL: its host is named by the server certificate. */
  publicUrl: string;
  now: Date;
  warnings: string[];
};

const organisation = 'ACS Simulator Sandbox';
const caValidityYears = 10;
const serverValidityDays = 397;
const renewWithinMs = 30 * 24 * 60 * 60 * 1000;
/** Certificates start a little in the past so a machine whose clock lags still accepts them. */
const backdateMs = 5 * 60 * 1000;
const ecdsaSha256 = { name: 'ECDSA', hash: 'SHA-256' } as const;
/** The names every sandbox server certificate covers: what "localhost" resolves to. */
const loopbackNames = ['localhost', '127.0.0.1', '::1'] as const;

/** The hosts the server certificate must name: loopback plus the public URL's host. */
export function sandboxTlsHosts(publicUrl: string): readonly string[] {
  const host = new URL(publicUrl).hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return [...new Set<string>([...loopbackNames, ...(host === '' ? [] : [host])])];
}

/** A positive 128-bit serial number whose DER encoding needs no leading zero byte. */
function serialNumber(): string {
  const bytes = randomBytes(16);
  bytes[0] = ((bytes[0] ?? 0) & 0x7f) | 0x01;
  return bytes.toString('hex');
}

function spkiOfJwk(key: SigningKey): Buffer {
  return createPublicKey({ key: key.publicJwk, format: 'jwk' }).export({ type: 'spki', format: 'der' });
}

function parseCertificate(pem: string, what: string): NodeX509Certificate {
  try {
    return new NodeX509Certificate(pem);
  } catch {
    throw new Error(`${what} is not a PEM X.509 certificate`);
  }
}

function certifiesKey(certificate: NodeX509Certificate, publicKeyPem: string | SigningKey): boolean {
  const actual = publicJwkOf(certificate.publicKey);
  const expected =
    typeof publicKeyPem === 'string' ? publicJwkOf(createPublicKey(publicKeyPem)) : publicKeyPem.publicJwk;
  return actual.kty === expected.kty && actual.x === expected.x && actual.y === expected.y;
}

async function createCaCertificate(caKey: SigningKey, now: Date): Promise<string> {
  const spki = spkiOfJwk(caKey);
  const name: Record<string, string[]>[] = [{ CN: [`${organisation} TLS Root CA`] }, { O: [organisation] }];
  const certificate = await x509.X509CertificateGenerator.create(
    {
      serialNumber: serialNumber(),
      subject: name,
      issuer: name,
      notBefore: new Date(now.getTime() - backdateMs),
      notAfter: new Date(new Date(now).setUTCFullYear(now.getUTCFullYear() + caValidityYears)),
      signingAlgorithm: ecdsaSha256,
      publicKey: spki,
      signingKey: caKey.privateKey,
      extensions: [
        // pathLen 0: it signs server certificates only, never another CA.
        new x509.BasicConstraintsExtension(true, 0, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
        await x509.SubjectKeyIdentifierExtension.create(spki, false, globalThis.crypto),
      ],
    },
    globalThis.crypto,
  );
  return certificate.toString('pem');
}

async function issueServerCertificate(
  caKey: SigningKey,
  ca: NodeX509Certificate,
  serverKeyPem: string,
  hosts: readonly string[],
  now: Date,
): Promise<string> {
  const spki = createPublicKey(serverKeyPem).export({ type: 'spki', format: 'der' });
  const certificate = await x509.X509CertificateGenerator.create(
    {
      serialNumber: serialNumber(),
      subject: [{ CN: [hosts[0] ?? 'localhost'] }, { O: [organisation] }, { OU: ['ACS TLS server'] }],
      issuer: new x509.X509Certificate(ca.raw).subjectName,
      notBefore: new Date(now.getTime() - backdateMs),
      notAfter: new Date(now.getTime() + serverValidityDays * 24 * 60 * 60 * 1000),
      signingAlgorithm: ecdsaSha256,
      publicKey: spki,
      signingKey: caKey.privateKey,
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
        new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth], false),
        await x509.SubjectKeyIdentifierExtension.create(spki, false, globalThis.crypto),
        await x509.AuthorityKeyIdentifierExtension.create(spkiOfJwk(caKey), false, globalThis.crypto),
        new x509.SubjectAlternativeNameExtension(
          hosts.map((host) => ({ type: isIP(host) === 0 ? ('dns' as const) : ('ip' as const), value: host })),
          false,
        ),
      ],
    },
    globalThis.crypto,
  );
  return certificate.toString('pem');
}

/** Why an existing server certificate must be replaced, or undefined when it is fine. */
function serverCertificateProblem(
  certificate: NodeX509Certificate,
  serverKeyPem: string,
  ca: NodeX509Certificate,
  hosts: readonly string[],
  now: Date,
): string | undefined {
  if (!certifiesKey(certificate, serverKeyPem)) return 'does not match its key';
  if (!certificate.checkIssued(ca) || !certificate.verify(ca.publicKey)) return 'was not issued by the CA';
  if (new Date(certificate.validTo).getTime() - now.getTime() < renewWithinMs)
    return 'expires within 30 days';
  const missing = hosts.filter((host) =>
    isIP(host) === 0 ? certificate.checkHost(host) === undefined : certificate.checkIP(host) === undefined,
  );
  if (missing.length > 0) return `does not name ${missing.join(', ')}`;
  return undefined;
}

async function loadCa(keysDir: string, now: Date, warnings: string[]) {
  const keyFile = path.join(keysDir, 'tls-sandbox-ca.key.pem');
  const certFile = path.join(keysDir, 'tls-sandbox-ca.crt.pem');
  const caKey = await loadOrCreateSigningKey(keyFile, 'ES256', true, warnings, 'sandbox TLS CA key');
  if (readPrivateFile(certFile, warnings) === undefined) {
    createPrivateFile(certFile, await createCaCertificate(caKey, now));
  }
  const pem = readRequiredPrivateFile(certFile, warnings, 'sandbox TLS CA certificate');
  const ca = parseCertificate(pem, `sandbox TLS CA certificate (${certFile})`);
  if (!certifiesKey(ca, caKey) || !ca.verify(ca.publicKey)) {
    throw new Error(
      `sandbox TLS CA certificate (${certFile}) does not match its key (${keyFile}); remove both to create a new CA`,
    );
  }
  if (new Date(ca.validTo).getTime() <= now.getTime()) {
    warnings.push(
      `sandbox TLS CA certificate (${certFile}) has expired; remove the tls-sandbox-ca files to create a new CA`,
    );
  }
  return { caKey, ca, pem };
}

/** Loads the sandbox TLS CA and the server certificate and key, creating or renewing what is missing. */
export async function loadOrCreateSandboxTls(options: SandboxTlsOptions): Promise<SandboxTls> {
  const { keysDir, now, warnings } = options;
  const { caKey, ca, pem: caPem } = await loadCa(keysDir, now, warnings);
  const hosts = sandboxTlsHosts(options.publicUrl);

  const keyFile = path.join(keysDir, 'tls-server.key.pem');
  const certFile = path.join(keysDir, 'tls-server.crt.pem');
  if (readPrivateFile(keyFile, warnings) === undefined) {
    createPrivateFile(keyFile, await generatePrivateKeyPem('ES256'));
  }
  const keyPem = readRequiredPrivateFile(keyFile, warnings, 'sandbox TLS server key');
  if (readPrivateFile(certFile, warnings) === undefined) {
    createPrivateFile(certFile, await issueServerCertificate(caKey, ca, keyPem, hosts, now));
  }
  let certificatePem = readRequiredPrivateFile(certFile, warnings, 'sandbox TLS server certificate');
  const problem = serverCertificateProblem(
    parseCertificate(certificatePem, `sandbox TLS server certificate (${certFile})`),
    keyPem,
    ca,
    hosts,
    now,
  );
  if (problem !== undefined) {
    certificatePem = await issueServerCertificate(caKey, ca, keyPem, hosts, now);
    replacePrivateFile(certFile, certificatePem);
    warnings.push(`sandbox TLS server certificate (${certFile}) ${problem}; issued a new one`);
  }
  return Object.freeze({ caPem, certificatePem, keyPem, hosts: Object.freeze([...hosts]) });
}
