/**
 * Test scenarios (README.md's test-card table; the cards are seeded from data/test-cards.json).
 * A card's scenario, never chance, decides how the ACS answers, so every outcome can be
 * reproduced by card number.
 */

/** Every scenario a test card can carry. */
export const scenarios = [
  'frictionless-y',
  'frictionless-n',
  'frictionless-a',
  'frictionless-u',
  'frictionless-r',
  'frictionless-i',
  'challenge-sms',
  'challenge-app',
  'challenge-choice',
  'challenge-oob',
  'challenge-static',
  'challenge-kba',
  'decoupled',
  'risk-based',
  'not-enrolled',
  'acs-error',
  'acs-slow',
] as const;

/** One scenario name. */
export type Scenario = (typeof scenarios)[number];

/** How the cardholder proves who they are in a challenge. */
/** kba: a security question answered by ticking the right options (src/flows/challenge/kba-question.ts). */
export type AuthenticationMethod = 'sms' | 'totp' | 'password' | 'oob' | 'kba';

/** True when `value` names a scenario. */
export function isScenario(value: unknown): value is Scenario {
  return typeof value === 'string' && (scenarios as readonly string[]).includes(value);
}

/**
 * The challenge methods a scenario's cardholder is enrolled in, first one preferred. The
 * frictionless-y/-i and acs-slow cardholders are enrolled in SMS but not challenged unless
 * the requestor mandates it (indicator 04). Empty for cardholders who cannot be challenged:
 * not enrolled, attempts only (A), and the fixed N/U/R and error scenarios.
 */
export function challengeMethodsOf(scenario: Scenario): readonly AuthenticationMethod[] {
  switch (scenario) {
    case 'challenge-sms':
    case 'decoupled':
    case 'risk-based':
    case 'frictionless-y':
    case 'frictionless-i':
    case 'acs-slow':
      return ['sms'];
    case 'challenge-app':
      return ['totp'];
    case 'challenge-choice':
      return ['sms', 'totp', 'password'];
    case 'challenge-oob':
      return ['oob'];
    case 'challenge-static':
      return ['password'];
    case 'challenge-kba':
      return ['kba'];
    case 'frictionless-n':
    case 'frictionless-a':
    case 'frictionless-u':
    case 'frictionless-r':
    case 'not-enrolled':
    case 'acs-error':
      return [];
  }
}
