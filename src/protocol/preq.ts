/**
 * The Preparation Request (PReq): a 3DS Server asks the DS (played by this simulator) which card
 * ranges are enrolled, with which protocol versions and 3DS Method URL. It carries no cardholder
 * data, only the 3DS Server's identity and, optionally, the serial number of the card range data it
 * already holds.
 *
 * Elements (Table A.1 of 2.1.0, 2.2.0 and 2.3.1; PReq inclusion column):
 * - messageType (R, "PReq"), messageVersion (R), threeDSServerTransID (R, UUID),
 *   threeDSServerRefNumber (R, at most 32 characters, set by EMVCo),
 *   threeDSServerOperatorID (C, DS-specific, at most 32), serialNum (O, at most 20 alphanumeric),
 *   messageExtension (C).
 * - 2.3.1 adds cardRangeDataDownloadInd (C, "Y"); this DS never offers a file, so it only records it.
 */

import { hasLength, isJsonObject, isUuid } from './formats.ts';
import { checkElements, readEnvelope } from './message-envelope.ts';
import { type MessageVersion, versionAtLeast } from './version.ts';

/** A validated PReq. */
export type PReq = {
  messageType: 'PReq';
  messageVersion: MessageVersion;
  threeDSServerTransID: string;
  threeDSServerRefNumber: string;
  threeDSServerOperatorID?: string;
  serialNum?: string;
  cardRangeDataDownloadInd?: 'Y';
  messageExtension?: readonly Record<string, unknown>[];
};

type Rule = { name: string; required: boolean; valid: (value: unknown) => boolean; since?: MessageVersion };

const isSerialNum = (value: unknown): boolean => hasLength(value, 1, 20) && /^[A-Za-z0-9]+$/.test(value);

function rulesFor(version: MessageVersion): readonly Rule[] {
  const maxExtensions = versionAtLeast(version, '2.3.1') ? 15 : 10;
  return [
    { name: 'threeDSServerTransID', required: true, valid: isUuid },
    { name: 'threeDSServerRefNumber', required: true, valid: (v) => hasLength(v, 1, 32) },
    { name: 'threeDSServerOperatorID', required: false, valid: (v) => hasLength(v, 1, 32) },
    { name: 'serialNum', required: false, valid: isSerialNum },
    {
      name: 'messageExtension',
      required: false,
      valid: (v) => Array.isArray(v) && v.length >= 1 && v.length <= maxExtensions && v.every(isJsonObject),
    },
    { name: 'cardRangeDataDownloadInd', required: false, valid: (v) => v === 'Y', since: '2.3.1' },
  ];
}

/** Table A.1 note: a field is missing when absent, null or an empty string. */
/**
 * Validates a PReq (already JSON-parsed). Throws ProtocolError (messageType PReq): 101 not an
 * object or not a PReq, 201 required elements missing, 102 version not supported, 203 invalid.
 */
export function parsePReq(input: unknown): PReq {
  const envelope = readEnvelope(input, 'PReq');
  const { version } = envelope;
  const rules = rulesFor(version).filter(
    (rule) => rule.since === undefined || versionAtLeast(version, rule.since),
  );
  const parsed = checkElements(envelope, 'PReq', rules);
  // Every present element has passed its rule above, so the record has the declared shape.
  return parsed as PReq;
}
