/**
 * Erro messages on the challenge channel (the Erro rows of EMV 3DS Table A.1, errorCode values
 * of Table A.4; Stripe's ErrorData): the Erro the SDK posts to the acsURL as plain JSON
 * (Content-Type application/json; charset=utf-8, StripeErrorRequestExecutor) with errorComponent
 * C, and the Erro the ACS may answer a CReq with, either plain JSON (Stripe: a response whose
 * Content-Type starts with application/json) or inside the CRes JWE (Stripe:
 * ErrorData.isErrorMessage on the decrypted payload). Both are checked against Table A.1:
 * errorCode of three digits, errorComponent C, S, D or A, errorDescription and errorDetail of 1
 * to 2048 characters, messageVersion and threeDSServerTransID.
 */
import { isJsonObject, isUuid } from './protocol-types.ts';
import { type SdkErrorCode, SdkRuleViolation, sdkErrorDescriptions } from './sdk-rule-violation.ts';

/** An Erro message, as Table A.1 names its elements. */
export type ErroMessage = Readonly<{
  messageType: 'Erro';
  messageVersion: string;
  threeDSServerTransID: string;
  acsTransID?: string;
  sdkTransID?: string;
  dsTransID?: string;
  errorCode: string;
  errorComponent: 'C' | 'S' | 'D' | 'A';
  errorDescription: string;
  errorDetail: string;
  errorMessageType?: string;
}>;

export const erroContentType = 'application/json; charset=utf-8';

/** What the SDK reports in an Erro it sends. */
export type SdkErroInput = Readonly<{
  messageVersion: string;
  threeDSServerTransID: string;
  acsTransID: string;
  sdkTransID: string;
  errorCode: SdkErrorCode;
  errorDetail: string;
  errorDescription?: string;
  /** The message found wrong: CRes for a bad answer, CReq for a timeout (as Stripe sets it). */
  errorMessageType?: 'CRes' | 'CReq';
}>;

/** The Erro the 3DS SDK sends to the acsURL. */
export function buildSdkErro(input: SdkErroInput): ErroMessage {
  return {
    messageType: 'Erro',
    messageVersion: input.messageVersion,
    sdkTransID: input.sdkTransID,
    threeDSServerTransID: input.threeDSServerTransID,
    acsTransID: input.acsTransID,
    errorCode: input.errorCode,
    errorComponent: 'C',
    errorDescription: input.errorDescription ?? sdkErrorDescriptions[input.errorCode],
    errorDetail: input.errorDetail.slice(0, 2048),
    errorMessageType: input.errorMessageType ?? 'CRes',
  };
}

/** Whether a JSON payload is an Erro (Stripe's ErrorData.isErrorMessage). */
export function isErroPayload(payload: unknown): payload is Record<string, unknown> {
  return isJsonObject(payload) && payload.messageType === 'Erro';
}

/** Checks an Erro from the ACS against Table A.1 and returns it typed. */
export function readErro(payload: Record<string, unknown>): ErroMessage {
  const bad = (element: string, detail: string) => new SdkRuleViolation('203', element, `Erro ${detail}`);
  if (payload.messageType !== 'Erro') throw bad('messageType', 'messageType is not Erro');
  if (typeof payload.errorCode !== 'string' || !/^\d{3}$/.test(payload.errorCode)) {
    throw bad('errorCode', 'errorCode is not three digits');
  }
  if (!['C', 'S', 'D', 'A'].includes(payload.errorComponent as string)) {
    throw bad('errorComponent', 'errorComponent is not C, S, D or A');
  }
  for (const element of ['errorDescription', 'errorDetail']) {
    const value = payload[element];
    if (typeof value !== 'string' || value.length === 0 || value.length > 2048) {
      throw bad(element, `${element} is not 1 to 2048 characters`);
    }
  }
  if (typeof payload.messageVersion !== 'string' || payload.messageVersion === '') {
    throw bad('messageVersion', 'messageVersion is missing');
  }
  for (const id of ['threeDSServerTransID', 'acsTransID', 'sdkTransID', 'dsTransID']) {
    const value = payload[id];
    if (value === undefined && id !== 'threeDSServerTransID') continue;
    if (!isUuid(value)) throw bad(id, `${id} is not a UUID`);
  }
  return payload as unknown as ErroMessage;
}
