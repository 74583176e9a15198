/**
 * A throwaway DS PKI for the SDK emulator's tests, built with @peculiar/x509 over WebCrypto:
 * a self-signed DS root CA and ACS signing certificates it issues (ES256 on P-256 or PS256 on
 * RSA-2048), and acsSignedContent JWSs signed with jose, so the emulator's own validation
 * (node:crypto) is checked against an independent signer.
 */
import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import { CompactSign } from 'jose';

x509.cryptoProvider.set(globalThis.crypto);

const ecdsa = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
const rsaPss = {
  name: 'RSA-PSS',
  modulusLength: 2048,
  publicExponent: new Uint8Array([1, 0, 1]),
  hash: 'SHA-256',
};

export type TestCa = Readonly<{ cert: x509.X509Certificate; keys: webcrypto.CryptoKeyPair; pem: string }>;
export type TestSigner = Readonly<{
  cert: x509.X509Certificate;
  keys: webcrypto.CryptoKeyPair;
  alg: 'ES256' | 'PS256';
}>;

const validity = {
  notBefore: new Date('2025-01-01T00:00:00Z'),
  notAfter: new Date('2035-01-01T00:00:00Z'),
};

/** A self-signed DS root CA. */
export async function createRootCa(name = 'CN=Emulator Test DS Root'): Promise<TestCa> {
  const keys = (await webcrypto.subtle.generateKey(ecdsa, true, [
    'sign',
    'verify',
  ])) as webcrypto.CryptoKeyPair;
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    name,
    keys,
    signingAlgorithm: ecdsa,
    ...validity,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
    ],
  });
  return { cert, keys, pem: cert.toString('pem') };
}

/** An ACS signing certificate issued by `ca`. */
export async function createAcsSigner(
  ca: TestCa,
  alg: 'ES256' | 'PS256',
  dates: Readonly<{ notBefore: Date; notAfter: Date }> = validity,
): Promise<TestSigner> {
  const keys = (await webcrypto.subtle.generateKey(alg === 'ES256' ? ecdsa : rsaPss, true, [
    'sign',
    'verify',
  ])) as webcrypto.CryptoKeyPair;
  const cert = await x509.X509CertificateGenerator.create({
    subject: `CN=Emulator Test ACS ${alg}`,
    issuer: ca.cert.subject,
    publicKey: keys.publicKey,
    signingKey: ca.keys.privateKey,
    signingAlgorithm: ecdsa,
    ...dates,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
    ],
  });
  return { cert, keys, alg };
}

/** The base64 DER of a certificate, as an x5c entry. */
export function x5cEntry(cert: x509.X509Certificate): string {
  return Buffer.from(cert.rawData).toString('base64');
}

/** acsSignedContent: `payload` signed by `signer`, x5c = the signer's certificate then `chainRest`. */
export async function signAcsContent(
  signer: TestSigner,
  payload: Record<string, unknown>,
  chainRest: readonly x509.X509Certificate[] = [],
  headerExtras: Record<string, unknown> = {},
): Promise<string> {
  return new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
    .setProtectedHeader({
      alg: signer.alg,
      x5c: [x5cEntry(signer.cert), ...chainRest.map(x5cEntry)],
      ...headerExtras,
    })
    .sign(signer.keys.privateKey);
}
