/**
 * What a card's requestor fault (docs/faults.md) does when its AReq is answered: ares-late holds
 * the ARes back (the acsURL then reaches the 3DS Server only after its usual timeout), and a fault
 * that has nothing to act on in this transaction is noted as not applied, so a tester who chose
 * it sees why the exchange looked normal.
 */
import type { Card } from '../../domain/card.ts';
import { faultAppliesTo, faultDelayOf } from '../../domain/fault.ts';
import type { NewMessage, Transaction } from '../../domain/transaction.ts';
import { faultEntry } from '../common/fault-log.ts';

/** How long the ARes waits for `card`'s fault (0 without ares-late). */
export function aresDelayOf(card: Card | undefined): number {
  return card?.fault === 'ares-late' ? faultDelayOf(card.fault, card.faultDelayMs) : 0;
}

/**
 * The fault entries of `tx`'s AReq-ARes exchange, at `receivedAt`: the ARes held back `delayMs`,
 * or a fault that cannot act (one of the browser's on another channel, or a challenge's fault when
 * there is no challenge).
 */
export function faultEntriesAtAReq(
  tx: Transaction,
  delayMs: number,
  receivedAt: Date,
): readonly NewMessage[] {
  const { fault } = tx;
  if (fault === undefined) return [];
  const faulty = { ...tx, fault };
  if (fault === 'ares-late') {
    return [
      faultEntry(faulty, `ARes held back ${delayMs} ms before it was sent`, receivedAt, {
        trueTransStatus: tx.aresStatus,
      }),
    ];
  }
  if (!faultAppliesTo(fault, tx.deviceChannel)) {
    return [
      faultEntry(
        faulty,
        `not applied: it acts on a browser's post, and deviceChannel is ${tx.deviceChannel}`,
        receivedAt,
        {
          applied: false,
        },
      ),
    ];
  }
  if (tx.aresStatus !== 'C' && tx.aresStatus !== 'D') {
    return [
      faultEntry(
        faulty,
        `not applied: ARes ${tx.aresStatus} ends the transaction with no CRes or RReq`,
        receivedAt,
        {
          applied: false,
          trueTransStatus: tx.aresStatus,
        },
      ),
    ];
  }
  return [];
}
