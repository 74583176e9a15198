/**
 * The public test card numbers of the seeded scenarios (README "Test cards"), offered as
 * suggestions on the demo merchant's checkout. The ACS stores only PAN hashes, so the demo
 * cannot list the full numbers of the cards in the store: it offers these public numbers,
 * each shown only when a card with that number is actually in the store, labelled with the
 * scenario the store gives it. Cards a tester added are listed masked; their number is typed.
 */
import type { Scenario } from '../../domain/scenario.ts';
import { panLookupHash } from '../../signing/keyed-hash.ts';
import type { FlowDeps } from '../common/deps.ts';

/** Public test PANs by scenario: [Visa, Mastercard] (README.md, test cards). */
const seededPans: Readonly<Record<Scenario, readonly [string, string]>> = {
  'frictionless-y': ['4000000000000101', '5200000000000106'],
  'frictionless-n': ['4000000000000200', '5200000000000205'],
  'frictionless-a': ['4000000000000309', '5200000000000304'],
  'frictionless-u': ['4000000000000408', '5200000000000403'],
  'frictionless-r': ['4000000000000507', '5200000000000502'],
  'frictionless-i': ['4000000000000606', '5200000000000601'],
  'challenge-sms': ['4000000000001000', '5200000000001005'],
  'challenge-app': ['4000000000001109', '5200000000001104'],
  'challenge-choice': ['4000000000001208', '5200000000001203'],
  'challenge-oob': ['4000000000001307', '5200000000001302'],
  'challenge-static': ['4000000000001406', '5200000000001401'],
  'challenge-kba': ['4000000000001604', '5200000000001609'],
  decoupled: ['4000000000001505', '5200000000001500'],
  'risk-based': ['4000000000002008', '5200000000002003'],
  'not-enrolled': ['4000000000009003', '5200000000009008'],
  'acs-error': ['4000000000009102', '5200000000009107'],
  'acs-slow': ['4000000000009201', '5200000000009206'],
};

/** The other seeded public cards (all frictionless-y in the repository's seed file). */
const otherSeededPans: readonly string[] = ['340000000000108', '6011000000000103', '3528000000000106'];

/** A card number the checkout suggests. */
export type DemoCardSuggestion = Readonly<{ pan: string; scenario: Scenario; scheme: string }>;

/** A card in the store whose number is not public (added by a tester): shown masked only. */
export type DemoOtherCard = Readonly<{ maskedPan: string; scenario: Scenario; scheme: string }>;

/** What the checkout offers: public numbers present in the store, and the other stored cards. */
export type DemoCardChoices = Readonly<{
  suggestions: readonly DemoCardSuggestion[];
  others: readonly DemoOtherCard[];
}>;

/** The public test card numbers (seeded scenarios first, in README order). */
export const publicTestPans: readonly string[] = [...Object.values(seededPans).flat(), ...otherSeededPans];

/** The card choices for the checkout form, from what the store holds now. */
export async function demoCardChoices(deps: FlowDeps): Promise<DemoCardChoices> {
  const suggestions: DemoCardSuggestion[] = [];
  const suggestedIds = new Set<string>();
  // One read of every card, matched by PAN hash: no query per suggested PAN.
  const cards = await deps.store.listCards();
  const byHash = new Map(cards.map((card) => [card.panHash, card]));
  for (const pan of publicTestPans) {
    const card = byHash.get(panLookupHash(deps.keys, pan));
    if (card === undefined) continue;
    suggestions.push({ pan, scenario: card.scenario, scheme: card.scheme });
    suggestedIds.add(card.id);
  }
  const others = cards
    .filter((card) => !suggestedIds.has(card.id))
    .map((card) => ({ maskedPan: card.maskedPan, scenario: card.scenario, scheme: card.scheme }));
  return { suggestions, others };
}
