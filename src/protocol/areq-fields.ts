// Over 300 lines: the tables are the spec's own (one row per data element of Table A.1); split across
// files they would no longer read side by side with the spec.
/**
 * The AReq field tables of 2.1.0, 2.2.0 and 2.3.1: for every data element, its format and
 * when it is required (by deviceChannel 01 APP / 02 BRW / 03 3RI, messageCategory 01 PA /
 * 02 NPA, and other elements where the table says "conditional"). Built once at module load.
 *
 * Source: EMV 3DS Table A.1 of each version as restated per element in
 * clearhaus/3DSv2-api-documentation (areq_210/220/231.html and the object tables). Elements
 * that the DS adds or that a 3DS Server fills in for its requestor (dsTransID,
 * dsReferenceNumber, dsURL, deviceInfo, threeDSRequestorID/Name, threeDSServerRefNumber,
 * threeDSServerOperatorID, threeDSServerURL) are not in those restated tables; they follow
 * Table A.1 directly. This ACS also plays the DS, so DS-added elements are optional here but
 * checked when present.
 */

import {
  acceptLanguage,
  acctInfo,
  base64url,
  broadInfo,
  compactJwe,
  compactJws,
  country,
  currency,
  defaultSdkType,
  deviceRenderOptions,
  merchantRiskIndicator,
  messageExtension,
  phoneNumber,
  recurringInd,
  requestorAuthenticationInfo,
  requestorPriorAuthenticationInfo,
  sdkEphemPubKey,
  splitSdkType,
} from './areq-objects.ts';
import {
  boolean,
  type Check,
  codeOrDsReserved,
  email,
  ipAddress,
  jsonOfAtMost,
  list,
  matching,
  numberString,
  oneOf,
  scalar,
  text,
  url,
  uuid,
  yymm,
  yyyymmdd,
  yyyymmddhhmmss,
} from './element-checks.ts';
import { isJsonObject } from './formats.ts';
import type { MessageVersion } from './version.ts';

/** deviceChannel values this ACS serves: 01 APP, 02 BRW, 03 3RI. */
export type DeviceChannel = '01' | '02' | '03';

/** messageCategory values this ACS serves: 01 PA (payment), 02 NPA (non-payment). */
export type MessageCategory = '01' | '02';

/** A condition on the rest of the message ("required if threeDSRequestorDecReqInd is Y"). */
export type Condition = (message: Readonly<Record<string, unknown>>, category?: MessageCategory) => boolean;

/** When an element is required: in these channels and categories (all when absent), and if `when` holds. */
export type Requirement = Readonly<{
  channels?: readonly DeviceChannel[];
  categories?: readonly MessageCategory[];
  when?: Condition;
}>;

/** One row of a field table. */
export type ElementRule = Readonly<{ check: Check; required?: Requirement }>;

/** A version's AReq table, keyed by data element name. */
export type AReqTable = ReadonlyMap<string, ElementRule>;

const always: Requirement = {};
const app: Requirement = { channels: ['01'] };
const brw: Requirement = { channels: ['02'] };
const appOrBrw: Requirement = { channels: ['01', '02'] };
const pa: Requirement = { categories: ['01'] };
const present =
  (name: string): Condition =>
  (m) =>
    m[name] !== undefined;
const equals =
  (name: string, values: readonly unknown[]): Condition =>
  (m) =>
    values.includes(m[name]);

const codes = (from: number, to: number): string[] =>
  Array.from({ length: to - from + 1 }, (_, i) => String(from + i).padStart(2, '0'));

const digits = (min: number, max: number): Check => matching(new RegExp(`^[0-9]{${min},${max}}$`), max);

/**
 * acctNumber: 13-19 digits, the format every version's Table A.1 gives, and nothing more. No
 * Luhn check: certification suites use test PANs that fail it, and a PAN that is no card of
 * ours is answered ARes N / 08 (no card record), not an Erro (docs/errors.md).
 */
const accountNumber: Check = digits(13, 19);

const address = (prefix: 'bill' | 'ship'): Array<[string, ElementRule]> => [
  [`${prefix}AddrCity`, { check: text(1, 50) }],
  [`${prefix}AddrLine1`, { check: text(1, 50) }],
  [`${prefix}AddrLine2`, { check: text(1, 50) }],
  [`${prefix}AddrLine3`, { check: text(1, 50) }],
  [`${prefix}AddrPostCode`, { check: text(1, 16) }],
  [`${prefix}AddrState`, { check: text(1, 3) }],
];

