/**
 * Ends transactions whose wait ran out: an ARes C whose first CReq never came (RReq N/14,
 * challengeCancel 05), a challenge window left open too long (N/14, challengeCancel 04), and a
 * decoupled authentication not answered within threeDSRequestorDecMaxTime (N/14).
 * Deadlines live in the database, so a restarted server picks up where it stopped.
 */
import type { FlowDeps } from './deps.ts';
import { finishChallenge } from './finish-challenge.ts';

/** Finishes every overdue transaction (in batches); returns how many it ended. */
export async function sweepTimeouts(deps: FlowDeps, batch = 50): Promise<number> {
  let ended = 0;
  for (;;) {
    const overdue = deps.store.listOverdue(deps.clock().toISOString(), batch);
    if (overdue.length === 0) return ended;
    for (const tx of overdue) {
      const challenge = deps.store.getChallenge(tx.acsTransID);
      // Decoupled authentication has no window to cancel: N, reason 14, and no challengeCancel.
      const end =
        tx.state === 'awaiting-decoupled'
          ? ({ transStatus: 'N', reason: '14' } as const)
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
