/**
 * Signed hidden fields for the challenge page (docs/security.md: no cookies inside the
 * challenge; state travels in signed fields bound to the acsTransID). A token says which step
 * of which transaction the page is at and until when; it is HMAC-SHA256 under the formToken
 * secret, compact and URL-safe: `<base64url JSON {s, e}>.<base64url MAC>`. The acsTransID is
 * bound by the MAC but not carried (the form posts to a URL that names it).
 */

import { createHmac, type KeyObject } from 'node:crypto';
import { InternalError } from '../errors/index.ts';
import { sameBytes } from './constant-time.ts';
import { secretKey } from './key-material.ts';
import type { AcsKeys } from './keys.ts';

/** What a form token carries. */
export type FormState = {
  acsTransID: string;
  /** The challenge step the page was rendered for (e.g. "enter-code"). */
  step: string;
  /** Expiry, epoch milliseconds. */
  expiresAt: number;
};

const label = 'acs-simulator/form-state/v1';
const maxStepLength = 64;
const tokenPattern = /^[A-Za-z0-9_-]{1,512}\.[A-Za-z0-9_-]{43}$/;

function lengthPrefixed(value: string): Buffer {
  const bytes = Buffer.from(value, 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(bytes.length);
  return Buffer.concat([length, bytes]);
}

function mac(key: KeyObject, acsTransID: string, body: string): Buffer {
  return createHmac('sha256', key)
    .update(lengthPrefixed(label))
    .update(lengthPrefixed(acsTransID.toLowerCase()))
    .update(body, 'ascii')
    .digest();
}

/** A token for the page's hidden field (throws on an empty step or a non-integer expiry). */
export function signFormState(keys: AcsKeys, state: FormState): string {
  if (state.acsTransID.length === 0)
    throw new InternalError('invariant_broken', 'form state needs an acsTransID');
  if (state.step.length === 0 || state.step.length > maxStepLength) {
    throw new InternalError('invariant_broken', `form state step must be 1-${maxStepLength} characters`);
  }
  if (!Number.isSafeInteger(state.expiresAt))
    throw new InternalError('invariant_broken', 'form state expiresAt must be epoch milliseconds');
  const body = Buffer.from(JSON.stringify({ s: state.step, e: state.expiresAt }), 'utf8').toString(
    'base64url',
  );
  return `${body}.${mac(secretKey(keys, 'formToken'), state.acsTransID, body).toString('base64url')}`;
}

function parseBody(body: string): { step: string; expiresAt: number } | undefined {
  const parsed: unknown = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const { s, e } = parsed as Record<string, unknown>;
  if (typeof s !== 'string' || s.length === 0 || s.length > maxStepLength) return undefined;
  if (typeof e !== 'number' || !Number.isSafeInteger(e)) return undefined;
  return { step: s, expiresAt: e };
}

/**
 * The state in `token` when it was signed by this ACS for `acsTransID` and has not expired at
 * `nowMs`; undefined for anything else (tampered, other transaction, expired, malformed).
 */
export function verifyFormState(
  keys: AcsKeys,
  token: string,
  acsTransID: string,
  nowMs: number,
): FormState | undefined {
  const key = secretKey(keys, 'formToken');
  if (typeof token !== 'string' || typeof acsTransID !== 'string' || !tokenPattern.test(token))
    return undefined;
  const [body = '', signature = ''] = token.split('.');
  const presented = Buffer.from(signature, 'base64url');
  // Only the canonical encoding: otherwise the unused low bits of the last character would
  // give one MAC several spellings.
  if (presented.toString('base64url') !== signature) return undefined;
  const expected = mac(key, acsTransID, body);
  if (!sameBytes(presented, expected)) return undefined;
  try {
    const state = parseBody(body);
    if (state === undefined || nowMs >= state.expiresAt) return undefined;
    return { acsTransID, ...state };
  } catch {
    return undefined;
  }
}
