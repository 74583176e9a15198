/**
 * The RReq that reports a finished challenge, built from the stored result alone. The end of a
 * challenge and the admin API's "send the RReq again" both build it here, so a resent RReq is
 * the same message the 3DS Server was first sent, element for element.
 */
import type { Challenge } from '../../domain/challenge.ts';
import type { Transaction, TransactionResult } from '../../domain/transaction.ts';
import { InternalError } from '../../errors/index.ts';
import { renderingTypeOf } from '../../protocol/authentication-method.ts';
import type { Erro } from '../../protocol/erro.ts';
import { isOneOf } from '../../protocol/formats.ts';
import { buildRReq, type RReq } from '../../protocol/rreq.ts';
import {
  type ChallengeOutcomeStatus,
  type TransStatusReason,
  transStatusReasons,
} from '../../protocol/trans-status.ts';

/** A transaction whose result is written (a challenge that ended, however it ended). */
export type FinishedTransaction = Transaction & Readonly<{ result: TransactionResult }>;

const outcomeStatuses: readonly ChallengeOutcomeStatus[] = ['Y', 'N', 'U', 'A', 'R'];
const reasonCodes: readonly TransStatusReason[] = Object.values(transStatusReasons);

/**
 * The RReq for `tx`'s result; `challenge` names the method used (none for decoupled or a window
 * never opened); `errorReport` is the Erro that answered an invalid 2.3.1 CReq (challengeCancel 10).
 */
export function rreqFor(tx: FinishedTransaction, challenge: Challenge | undefined, errorReport?: Erro): RReq {
  const { result } = tx;
  const decoupled = tx.aresStatus === 'D';
  // A stored result that no RReq can carry is a programming error, not input to report.
  if (!isOneOf(result.transStatus, outcomeStatuses)) {
    throw new InternalError(
      'invariant_broken',
      `rreqFor: transStatus ${result.transStatus} is not a challenge outcome`,
    );
  }
  const reason = result.transStatusReason;
  if (reason !== undefined && !isOneOf(reason, reasonCodes)) {
    throw new InternalError(
      'invariant_broken',
      `rreqFor: transStatusReason ${reason} is not one this ACS sends`,
    );
  }
  return buildRReq({
    messageVersion: tx.messageVersion,
    threeDSServerTransID: tx.threeDSServerTransID,
    acsTransID: tx.acsTransID,
    dsTransID: tx.dsTransID,
    ...(tx.sdkTransID === undefined ? {} : { sdkTransID: tx.sdkTransID }),
    messageCategory: tx.messageCategory,
    deviceChannel: tx.deviceChannel,
    transStatus: result.transStatus,
    ...(reason === undefined ? {} : { transStatusReason: reason }),
    ...(result.eci === undefined ? {} : { eci: result.eci }),
    ...(result.authenticationValue === undefined ? {} : { authenticationValue: result.authenticationValue }),
    authenticationMethod: decoupled ? 'decoupled' : (challenge?.method ?? tx.authenticationMethod ?? 'sms'),
    interactionCounter: result.interactionCounter ?? challenge?.interactionCounter ?? 0,
    ...(decoupled ? { decoupled: true } : {}),
    ...(result.challengeCancel === undefined ? {} : { challengeCancel: result.challengeCancel }),
    ...(errorReport === undefined ? {} : { challengeErrorReporting: errorReport }),
    // App channel: how the challenge was rendered, the ARes's acsRenderingType kept with the
    // challenge when its first CReq came; before that (a first CReq that never came), the
    // method's native screen.
    ...(tx.deviceChannel === '01'
      ? {
          acsRenderingType:
            challenge?.acsInterface !== undefined && challenge.acsUiTemplate !== undefined
              ? { acsInterface: challenge.acsInterface, acsUiTemplate: challenge.acsUiTemplate }
              : renderingTypeOf(challenge?.method ?? tx.authenticationMethod ?? 'sms', undefined),
        }
      : {}),
  });
}
