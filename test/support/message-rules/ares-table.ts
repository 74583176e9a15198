/**
 * The ARes tables of EMV 3DS 2.1.0, 2.2.0 and 2.3.1, as restated by the public clearhaus
 * reference (source/_static/ares_{210,220,231}.html and source/differences_v220_v231.rst):
 * which elements exist, in which channels, with which types, lengths and values.
 */

import type { MessageVersion } from '../../../src/protocol/version.ts';
import { app, appBrw, brw, codes, type ElementTable, without } from './element-rule.ts';
import { compactJwsPattern } from './rule-formats.ts';
import { dsReservedCodes, transStatusesByVersion } from './status-codes.ts';

const uuid = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const yesNo = ['Y', 'N'];
const listStatuses = ['Y', 'N', 'E', 'P', 'R', 'U'];

// ares_210.html: the 2.1.0 table.
const ares210: ElementTable = {
  acsChallengeMandated: { kind: 'string', channels: appBrw, values: yesNo },
  acsOperatorID: { kind: 'string', maxLength: 32 },
  acsReferenceNumber: { kind: 'string', maxLength: 32 },
  acsRenderingType: { kind: 'object', channels: app },
  acsSignedContent: { kind: 'string', channels: app, pattern: compactJwsPattern },
  acsTransID: { kind: 'string', pattern: uuid },
  acsURL: { kind: 'string', channels: brw, maxLength: 2048 },
  authenticationType: { kind: 'string', values: [...codes(1, 3), ...dsReservedCodes] },
  authenticationValue: { kind: 'string' },
  cardholderInfo: { kind: 'string', channels: appBrw, maxLength: 128 },
  dsReferenceNumber: { kind: 'string', maxLength: 32 },
  dsTransID: { kind: 'string', maxLength: 36, pattern: uuid },
  eci: { kind: 'string', maxLength: 2, pattern: /^[0-9]{2}$/ },
  messageExtension: { kind: 'array', maxLength: 10 },
  messageType: { kind: 'string' },
  messageVersion: { kind: 'string' },
  sdkTransID: { kind: 'string', channels: app, pattern: uuid },
  threeDSServerTransID: { kind: 'string', pattern: uuid },
  transStatus: { kind: 'string', values: transStatusesByVersion['2.1.0'] },
  transStatusReason: { kind: 'string', pattern: /^[0-9]{2}$/ },
};

// ares_220.html: adds decoupled and whitelisting; acsChallengeMandated and cardholderInfo in every channel.
const ares220: ElementTable = {
  ...ares210,
  acsChallengeMandated: { kind: 'string', values: yesNo },
  acsDecConInd: { kind: 'string', values: yesNo },
  authenticationType: { kind: 'string', values: [...codes(1, 4), ...dsReservedCodes] },
  cardholderInfo: { kind: 'string', maxLength: 128 },
  transStatus: { kind: 'string', values: transStatusesByVersion['2.2.0'] },
  whiteListStatus: { kind: 'string', values: listStatuses },
  whiteListStatusSource: { kind: 'string', values: [...codes(1, 3), ...dsReservedCodes] },
};

// ares_231.html: authenticationType becomes authenticationMethod, whitelist becomes trust list,
// cardholderInfo becomes an object, and eleven elements are new.
const ares231: ElementTable = {
  ...without(ares220, ['authenticationType', 'whiteListStatus', 'whiteListStatusSource']),
  authenticationMethod: {
    kind: 'array',
    maxLength: 99,
    items: { values: [...codes(1, 16), ...dsReservedCodes] },
  },
  broadInfo: { kind: 'object' },
  cardholderInfo: { kind: 'object' },
  cardSecurityCodeStatus: { kind: 'string', values: ['Y', 'N', 'U'] },
  cardSecurityCodeStatusSource: { kind: 'string', values: ['01', '02', ...dsReservedCodes] },
  deviceBindingStatus: { kind: 'string', values: [...codes(1, 5), ...codes(11, 15), ...dsReservedCodes] },
  deviceBindingStatusSource: { kind: 'string', values: [...codes(1, 3), ...dsReservedCodes] },
  deviceInfoRecognisedVersion: { kind: 'string', channels: app, minLength: 3 },
  messageExtension: { kind: 'array', maxLength: 15 },
  spcTransData: { kind: 'object', channels: brw },
  threeDSRequestorAppURLInd: { kind: 'string', channels: app, values: yesNo },
  transChallengeExemption: { kind: 'string', values: ['05', '08', '10', '11', '79', ...dsReservedCodes] },
  transStatus: { kind: 'string', values: transStatusesByVersion['2.3.1'] },
  transStatusReasonInfo: { kind: 'string', maxLength: 256 },
  trustListStatus: { kind: 'string', values: listStatuses },
  trustListStatusSource: { kind: 'string', values: [...codes(1, 3), ...dsReservedCodes] },
  webAuthnCredList: { kind: 'array', maxLength: 10 },
};

/** The ARes table of each supported version. */
export const aresTables: Readonly<Record<MessageVersion, ElementTable>> = {
  '2.1.0': ares210,
  '2.2.0': ares220,
  '2.3.1': ares231,
};
