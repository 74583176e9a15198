/**
 * Seeding: turns the seed file's test cards into stored cards (PAN reduced to its keyed hash
 * and masked form at once) and adds the BIN ranges. Cards already present are left alone, so
 * a tester's edits survive restarts.
 */
import { maskPan } from '../domain/pan.ts';
import { schemeOfPan } from '../domain/scheme.ts';
import type { SeedFile } from '../domain/seed-file.ts';
import { panLookupHash } from '../signing/keyed-hash.ts';
import type { SeedReport } from '../store/port.ts';
import type { FlowDeps } from './deps.ts';

/** Adds the seed file's cards and ranges that the store does not hold yet. */
export function seedTestCards(
  deps: Pick<FlowDeps, 'store' | 'keys' | 'clock' | 'newId'>,
  seed: SeedFile,
): SeedReport {
  const cards = seed.cards.map((card) => {
    const scheme = schemeOfPan(card.pan);
    if (scheme === undefined) throw new Error('seed card belongs to no supported scheme');
    return {
      id: deps.newId(),
      panHash: panLookupHash(deps.keys, card.pan),
      maskedPan: maskPan(card.pan),
      scheme,
      scenario: card.scenario,
      cardholderName: card.cardholderName,
      phone: card.phone,
      email: card.email,
    };
  });
  return deps.store.seed(cards, seed.ranges, deps.clock().toISOString());
}
