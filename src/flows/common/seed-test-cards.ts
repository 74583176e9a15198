/**
 * Seeding: turns the seed file's test cards into stored cards (PAN reduced to its keyed hash
 * and masked form at once), adds the BIN ranges, and gives cards their seeded credentials
 * (TOTP secret sealed at rest, password hashed with argon2id). Cards and credentials already
 * present are left alone, so a tester's edits survive restarts.
 */
import { maskPan } from '../../domain/pan.ts';
import { schemeOfPan } from '../../domain/scheme.ts';
import type { SeedFile } from '../../domain/seed-file.ts';
import { StartupError } from '../../errors/index.ts';
import { encryptAtRest } from '../../signing/at-rest.ts';
import { panLookupHash } from '../../signing/keyed-hash.ts';
import { hashPassword } from '../../signing/password-hash.ts';
import type { SeedReport } from '../../store/port.ts';
import { totpSealContext } from './card-credential-seal.ts';
import type { FlowDeps } from './deps.ts';

/** Adds the seed file's cards, ranges and credentials that the store does not hold yet. */
export async function seedTestCards(
  deps: Pick<FlowDeps, 'store' | 'keys' | 'clock' | 'newId'>,
  seed: SeedFile,
): Promise<SeedReport> {
  const cards = seed.cards.map((card) => {
    const scheme = schemeOfPan(card.pan);
    if (scheme === undefined)
      throw new StartupError('seed_file_invalid', 'seed card belongs to no supported scheme');
    return {
      id: deps.newId(),
      panHash: panLookupHash(deps.keys, card.pan),
      maskedPan: maskPan(card.pan),
      scheme,
      scenario: card.scenario,
      cardholderName: card.cardholderName,
      phone: card.phone,
      email: card.email,
      fault: card.fault,
      faultDelayMs: card.faultDelayMs,
    };
  });
  const report = await deps.store.seed(cards, seed.ranges, deps.clock().toISOString());
  for (const [i, seeded] of seed.cards.entries()) {
    if (seeded.totpSecret === undefined && seeded.password === undefined) continue;
    const stored = await deps.store.findCardByPanHash((cards[i] as { panHash: string }).panHash);
    const credentials = stored === undefined ? undefined : await deps.store.getCardCredentials(stored.id);
    if (stored === undefined || credentials === undefined) continue;
    if (seeded.totpSecret !== undefined && credentials.totpSecretSealed === undefined) {
      await deps.store.setTotpSecret(
        stored.id,
        encryptAtRest(deps.keys, seeded.totpSecret, totpSealContext(stored.id)),
      );
    }
    if (seeded.password !== undefined && credentials.passwordHash === undefined) {
      await deps.store.setPasswordHash(stored.id, await hashPassword(seeded.password));
    }
  }
  return report;
}
