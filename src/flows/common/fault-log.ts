/**
 * How a requestor fault (docs/faults.md) shows in a transaction's timeline: an entry of its own,
 * messageType `Fault`, beside the messages it altered, delayed or held back. It says which fault
 * acted and what it did, and repeats the true outcome, so nobody reading the timeline, the admin
 * API or an export mistakes a faulty message for the transaction's result.
 */
import { type Fault, faultDescriptions } from '../../domain/fault.ts';
import type { NewMessage, Transaction } from '../../domain/transaction.ts';

/** The messageType of a fault's timeline entry (no EMV message has this type). */
export const faultMessageType = 'Fault';

/** What a fault entry holds. */
export type FaultNote = Readonly<{
  fault: Fault;
  /** What the fault does, in general (src/domain/fault.ts). */
  description: string;
  /** What it did in this transaction. */
  action: string;
  /** False when the fault could not act here (say, an RReq fault on a frictionless transaction). */
  applied: boolean;
  /** The true outcome, which the fault never changes (absent while the transaction has none). */
  trueTransStatus?: string;
}>;

/**
 * A timeline entry recording that `tx`'s fault `action`ed at `at`; `applied` false notes a fault
 * that had nothing to act on.
 */
export function faultEntry(
  tx: Pick<Transaction, 'acsTransID' | 'threeDSServerTransID'> & { fault: Fault },
  action: string,
  at: Date,
  options: Readonly<{ applied?: boolean; trueTransStatus?: string | undefined }> = {},
): NewMessage {
  const note: FaultNote = {
    fault: tx.fault,
    description: faultDescriptions[tx.fault],
    action,
    applied: options.applied ?? true,
    ...(options.trueTransStatus === undefined ? {} : { trueTransStatus: options.trueTransStatus }),
  };
  return {
    acsTransID: tx.acsTransID,
    threeDSServerTransID: tx.threeDSServerTransID,
    messageType: faultMessageType,
    direction: 'out',
    body: note,
    createdAt: at.toISOString(),
  };
}

/** True when a stored timeline entry is a fault's, not a message exchanged. */
export function isFaultEntry(message: Readonly<{ messageType: string }>): boolean {
  return message.messageType === faultMessageType;
}
