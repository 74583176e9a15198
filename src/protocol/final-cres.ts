/**
 * The final Challenge Response (CRes, challenge over), built by the ACS. What each version
 * allows, from Table A.1 (clearhaus `cres_210/220/231.html`) and the fields stripe-android accepts
 * in a final CRes (`FINAL_CRES_FIELDS`: any other element makes it reject the message):
 * - messageType, messageVersion, threeDSServerTransID, acsTransID, transStatus;
 * - app: sdkTransID and acsCounterAtoS ("000"-"255"), challengeCompletionInd "Y";
 * - browser: challengeCompletionInd "Y" in 2.1.0 and 2.2.0 (what 3DS Servers receive and the
 *   public examples show), but not in 2.3.1, whose Table A.1 defines it for 01-APP only and whose
 *   browser CRes example omits it.
 * transStatusReason is never sent: no version defines it in a CRes (the RReq carries it). The final
 * CRes may only say Y or N (Table A.17: U, A and R are invalid there), so every outcome other than Y
 * is sent as N; the RReq tells the 3DS Server the precise status.
 *
 * The app channel's interim CRes (one challenge screen) is in interim-cres.ts.
 */

import { InternalError } from '../errors/index.ts';
import { acsCounterAtoS } from './acs-counter.ts';
import type { ChallengeOutcomeStatus, TransStatusReason } from './trans-status.ts';
import type { MessageVersion } from './version.ts';

/** What the ACS knows when a challenge ends. */
export type FinalCResInput = {
  messageVersion: MessageVersion;
  threeDSServerTransID: string;
  acsTransID: string;
  transStatus: ChallengeOutcomeStatus;
  /** Accepted so a caller can pass its outcome as is; never sent (no CRes defines it). */
  transStatusReason?: TransStatusReason;
  /** App channel: the SDK's transaction ID. Its presence makes this an app CRes. */
  sdkTransID?: string;
  /** App channel: the ACS-to-SDK counter (0-255), required with sdkTransID. */
  acsCounterAtoS?: number;
};

/** A final CRes as sent. */
export type FinalCRes = {
  messageType: 'CRes';
  messageVersion: MessageVersion;
  threeDSServerTransID: string;
  acsTransID: string;
  sdkTransID?: string;
  acsCounterAtoS?: string;
  challengeCompletionInd?: 'Y';
  transStatus: 'Y' | 'N';
};

/** Builds the final CRes (challengeCompletionInd Y) for the browser or, with sdkTransID, the app. */
export function buildFinalCRes(input: FinalCResInput): FinalCRes {
  const app = input.sdkTransID !== undefined;
  if (app && input.acsCounterAtoS === undefined) {
    throw new InternalError('invariant_broken', 'buildFinalCRes: acsCounterAtoS is required with sdkTransID');
  }
  const completion = app || input.messageVersion !== '2.3.1';
  return {
    messageType: 'CRes',
    messageVersion: input.messageVersion,
    threeDSServerTransID: input.threeDSServerTransID,
    acsTransID: input.acsTransID,
    ...(app
      ? {
          sdkTransID: input.sdkTransID,
          acsCounterAtoS: acsCounterAtoS(input.acsCounterAtoS ?? -1, 'buildFinalCRes'),
        }
      : {}),
    ...(completion ? { challengeCompletionInd: 'Y' as const } : {}),
    transStatus: input.transStatus === 'Y' ? 'Y' : 'N',
  };
}
