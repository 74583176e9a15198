/**
 * Ends transactions whose wait ran out: an ARes C whose first CReq never came (RReq N/14,
 * challengeCancel 05), a challenge window left open too long (N/14, challengeCancel 04), and a
 * decoupled authentication not answered within threeDSRequestorDecMaxTime (N/24, challengeCancel 03).
 * Deadlines live in the database, so a restarted server picks up where it stopped, and every
 * instance sharing the database sweeps: each claims its overdue rows (their deadline moves
 * forward by a lease, so the others skip them), and the result is still written by a
 * compare-and-set, so a transaction ends once with one RReq however many instances sweep.
 */
import type { FlowDeps } from '../common/deps.ts';
import { finishChallenge } from './finish-challenge.ts';

/** How long a claimed overdue transaction is hidden from other sweepers while this one ends it. */
const claimLeaseMs = 60_000;

/** Finishes every overdue transaction (in batches); returns how many it ended. */
export async function sweepTimeouts(deps: FlowDeps, batch = 50): Promise<number> {
  let ended = 0;
  for (;;) {
    const now = deps.clock();
    const leaseUntil = new Date(now.getTime() + claimLeaseMs).toISOString();
    const overdue = await deps.store.claimOverdue(now.toISOString(), leaseUntil, batch);
    for (const { transaction: tx, challenge } of overdue) {
      // Decoupled authentication past threeDSRequestorDecMaxTime: N, reason 24 (3DS Requestor
      // Decoupled Max Expiry Time exceeded) with challengeCancel 03 (transaction timed out:
      // decoupled authentication), 2.2.0 Table A.1; a strict 3DS Server refuses reason 14
      // without challengeCancel 04/05.
      const end =
        tx.state === 'awaiting-decoupled'
          ? ({ transStatus: 'N', reason: '24', challengeCancel: '03' } as const)
          : ({
              transStatus: 'N',
              reason: '14',
              challengeCancel: tx.state === 'awaiting-creq' ? '05' : '04',
            } as const);
      try {
        if ((await finishChallenge(deps, tx, challenge, end)) !== undefined) ended += 1;
      } catch (error) {
        // One transaction that cannot be reported must not stop the others from ending.
        deps.logger.error('could not end a timed-out transaction', { acsTransID: tx.acsTransID, err: error });
      }
    }
    if (overdue.length < batch) return ended;
  }
}
