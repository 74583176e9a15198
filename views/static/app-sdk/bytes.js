/*
 * Byte helpers of the browser 3DS SDK (the demo merchant's app checkout): UTF-8, unpadded
 * base64url (RFC 7515 section 2, the only encoding the app channel's JOSE parts use; Stripe's SDK
 * refuses padding, '+', '/' and whitespace), standard base64 (x5c certificates), concatenation
 * and the 32-bit big-endian lengths the Concat KDF's OtherInfo is built from.
 * Plain ES2020 module, shared by the page and by Node's WebCrypto in a check script.
 */

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

/** The UTF-8 bytes of `text`. */
export function utf8(text) {
  return encoder.encode(text);
}

/** `bytes` read as UTF-8 (throws on malformed UTF-8). */
export function fromUtf8(bytes) {
  return decoder.decode(bytes);
}

function binaryString(bytes) {
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return text;
}

/** Standard base64 of `bytes`. */
export function toBase64(bytes) {
  return btoa(binaryString(bytes));
}

/** The bytes of standard base64 `text` (throws when it is not base64). */
export function fromBase64(text) {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Unpadded base64url of `bytes`. */
export function toBase64Url(bytes) {
  return toBase64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The bytes of unpadded base64url `text`; throws on anything else. */
export function fromBase64Url(text) {
  if (typeof text !== 'string' || !/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) {
    throw new Error('not unpadded base64url');
  }
  const padded = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  return fromBase64(padded);
}

/** The JSON value of base64url-encoded UTF-8 `text`. */
export function base64UrlJson(text) {
  return JSON.parse(fromUtf8(fromBase64Url(text)));
}

/** The byte arrays one after the other. */
export function concat(...parts) {
  const total = parts.reduce((sum, part) => sum + part.length, 0);
  const out = new Uint8Array(total);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** `value` as 4 bytes, big-endian. */
export function uint32be(value) {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, value, false);
  return out;
}

/** `data` after its length as 4 bytes big-endian (NIST SP 800-56A Datalen || Data). */
export function lengthPrefixed(data) {
  return concat(uint32be(data.length), data);
}

/** True when the two byte arrays are equal (every byte compared: no early exit). */
export function sameBytes(a, b) {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i += 1) difference |= a[i] ^ b[i];
  return difference === 0;
}
