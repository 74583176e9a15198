/*
 * The browser 3DS SDK's cryptography, with WebCrypto only, by the rules of
 * test/support/sdk-emulator/README.md (which cites the Stripe 3DS2 SDK classes each comes from):
 *
 * - the SDK's ephemeral P-256 key pair (sdkEphemPubKey in the AReq);
 * - the session key: Z = ECDH(SDK private key, acsEphemPubKey), then Concat KDF (NIST SP 800-56A,
 *   one SHA-256 round, 256 bits) over 00000001 || Z || OtherInfo, where OtherInfo is an empty
 *   AlgorithmID, an empty PartyUInfo, PartyVInfo = sdkReferenceNumber (length-prefixed UTF-8),
 *   SuppPubInfo 256;
 * - the compact JWE of each CReq and CRes: header {"alg":"dir","enc":enc,"kid":acsTransID}, no
 *   encrypted key; A128CBC-HS256 uses the whole key both ways (RFC 7518 5.2.2.1: MAC key bytes
 *   0-15, AES key bytes 16-31, tag = the first 16 bytes of HMAC-SHA-256 over AAD || IV ||
 *   ciphertext || AAD length in bits); A128GCM uses bytes 0-15 for SDK -> ACS and 16-31 for
 *   ACS -> SDK; the IV is the message counter in the last byte after 0x00 bytes (SDK -> ACS) or
 *   0xFF bytes (ACS -> SDK), 16 bytes for CBC and 12 for GCM;
 * - sdkEncData: the device data in an ECDH-ES + A128CBC-HS256 JWE (RFC 7518 4.6) to a throwaway
 *   key, since the ACS, playing the DS here, never reads it.
 */
import {
  base64UrlJson,
  concat,
  fromBase64Url,
  fromUtf8,
  lengthPrefixed,
  sameBytes,
  toBase64Url,
  uint32be,
  utf8,
} from './bytes.js';

const subtle = globalThis.crypto?.subtle;
const p256 = { name: 'ECDH', namedCurve: 'P-256' };

/** The two content encryptions of the channel. */
export const contentEncryptions = ['A128CBC-HS256', 'A128GCM'];

function requireSubtle() {
  if (subtle === undefined) {
    throw new Error('WebCrypto is not available: open the console over https or on localhost');
  }
  return subtle;
}

/** The public members of a P-256 JWK, in the order Table A.1 shows them. */
function publicMembers(jwk) {
  return { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y };
}

/** A fresh ephemeral P-256 key pair: the private key stays inside WebCrypto (not extractable). */
export async function createEphemeralKeys() {
  const pair = await requireSubtle().generateKey(p256, false, ['deriveBits']);
  const publicJwk = publicMembers(await subtle.exportKey('jwk', pair.publicKey));
  return { privateKey: pair.privateKey, publicJwk };
}

async function importPeerKey(jwk) {
  if (jwk === null || typeof jwk !== 'object' || jwk.kty !== 'EC' || jwk.crv !== 'P-256') {
    throw new Error('the peer key is not an EC P-256 JWK');
  }
  return requireSubtle().importKey('jwk', publicMembers(jwk), p256, true, []);
}

/** The 32-byte ECDH shared secret Z (the x coordinate). */
export async function sharedSecret(privateKey, peerJwk) {
  const bits = await subtle.deriveBits(
    { name: 'ECDH', public: await importPeerKey(peerJwk) },
    privateKey,
    256,
  );
  return new Uint8Array(bits);
}

/** Concat KDF, single round: SHA-256(00000001 || Z || OtherInfo), 32 bytes. */
export async function concatKdf(z, otherInfo) {
  return new Uint8Array(await requireSubtle().digest('SHA-256', concat(uint32be(1), z, otherInfo)));
}

/** The EMV OtherInfo: empty AlgorithmID and PartyUInfo, PartyVInfo sdkReferenceNumber, SuppPubInfo 256. */
export function emvOtherInfo(sdkReferenceNumber) {
  return concat(uint32be(0), uint32be(0), lengthPrefixed(utf8(sdkReferenceNumber)), uint32be(256));
}

/** The session key the SDK shares with the ACS. */
export async function deriveSessionKey(privateKey, acsEphemPubKey, sdkReferenceNumber) {
  const z = await sharedSecret(privateKey, acsEphemPubKey);
  const key = await concatKdf(z, emvOtherInfo(sdkReferenceNumber));
  z.fill(0);
  return key;
}

/** The key bytes a message uses, per enc and direction ('sdkToAcs' or 'acsToSdk'). */
export function contentKey(sessionKey, enc, direction) {
  if (enc === 'A128CBC-HS256') return sessionKey;
  return direction === 'sdkToAcs' ? sessionKey.subarray(0, 16) : sessionKey.subarray(16, 32);
}

/** The IV of the message with `counter`. */
export function counterIv(enc, direction, counter) {
  const iv = new Uint8Array(enc === 'A128GCM' ? 12 : 16).fill(direction === 'sdkToAcs' ? 0x00 : 0xff);
  iv[iv.length - 1] = counter;
  return iv;
}

/** AAD length in bits as 8 bytes big-endian (RFC 7518 5.2.2.1 AL). */
function aadBits(aad) {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, BigInt(aad.length) * 8n, false);
  return out;
}

