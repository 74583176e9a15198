/**
 * Validation of the ARes's acsSignedContent as a 3DS SDK does it before its first CReq
 * (Stripe's DefaultJwsValidator + DefaultAcsDataParser; RFC 7515):
 *
 * - a compact JWS whose header has alg PS256 or ES256 (the two the EMV spec allows; Nimbus would
 *   take any alg the key fits) and a non-empty x5c; a crit member is refused, a jwk member is
 *   ignored as Stripe ignores it;
 * - the signature verifies with the key of the first x5c certificate (the ACS's);
 * - the x5c chain builds up to one of the trusted DS root certificates (Stripe's PKIX
 *   CertPathBuilder with revocation off): each certificate issued and signed by the next, every
 *   issuer a CA, all within their validity period, the last one a trusted root or issued by one;
 * - the payload is a JSON object with acsURL (https unless `requireHttps` is false, for a sandbox
 *   on http://localhost; Stripe itself posts to whatever URL it reads), acsEphemPubKey (a P-256
 *   JWK) and sdkEphemPubKey (a P-256 JWK: Stripe's AcsDataParser requires it to parse; the
 *   emulator also requires it to be the key it sent in the AReq).
 */
import { constants, type KeyObject, verify, X509Certificate } from 'node:crypto';
import { readEcP256PublicJwk, sameEcPublicKey } from './keys.ts';
import { type EcPublicJwk, isJsonObject } from './protocol-types.ts';

/** A trusted DS root certificate, PEM text or DER bytes. */
export type TrustedRoot = string | Uint8Array;

export type AcsSignedContentOptions = Readonly<{
  trustedRoots: TrustedRoot | readonly TrustedRoot[];
  /** The sdkEphemPubKey the SDK put in its AReq. */
  sdkEphemPubKey: EcPublicJwk;
  /** Refuse an http acsURL (default true). */
  requireHttps?: boolean;
  /** The time the certificates must be valid at (default now). */
  now?: Date;
}>;

/** What the SDK takes from a valid acsSignedContent. */
export type AcsSignedContent = Readonly<{
  acsURL: string;
  acsEphemPubKey: EcPublicJwk;
  acsEphemPublicKey: KeyObject;
  alg: 'PS256' | 'ES256';
  chain: readonly X509Certificate[];
}>;

function reject(detail: string): Error {
  return new Error(`acsSignedContent refused: ${detail}`);
}

/** Validates acsSignedContent and returns the ACS URL and ephemeral key, or throws a descriptive Error. */
export function verifyAcsSignedContent(jws: unknown, options: AcsSignedContentOptions): AcsSignedContent {
  if (typeof jws !== 'string') throw reject('it is not a string');
  const parts = jws.split('.');
  if (parts.length !== 3 || !parts.every((part) => /^[A-Za-z0-9_-]+$/.test(part))) {
    throw reject('it is not a compact JWS (three non-empty base64url parts)');
  }
  const [headerPart, payloadPart, signaturePart] = parts as [string, string, string];
  const header = parseJsonObject(headerPart, 'the JWS header');
  const alg = header.alg;
  if (alg !== 'PS256' && alg !== 'ES256')
    throw reject(`header alg is ${JSON.stringify(alg)}, not PS256 or ES256`);
  if ('crit' in header) throw reject('header names critical parameters');
  const chain = readX5c(header.x5c);
  const leafKey = (chain[0] as X509Certificate).publicKey;
  checkKeyFitsAlg(leafKey, alg);
  const signingInput = Buffer.from(`${headerPart}.${payloadPart}`, 'ascii');
  if (!verifySignature(alg, leafKey, signingInput, Buffer.from(signaturePart, 'base64url'))) {
    throw reject(`the ${alg} signature does not verify with the key of the first x5c certificate`);
  }
  checkChain(chain, readTrustedRoots(options.trustedRoots), options.now ?? new Date());

  const payload = parseJsonObject(payloadPart, 'the JWS payload');
  const acsURL = readAcsUrl(payload.acsURL, options.requireHttps ?? true);
  let acs: { jwk: EcPublicJwk; key: KeyObject };
  let sdk: { jwk: EcPublicJwk; key: KeyObject };
  try {
    acs = readEcP256PublicJwk(payload.acsEphemPubKey, 'acsEphemPubKey');
    sdk = readEcP256PublicJwk(payload.sdkEphemPubKey, 'sdkEphemPubKey');
  } catch (error) {
    throw reject((error as Error).message);
  }
  if (!sameEcPublicKey(sdk.jwk, options.sdkEphemPubKey)) {
    throw reject('sdkEphemPubKey is not the key this SDK sent in its AReq');
  }
  return { acsURL, acsEphemPubKey: acs.jwk, acsEphemPublicKey: acs.key, alg, chain };
}

