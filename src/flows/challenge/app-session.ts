/**
 * The app channel's secure session for one transaction (EMV 3DS SDK key agreement, docs/flows.md
 * "The app channel"): the facts the AReq and ARes fixed, read back from the transaction's
 * timeline (sdkEphemPubKey, sdkReferenceNumber, deviceRenderOptions, sdkMaxTimeout, the ARes's
 * acsRenderingType), and the session key derived from them with the ACS ephemeral private key
 * sealed on the transaction: ECDH, then Concat KDF with PartyVInfo = sdkReferenceNumber
 * (src/signing/app-channel.ts, deriveChallengeKey).
 *
 * The timeline is the record of what was agreed: the AReq is stored PAN-masked, and masking
 * leaves a JWK's coordinates and the reference number as they were (they are no card numbers).
 */
import type { Transaction } from '../../domain/transaction.ts';
import type { DeviceRenderOptions } from '../../protocol/areq.ts';
import type { AcsRenderingType } from '../../protocol/authentication-method.ts';
import { isJsonObject } from '../../protocol/formats.ts';
import { type ChallengeEnc, type ChallengeKey, deriveChallengeKey } from '../../signing/app-channel.ts';
import { decryptAtRest } from '../../signing/at-rest.ts';
import type { JWK } from '../../signing/jwk.ts';
import type { FlowDeps } from '../common/deps.ts';

/** What the AReq and the ARes fixed for the app challenge. */
export type AppAgreement = Readonly<{
  sdkEphemPubKey: JWK;
  sdkReferenceNumber: string;
  deviceRenderOptions: DeviceRenderOptions | undefined;
  /** sdkMaxTimeout in minutes, when the AReq gave a readable one. */
  sdkMaxTimeoutMinutes: number | undefined;
  acsRenderingType: AcsRenderingType | undefined;
}>;

/** The agreement of `tx`, or undefined when its timeline does not hold an app AReq. */
export async function appAgreementOf(deps: FlowDeps, tx: Transaction): Promise<AppAgreement | undefined> {
  const messages = await deps.store.listMessages(tx.acsTransID);
  const areq = messages.find((m) => m.messageType === 'AReq' && m.direction === 'in')?.body;
  const ares = messages.find((m) => m.messageType === 'ARes' && m.direction === 'out')?.body;
  if (
    areq === undefined ||
    !isJsonObject(areq.sdkEphemPubKey) ||
    typeof areq.sdkReferenceNumber !== 'string'
  ) {
    return undefined;
  }
  const timeout = typeof areq.sdkMaxTimeout === 'string' ? Number(areq.sdkMaxTimeout) : Number.NaN;
  return {
    sdkEphemPubKey: areq.sdkEphemPubKey as JWK,
    sdkReferenceNumber: areq.sdkReferenceNumber,
    deviceRenderOptions: isJsonObject(areq.deviceRenderOptions)
      ? (areq.deviceRenderOptions as DeviceRenderOptions)
      : undefined,
    sdkMaxTimeoutMinutes: Number.isInteger(timeout) && timeout > 0 ? timeout : undefined,
    acsRenderingType:
      ares !== undefined && isJsonObject(ares.acsRenderingType)
        ? (ares.acsRenderingType as AcsRenderingType)
        : undefined,
  };
}

/**
 * The session key of `tx` for `enc`; throws AppChannelError when a stored value is unusable
 * (the caller answers it as a transient failure).
 */
export function sessionKeyOf(
  deps: FlowDeps,
  tx: Transaction,
  agreement: AppAgreement,
  enc: ChallengeEnc,
): ChallengeKey {
  const sealed = tx.acsEphemeralKeySealed ?? '';
  const privateJwk = JSON.parse(decryptAtRest(deps.keys, sealed, tx.acsTransID)) as JWK;
  return deriveChallengeKey(privateJwk, agreement.sdkEphemPubKey, agreement.sdkReferenceNumber, enc);
}