/** Table A.1 rows shared by every version (formats identical in 2.1.0, 2.2.0 and 2.3.1). */
const sharedRows: Array<[string, ElementRule]> = [
  ['acctID', { check: text(1, 64) }],
  ['acctInfo', { check: acctInfo }],
  ['acctNumber', { check: accountNumber, required: always }],
  ['acctType', { check: codeOrDsReserved(codes(1, 3)) }],
  ['acquirerBIN', { check: text(1, 11), required: pa }],
  ['acquirerMerchantID', { check: text(1, 35), required: pa }],
  ['addrMatch', { check: oneOf(['Y', 'N']) }],
  ...address('bill'),
  ['billAddrCountry', { check: country }],
  ['browserAcceptHeader', { check: text(1, 2048), required: brw }],
  ['browserIP', { check: ipAddress }],
  ['browserUserAgent', { check: text(1, 2048), required: brw }],
  ['cardExpiryDate', { check: yymm }],
  ['deviceChannel', { check: oneOf(['01', '02', '03']), required: always }],
  ['deviceInfo', { check: base64url(64000) }],
  ['deviceRenderOptions', { check: deviceRenderOptions(5), required: app }],
  ['dsReferenceNumber', { check: text(1, 32) }],
  ['dsTransID', { check: uuid }],
  ['dsURL', { check: url(2048) }],
  ['email', { check: email(254) }],
  ['homePhone', { check: phoneNumber }],
  ['mcc', { check: digits(4, 4), required: pa }],
  ['merchantCountryCode', { check: country, required: pa }],
  ['merchantName', { check: text(1, 40), required: pa }],
  ['merchantRiskIndicator', { check: merchantRiskIndicator }],
  ['messageCategory', { check: oneOf(['01', '02']), required: always }],
  ['mobilePhone', { check: phoneNumber }],
  ['notificationURL', { check: url(256), required: brw }],
  ['payTokenInd', { check: scalar((v) => v === true) }],
  ['sdkAppID', { check: uuid, required: app }],
  // 2.2.0 Table A.1: sdkEncData goes 3DS Server -> DS; the DS forwards deviceInfo instead.
  ['sdkEncData', { check: compactJwe(64000), required: { ...app, when: (m) => m.deviceInfo === undefined } }],
  ['sdkEphemPubKey', { check: sdkEphemPubKey, required: app }],
  ['sdkMaxTimeout', { check: numberString(2, 2, 5, 99), required: app }],
  ['sdkReferenceNumber', { check: text(1, 32), required: app }],
  ['sdkTransID', { check: uuid, required: app }],
  ...address('ship'),
  ['shipAddrCountry', { check: country, required: { when: present('shipAddrState') } }],
  ['threeDSCompInd', { check: oneOf(['Y', 'N', 'U']), required: brw }],
  ['threeDSRequestorID', { check: text(1, 35), required: always }],
  ['threeDSRequestorName', { check: text(1, 40), required: always }],
  ['threeDSRequestorURL', { check: url(2048), required: always }],
  ['threeDSServerOperatorID', { check: text(1, 32) }],
  ['threeDSServerRefNumber', { check: text(1, 32), required: always }],
  ['threeDSServerTransID', { check: uuid, required: always }],
  // The RReq goes to threeDSServerURL, so it is needed wherever a challenge can happen (APP, BRW).
  ['threeDSServerURL', { check: url(2048), required: appOrBrw }],
  ['transType', { check: oneOf(['01', '03', '10', '11', '28']) }],
  ['workPhone', { check: phoneNumber }],
];

const authInd = 'threeDSRequestorAuthenticationInd';

