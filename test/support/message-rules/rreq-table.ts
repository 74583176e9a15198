/**
 * The RReq tables of EMV 3DS 2.1.0, 2.2.0 and 2.3.1, as restated by the public clearhaus
 * reference (source/_static/rreq_{210,220,231}.html and source/differences_v220_v231.rst).
 */

import type { MessageVersion } from '../../../src/protocol/version.ts';
import { app, appBrw, codes, type ElementTable, without } from './element-rule.ts';
import { challengeCancelByVersion, dsReservedCodes, resultStatuses } from './status-codes.ts';

const uuid = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const listStatuses = ['Y', 'N', 'E', 'P', 'R', 'U'];

// rreq_210.html: no sdkTransID; challengeCancel for APP and BRW only.
const rreq210: ElementTable = {
  acsRenderingType: { kind: 'object', channels: app },
  acsTransID: { kind: 'string', pattern: uuid },
  authenticationType: { kind: 'string', values: [...codes(1, 3), ...dsReservedCodes] },
  authenticationValue: { kind: 'string' },
  challengeCancel: { kind: 'string', channels: appBrw, values: challengeCancelByVersion['2.1.0'] },
  dsTransID: { kind: 'string', maxLength: 36, pattern: uuid },
  eci: { kind: 'string', maxLength: 2, pattern: /^[0-9]{2}$/ },
  interactionCounter: { kind: 'string', channels: appBrw, pattern: /^[0-9]{2}$/ },
  messageCategory: { kind: 'string', values: ['01', '02', ...dsReservedCodes] },
  messageExtension: { kind: 'array', maxLength: 10 },
  messageType: { kind: 'string' },
  messageVersion: { kind: 'string' },
  threeDSServerTransID: { kind: 'string', pattern: uuid },
  transStatus: { kind: 'string', values: resultStatuses },
  transStatusReason: { kind: 'string', pattern: /^[0-9]{2}$/ },
};

// rreq_220.html: sdkTransID, whitelisting, Decoupled authenticationType, challengeCancel 03 in every channel.
const rreq220: ElementTable = {
  ...rreq210,
  authenticationType: { kind: 'string', values: [...codes(1, 4), ...dsReservedCodes] },
  challengeCancel: { kind: 'string', values: challengeCancelByVersion['2.2.0'] },
  sdkTransID: { kind: 'string', channels: app, pattern: uuid },
  whiteListStatus: { kind: 'string', values: listStatuses },
  whiteListStatusSource: { kind: 'string', values: [...codes(1, 3), ...dsReservedCodes] },
};

// rreq_231.html: authenticationMethod, trust list, cardholderInfo, challengeErrorReporting,
// device binding and transStatusReasonInfo.
const rreq231: ElementTable = {
  ...without(rreq220, ['authenticationType', 'whiteListStatus', 'whiteListStatusSource']),
  authenticationMethod: {
    kind: 'array',
    maxLength: 99,
    items: { values: [...codes(1, 16), ...dsReservedCodes] },
  },
  cardholderInfo: { kind: 'object' },
  challengeCancel: { kind: 'string', values: challengeCancelByVersion['2.3.1'] },
  challengeErrorReporting: { kind: 'object', channels: appBrw },
  deviceBindingStatus: { kind: 'string', values: [...codes(1, 5), ...codes(11, 15), ...dsReservedCodes] },
  deviceBindingStatusSource: { kind: 'string', values: [...codes(1, 3), ...dsReservedCodes] },
  messageExtension: { kind: 'array', maxLength: 15 },
  transStatusReasonInfo: { kind: 'string', maxLength: 256 },
  trustListStatus: { kind: 'string', values: listStatuses },
  trustListStatusSource: { kind: 'string', values: [...codes(1, 3), ...dsReservedCodes] },
};

/** The RReq table of each supported version. */
export const rreqTables: Readonly<Record<MessageVersion, ElementTable>> = {
  '2.1.0': rreq210,
  '2.2.0': rreq220,
  '2.3.1': rreq231,
};
