/**
 * Telling the 3DS Server how a challenge or decoupled authentication ended, as the card's fault
 * (docs/faults.md) has it told: normally one RReq (notify-requestor.ts, retried until delivered).
 */
import type { Transaction } from '../../domain/transaction.ts';
import type { RReq } from '../../protocol/rreq.ts';
import type { FlowDeps } from '../common/deps.ts';
import { notifyRequestor } from './notify-requestor.ts';

/** Sends `rreq` for `tx` as its fault dictates. */
export async function reportResult(deps: FlowDeps, tx: Transaction, rreq: RReq): Promise<void> {
  await notifyRequestor(deps, tx, rreq);
}