/** 2.1.0 Table A.1: rows that differ from or only exist in 2.1.0. */
function rows210(): Array<[string, ElementRule]> {
  const purchase: Requirement = {
    when: (m, category) => category === '01' || (category === '02' && equals(authInd, ['02', '03'])(m)),
  };
  const recurring: Requirement = { when: equals(authInd, ['02', '03']) };
  return [
    ['browserColorDepth', { check: oneOf(['1', '4', '8', '15', '16', '24', '32', '48']), required: brw }],
    ['browserJavaEnabled', { check: boolean, required: brw }],
    ['browserLanguage', { check: text(1, 8), required: brw }],
    ['browserScreenHeight', { check: digits(1, 6), required: brw }],
    ['browserScreenWidth', { check: digits(1, 6), required: brw }],
    ['browserTZ', { check: matching(/^[+-]?[0-9]{1,4}$/, 5), required: brw }],
    ['cardholderName', { check: matching(/^[\x20-\x7e]{2,45}$/, 45) }],
    ['messageExtension', { check: messageExtension(10) }],
    ['purchaseAmount', { check: digits(1, 48), required: purchase }],
    ['purchaseCurrency', { check: currency, required: purchase }],
    ['purchaseDate', { check: yyyymmddhhmmss, required: purchase }],
    ['purchaseExponent', { check: digits(1, 1), required: purchase }],
    [
      'purchaseInstalData',
      { check: numberString(1, 3, 2, 999), required: { when: equals(authInd, ['03']) } },
    ],
    ['recurringExpiry', { check: yyyymmdd, required: recurring }],
    ['recurringFrequency', { check: digits(1, 4), required: recurring }],
    [authInd, { check: codeOrDsReserved(codes(1, 6)), required: appOrBrw }],
    ['threeDSRequestorAuthenticationInfo', { check: requestorAuthenticationInfo(6, 2048) }],
    ['threeDSRequestorChallengeInd', { check: codeOrDsReserved(codes(1, 4)) }],
    ['threeDSRequestorPriorAuthenticationInfo', { check: requestorPriorAuthenticationInfo(4, 2048) }],
    ['threeRIInd', { check: codeOrDsReserved(codes(1, 5)), required: { channels: ['03'] } }],
  ];
}

/** Rows that 2.2.0 and 2.3.1 share and 2.1.0 lacks or defines differently. */
function rows220And231(version: '2.2.0' | '2.3.1'): Array<[string, ElementRule]> {
  const jsEnabled: Requirement = { ...brw, when: (m) => m.browserJavascriptEnabled === true };
  // Purchase data in an NPA: 2.3.1 adds authentication indicators 07-09 (billing agreement,
  // split and delayed shipment) and 3RI indicator 15 (delayed shipment) to the 2.2.0 lists.
  const npaPurchase =
    version === '2.3.1'
      ? {
          authentication: ['02', '03', '07', '08', '09'],
          threeRI: ['01', '02', '06', '07', '08', '09', '11', '15'],
        }
      : { authentication: ['02', '03'], threeRI: ['01', '02', '06', '07', '08', '09', '11'] };
  const purchase: Requirement = {
    when: (m, category) =>
      category === '01' ||
      (category === '02' &&
        (equals(authInd, npaPurchase.authentication)(m) || equals('threeRIInd', npaPurchase.threeRI)(m))),
  };
  // threeDSRequestorDecMaxTime goes with every indicator that lets the ACS use decoupled
  // authentication: Y (2.2.0), and Y, F (fallback only) and B (primary or fallback) in 2.3.1.
  const decoupledAllowed = version === '2.3.1' ? ['Y', 'F', 'B'] : ['Y'];
  return [
    [
      'browserColorDepth',
      { check: oneOf(['1', '4', '8', '15', '16', '24', '32', '48']), required: jsEnabled },
    ],
    ['browserJavaEnabled', { check: boolean, required: jsEnabled }],
    ['browserJavascriptEnabled', { check: boolean, required: brw }],
    // 2.3.1 makes browserLanguage depend on JavaScript too.
    ['browserLanguage', { check: text(1, 8), required: version === '2.3.1' ? jsEnabled : brw }],
    ['browserScreenHeight', { check: digits(1, 6), required: jsEnabled }],
    ['browserScreenWidth', { check: digits(1, 6), required: jsEnabled }],
    ['browserTZ', { check: matching(/^[+-]?[0-9]{1,4}$/, 5), required: jsEnabled }],
    [
      'payTokenSource',
      { check: codeOrDsReserved(['01', '02']), required: { when: (m) => m.payTokenInd === true } },
    ],
    ['purchaseAmount', { check: digits(1, 48), required: purchase }],
    ['purchaseCurrency', { check: currency, required: purchase }],
    ['purchaseDate', { check: yyyymmddhhmmss, required: purchase }],
    ['purchaseExponent', { check: digits(1, 1), required: purchase }],
    [
      'purchaseInstalData',
      {
        check: numberString(1, 3, 2, 999),
        required: { when: (m) => m[authInd] === '03' || m.threeRIInd === '02' },
      },
    ],
    ['threeDSReqAuthMethodInd', { check: codeOrDsReserved(codes(1, 3)) }],
    [
      'threeDSRequestorDecMaxTime',
      {
        check: numberString(5, 5, 1, 10080),
        required: { when: equals('threeDSRequestorDecReqInd', decoupledAllowed) },
      },
    ],
  ];
}

