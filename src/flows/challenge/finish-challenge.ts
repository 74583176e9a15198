/**
 * The end of a challenge, however it ends (code accepted, too many wrong codes, cancelled,
 * timed out): write the final result once, tell the 3DS Server (RReq), and build the final
 * CRes for the browser. Writing the result is a compare-and-set in the store, so a replayed
 * or concurrent post can never produce a second result or a second RReq.
 */
import type { Challenge, ChallengeCancel } from '../../domain/challenge.ts';
import type { NewMessage, Transaction, TransactionResult } from '../../domain/transaction.ts';
import { buildFinalCRes } from '../../protocol/final-cres.ts';
import type { TransStatusReason } from '../../protocol/trans-status.ts';
import { authenticationProof } from '../common/authentication-proof.ts';
import type { FlowDeps } from '../common/deps.ts';
import { timelineEntry } from '../common/message-log.ts';
import { type CResAsSent, finalCResAsSent, noCResNote } from './cres-faults.ts';
import { reportResult } from './report-result.ts';
import { rreqFor } from './rreq-for.ts';

/** How the challenge ended. */
export type ChallengeEnd = Readonly<{
  transStatus: 'Y' | 'N';
  reason?: TransStatusReason;
  challengeCancel?: ChallengeCancel;
}>;

/**
 * The app channel's final CRes: the acsCounterAtoS it carries, and the length of its JWE for the
 * timeline (app-challenge.ts encrypts it; the timeline keeps it decrypted beside that length).
 */
export type AppFinal = Readonly<{
  acsCounterAtoS: number;
  encryptedLength: (cres: CResAsSent) => Promise<number>;
}>;

/**
 * Finishes `tx`. Returns the final CRes to post to the browser, or undefined when the
 * transaction already had a result (nothing is sent twice).
 */
export async function finishChallenge(
  deps: FlowDeps,
  tx: Transaction,
  challenge: Challenge | undefined,
  end: ChallengeEnd,
  messages: readonly NewMessage[] = [],
  app?: AppFinal,
): Promise<CResAsSent | undefined> {
  const now = deps.clock();
  const decoupled = tx.aresStatus === 'D';
  const proof = authenticationProof(deps, tx, end.transStatus);
  const interactionCounter = challenge?.interactionCounter ?? 0;
  const result: TransactionResult = {
    transStatus: end.transStatus,
    transStatusReason: end.reason,
    eci: proof.eci,
    authenticationValue: proof.authenticationValue,
    challengeCancel: end.challengeCancel,
    interactionCounter,
    completedAt: now.toISOString(),
  };
  const built = buildFinalCRes({
    messageVersion: tx.messageVersion,
    threeDSServerTransID: tx.threeDSServerTransID,
    acsTransID: tx.acsTransID,
    transStatus: end.transStatus,
    ...(app === undefined || tx.sdkTransID === undefined
      ? {}
      : { sdkTransID: tx.sdkTransID, acsCounterAtoS: app.acsCounterAtoS }),
  });
  // No CRes reaches anyone when the window timed out or the authentication was decoupled.
  const cresSent = !(end.challengeCancel === '04' || end.challengeCancel === '05' || decoupled);
  const { cres, entries: faultEntries } = cresSent
    ? finalCResAsSent(tx, built, now)
    : { cres: built, entries: noCResNote(tx, end.transStatus, now) };
  const logged = app === undefined ? cres : { ...cres, encryptedLength: await app.encryptedLength(cres) };
  const ids = { acsTransID: tx.acsTransID, threeDSServerTransID: tx.threeDSServerTransID };
  const won = await deps.store.completeTransaction(tx.acsTransID, result, [
    ...messages,
    ...faultEntries,
    ...(cresSent ? [timelineEntry('out', 'CRes', logged, ids, now)] : []),
  ]);
  if (!won) return undefined;
  deps.metrics.challengeOutcomes.inc({
    transStatus: end.transStatus,
    challengeCancel: end.challengeCancel ?? 'none',
  });

  const rreq = rreqFor({ ...tx, result }, challenge);
  await reportResult(deps, tx, rreq);
  return cres;
}
