/**
 * Ends a live transaction whose CReq broke the rules (either channel): the result U, reason 07
 * is written once (compare-and-set), and the 3DS Server is told, as EMV 3DS 2.2.0 section 5.9
 * error handling and 2.3.1 Table A.1 ask: before 2.3.1 the Erro itself goes to the 3DS Server in
 * place of the RReq; from 2.3.1 an RReq with challengeCancel 10 (09 for the SDK's own Erro)
 * carries the Erro as challengeErrorReporting (rreq_231.html; docs/flows.md). The caller answers the sender.
 */
import type { Challenge } from '../../domain/challenge.ts';
import { isRReqFault } from '../../domain/fault.ts';
import type { NewMessage, Transaction, TransactionResult } from '../../domain/transaction.ts';
import type { Erro } from '../../protocol/erro.ts';
import type { FlowDeps } from '../common/deps.ts';
import { faultEntry } from '../common/fault-log.ts';
import { timelineEntry } from '../common/message-log.ts';
import { reportResult } from './report-result.ts';
import { rreqFor } from './rreq-for.ts';

/** What an Erro about `tx`'s CReq says of it: the message, its version and the IDs it echoes. */
export function creqErrorContext(tx: Transaction) {
  return {
    messageType: 'CReq',
    messageVersion: tx.messageVersion,
    ids: {
      threeDSServerTransID: tx.threeDSServerTransID,
      acsTransID: tx.acsTransID,
      dsTransID: tx.dsTransID,
      ...(tx.sdkTransID === undefined ? {} : { sdkTransID: tx.sdkTransID }),
    },
  } as const;
}

/**
 * Ends `tx` with U/07 for `erro` (already built), recording `received` and the Erro. False when
 * the transaction already had a result: nothing is written or sent twice.
 */
export async function endWithErro(
  deps: FlowDeps,
  tx: Transaction,
  challenge: Challenge | undefined,
  erro: Erro,
  received: readonly NewMessage[],
  /** `in` when the Erro is the SDK's own (posted to the acsURL), `out` when the ACS answered it. */
  erroDirection: 'in' | 'out' = 'out',
): Promise<boolean> {
  // 2.3.1 Table A.1 (RReq), with challengeErrorReporting required; earlier versions define neither:
  // 10 "Error Message in response to the CReq message received by the ACS" (the ACS's Erro),
  // 09 "Error Message in response to the CRes message received by the ACS" (the SDK's Erro).
  const reportInRReq = tx.messageVersion === '2.3.1';
  const cancel = erroDirection === 'in' ? '09' : '10';
  const now = deps.clock();
  const ids = { acsTransID: tx.acsTransID, threeDSServerTransID: tx.threeDSServerTransID };
  const result: TransactionResult = {
    transStatus: 'U',
    transStatusReason: '07',
    eci: undefined,
    authenticationValue: undefined,
    challengeCancel: reportInRReq ? cancel : undefined,
    interactionCounter: challenge?.interactionCounter ?? 0,
    completedAt: now.toISOString(),
  };
  // Before 2.3.1 no RReq follows, so an RReq fault has nothing to act on: said, not silently skipped.
  const rreqFaultNote =
    !reportInRReq && isRReqFault(tx.fault)
      ? [
          faultEntry(
            { ...tx, fault: tx.fault },
            `not applied: in ${tx.messageVersion} the Erro goes to the 3DS Server in place of an RReq`,
            now,
            { applied: false, trueTransStatus: 'U' },
          ),
        ]
      : [];
  const won = await deps.store.completeTransaction(tx.acsTransID, result, [
    ...received,
    timelineEntry(erroDirection, 'Erro', erro, ids, now),
    ...rreqFaultNote,
  ]);
  if (!won) return false;
  deps.metrics.erroByCode.inc({ errorCode: erro.errorCode, messageType: 'CReq' });
  if (reportInRReq) await reportResult(deps, tx, rreqFor({ ...tx, result }, challenge, erro));
  else await sendErroToRequestor(deps, tx, erro);
  return true;
}

/** 2.1.0 and 2.2.0: the Erro itself goes to the 3DS Server, once, in place of the RReq. */
async function sendErroToRequestor(deps: FlowDeps, tx: Transaction, erro: Erro): Promise<void> {
  if (tx.threeDSServerURL === undefined) return;
  const reply = await deps.postJson(tx.threeDSServerURL, erro, deps.config.rreq.timeoutMs);
  await deps.store.recordRReqAttempt({
    acsTransID: tx.acsTransID,
    attempt: 1,
    outcome: reply.kind === 'response' ? (reply.httpStatus === 200 ? 'delivered' : 'http-error') : reply.kind,
    httpStatus: reply.kind === 'response' ? reply.httpStatus : undefined,
    detail: 'Erro sent in place of an RReq',
    // An Erro expects no reply (Table A.1): what the 3DS Server answers is not checked.
    verdict: undefined,
    at: deps.clock().toISOString(),
  });
}