function parseJsonObject(part: string, what: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  } catch {
    throw reject(`${what} is not JSON`);
  }
  if (!isJsonObject(value)) throw reject(`${what} is not a JSON object`);
  return value;
}

/** RFC 7515 4.1.6: x5c is an array of base64 (not base64url) DER certificates, the signer's first. */
function readX5c(x5c: unknown): X509Certificate[] {
  if (!Array.isArray(x5c) || x5c.length === 0) throw reject('header has no x5c certificate chain');
  return x5c.map((entry, index) => {
    if (typeof entry !== 'string' || !/^[A-Za-z0-9+/]+={0,2}$/.test(entry)) {
      throw reject(`x5c[${index}] is not base64 DER`);
    }
    try {
      return new X509Certificate(Buffer.from(entry, 'base64'));
    } catch {
      throw reject(`x5c[${index}] is not an X.509 certificate`);
    }
  });
}

function readTrustedRoots(roots: TrustedRoot | readonly TrustedRoot[]): X509Certificate[] {
  const list = typeof roots === 'string' || roots instanceof Uint8Array ? [roots] : roots;
  if (list.length === 0) throw new Error('no trusted DS root certificate was given');
  return list.map((root) => new X509Certificate(typeof root === 'string' ? root : Buffer.from(root)));
}

function checkKeyFitsAlg(key: KeyObject, alg: 'PS256' | 'ES256'): void {
  if (alg === 'ES256') {
    if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
      throw reject('alg ES256 needs a P-256 key in the first x5c certificate');
    }
  } else if (key.asymmetricKeyType !== 'rsa' && key.asymmetricKeyType !== 'rsa-pss') {
    throw reject('alg PS256 needs an RSA key in the first x5c certificate');
  }
}

/** RFC 7518 3.4 (ES256: 64-byte r||s) and 3.5 (PS256: RSASSA-PSS, SHA-256, MGF1, 32-byte salt). */
function verifySignature(alg: 'PS256' | 'ES256', key: KeyObject, input: Buffer, signature: Buffer): boolean {
  try {
    if (alg === 'ES256') {
      return (
        signature.length === 64 && verify('sha256', input, { key, dsaEncoding: 'ieee-p1363' }, signature)
      );
    }
    return verify(
      'sha256',
      input,
      { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 },
      signature,
    );
  } catch {
    return false;
  }
}

function checkValidity(cert: X509Certificate, now: Date, what: string): void {
  if (now.getTime() < Date.parse(cert.validFrom) || now.getTime() > Date.parse(cert.validTo)) {
    throw reject(`${what} (${cert.subject.replace(/\n/g, ', ')}) is outside its validity period`);
  }
}

/** Each certificate issued and signed by the next; the last one trusted or issued by a trusted root. */
function checkChain(chain: readonly X509Certificate[], roots: readonly X509Certificate[], now: Date): void {
  chain.forEach((cert, index) => {
    checkValidity(cert, now, `x5c[${index}]`);
  });
  for (let index = 0; index + 1 < chain.length; index++) {
    const cert = chain[index] as X509Certificate;
    const issuer = chain[index + 1] as X509Certificate;
    if (!cert.checkIssued(issuer) || !cert.verify(issuer.publicKey)) {
      throw reject(`x5c[${index}] is not issued and signed by x5c[${index + 1}]`);
    }
    if (!issuer.ca) throw reject(`x5c[${index + 1}] issues a certificate but is not a CA`);
  }
  const last = chain[chain.length - 1] as X509Certificate;
  const anchor = roots.find(
    (root) =>
      root.fingerprint256 === last.fingerprint256 ||
      (root.ca && last.checkIssued(root) && last.verify(root.publicKey)),
  );
  if (!anchor) throw reject('the x5c chain does not lead to a trusted DS root certificate');
  checkValidity(anchor, now, 'the trusted DS root');
}

function readAcsUrl(value: unknown, requireHttps: boolean): string {
  if (typeof value !== 'string' || value.length === 0) throw reject('payload has no acsURL');
  if (value.length > 2048) throw reject('acsURL is longer than 2048 characters (Table A.1)');
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw reject(`acsURL ${value} is not an absolute URL`);
  }
  const allowed = requireHttps ? ['https:'] : ['https:', 'http:'];
  if (!allowed.includes(url.protocol)) throw reject(`acsURL ${value} is not ${allowed.join(' or ')}`);
  return value;
}