async function cbcHmacTag(macKey, aad, iv, ciphertext) {
  const key = await subtle.importKey('raw', macKey, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = await subtle.sign('HMAC', key, concat(aad, iv, ciphertext, aadBits(aad)));
  return new Uint8Array(mac).subarray(0, 16);
}

async function encryptContent(enc, key, iv, plaintext, aad) {
  if (enc === 'A128GCM') {
    const aes = await subtle.importKey('raw', key, 'AES-GCM', false, ['encrypt']);
    const sealed = new Uint8Array(
      await subtle.encrypt({ name: 'AES-GCM', iv, additionalData: aad, tagLength: 128 }, aes, plaintext),
    );
    return { ciphertext: sealed.subarray(0, sealed.length - 16), tag: sealed.subarray(sealed.length - 16) };
  }
  const aes = await subtle.importKey('raw', key.subarray(16, 32), 'AES-CBC', false, ['encrypt']);
  const ciphertext = new Uint8Array(await subtle.encrypt({ name: 'AES-CBC', iv }, aes, plaintext));
  return { ciphertext, tag: await cbcHmacTag(key.subarray(0, 16), aad, iv, ciphertext) };
}

async function decryptContent(enc, key, iv, ciphertext, tag, aad) {
  if (enc === 'A128GCM') {
    const aes = await subtle.importKey('raw', key, 'AES-GCM', false, ['decrypt']);
    const opened = await subtle.decrypt(
      { name: 'AES-GCM', iv, additionalData: aad, tagLength: 128 },
      aes,
      concat(ciphertext, tag),
    );
    return new Uint8Array(opened);
  }
  if (!sameBytes(await cbcHmacTag(key.subarray(0, 16), aad, iv, ciphertext), tag)) {
    throw new Error('the authentication tag does not verify');
  }
  const aes = await subtle.importKey('raw', key.subarray(16, 32), 'AES-CBC', false, ['decrypt']);
  return new Uint8Array(await subtle.decrypt({ name: 'AES-CBC', iv }, aes, ciphertext));
}

/** Encrypts one message of the channel (a JSON object) into a compact JWE. */
export async function encryptMessage({ message, sessionKey, enc, direction, counter, kid }) {
  requireSubtle();
  const header = toBase64Url(utf8(JSON.stringify({ alg: 'dir', enc, kid })));
  const aad = utf8(header);
  const iv = counterIv(enc, direction, counter);
  const key = contentKey(sessionKey, enc, direction);
  const { ciphertext, tag } = await encryptContent(enc, key, iv, utf8(JSON.stringify(message)), aad);
  return [header, '', toBase64Url(iv), toBase64Url(ciphertext), toBase64Url(tag)].join('.');
}

/**
 * Decrypts a compact JWE of the channel: its header, plaintext and IV. Throws an Error saying
 * why for anything the SDK refuses (a decryption failure, Erro 302 in the SDK's answer).
 */
export async function decryptMessage(compact, sessionKey, direction) {
  requireSubtle();
  const parts = compact.trim().split('.');
  if (parts.length !== 5) throw new Error(`a compact JWE has 5 parts, this one has ${parts.length}`);
  const [headerPart, encryptedKey, ivPart, ciphertextPart, tagPart] = parts;
  const header = base64UrlJson(headerPart);
  if (header === null || typeof header !== 'object') throw new Error('the JWE header is not an object');
  if (header.alg !== 'dir') throw new Error(`alg is ${JSON.stringify(header.alg)}, not "dir"`);
  if (!contentEncryptions.includes(header.enc))
    throw new Error(`enc ${JSON.stringify(header.enc)} is unknown`);
  if (encryptedKey !== '') throw new Error('alg dir carries no encrypted key, but this JWE has one');
  const iv = fromBase64Url(ivPart);
  const tag = fromBase64Url(tagPart);
  if (iv.length !== (header.enc === 'A128GCM' ? 12 : 16))
    throw new Error(`the IV is not right for ${header.enc}`);
  if (tag.length !== 16) throw new Error('the authentication tag is not 16 bytes');
  const key = contentKey(sessionKey, header.enc, direction);
  let plaintext;
  try {
    plaintext = await decryptContent(
      header.enc,
      key,
      iv,
      fromBase64Url(ciphertextPart),
      tag,
      utf8(headerPart),
    );
  } catch (error) {
    throw new Error(`the JWE does not decrypt with the session key (${error.message || error.name})`);
  }
  return { header, plaintext: fromUtf8(plaintext), iv };
}

/**
 * sdkEncData: `deviceData` as a compact JWE, ECDH-ES with A128CBC-HS256, to a public key made
 * for the purpose (RFC 7518 4.6.2: Concat KDF with AlgorithmID "A128CBC-HS256", empty apu/apv).
 */
export async function deviceDataJwe(deviceData) {
  const webCrypto = requireSubtle();
  const recipient = await webCrypto.generateKey(p256, false, ['deriveBits']);
  const sender = await webCrypto.generateKey(p256, false, ['deriveBits']);
  const epk = publicMembers(await webCrypto.exportKey('jwk', sender.publicKey));
  const recipientJwk = await webCrypto.exportKey('jwk', recipient.publicKey);
  const z = await sharedSecret(sender.privateKey, recipientJwk);
  const otherInfo = concat(lengthPrefixed(utf8('A128CBC-HS256')), uint32be(0), uint32be(0), uint32be(256));
  const cek = await concatKdf(z, otherInfo);
  const header = toBase64Url(utf8(JSON.stringify({ alg: 'ECDH-ES', enc: 'A128CBC-HS256', epk })));
  const iv = crypto.getRandomValues(new Uint8Array(16));
  const sealed = await encryptContent(
    'A128CBC-HS256',
    cek,
    iv,
    utf8(JSON.stringify(deviceData)),
    utf8(header),
  );
  return [header, '', toBase64Url(iv), toBase64Url(sealed.ciphertext), toBase64Url(sealed.tag)].join('.');
}
