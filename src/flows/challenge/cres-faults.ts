/**
 * The final CRes as it leaves the ACS. Normally the FinalCRes built from the result; on a card
 * with the cres-unknown-version fault (docs/faults.md), the same CRes under a messageVersion no
 * specification defines, on both channels, with a fault entry in the timeline. The stored result
 * is written from the outcome, never from this message, so it stays true.
 */
import type { NewMessage, Transaction } from '../../domain/transaction.ts';
import type { FinalCRes } from '../../protocol/final-cres.ts';
import { faultEntry } from '../common/fault-log.ts';

/** A final CRes as sent: a FinalCRes, or one whose messageVersion is not a real version. */
export type CResAsSent = Omit<FinalCRes, 'messageVersion'> & Readonly<{ messageVersion: string }>;

/** The version the cres-unknown-version fault announces: shaped like a version, defined by none. */
export const unknownMessageVersion = '2.9.0';

/** The faults that act on the final CRes (src/domain/fault.ts). */
const cresFaults: readonly string[] = ['cres-twice', 'cres-unknown-version', 'cres-not-base64url'];

/**
 * When no final CRes is sent (the window timed out, or the authentication was decoupled), a CRes
 * fault has nothing to act on: the entry that says so, or none for any other fault.
 */
export function noCResNote(
  tx: Pick<Transaction, 'acsTransID' | 'threeDSServerTransID' | 'fault'>,
  trueTransStatus: string,
  at: Date,
): readonly NewMessage[] {
  const { fault } = tx;
  if (fault === undefined || !cresFaults.includes(fault)) return [];
  return [
    faultEntry(
      { ...tx, fault },
      'not applied: no final CRes is sent when the window times out or the authentication is decoupled',
      at,
      {
        applied: false,
        trueTransStatus,
      },
    ),
  ];
}

/** `cres` as `tx`'s fault has it sent, and the fault entry to keep beside it (none without a fault). */
export function finalCResAsSent(
  tx: Pick<Transaction, 'acsTransID' | 'threeDSServerTransID' | 'fault'>,
  cres: FinalCRes,
  at: Date,
): Readonly<{ cres: CResAsSent; entries: readonly NewMessage[] }> {
  if (tx.fault !== 'cres-unknown-version') return { cres, entries: [] };
  return {
    cres: { ...cres, messageVersion: unknownMessageVersion },
    entries: [
      faultEntry(
        { ...tx, fault: tx.fault },
        `final CRes sent with messageVersion ${unknownMessageVersion} instead of ${cres.messageVersion}`,
        at,
        { trueTransStatus: cres.transStatus },
      ),
    ],
  };
}
