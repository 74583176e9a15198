/**
 * The RReqs a card's RReq fault (docs/faults.md) sends in place of, or beside, the true one.
 * Each is built from a copy: the true RReq altered (an identifier not the transaction's, an
 * element left out), or a result that contradicts the stored one, built by rreqFor exactly as a
 * true RReq is, so it is well formed and differs only in its outcome. Nothing here is stored as
 * the transaction's result.
 */
import type { Transaction, TransactionResult } from '../../domain/transaction.ts';
import { InternalError } from '../../errors/index.ts';
import type { RReq } from '../../protocol/rreq.ts';
import { unverifiableAuthenticationValue } from '../../signing/authentication-value.ts';
import { authenticationProof } from '../common/authentication-proof.ts';
import type { FlowDeps } from '../common/deps.ts';
import type { RReqAsSent } from './notify-requestor.ts';
import { type FinishedTransaction, rreqFor } from './rreq-for.ts';

/**
 * The rreq-conflicting fault's outcome: N (transStatusReason 01, card authentication failed,
 * Table A.5) where the true one is Y; otherwise Y, with the ECI a true Y would carry and an
 * authenticationValue of the right form that this ACS never made, so /3ds/av/verify and any
 * check of the cryptogram refuse it: the contradicting RReq can never pass for a real result.
 * Either way without challengeCancel, which belongs to the true ending only, and with the same
 * interactionCounter.
 */
function conflictingResult(
  deps: Pick<FlowDeps, 'keys' | 'randomInt'>,
  tx: FinishedTransaction,
): TransactionResult {
  const status = tx.result.transStatus === 'Y' ? 'N' : 'Y';
  const proof = authenticationProof(deps, tx, status);
  return {
    ...tx.result,
    transStatus: status,
    transStatusReason: status === 'N' ? '01' : undefined,
    eci: proof.eci,
    authenticationValue:
      proof.authenticationValue === undefined
        ? undefined
        : unverifiableAuthenticationValue(() => deps.randomInt(256)),
    challengeCancel: undefined,
  };
}

/**
 * The RReq that contradicts `tx`'s stored result, built with rreqFor from a copy of the result
 * (conflictingResult) and the challenge as stored.
 */
export async function conflictingRReq(deps: FlowDeps, tx: Transaction): Promise<RReq> {
  const stored = await deps.store.getTransaction(tx.acsTransID);
  // finish-challenge.ts and end-with-erro.ts write the result before the RReq is reported.
  if (stored?.result === undefined) {
    throw new InternalError('invariant_broken', 'conflictingRReq: the transaction has no stored result');
  }
  const finished: FinishedTransaction = { ...stored, result: stored.result };
  const challenge = await deps.store.getChallenge(tx.acsTransID);
  return rreqFor({ ...finished, result: conflictingResult(deps, finished) }, challenge);
}

/** `rreq` under a threeDSServerTransID that is not the transaction's (`wrongId`, a fresh UUID). */
export function rreqWithWrongId(rreq: RReq, wrongId: string): RReqAsSent {
  return { ...rreq, threeDSServerTransID: wrongId };
}

/**
 * The element the rreq-missing-element fault leaves out: transStatus, which Table A.1 requires in
 * an RReq for a payment (messageCategory 01); a non-payment RReq may lack it, so there the fault
 * leaves out messageCategory, required in every RReq.
 */
export function missingElementOf(rreq: RReq): 'transStatus' | 'messageCategory' {
  return rreq.messageCategory === '01' ? 'transStatus' : 'messageCategory';
}

/** `rreq` without the element missingElementOf names. */
export function rreqWithoutRequiredElement(rreq: RReq): RReqAsSent {
  const left = missingElementOf(rreq);
  const rest: Record<string, unknown> = { ...rreq };
  delete rest[left];
  return rest;
}
