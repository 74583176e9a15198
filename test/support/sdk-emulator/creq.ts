/**
 * The plaintext of a CReq from the 3DS SDK (the CReq rows of EMV 3DS Table A.1, APP), built the
 * way Stripe's ChallengeRequestData.toJson builds it: messageType, messageVersion, sdkTransID,
 * threeDSServerTransID, acsTransID, then challengeCancel, challengeDataEntry (or challengeNoEntry
 * "Y" when the cardholder typed nothing: Stripe's Req 40 / Req 71 rule, sent from 2.2.0, the
 * version that defines challengeNoEntry), challengeHTMLDataEntry, oobContinue and
 * resendChallenge. sdkCounterStoA is added by the session when it encrypts (as Stripe's
 * DefaultMessageTransformer adds it), three digits.
 */
import { atLeast, type MessageVersion } from './protocol-types.ts';

/** What the cardholder did on the current screen. */
export type CReqFields = Readonly<{
  /** Text typed (01) or, for a select screen, use `selection`. Table A.1: at most 45 characters. */
  challengeDataEntry?: string;
  /** The option names chosen on a single- or multi-select screen (sent comma-separated). */
  selection?: readonly string[];
  /** The form data of an HTML screen (05), at most 256 characters. */
  challengeHTMLDataEntry?: string;
  /** Continue pressed on an OOB screen: true is sent as JSON true up to 2.2.0 and as "01" in 2.3.1. */
  oobContinue?: true | '01' | '02';
  resendChallenge?: 'Y' | 'N';
  /** 01 cardholder cancelled ... 08 timed out at the SDK (Table A.1 challengeCancel). */
  challengeCancel?: '01' | '02' | '03' | '04' | '05' | '06' | '07' | '08';
  /** Sent as given, on top of the Stripe rule. */
  challengeNoEntry?: 'Y';
}>;

/** The IDs and version every CReq of the transaction repeats. */
export type CReqContext = Readonly<{
  messageVersion: MessageVersion;
  threeDSServerTransID: string;
  acsTransID: string;
  sdkTransID: string;
  /** Add challengeNoEntry "Y" when nothing was typed, as Stripe does (default true; 2.2.0 and later). */
  noEntryLikeStripe?: boolean;
}>;

/** The CReq payload without sdkCounterStoA. */
export function buildCReqPayload(context: CReqContext, fields: CReqFields): Record<string, unknown> {
  if (fields.challengeDataEntry !== undefined && fields.selection !== undefined) {
    throw new Error('give challengeDataEntry or selection, not both');
  }
  const entry = fields.selection ? fields.selection.join(',') : fields.challengeDataEntry;
  if (entry !== undefined && entry.length > 45)
    throw new Error('challengeDataEntry is at most 45 characters');
  if (fields.challengeHTMLDataEntry !== undefined && fields.challengeHTMLDataEntry.length > 256) {
    throw new Error('challengeHTMLDataEntry is at most 256 characters');
  }
  const version = context.messageVersion;
  const payload: Record<string, unknown> = {
    messageType: 'CReq',
    messageVersion: version,
    sdkTransID: context.sdkTransID,
    threeDSServerTransID: context.threeDSServerTransID,
    acsTransID: context.acsTransID,
  };
  if (fields.challengeCancel !== undefined) payload.challengeCancel = fields.challengeCancel;
  if (entry !== undefined && entry !== '') {
    payload.challengeDataEntry = entry;
  } else if (
    fields.challengeNoEntry === 'Y' ||
    ((context.noEntryLikeStripe ?? true) && atLeast(version, '2.2.0'))
  ) {
    payload.challengeNoEntry = 'Y';
  }
  if (fields.challengeHTMLDataEntry !== undefined)
    payload.challengeHTMLDataEntry = fields.challengeHTMLDataEntry;
  if (fields.oobContinue !== undefined) {
    payload.oobContinue = fields.oobContinue === true && version === '2.3.1' ? '01' : fields.oobContinue;
  }
  if (fields.resendChallenge !== undefined) payload.resendChallenge = fields.resendChallenge;
  return payload;
}
