/**
 * The scenario names and the test-card table of README.md (the cards of data/test-cards.json),
 * as test-side data, plus one card each for American Express, Discover and JCB that this file
 * proposes.
 *
 * The three proposed PANs are synthetic (not the famous public test numbers): the scheme's
 * prefix, zeros, "10" and a Luhn check digit, in the same spirit as the Visa and Mastercard rows.
 *   American Express 340000000000108 (15 digits, IIN 34)   frictionless-y
 *   Discover         6011000000000103 (16 digits, IIN 6011) frictionless-y
 *   JCB              3528000000000106 (16 digits, IIN 3528) frictionless-y
 */

import type { CardScheme } from './card-scheme.ts';

/** Every scenario a test card can carry, in the order of README.md's test-card table. */
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

/** A seeded test card: its PAN, its scheme and the scenario it always plays. */
export interface TestCard {
  readonly pan: string;
  readonly scheme: CardScheme;
  readonly scenario: Scenario;
}

const visaAndMastercard: readonly (readonly [Scenario, string, string])[] = [
  ['frictionless-y', '4000000000000101', '5200000000000106'],
  ['frictionless-n', '4000000000000200', '5200000000000205'],
  ['frictionless-a', '4000000000000309', '5200000000000304'],
  ['frictionless-u', '4000000000000408', '5200000000000403'],
  ['frictionless-r', '4000000000000507', '5200000000000502'],
  ['frictionless-i', '4000000000000606', '5200000000000601'],
  ['challenge-sms', '4000000000001000', '5200000000001005'],
  ['challenge-app', '4000000000001109', '5200000000001104'],
  ['challenge-choice', '4000000000001208', '5200000000001203'],
  ['challenge-oob', '4000000000001307', '5200000000001302'],
  ['challenge-static', '4000000000001406', '5200000000001401'],
  ['challenge-kba', '4000000000001604', '5200000000001609'],
  ['decoupled', '4000000000001505', '5200000000001500'],
  ['risk-based', '4000000000002008', '5200000000002003'],
  ['not-enrolled', '4000000000009003', '5200000000009008'],
  ['acs-error', '4000000000009102', '5200000000009107'],
  ['acs-slow', '4000000000009201', '5200000000009206'],
];

/** README.md's test-card table (Visa and Mastercard) and the three proposed cards. */
export const testCards: readonly TestCard[] = [
  ...visaAndMastercard.flatMap(([scenario, visa, mastercard]): TestCard[] => [
    { pan: visa, scheme: 'visa', scenario },
    { pan: mastercard, scheme: 'mastercard', scenario },
  ]),
  { pan: '340000000000108', scheme: 'amex', scenario: 'frictionless-y' },
  { pan: '6011000000000103', scheme: 'discover', scenario: 'frictionless-y' },
  { pan: '3528000000000106', scheme: 'jcb', scenario: 'frictionless-y' },
];

/** The test card of a scheme and scenario, or undefined when the table has none. */
export function testCardFor(scheme: CardScheme, scenario: Scenario): TestCard | undefined {
  return testCards.find((card) => card.scheme === scheme && card.scenario === scenario);
}
