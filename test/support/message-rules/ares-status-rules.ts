/**
 * ARes rules that hang on the transStatus the ACS chose: whether that status is allowed for
 * the channel and the requestor's indicators, and which elements a challenge (C), a decoupled
 * challenge (D) or an SPC challenge (S) brings with it.
 *
 * Tables (ares_{210,220,231}.html): acsURL "Required if deviceChannel is 02 and transStatus is
 * C"; acsSignedContent and acsRenderingType "Required if deviceChannel is 01 and transStatus is
 * C"; acsChallengeMandated and authenticationType / authenticationMethod "Required if transStatus
 * is one of [C, D]" (C only in 2.1.0); acsDecConInd "Required if transStatus is D";
 * cardholderInfo "Required if acsDecConInd is Y"; spcTransData and webAuthnCredList "Required if
 * transStatus is S". Product rules from the brief: acsURL, acsSignedContent and acsRenderingType
 * appear only with C; 3RI never gets C (no cardholder is there to answer it); D needs the
 * requestor's threeDSRequestorDecReqInd Y (or, in 2.3.1, B: decoupled as primary or fallback;
 * F allows it only as a fallback, so D in the RReq, never in the ARes).
 *
 * What a strict 3DS Server checks of the status against threeDSRequestorChallengeInd
 * (areq_220/231.html meanings; rbkmoney/three-ds-server's ARes status validators): C is not a
 * valid answer to 06 (no challenge requested, data share only), and I (informational only,
 * "3DS Requestor challenge preference acknowledged") answers only a no-challenge preference of
 * 05, 06 or 07.
 */

import type { MessageVersion } from '../../../src/protocol/version.ts';
import type { Channel } from './element-rule.ts';
import type { JsonObject } from './json-values.ts';
import { absent, equalWhenPresent, required } from './presence.ts';
import { methodElementOf } from './result-rules.ts';
import { isHttpUrl } from './rule-formats.ts';

/** The AReq's threeDSRequestorChallengeInd values: one string before 2.3.1, a list from 2.3.1. */
function challengeIndicatorsOf(areq: JsonObject): string[] {
  const value = areq.threeDSRequestorChallengeInd;
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/** Whether the chosen status is allowed at all for this channel and these AReq indicators. */
export function statusAllowedViolations(areq: JsonObject, status: string, channel: Channel): string[] {
  const indicators = challengeIndicatorsOf(areq);
  if (status === 'C' && channel === '03') {
    return ['transStatus C is not allowed for 3RI (deviceChannel 03): no cardholder is present to challenge'];
  }
  if (status === 'C' && indicators.includes('06')) {
    return [
      'transStatus C is not allowed with threeDSRequestorChallengeInd 06 (no challenge: data share only)',
    ];
  }
  if (status === 'I' && !indicators.some((indicator) => ['05', '06', '07'].includes(indicator))) {
    return [
      'transStatus I (challenge preference acknowledged) needs threeDSRequestorChallengeInd 05, 06 or 07',
    ];
  }
  const decoupledInARes = areq.messageVersion === '2.3.1' ? ['Y', 'B'] : ['Y'];
  if (status === 'D' && !decoupledInARes.includes(String(areq.threeDSRequestorDecReqInd))) {
    return [
      `transStatus D needs the AReq's threeDSRequestorDecReqInd ${decoupledInARes.join(' or ')} (the requestor did not allow decoupled)`,
    ];
  }
  if (status === 'S') {
    if (channel !== '02') return ['transStatus S (SPC) is defined for BRW only'];
    if (areq.threeDSRequestorSpcSupport !== 'Y') {
      return ["transStatus S needs the AReq's threeDSRequestorSpcSupport Y"];
    }
  }
  return [];
}

/** What a challenge (C) brings, and what only a challenge may bring. */
export function challengeViolations(
  ares: JsonObject,
  status: string,
  channel: Channel,
  version: MessageVersion,
): string[] {
  if (status !== 'C') {
    const when = 'unless transStatus is C';
    if (channel === '02') return absent(ares, 'acsURL', when);
    if (channel === '01')
      return [...absent(ares, 'acsSignedContent', when), ...absent(ares, 'acsRenderingType', when)];
    return [];
  }
  const violations = [
    ...required(ares, 'acsChallengeMandated', 'when transStatus is C'),
    ...required(ares, methodElementOf(version), 'when transStatus is C'),
  ];
  if (version === '2.2.0' && ares.authenticationType === '04') {
    violations.push('authenticationType 04 (Decoupled) does not go with transStatus C');
  }
  if (channel === '02') {
    violations.push(...required(ares, 'acsURL', 'in a BRW ARes with transStatus C'));
    const url = ares.acsURL;
    if (typeof url === 'string' && url !== '' && !isHttpUrl(url, 2048)) {
      violations.push('acsURL must be a fully qualified http(s) URL');
    }
  }
  if (channel === '01') {
    const when = 'in an APP ARes with transStatus C';
    violations.push(...required(ares, 'acsSignedContent', when), ...required(ares, 'acsRenderingType', when));
  }
  return violations;
}

/** What a decoupled challenge (D) brings; acsDecConInd says Y only with D. */
export function decoupledViolations(ares: JsonObject, status: string, version: MessageVersion): string[] {
  if (version === '2.1.0') return []; // no decoupled elements exist; the table reports any that appear
  if (status !== 'D') return equalWhenPresent(ares, 'acsDecConInd', 'N', 'unless transStatus is D');
  const violations = [
    ...required(ares, 'acsChallengeMandated', 'when transStatus is D'),
    ...required(ares, methodElementOf(version), 'when transStatus is D'),
    ...required(ares, 'acsDecConInd', 'when transStatus is D'),
    ...equalWhenPresent(ares, 'acsDecConInd', 'Y', 'when transStatus is D'),
  ];
  if (version === '2.2.0') {
    violations.push(
      ...equalWhenPresent(ares, 'authenticationType', '04', 'when transStatus is D (04 = Decoupled)'),
    );
  }
  if (ares.acsDecConInd === 'Y')
    violations.push(...required(ares, 'cardholderInfo', 'when acsDecConInd is Y'));
  return violations;
}

/** What an SPC challenge (S, 2.3.1 BRW) brings, and what only S may bring. */
export function spcViolations(ares: JsonObject, status: string, channel: Channel): string[] {
  if (channel !== '02') return [];
  if (status === 'S') {
    const when = 'when transStatus is S';
    return [...required(ares, 'spcTransData', when), ...required(ares, 'webAuthnCredList', when)];
  }
  const when = 'unless transStatus is S';
  return [...absent(ares, 'spcTransData', when), ...absent(ares, 'webAuthnCredList', when)];
}
