/**
 * The issuer's decision for an AReq, as an ordered list of named checks. The first check that
 * answers decides, and its name is stored with the transaction so a tester can see why.
 * Pure: everything it needs arrives in DecisionInput. docs/flows.md ("The decision") explains
 * each rule and the spec table it follows.
 */
import { type AuthenticationMethod, challengeMethodsOf, type Scenario } from '../domain/scenario.ts';
import { transStatusReasons } from '../protocol/trans-status.ts';
import { type MessageVersion, versionAtLeast } from '../protocol/version.ts';

/** The facts of one AReq that the decision may look at. */
export type DecisionInput = Readonly<{
  messageVersion: MessageVersion;
  deviceChannel: '01' | '02' | '03';
  messageCategory: '01' | '02';
  /** threeDSRequestorChallengeInd values (one before 2.3.1, a list from 2.3.1; empty when absent). */
  challengeIndicators: readonly string[];
  /** The requestor lets the ARes answer D (see requestsDecoupledInARes). */
  decoupledRequested: boolean;
  /** The purchase amount in major units (amount / 10^exponent), when the AReq carried one. */
  amount: number | undefined;
  /** The card's scenario, or undefined when the ACS holds no record of the PAN. */
  scenario: Scenario | undefined;
}>;

/** Issuer policy the decision reads (from configuration). */
export type DecisionPolicy = Readonly<{ riskThreshold: number; slowDelayMs: number }>;

/** What a check answers. */
export type Answer = Readonly<
  | { kind: 'result'; transStatus: 'Y' | 'N' | 'A' | 'U' | 'R' | 'I'; reason?: string; delayMs?: number }
  | {
      kind: 'challenge';
      method: AuthenticationMethod;
      methods: readonly AuthenticationMethod[];
      mandated: boolean;
    }
  | { kind: 'decoupled'; method: AuthenticationMethod }
  | { kind: 'error'; errorCode: '403' }
>;

/** What the ACS answers, with the name of the check that decided. */
export type Decision = Answer & Readonly<{ check: string }>;

type Check = Readonly<{
  name: string;
  decide: (input: DecisionInput, policy: DecisionPolicy) => Answer | undefined;
}>;

/** Indicators by which a requestor says it wants no challenge (2.2.0 Table A.1, 05-07). */
const noChallengeIndicators = new Set(['05', '06', '07']);

/** Challenge indicator 06: no challenge requested, data share only (2.2.0 and 2.3.1 Table A.1). */
const dataShareOnly = '06';

/**
 * Whether threeDSRequestorDecReqInd lets the ACS answer the ARes with D: Y (decoupled
 * preferred) and, from 2.3.1, B (decoupled as primary or fallback). F allows decoupled only as
 * a fallback after a challenge (D in the RReq), so the ARes is what it would be without it; N
 * and an absent indicator forbid it (2.3.1 Table A.1, threeDSRequestorDecReqInd).
 */
export function requestsDecoupledInARes(indicator: string | undefined): boolean {
  return indicator === 'Y' || indicator === 'B';
}

const challengeFor = (scenario: Scenario, mandated: boolean): Answer | undefined => {
  const methods = challengeMethodsOf(scenario);
  const [method] = methods;
  return method === undefined ? undefined : { kind: 'challenge', method, methods, mandated };
};

