/**
 * Base64url-encoded JSON, the wire form of the browser challenge (`creq` and `cres` form fields,
 * EMV 3DS 2.3.1 Table A.3 "3DS CReq/CRes POST Data") and of `threeDSMethodData` (Table A.2).
 *
 * Decoding is strict on purpose, because a simulator is where integration bugs should surface:
 * - the alphabet is base64url only (RFC 4648 section 5). Standard base64 ('+', '/') is rejected with
 *   203: the spec says Base64url, and a 3DS Server that sends standard base64 would fail at a strict
 *   issuer too. Padding is optional (the challenge_flow guidance asks for none, some servers pad);
 *   when present it must be correct.
 * - the encoding must be canonical (no stray bits in the last character), the text at most 64 KiB,
 *   and the decoded bytes valid UTF-8.
 * Errors name the form field, never its content.
 */

import { ProtocolError } from '../errors/index.ts';

/** Largest encoded text accepted (64 KiB): far above any real CReq, small enough to refuse floods. */
export const maxBase64UrlJsonLength = 64 * 1024;

const base64UrlPattern = /^[A-Za-z0-9_-]*$/;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Strips correct padding, or returns undefined when the padding is malformed. */
function withoutPadding(text: string): string | undefined {
  const firstPad = text.indexOf('=');
  if (firstPad === -1) return text;
  const padding = text.slice(firstPad);
  if (padding !== '=' && padding !== '==') return undefined;
  if (text.length % 4 !== 0) return undefined;
  return text.slice(0, firstPad);
}

/**
 * Decodes a base64url (padded or unpadded) JSON text and hands the JSON to `parse` (normally
 * parseJsonStrict). Throws ProtocolError 101 when there is no usable text (absent, empty, oversize)
 * and 203 when the text is not canonical base64url of UTF-8; `field` names the form field.
 */
export function decodeBase64UrlJson(
  text: unknown,
  parse: (json: string) => unknown,
  field = 'creq',
): unknown {
  if (typeof text !== 'string' || text.length === 0) {
    throw new ProtocolError('101', field);
  }
  if (text.length > maxBase64UrlJsonLength) {
    throw new ProtocolError('101', field);
  }
  const body = withoutPadding(text);
  if (body === undefined || body.length === 0 || !base64UrlPattern.test(body) || body.length % 4 === 1) {
    throw new ProtocolError('203', field);
  }
  const bytes = Buffer.from(body, 'base64url');
  // Canonical check: re-encoding must give the same text (rejects non-zero trailing bits).
  if (bytes.toString('base64url') !== body) {
    throw new ProtocolError('203', field);
  }
  let json: string;
  try {
    json = utf8.decode(bytes);
  } catch {
    throw new ProtocolError('203', field);
  }
  try {
    return parse(json);
  } catch (error) {
    if (error instanceof ProtocolError) throw error;
    throw new ProtocolError('101', field);
  }
}

/** Encodes a JSON value as unpadded base64url (the form the spec asks for in `cres`). */
export function encodeBase64UrlJson(value: unknown): string {
  const json = JSON.stringify(value);
  if (json === undefined) throw new TypeError('encodeBase64UrlJson: value is not JSON-serialisable');
  return Buffer.from(json, 'utf8').toString('base64url');
}
