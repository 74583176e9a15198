/**
 * Telling the 3DS Server how a challenge or decoupled authentication ended, as the card's fault
 * (docs/faults.md) has it told: normally one RReq (notify-requestor.ts, retried until delivered);
 * with an RReq fault, the same RReq twice, a second one that contradicts it, the RReq late, none,
 * or one made faulty (rreq-faults.ts) so that a well-behaved 3DS Server answers an Erro.
 *
 * The stored result is written before this runs and is never touched here. Each fault records a
 * Fault entry (fault-log.ts) saying what it did and the true transStatus, before the message it
 * announces, so the timeline reads in the order things happened. Each RReq goes through
 * notifyRequestor on its own, so each starts at attempt 1 as a resend does; a failed one is
 * retried, and a later RReq's retry replaces an earlier one's (one scheduled retry per
 * transaction, src/store/port.ts).
 */
import { faultDelayOf, isRReqFault, type RReqFault } from '../../domain/fault.ts';
import type { Transaction } from '../../domain/transaction.ts';
import type { RReq } from '../../protocol/rreq.ts';
import type { FlowDeps } from '../common/deps.ts';
import { faultEntry } from '../common/fault-log.ts';
import { notifyRequestor } from './notify-requestor.ts';
import {
  conflictingRReq,
  missingElementOf,
  rreqWithoutRequiredElement,
  rreqWithWrongId,
} from './rreq-faults.ts';

/** Sends `rreq`, the true report of `tx`'s stored result, as its fault dictates. */
export async function reportResult(deps: FlowDeps, tx: Transaction, rreq: RReq): Promise<void> {
  const { fault } = tx;
  if (!isRReqFault(fault)) {
    await notifyRequestor(deps, tx, rreq);
    return;
  }
  const note = (action: string) =>
    deps.store.recordMessages([
      faultEntry({ ...tx, fault }, action, deps.clock(), { trueTransStatus: rreq.transStatus }),
    ]);
  await sendWithFault(deps, tx, rreq, fault, note);
}

async function sendWithFault(
  deps: FlowDeps,
  tx: Transaction,
  rreq: RReq,
  fault: RReqFault,
  note: (action: string) => Promise<void>,
): Promise<void> {
  switch (fault) {
    case 'rreq-twice':
      await notifyRequestor(deps, tx, rreq);
      await note('the same RReq sent a second time');
      await notifyRequestor(deps, tx, rreq);
      return;
    case 'rreq-conflicting': {
      await notifyRequestor(deps, tx, rreq);
      const second = await conflictingRReq(deps, tx);
      await note(
        `a second RReq sent with transStatus ${second.transStatus}, contradicting the first (${rreq.transStatus})`,
      );
      await notifyRequestor(deps, tx, second);
      return;
    }
    case 'rreq-late': {
      const delayMs = faultDelayOf(fault, tx.faultDelayMs);
      await note(`RReq held back ${delayMs} ms, to arrive after the final CRes`);
      await notifyRequestor(deps, tx, rreq, { delayMs });
      return;
    }
    case 'rreq-never':
      await note('RReq withheld: the 3DS Server is never sent one');
      return;
    case 'rreq-wrong-id': {
      const wrongId = deps.newId();
      await note(
        `RReq sent with threeDSServerTransID ${wrongId}, not the transaction's ${tx.threeDSServerTransID} (expected reply: Erro 301)`,
      );
      await notifyRequestor(deps, tx, rreqWithWrongId(rreq, wrongId));
      return;
    }
    case 'rreq-missing-element':
      await note(`RReq sent without ${missingElementOf(rreq)} (expected reply: Erro 201)`);
      await notifyRequestor(deps, tx, rreqWithoutRequiredElement(rreq));
      return;
  }
}