/** 2.2.0 Table A.1: rows only in 2.2.0 or defined differently than in 2.3.1. */
function rows220(): Array<[string, ElementRule]> {
  const recurring: Requirement = {
    when: (m) => equals(authInd, ['02', '03'])(m) || equals('threeRIInd', ['01', '02'])(m),
  };
  return [
    ['cardholderName', { check: matching(/^[\x20-\x7e]{2,45}$/, 45) }],
    ['messageExtension', { check: messageExtension(10) }],
    ['recurringExpiry', { check: yyyymmdd, required: recurring }],
    ['recurringFrequency', { check: digits(1, 4), required: recurring }],
    [authInd, { check: codeOrDsReserved(codes(1, 7)), required: appOrBrw }],
    ['threeDSRequestorAuthenticationInfo', { check: requestorAuthenticationInfo(8, 20000) }],
    ['threeDSRequestorChallengeInd', { check: codeOrDsReserved(codes(1, 9)) }],
    ['threeDSRequestorDecReqInd', { check: oneOf(['Y', 'N']) }],
    ['threeDSRequestorPriorAuthenticationInfo', { check: requestorPriorAuthenticationInfo(4, 2048) }],
    ['threeRIInd', { check: codeOrDsReserved(codes(1, 12)), required: { channels: ['03'] } }],
    ['whiteListStatus', { check: oneOf(['Y', 'N', 'E', 'P', 'R', 'U']) }],
    [
      'whiteListStatusSource',
      { check: codeOrDsReserved(codes(1, 3)), required: { when: present('whiteListStatus') } },
    ],
  ];
}

