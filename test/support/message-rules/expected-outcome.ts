/**
 * The ARes outcome a test should expect for a card's scenario and the requestor's preferences,
 * written from the README's test-card table on the test side (the production decision code is separate).
 *
 * Decisions the table leaves open, and why (docs/flows.md, "The decision", gives the same rules
 * for the product):
 *
 * 1. 3RI and a card that needs a challenge. 3RI (deviceChannel 03) never gets C: no cardholder
 *    is present. A careful issuer does not turn "I would challenge" into Y or A: Y claims an
 *    authentication that did not happen, and A (attempts) is proof of an attempt the issuer
 *    never made, both moving liability on a false premise. U would say a technical problem
 *    occurred, which is not so. The spec's reason list has one code for exactly this case,
 *    21 "3RI transaction not supported", and N ("not authenticated; transaction denied") is the
 *    status that honestly goes with it. So whatever would have been C becomes N / 21 on 3RI:
 *    the challenge cards, decoupled without D, risk-based above the threshold, and a mandated
 *    (indicator 04) challenge. A decoupled D stays D on 3RI: decoupled needs no cardholder in
 *    the session, which is what 3RI decoupled exists for.
 * 2. Challenge indicator 04 (mandate) challenges "a card that can be challenged": the enrolled
 *    cards whose issuer would otherwise answer frictionlessly with success, that is
 *    frictionless-y, frictionless-i, acs-slow and risk-based at or below the threshold. Cards
 *    whose answer is N, U, R or A (no enrolment to challenge with) keep that answer; the
 *    challenge cards already get C. On 3RI no challenge can honour the mandate, so the card is
 *    answered as without it: a frictionless card stays frictionless (Y), not N / 21.
 * 2a. Challenge indicator 06 (no challenge requested, data share only; 2.2.0 and 2.3.1): C is not
 *    a valid answer to it, so whatever would have been C or D is I ("challenge preference
 *    acknowledged"), on every channel. Frictionless answers are unchanged.
 * 3. frictionless-i gives I only from 2.2.0 and only for indicator 05, 06 or 07 (no challenge:
 *    TRA done, data share only, SCA already done), the indicators whose preference I
 *    "acknowledges"; otherwise Y. I carries no eci (the tables require eci and
 *    authenticationValue for Y and A only).
 * 4. frictionless-u on 2.1.0: reason 22 (ACS technical issue) exists only from 2.2.0; the 2.1.0
 *    list (01-21) has no technical-issue code, so the nearest ACS-side failure is used:
 *    14 "transaction timed out at the ACS".
 * 5. acs-slow answers like frictionless-y once its delay has passed.
 * 6. risk-based without an amount (an NPA carries none) counts as 0, so Y.
 * 7. NPA: the status is the same as for PA; eci is returned for Y / A, but an NPA ARes may omit
 *    eci together with authenticationValue (optional for messageCategory 02 in every table).
 * 8. acs-error is answered with Erro 403, not an ARes: expectedErrorCode says so and
 *    expectedFrictionlessOutcome refuses the scenario.
 */

import { type MessageVersion, versionAtLeast } from '../../../src/protocol/version.ts';
import { type CardScheme, expectedEci } from './card-scheme.ts';
import type { Channel } from './element-rule.ts';
import type { Scenario } from './test-cards.ts';

/** A scenario, or a PAN in no card range of this ACS. */
export type OutcomeScenario = Scenario | 'unknown-card';

/** The transaction as the expectation needs it. */
export interface OutcomeOptions {
  readonly scenario: OutcomeScenario;
  readonly scheme: CardScheme;
  readonly version: MessageVersion;
  readonly channel: Channel;
  /** messageCategory: 01 PA, 02 NPA. */
  readonly category: '01' | '02';
  /** threeDSRequestorChallengeInd of the AReq (2.3.1 may send several). */
  readonly challengeInd?: string | readonly string[];
  /** threeDSRequestorDecReqInd of the AReq. */
  readonly decReqInd?: string;
  readonly amountMinor?: number;
  readonly riskThresholdMinor?: number;
}

