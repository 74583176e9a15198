/**
 * The Results Response (RRes): the 3DS Server's acknowledgement of an RReq. The ACS only needs to
 * know that the right transaction was acknowledged and how (resultsStatus), so it validates the
 * envelope, the identifiers against the RReq it sent, and resultsStatus.
 *
 * Elements (Table A.1, RRes inclusion): messageType "RRes", messageVersion, threeDSServerTransID,
 * acsTransID, dsTransID (R, UUIDs), sdkTransID (R for 01-APP), resultsStatus (R), messageExtension
 * (C). resultsStatus values per version: 01 RReq received for further processing, 02 CReq not sent
 * to the ACS by the 3DS Requestor (2.1.0 on); 03 ARes not delivered to the 3DS Requestor due to a
 * technical error (2.2.0 on); 04 3DS Server will process decoupled authentication in a subsequent
 * authentication (2.3.1). DS-reserved values (80-99) are not recognised by this DS and are refused.
 *
 * A 3DS Server may answer with an Erro instead; `isErro` recognises one and `readErro` extracts
 * what the delivery log should keep.
 */

import { hasLength, isJsonObject, isOneOf, isUuid } from './formats.ts';
import { checkElements, type ElementRule, readEnvelope } from './message-envelope.ts';
import { type MessageVersion, versionAtLeast } from './version.ts';

/** resultsStatus values any supported version defines. */
export type ResultsStatus = '01' | '02' | '03' | '04';

const resultsStatusByVersion: Readonly<Record<MessageVersion, readonly ResultsStatus[]>> = {
  '2.1.0': ['01', '02'],
  '2.2.0': ['01', '02', '03'],
  '2.3.1': ['01', '02', '03', '04'],
};

/** A validated RRes. */
export type RRes = {
  messageType: 'RRes';
  messageVersion: MessageVersion;
  threeDSServerTransID: string;
  acsTransID: string;
  dsTransID: string;
  sdkTransID?: string;
  resultsStatus: ResultsStatus;
  messageExtension?: readonly Record<string, unknown>[];
};

/** The identifiers and version of the RReq that was sent; the RRes must echo them. */
export type RResExpectation = {
  threeDSServerTransID: string;
  acsTransID: string;
  dsTransID: string;
  messageVersion: MessageVersion;
  /** Set for 01-APP transactions: the RRes must then carry the same sdkTransID. */
  sdkTransID?: string;
};

/** What is worth keeping from an Erro received in reply (each value cut to 2048 characters). */
export type ErroReport = {
  errorCode?: string;
  errorComponent?: string;
  errorDescription?: string;
  errorDetail?: string;
  errorMessageType?: string;
};

/** Table A.1 note: a field is missing when absent, null or an empty string. */
/** True when the reply is an Erro message rather than an RRes. */
export function isErro(value: unknown): boolean {
  return isJsonObject(value) && value.messageType === 'Erro';
}

/** The error fields of a received Erro, as strings of at most 2048 characters (Table A.1 maxima). */
export function readErro(value: unknown): ErroReport {
  if (!isJsonObject(value)) return {};
  const report: ErroReport = {};
  for (const name of [
    'errorCode',
    'errorComponent',
    'errorDescription',
    'errorDetail',
    'errorMessageType',
  ] as const) {
    const field = value[name];
    if (typeof field === 'string' && field.length > 0) report[name] = field.slice(0, 2048);
  }
  return report;
}

/**
 * Validates an RRes (already JSON-parsed) against the RReq it answers. Throws ProtocolError
 * (messageType RRes): 101 not an object or not an RRes (an Erro included: check isErro first),
 * 201 required elements missing, 102 version not supported, 203 invalid or not the RReq's version,
 * 301 identifiers that are not those of the RReq.
 */
export function parseRRes(input: unknown, expected: RResExpectation): RRes {
  const envelope = readEnvelope(input, 'RRes');
  const { message: value, version, fail } = envelope;
  // Table A.4, 203: "Message Version Number does not match the value set ... in the AReq".
  if (version !== expected.messageVersion) throw fail('203', 'messageVersion', expected.messageVersion);

  const maxExtensions = versionAtLeast(version, '2.3.1') ? 15 : 10;
  const rules: readonly ElementRule[] = [
    { name: 'threeDSServerTransID', required: true, valid: isUuid },
    { name: 'acsTransID', required: true, valid: isUuid },
    { name: 'dsTransID', required: true, valid: isUuid },
    { name: 'sdkTransID', required: expected.sdkTransID !== undefined, valid: isUuid },
    { name: 'resultsStatus', required: true, valid: (v) => isOneOf(v, resultsStatusByVersion[version]) },
    {
      name: 'messageExtension',
      required: false,
      valid: (v) =>
        Array.isArray(v) &&
        v.length >= 1 &&
        v.length <= maxExtensions &&
        v.every((item) => isJsonObject(item) && hasLength(item.id, 1, 64)),
    },
  ];
  const parsed = checkElements(envelope, 'RRes', rules);

  const mismatched = (['threeDSServerTransID', 'acsTransID', 'dsTransID', 'sdkTransID'] as const).filter(
    (name) => {
      const wanted = expected[name];
      const got = value[name];
      if (wanted === undefined) return false;
      return typeof got !== 'string' || got.toLowerCase() !== wanted.toLowerCase();
    },
  );
  if (mismatched.length > 0) throw fail('301', mismatched.join(','), version);

  // Every present element has passed its rule above, so the record has the declared shape.
  return parsed as RRes;
}
