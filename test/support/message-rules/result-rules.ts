/**
 * Rules about an authentication result that the ARes and the RReq share: which statuses carry
 * a transStatusReason, when eci and authenticationValue appear and with which values, and the
 * status / source pairs (whitelist, trust list, card security code, device binding).
 *
 * Tables: transStatusReason "Required if messageCategory is 01 and transStatus is one of
 * [N, U, R]"; authenticationValue "Required if messageCategory is 01 and transStatus is one of
 * [Y, A]". Product rules (README.md's test-card table; docs/flows.md, step 4 of "Authentication"
 * and "authenticationValue"): eci accompanies every Y / A with the scheme's value,
 * authenticationValue is 20 bytes in base64, and neither appears on any other status; this ACS
 * gives a reason only with N, U and R.
 */

import type { MessageVersion } from '../../../src/protocol/version.ts';
import { type CardScheme, cardSchemeOf, expectedEci } from './card-scheme.ts';
import { has, type JsonObject, show } from './json-values.ts';
import { absent, required } from './presence.ts';
import { isProductAuthenticationValue } from './rule-formats.ts';
import { reasonCodesByVersion, statusesWithReason } from './status-codes.ts';

/** What a result rule needs to know about the transaction. */
export interface ResultContext {
  readonly version: MessageVersion;
  /** messageCategory of the AReq: 01 PA, 02 NPA. */
  readonly category: unknown;
  /** acctNumber of the AReq, for the scheme's ECI; never printed. */
  readonly pan: unknown;
}

const schemeLabels: Readonly<Record<CardScheme, string>> = {
  visa: 'Visa',
  mastercard: 'Mastercard',
  amex: 'American Express',
  discover: 'Discover',
  jcb: 'JCB',
};

/** transStatusReason: with N, U and R only, required for PA, a code the version defines. */
export function reasonViolations(message: JsonObject, status: string, context: ResultContext): string[] {
  if (!statusesWithReason.includes(status)) {
    return absent(
      message,
      'transStatusReason',
      `when transStatus is ${status} (only N, U and R carry a reason)`,
    );
  }
  if (!has(message, 'transStatusReason')) {
    return context.category === '01'
      ? [`transStatusReason is required when transStatus is ${status} in a payment (PA) message`]
      : [];
  }
  const reason = message.transStatusReason;
  if (typeof reason !== 'string' || reason === '') return []; // type and emptiness reported elsewhere
  const allowed = reasonCodesByVersion[context.version];
  return allowed.includes(reason)
    ? []
    : [`transStatusReason ${show('transStatusReason', reason)} is not a code defined in ${context.version}`];
}

/** eci and authenticationValue: present exactly for Y and A, with the scheme's ECI and a 20-byte value. */
export function authenticationResultViolations(
  message: JsonObject,
  status: string,
  context: ResultContext,
): string[] {
  if (status !== 'Y' && status !== 'A') {
    const when = `when transStatus is ${status}`;
    return [...absent(message, 'eci', when), ...absent(message, 'authenticationValue', when)];
  }
  const violations: string[] = [];
  if (context.category === '01') {
    const when = `when transStatus is ${status} in a payment (PA) message`;
    violations.push(...required(message, 'authenticationValue', when), ...required(message, 'eci', when));
  } else if (has(message, 'eci') !== has(message, 'authenticationValue')) {
    violations.push('eci and authenticationValue must be sent together');
  }
  const value = message.authenticationValue;
  if (typeof value === 'string' && value !== '' && !isProductAuthenticationValue(value)) {
    violations.push('authenticationValue must be 28 characters of standard base64 encoding 20 bytes');
  }
  violations.push(...eciViolations(message.eci, status, context.pan));
  return violations;
}

function eciViolations(eci: unknown, status: 'Y' | 'A', pan: unknown): string[] {
  if (typeof eci !== 'string' || eci === '' || typeof pan !== 'string') return [];
  const scheme = cardSchemeOf(pan);
  if (scheme === undefined) return [];
  const expected = expectedEci(scheme, status);
  return eci === expected
    ? []
    : [`eci must be ${expected} for a ${schemeLabels[scheme]} ${status} result, got ${show('eci', eci)}`];
}

const statusSourcePairs: readonly (readonly [string, string])[] = [
  ['whiteListStatus', 'whiteListStatusSource'],
  ['trustListStatus', 'trustListStatusSource'],
  ['cardSecurityCodeStatus', 'cardSecurityCodeStatusSource'],
  ['deviceBindingStatus', 'deviceBindingStatusSource'],
];

/** A ...Status element brings its ...StatusSource, and a source never comes alone. */
export function statusSourceViolations(message: JsonObject): string[] {
  const violations: string[] = [];
  for (const [status, source] of statusSourcePairs) {
    if (has(message, status) && !has(message, source)) {
      violations.push(`${source} is required when ${status} is present`);
    }
    if (!has(message, status) && has(message, source)) {
      violations.push(`${source} must be absent when ${status} is absent`);
    }
  }
  return violations;
}

/** The element that names the authentication method: authenticationType until 2.2.0, then authenticationMethod. */
export function methodElementOf(version: MessageVersion): 'authenticationType' | 'authenticationMethod' {
  return version === '2.3.1' ? 'authenticationMethod' : 'authenticationType';
}
