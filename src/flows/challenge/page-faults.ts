/**
 * What the browser-only requestor faults (docs/faults.md, src/domain/fault.ts `browserOnlyFaults`)
 * do to the pages the cardholder's browser receives: the final page posts a cres that is not
 * base64url (cres-not-base64url) or posts the CRes twice (cres-twice), and the challenge page
 * answers the first CReq late (challenge-slow). Each returns the fault entries to keep in the
 * timeline; none touches the stored result, which is written from the outcome alone.
 */
import { faultAppliesTo, faultDelayOf } from '../../domain/fault.ts';
import type { NewMessage, Transaction } from '../../domain/transaction.ts';
import { encodeBase64UrlJson } from '../../protocol/base64url-json.ts';
import { faultEntry } from '../common/fault-log.ts';
import type { CResAsSent } from './cres-faults.ts';

type FaultyTransaction = Pick<Transaction, 'acsTransID' | 'threeDSServerTransID' | 'fault' | 'deviceChannel'>;

/**
 * How the final page posts the CRes to the notificationURL, as the transaction's fault has it,
 * and the fault entries to store with the result, beside the CRes (finish-challenge.ts).
 */
export type FinalPost = Readonly<{
  entries: readonly NewMessage[];
  /** True when the page posts the form twice. */
  postTwice: boolean;
  /** The `cres` form field (EMV 3DS Table A.3: base64url of the CRes JSON, unless faulty). */
  cresField: (cres: CResAsSent) => string;
}>;

/** How `tx`'s browser will post its final CRes, whose true transStatus is `trueTransStatus`. */
export function finalPostOf(tx: FaultyTransaction, trueTransStatus: string, at: Date): FinalPost {
  const { fault } = tx;
  const normal: FinalPost = { entries: [], postTwice: false, cresField: encodeBase64UrlJson };
  if (fault === undefined || !faultAppliesTo(fault, tx.deviceChannel)) return normal;
  const faulty = { ...tx, fault };
  if (fault === 'cres-not-base64url') {
    return {
      ...normal,
      cresField: (cres) => JSON.stringify(cres),
      entries: [
        faultEntry(faulty, 'final CRes posted as its JSON text, not base64url-encoded', at, {
          trueTransStatus,
        }),
      ],
    };
  }
  if (fault === 'cres-twice') {
    return {
      ...normal,
      postTwice: true,
      entries: [
        faultEntry(
          faulty,
          'final CRes page posts the same form twice to the notificationURL (by fetch, then by the form)',
          at,
          { trueTransStatus },
        ),
      ],
    };
  }
  return normal;
}

/** How long the challenge page is held back after the first CReq, and the fault entry saying so. */
export type PageHold = Readonly<{ delayMs: number; entries: readonly NewMessage[] }>;

/**
 * The challenge-slow hold for `tx`'s first CReq, received `at`: the card's delay (kept with the
 * transaction) or the fault's default; 0 and no entry without that fault.
 */
export function challengePageHold(
  tx: FaultyTransaction & Pick<Transaction, 'faultDelayMs'>,
  at: Date,
): PageHold {
  const { fault } = tx;
  if (fault !== 'challenge-slow' || !faultAppliesTo(fault, tx.deviceChannel)) {
    return { delayMs: 0, entries: [] };
  }
  const held = faultDelayOf(fault, tx.faultDelayMs);
  return {
    delayMs: held,
    entries: [faultEntry({ ...tx, fault }, `challenge page held back ${held} ms`, at)],
  };
}
