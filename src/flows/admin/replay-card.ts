/**
 * Which card a replayed AReq (src/flows/admin/replay.ts) is answered for, and the PAN it carries.
 * An export holds the PAN only masked (first 6, last 4), so the replay needs either the PAN from
 * the tester (`acctNumber`, checked against the masked form and never logged or returned) or a
 * card it can name without one: the exported transaction's card when it still exists with the
 * same masked PAN, else the one card here with that masked PAN (test cards are public, so an
 * export from another ACS replays against the same test card). The AReq then carries a stand-in
 * PAN of the same length, BIN and last four (Luhn-valid), which parses as the original did and
 * gives the same scheme and masked PAN.
 */
import type { Card } from '../../domain/card.ts';
import { maskPan } from '../../domain/pan.ts';
import { AcsError } from '../../errors/index.ts';
import { isLuhnValid } from '../../protocol/formats.ts';
import { panLookupHash } from '../../signing/keyed-hash.ts';
import type { FlowDeps } from '../common/deps.ts';

/** The card a replay answers for (undefined: no card record here) and the acctNumber its AReq carries. */
export type ReplayCard = Readonly<{ card: Card | undefined; acctNumber: string }>;

/** What the export says about the card. */
export type ExportedCard = Readonly<{ maskedPan: string; cardId: string | null }>;

const askForAcctNumber = 'give the card’s PAN as acctNumber to choose the card';

/**
 * The card and PAN of a replay: `acctNumber` when given (AcsError bad_request when its masked
 * form is not the export's), else the card the export names, else the only card with its masked
 * PAN. AcsError unprocessable_content when the export had a card and none or several here match
 * its masked PAN. An export with no card record and no card here of that masked PAN replays as
 * no card record, as the original did: no PAN of ours can hide behind that mask.
 */
export async function replayCard(
  deps: Pick<FlowDeps, 'store' | 'keys'>,
  exported: ExportedCard,
  acctNumber: string | undefined,
): Promise<ReplayCard> {
  if (acctNumber !== undefined) {
    if (maskPan(acctNumber) !== exported.maskedPan) {
      throw new AcsError(
        'bad_request',
        'invalid or missing: acctNumber (its first 6 and last 4 digits are not the exported maskedPan)',
      );
    }
    return { card: await deps.store.findCardByPanHash(panLookupHash(deps.keys, acctNumber)), acctNumber };
  }
  const standIn = standInPan(exported.maskedPan);
  const named = exported.cardId === null ? undefined : await deps.store.getCard(exported.cardId);
  if (named !== undefined && named.maskedPan === exported.maskedPan)
    return { card: named, acctNumber: standIn };
  const alike = (await deps.store.listCards()).filter((card) => card.maskedPan === exported.maskedPan);
  const [only] = alike;
  if (alike.length === 1 && only !== undefined) return { card: only, acctNumber: standIn };
  if (alike.length === 0 && exported.cardId === null) return { card: undefined, acctNumber: standIn };
  throw new AcsError(
    'unprocessable_content',
    alike.length === 0
      ? `no card here has maskedPan ${exported.maskedPan}: add the card, or ${askForAcctNumber}`
      : `${alike.length} cards here have maskedPan ${exported.maskedPan}: ${askForAcctNumber}`,
  );
}

/**
 * A Luhn-valid PAN that masks to `maskedPan` (first 6, `*`, last 4): the hidden digits are zeros
 * but the last, which makes the Luhn sum whole.
 */
export function standInPan(maskedPan: string): string {
  const hidden = maskedPan.length - 10;
  const head = `${maskedPan.slice(0, 6)}${'0'.repeat(hidden - 1)}`;
  const tail = maskedPan.slice(-4);
  for (let digit = 0; digit <= 9; digit++) {
    const pan = `${head}${digit}${tail}`;
    if (isLuhnValid(pan)) return pan;
  }
  // Unreachable: each digit doubles or not, and either way the ten digits give ten sums mod 10.
  throw new AcsError('bad_request', 'invalid or missing: exchange.transaction.maskedPan');
}
