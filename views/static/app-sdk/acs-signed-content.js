/*
 * The ARes's acsSignedContent, checked as the 3DS SDK checks it before its first CReq (Stripe's
 * DefaultJwsValidator and DefaultAcsDataParser; test/support/sdk-emulator/README.md,
 * "acsSignedContent"): a compact JWS with alg PS256 or ES256 and an x5c chain; the signature
 * verifies with the first certificate's key; the chain leads to the sandbox DS root the page
 * was given (x509.js); the payload holds acsURL, acsEphemPubKey and sdkEphemPubKey, the last
 * being the very key this SDK sent in its AReq.
 */
import { base64UrlJson, fromBase64, fromBase64Url, utf8 } from './bytes.js';
import { checkChain, importPublicKey } from './x509.js';

function isP256Jwk(value) {
  return (
    value !== null &&
    typeof value === 'object' &&
    value.kty === 'EC' &&
    value.crv === 'P-256' &&
    /^[A-Za-z0-9_-]{43}$/.test(value.x) &&
    /^[A-Za-z0-9_-]{43}$/.test(value.y) &&
    !('d' in value)
  );
}

async function verifySignature(alg, leaf, signingInput, signature) {
  if (alg === 'ES256') {
    const key = await importPublicKey(leaf, 'ECDSA');
    return (
      signature.length === 64 &&
      crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, key, signature, signingInput)
    );
  }
  const key = await importPublicKey(leaf, 'RSA-PSS');
  // RFC 7518 3.5: PS256 is RSASSA-PSS with SHA-256, MGF1 SHA-256 and a 32-byte salt.
  return crypto.subtle.verify({ name: 'RSA-PSS', saltLength: 32 }, key, signature, signingInput);
}

/**
 * Verifies acsSignedContent; returns { header, payload, alg, chain } or throws an Error whose
 * message says what an SDK would refuse.
 */
export async function verifyAcsSignedContent(jws, { trustedRoot, sdkEphemPubKey, now }) {
  const parts = typeof jws === 'string' ? jws.split('.') : [];
  if (parts.length !== 3 || !parts.every((part) => /^[A-Za-z0-9_-]+$/.test(part))) {
    throw new Error('acsSignedContent is not a compact JWS');
  }
  const [headerPart, payloadPart, signaturePart] = parts;
  const header = base64UrlJson(headerPart);
  if (header.alg !== 'PS256' && header.alg !== 'ES256') {
    throw new Error(`the JWS alg is ${JSON.stringify(header.alg)}, not PS256 or ES256`);
  }
  if ('crit' in header) throw new Error('the JWS header names critical parameters');
  if (!Array.isArray(header.x5c) || header.x5c.length === 0)
    throw new Error('the JWS header has no x5c chain');
  const chainDer = header.x5c.map((entry, index) => {
    try {
      return fromBase64(String(entry));
    } catch {
      throw new Error(`x5c[${index}] is not base64`);
    }
  });
  const chain = await checkChain(chainDer, trustedRoot, now);
  const signed = await verifySignature(
    header.alg,
    chain.leaf,
    utf8(`${headerPart}.${payloadPart}`),
    fromBase64Url(signaturePart),
  );
  if (!signed) throw new Error(`the ${header.alg} signature does not verify with the x5c[0] certificate`);

  const payload = base64UrlJson(payloadPart);
  if (typeof payload.acsURL !== 'string' || !/^https?:\/\//.test(payload.acsURL)) {
    throw new Error('the payload has no http(s) acsURL');
  }
  if (!isP256Jwk(payload.acsEphemPubKey)) throw new Error('acsEphemPubKey is not a P-256 public JWK');
  if (!isP256Jwk(payload.sdkEphemPubKey))
    throw new Error('sdkEphemPubKey is missing or not a P-256 public JWK');
  if (payload.sdkEphemPubKey.x !== sdkEphemPubKey.x || payload.sdkEphemPubKey.y !== sdkEphemPubKey.y) {
    throw new Error('sdkEphemPubKey is not the key this SDK sent in its AReq');
  }
  return {
    header,
    payload,
    alg: header.alg,
    chain: { length: chain.length, rootIncluded: chain.rootIncluded },
  };
}
