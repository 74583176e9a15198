/**
 * Test cards that testers add, change and remove (admin API, console). A new card's PAN is
 * reduced at once to its keyed lookup hash and masked form, as seeding does: it is never
 * stored, logged or returned, so a tester's card is as safe at rest as a seeded one.
 */
import { maskPan } from '../../domain/pan.ts';
import { schemeOfPan } from '../../domain/scheme.ts';
import { AcsError } from '../../errors/index.ts';
import { panLookupHash } from '../../signing/keyed-hash.ts';
import type { CardChanges } from '../../store/port.ts';
import type { FlowDeps } from '../common/deps.ts';
import { type CardView, getCardView } from './card-credentials.ts';
import { type NewTestCard, panProblem, type TestCardChanges } from './card-input.ts';

/** Adds a test card; AcsError bad_request for a PAN we cannot serve, conflict when the card exists. */
export async function createTestCard(
  deps: Pick<FlowDeps, 'store' | 'keys' | 'clock' | 'newId' | 'logger'>,
  input: NewTestCard,
): Promise<CardView> {
  const pan = input.pan.replaceAll(' ', '');
  // The schema checked this already; checked again so no caller can store a PAN we cannot serve.
  const problem = panProblem(pan);
  const scheme = schemeOfPan(pan);
  if (problem !== undefined || scheme === undefined) {
    throw new AcsError('bad_request', `invalid or missing: pan (${problem ?? 'no scheme'})`);
  }
  const id = deps.newId();
  const created = await deps.store.createCard(
    {
      id,
      panHash: panLookupHash(deps.keys, pan),
      maskedPan: maskPan(pan),
      scheme,
      scenario: input.scenario,
      cardholderName: input.cardholderName,
      phone: input.phone,
      email: input.email,
      fault: input.fault,
      faultDelayMs: input.faultDelayMs,
    },
    deps.clock().toISOString(),
  );
  if (!created) throw new AcsError('conflict', 'a card with this PAN exists already');
  deps.logger.info('test card created', { cardId: id, scenario: input.scenario });
  return await getCardView(deps, id);
}

/**
 * Changes a card's scenario, details or fault (null clears one; a fault is written with its delay);
 * AcsError not_found for no such card.
 */
export async function updateTestCard(
  deps: Pick<FlowDeps, 'store' | 'logger'>,
  cardId: string,
  changes: TestCardChanges,
): Promise<CardView> {
  const update: CardChanges = {
    ...(changes.scenario === undefined ? {} : { scenario: changes.scenario }),
    ...(changes.cardholderName === undefined ? {} : { cardholderName: changes.cardholderName ?? undefined }),
    ...(changes.phone === undefined ? {} : { phone: changes.phone ?? undefined }),
    ...(changes.email === undefined ? {} : { email: changes.email ?? undefined }),
    ...(changes.fault === undefined
      ? {}
      : { fault: changes.fault ?? undefined, faultDelayMs: changes.faultDelayMs ?? undefined }),
  };
  if (!(await deps.store.updateCard(cardId, update))) throw new AcsError('not_found', 'no such card');
  deps.logger.info('test card changed', { cardId, fields: Object.keys(update) });
  return await getCardView(deps, cardId);
}

/** Deletes a card with its credentials (its transactions keep their masked PAN); AcsError not_found for no such card. */
export async function deleteTestCard(
  deps: Pick<FlowDeps, 'store' | 'logger'>,
  cardId: string,
): Promise<void> {
  if (!(await deps.store.deleteCard(cardId))) throw new AcsError('not_found', 'no such card');
  deps.logger.info('test card deleted', { cardId });
}