/** 2.3.1 Table A.1: rows new in 2.3.1 or redefined by it (lists, renamed trust list, SDK types). */
function rows231(): Array<[string, ElementRule]> {
  const sdkType = (values: readonly string[]): Requirement => ({ ...app, when: equals('sdkType', values) });
  // A recurring or instalment transaction: the requestor says so (02 recurring, 03 instalment)
  // or, on 3RI, the merchant initiates one (01 recurring, 02 instalment).
  const recurringTransaction: Condition = (m) =>
    equals(authInd, ['02', '03'])(m) || equals('threeRIInd', ['01', '02'])(m);
  return [
    ['acceptLanguage', { check: acceptLanguage, required: brw }],
    ['acquirerCountryCode', { check: digits(3, 3) }],
    ['acquirerCountryCodeSource', { check: digits(2, 2) }],
    ['appIp', { check: ipAddress }],
    ['broadInfo', { check: broadInfo }],
    ['cardholderName', { check: text(2, 45) }],
    ['cardSecurityCode', { check: digits(3, 4) }],
    ['cardSecurityCodeStatusAReq', { check: oneOf(['Y', 'N', 'U']) }],
    [
      'cardSecurityCodeStatusSourceAReq',
      { check: digits(2, 2), required: { when: present('cardSecurityCodeStatusAReq') } },
    ],
    ['defaultSdkType', { check: defaultSdkType, required: sdkType(['01']) }],
    ['deviceRenderOptions', { check: deviceRenderOptions(7), required: app }],
    ['deviceBindingStatus', { check: codeOrDsReserved([...codes(1, 5), ...codes(11, 15)]) }],
    [
      'deviceBindingStatusSource',
      { check: codeOrDsReserved(codes(1, 3)), required: { when: present('deviceBindingStatus') } },
    ],
    ['deviceId', { check: text(1, 64) }],
    ['messageExtension', { check: messageExtension(15) }],
    ['multiTransaction', { check: jsonOfAtMost(10000) }],
    [
      'payeeOriginAReq',
      { check: url(2048), required: { when: (m) => m.threeDSRequestorSpcSupport === 'Y' } },
    ],
    ['payTokenInfo', { check: jsonOfAtMost(10000) }],
    // The table gives recurringAmount two conditions: a recurring transaction, or a fixed amount
    // (recurringInd.amountInd 01). Currency and exponent go with any amount that is sent.
    [
      'recurringAmount',
      {
        check: digits(1, 48),
        required: { when: (m) => recurringTransaction(m) || recurringIndMember(m, 'amountInd') === '01' },
      },
    ],
    ['recurringCurrency', { check: currency, required: { when: present('recurringAmount') } }],
    // The restated table ties recurringDate to frequencyInd 01, which does not fit its meaning (the
    // date a new amount takes effect): it is checked when present, not required (docs/errors.md).
    ['recurringDate', { check: yyyymmdd }],
    ['recurringExponent', { check: digits(1, 1), required: { when: present('recurringAmount') } }],
    ['recurringExpiry', { check: yyyymmdd }],
    // 2.3.1 asks for a frequency only when it is fixed (frequencyInd 01), whatever the indicators.
    [
      'recurringFrequency',
      { check: digits(1, 4), required: { when: (m) => recurringIndMember(m, 'frequencyInd') === '01' } },
    ],
    ['recurringInd', { check: recurringInd, required: { when: recurringTransaction } }],
    // Only a Split-SDK (sdkType 02) has an SDK Server that signs the AReq's content.
    ['sdkServerSignedContent', { check: compactJws(4000), required: sdkType(['02']) }],
    ['sdkSignatureTimestamp', { check: yyyymmddhhmmss }],
    ['sdkType', { check: codeOrDsReserved(codes(1, 5)), required: app }],
    ['sellerInfo', { check: jsonOfAtMost(10000) }],
    ['spcIncompInd', { check: oneOf(codes(1, 3)) }],
    ['splitSdkType', { check: splitSdkType, required: sdkType(['02']) }],
    ['taxId', { check: text(1, 45) }],
    [authInd, { check: codeOrDsReserved(codes(1, 10)), required: appOrBrw }],
    ['threeDSMethodId', { check: uuid }],
    ['threeDSRequestorAuthenticationInfo', { check: list(requestorAuthenticationInfo(10, 20000), 1, 99) }],
    ['threeDSRequestorChallengeInd', { check: list(codeOrDsReserved(codes(1, 14)), 1, 14) }],
    ['threeDSRequestorDecReqInd', { check: oneOf(['Y', 'N', 'F', 'B']) }],
    [
      'threeDSRequestorPriorAuthenticationInfo',
      { check: list(requestorPriorAuthenticationInfo(5, 20000), 1, 99) },
    ],
    ['threeDSRequestorSpcSupport', { check: oneOf(['Y']) }],
    ['threeRIInd', { check: codeOrDsReserved(codes(1, 19)), required: { channels: ['03'] } }],
    ['trustListStatus', { check: oneOf(['Y', 'N', 'E', 'P', 'R', 'U']) }],
    [
      'trustListStatusSource',
      { check: codeOrDsReserved(codes(1, 3)), required: { when: present('trustListStatus') } },
    ],
  ];
}

/** A member of the AReq's recurringInd object (2.3.1), if both are there. */
function recurringIndMember(
  message: Readonly<Record<string, unknown>>,
  name: 'amountInd' | 'frequencyInd',
): unknown {
  const indicator = message.recurringInd;
  return isJsonObject(indicator) && Object.hasOwn(indicator, name) ? indicator[name] : undefined;
}

/** The AReq table of each supported version (later rows replace shared ones of the same name). */
export const areqTables: Readonly<Record<MessageVersion, AReqTable>> = {
  '2.1.0': new Map([...sharedRows, ...rows210()]),
  '2.2.0': new Map([...sharedRows, ...rows220And231('2.2.0'), ...rows220()]),
  '2.3.1': new Map([...sharedRows, ...rows220And231('2.3.1'), ...rows231()]),
};