/** The checks, in the order they are asked. */
export const checks: readonly Check[] = [
  {
    name: 'no-card-record',
    decide: (input) =>
      input.scenario === undefined
        ? { kind: 'result', transStatus: 'N', reason: transStatusReasons.noCardRecord }
        : undefined,
  },
  {
    name: 'scenario-acs-error',
    decide: (input) => (input.scenario === 'acs-error' ? { kind: 'error', errorCode: '403' } : undefined),
  },
  {
    name: 'scenario-not-enrolled',
    decide: (input) =>
      input.scenario === 'not-enrolled'
        ? { kind: 'result', transStatus: 'N', reason: transStatusReasons.cardholderNotEnrolled }
        : undefined,
  },
  {
    name: 'scenario-fixed-outcome',
    decide: (input) => {
      switch (input.scenario) {
        case 'frictionless-n':
          return { kind: 'result', transStatus: 'N', reason: transStatusReasons.cardAuthenticationFailed };
        case 'frictionless-u':
          // Reason 22 (ACS technical issue) exists from 2.2.0; 2.1.0's nearest is 14 (timed out at the ACS).
          return {
            kind: 'result',
            transStatus: 'U',
            reason: versionAtLeast(input.messageVersion, '2.2.0')
              ? transStatusReasons.acsTechnicalIssue
              : transStatusReasons.transactionTimedOutAtAcs,
          };
        case 'frictionless-r':
          return { kind: 'result', transStatus: 'R', reason: transStatusReasons.suspectedFraud };
        default:
          return undefined;
      }
    },
  },
  {
    name: 'decoupled-requested',
    decide: (input) =>
      input.scenario === 'decoupled' &&
      input.decoupledRequested &&
      versionAtLeast(input.messageVersion, '2.2.0')
        ? { kind: 'decoupled', method: 'oob' }
        : undefined,
  },
  {
    // On 3RI no challenge can honour a mandate: the card is answered as it would be without it.
    name: 'requestor-mandates-challenge',
    decide: (input) =>
      input.challengeIndicators.includes('04') && input.scenario !== undefined && input.deviceChannel !== '03'
        ? challengeFor(input.scenario, true)
        : undefined,
  },
  {
    name: 'informational-only',
    decide: (input) => {
      if (input.scenario !== 'frictionless-i') return undefined;
      const allowed =
        versionAtLeast(input.messageVersion, '2.2.0') &&
        input.challengeIndicators.some((indicator) => noChallengeIndicators.has(indicator));
      return { kind: 'result', transStatus: allowed ? 'I' : 'Y' };
    },
  },
  {
    name: 'risk-amount-threshold',
    decide: (input, policy) => {
      if (input.scenario !== 'risk-based') return undefined;
      if (input.amount === undefined || input.amount <= policy.riskThreshold)
        return { kind: 'result', transStatus: 'Y' };
      return challengeFor('risk-based', false);
    },
  },
  {
    name: 'scenario-frictionless',
    decide: (input, policy) => {
      switch (input.scenario) {
        case 'frictionless-y':
          return { kind: 'result', transStatus: 'Y' };
        case 'frictionless-a':
          return { kind: 'result', transStatus: 'A' };
        case 'acs-slow':
          return { kind: 'result', transStatus: 'Y', delayMs: policy.slowDelayMs };
        default:
          return undefined;
      }
    },
  },
  {
    name: 'scenario-challenge',
    decide: (input) => (input.scenario === undefined ? undefined : challengeFor(input.scenario, false)),
  },
];

/**
 * Runs the checks in order; the first that answers decides. Two answers are then reshaped:
 *
 * - A challenge (C or D) when the requestor sent indicator 06 (no challenge requested, data
 *   share only) becomes I, "challenge preference acknowledged": the tables rule C out with 06,
 *   and N would deny a transaction the requestor never asked to authenticate (docs/flows.md).
 * - A challenge on 3RI becomes N with reason 21 (3RI transaction not supported): there is no
 *   cardholder present, and Y or A would claim an authentication that never happened
 *   (README.md, test cards; decoupled D is allowed).
 */
export function decide(input: DecisionInput, policy: DecisionPolicy): Decision {
  for (const check of checks) {
    const answer = check.decide(input, policy);
    if (answer === undefined) continue;
    if (isDataShareOnlyChallenge(input, answer)) {
      return { kind: 'result', check: 'data-share-only', transStatus: 'I' };
    }
    if (answer.kind === 'challenge' && input.deviceChannel === '03') {
      return {
        kind: 'result',
        check: 'three-ri-without-cardholder',
        transStatus: 'N',
        reason: transStatusReasons.threeRiNotSupported,
      };
    }
    return { ...answer, check: check.name };
  }
  // Unreachable while every scenario is covered above; fail safe, never authenticate.
  return {
    kind: 'result',
    check: 'fallback',
    transStatus: 'U',
    reason: transStatusReasons.acsTechnicalIssue,
  };
}

function isDataShareOnlyChallenge(input: DecisionInput, answer: Answer): boolean {
  return (
    (answer.kind === 'challenge' || answer.kind === 'decoupled') &&
    input.challengeIndicators.includes(dataShareOnly) &&
    versionAtLeast(input.messageVersion, '2.2.0')
  );
}
