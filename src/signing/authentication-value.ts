/**
 * authenticationValue (CAVV / AAV): proof that this ACS authenticated the transaction, which the
 * issuer checks at authorisation (`POST /3ds/av/verify`) without a database lookup
 * (docs/flows.md, "authenticationValue").
 *
 * Layout, 20 bytes, standard base64 (28 characters):
 *   byte 0      version 0x01 = this layout under the current authenticationValue key
 *   bytes 1-19  HMAC-SHA256(key, canonical encoding of AvFields), truncated to 19 bytes
 *
 * The canonical encoding is a domain label followed by every field in a fixed order, each as a
 * presence byte (0x00 absent / 0x01 present) then a 4-byte big-endian length and its UTF-8
 * bytes, so no two different field sets encode alike. Transaction IDs are UUIDs, compared
 * case-insensitively (lowercased before hashing); other values are taken exactly as sent.
 */

import { createHmac, type KeyObject } from 'node:crypto';
import { sameBytes } from './constant-time.ts';
import { secretKey } from './key-material.ts';
import type { AcsKeys } from './keys.ts';

/** What an authenticationValue vouches for. */
export type AvFields = {
  acsTransID: string;
  threeDSServerTransID: string;
  dsTransID: string;
  transStatus: 'Y' | 'A';
  eci: string;
  purchaseAmount?: string | undefined;
  purchaseCurrency?: string | undefined;
  purchaseExponent?: string | undefined;
};

const versionByte = 0x01;
const macLength = 19;
const domainLabel = 'acs-simulator/authenticationValue/v1';
const encodedPattern = /^[A-Za-z0-9+/]{27}=$/;

function field(value: string | undefined): Buffer {
  if (value === undefined) return Buffer.from([0x00]);
  const bytes = Buffer.from(value, 'utf8');
  const header = Buffer.alloc(5);
  header.writeUInt8(0x01, 0);
  header.writeUInt32BE(bytes.length, 1);
  return Buffer.concat([header, bytes]);
}

function encodeFields(fields: AvFields): Buffer {
  return Buffer.concat([
    field(domainLabel),
    field(fields.acsTransID.toLowerCase()),
    field(fields.threeDSServerTransID.toLowerCase()),
    field(fields.dsTransID.toLowerCase()),
    field(fields.transStatus),
    field(fields.eci),
    field(fields.purchaseAmount),
    field(fields.purchaseCurrency),
    field(fields.purchaseExponent),
  ]);
}

function mac(key: KeyObject, fields: AvFields): Buffer {
  return createHmac('sha256', key).update(encodeFields(fields)).digest().subarray(0, macLength);
}

/** A new authenticationValue for `fields` (28 characters of standard base64). */
export function createAuthenticationValue(keys: AcsKeys, fields: AvFields): string {
  const value = Buffer.concat([
    Buffer.from([versionByte]),
    mac(secretKey(keys, 'authenticationValue'), fields),
  ]);
  return value.toString('base64');
}

/**
 * A value shaped like an authenticationValue of this ACS (same version byte and length) whose MAC
 * bytes are random, so verifyAuthenticationValue refuses it for any fields: what the
 * rreq-conflicting fault (docs/faults.md) puts in the RReq that claims a Y it never had.
 */
export function unverifiableAuthenticationValue(randomByte: () => number): string {
  const noise = Buffer.from(Array.from({ length: macLength }, randomByte));
  return Buffer.concat([Buffer.from([versionByte]), noise]).toString('base64');
}

/**
 * True when `value` is exactly the authenticationValue this ACS made for `fields`. Malformed
 * input (wrong length, bad or non-canonical base64, unknown version) is false; never throws.
 */
export function verifyAuthenticationValue(keys: AcsKeys, value: string, fields: AvFields): boolean {
  const key = secretKey(keys, 'authenticationValue');
  try {
    if (typeof value !== 'string' || !encodedPattern.test(value)) return false;
    const bytes = Buffer.from(value, 'base64');
    if (bytes.length !== 1 + macLength || bytes.toString('base64') !== value) return false;
    if (bytes[0] !== versionByte) return false;
    return sameBytes(bytes.subarray(1), mac(key, fields));
  } catch {
    return false;
  }
}