/** The ARes result a test expects. */
export interface ExpectedOutcome {
  readonly transStatus: 'Y' | 'N' | 'U' | 'A' | 'C' | 'D' | 'R' | 'I';
  readonly transStatusReason?: string;
  readonly eci?: string;
}

/** The errorCode a scenario is answered with instead of an ARes, if any. */
export function expectedErrorCode(scenario: OutcomeScenario): string | undefined {
  return scenario === 'acs-error' ? '403' : undefined;
}

/** The ARes outcome for these options (see the decisions at the top of this file). */
export function expectedFrictionlessOutcome(options: OutcomeOptions): ExpectedOutcome {
  const { scenario, version } = options;
  switch (scenario) {
    case 'acs-error':
      throw new Error('acs-error is answered with Erro 403, not an ARes (see expectedErrorCode)');
    case 'unknown-card':
      return { transStatus: 'N', transStatusReason: '08' };
    case 'not-enrolled':
      return { transStatus: 'N', transStatusReason: '13' };
    case 'frictionless-n':
      return { transStatus: 'N', transStatusReason: '01' };
    case 'frictionless-u':
      return { transStatus: 'U', transStatusReason: versionAtLeast(version, '2.2.0') ? '22' : '14' };
    case 'frictionless-r':
      return { transStatus: 'R', transStatusReason: '11' };
    case 'frictionless-a':
      return { transStatus: 'A', eci: expectedEci(options.scheme, 'A') };
    case 'frictionless-y':
    case 'acs-slow':
      return isMandated(options) ? challenge(options) : authenticated(options);
    case 'frictionless-i':
      return isMandated(options) ? challenge(options) : informationalOrAuthenticated(options);
    case 'risk-based':
      return isMandated(options) || isAboveThreshold(options) ? challenge(options) : authenticated(options);
    case 'decoupled':
      if (!allowsDecoupled(options)) return challenge(options);
      return isDataShareOnly(options) ? { transStatus: 'I' } : { transStatus: 'D' };
    case 'challenge-sms':
    case 'challenge-app':
    case 'challenge-choice':
    case 'challenge-oob':
    case 'challenge-static':
    case 'challenge-kba':
      return challenge(options);
  }
}

function indicators(options: OutcomeOptions): readonly string[] {
  const { challengeInd } = options;
  if (challengeInd === undefined) return [];
  return typeof challengeInd === 'string' ? [challengeInd] : challengeInd;
}

function isMandated(options: OutcomeOptions): boolean {
  return options.channel !== '03' && indicators(options).includes('04');
}

function isDataShareOnly(options: OutcomeOptions): boolean {
  return versionAtLeast(options.version, '2.2.0') && indicators(options).includes('06');
}

function challenge(options: OutcomeOptions): ExpectedOutcome {
  if (isDataShareOnly(options)) return { transStatus: 'I' };
  return options.channel === '03' ? { transStatus: 'N', transStatusReason: '21' } : { transStatus: 'C' };
}

function authenticated(options: OutcomeOptions): ExpectedOutcome {
  return { transStatus: 'Y', eci: expectedEci(options.scheme, 'Y') };
}

function informationalOrAuthenticated(options: OutcomeOptions): ExpectedOutcome {
  const acknowledged = ['05', '06', '07'];
  const allowsI =
    versionAtLeast(options.version, '2.2.0') && indicators(options).some((i) => acknowledged.includes(i));
  return allowsI ? { transStatus: 'I' } : authenticated(options);
}

function isAboveThreshold(options: OutcomeOptions): boolean {
  if (options.riskThresholdMinor === undefined) {
    throw new Error('risk-based needs riskThresholdMinor (the configured amount)');
  }
  return (options.amountMinor ?? 0) > options.riskThresholdMinor;
}

// Y from 2.2.0; B (primary or fallback) in 2.3.1. F (fallback only) never gives D in the ARes.
function allowsDecoupled(options: OutcomeOptions): boolean {
  if (!versionAtLeast(options.version, '2.2.0')) return false;
  return options.decReqInd === 'Y' || (options.version === '2.3.1' && options.decReqInd === 'B');
}
