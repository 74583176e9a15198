/**
 * Checks for the AReq's nested objects (EMV 3DS Table A.1 and the object tables that follow
 * it): account information, merchant risk, phone numbers, the SDK's ephemeral key and render
 * options, requestor authentication data, message extensions and the 2.3.1 additions. Each
 * object's known members are checked; members a version does not define are ignored.
 */
import { createPublicKey } from 'node:crypto';
import {
  boolean,
  type Check,
  codeOrDsReserved,
  email,
  jsonOfAtMost,
  list,
  matching,
  object,
  oneOf,
  scalar,
  text,
  yyyymmdd,
  yyyymmddhhmm,
} from './element-checks.ts';
import { isJsonObject } from './formats.ts';

/** ISO 4217 numeric currency codes the spec excludes (2.2.0 Table A.5: funds, metals, testing, no currency). */
const excludedCurrencies = new Set([
  '955',
  '956',
  '957',
  '958',
  '959',
  '960',
  '961',
  '962',
  '963',
  '964',
  '999',
]);

/** A three-digit ISO 4217 currency code that is not excluded by Table A.5. */
export const currency: Check = scalar(
  (value) => typeof value === 'string' && /^[0-9]{3}$/.test(value) && !excludedCurrencies.has(value),
);

/** A three-digit ISO 3166-1 numeric country code. */
export const country: Check = matching(/^[0-9]{3}$/, 3);

const twoDigitCodes = (count: number): string[] =>
  Array.from({ length: count }, (_, i) => String(i + 1).padStart(2, '0'));

/** PhoneNumber object (homePhone, mobilePhone, workPhone): cc 1-3 digits, subscriber 1-12 digits. */
export const phoneNumber: Check = object(
  { cc: matching(/^[0-9]{1,3}$/, 3), subscriber: matching(/^[0-9]{1,12}$/, 12) },
  ['cc', 'subscriber'],
);

/** AcctInfo object (2.1.0 / 2.2.0 / 2.3.1 Table A.1, "Cardholder Account Information"). */
export const acctInfo: Check = object({
  chAccAgeInd: oneOf(twoDigitCodes(5)),
  chAccChange: yyyymmdd,
  chAccChangeInd: oneOf(twoDigitCodes(4)),
  chAccDate: yyyymmdd,
  chAccPwChange: yyyymmdd,
  chAccPwChangeInd: oneOf(twoDigitCodes(5)),
  nbPurchaseAccount: matching(/^[0-9]{1,4}$/, 4),
  paymentAccAge: yyyymmdd,
  paymentAccInd: oneOf(twoDigitCodes(5)),
  provisionAttemptsDay: matching(/^[0-9]{1,3}$/, 3),
  shipAddressUsage: yyyymmdd,
  shipAddressUsageInd: oneOf(twoDigitCodes(4)),
  shipNameIndicator: oneOf(twoDigitCodes(2)),
  suspiciousAccActivity: oneOf(twoDigitCodes(2)),
  txnActivityDay: matching(/^[0-9]{1,3}$/, 3),
  txnActivityYear: matching(/^[0-9]{1,3}$/, 3),
});

/** MerchantRiskIndicator object (Table A.1, "Merchant Risk Indicator"). */
export const merchantRiskIndicator: Check = object({
  deliveryEmailAddress: email(254),
  deliveryTimeframe: oneOf(twoDigitCodes(4)),
  giftCardAmount: matching(/^[0-9]{1,15}$/, 15),
  giftCardCount: matching(/^[0-9]{2}$/, 2),
  giftCardCurr: currency,
  preOrderDate: yyyymmdd,
  preOrderPurchaseInd: oneOf(twoDigitCodes(2)),
  reorderItemsInd: oneOf(twoDigitCodes(2)),
  shipIndicator: oneOf(twoDigitCodes(7)),
});

/**
 * sdkEphemPubKey: the SDK's ephemeral public key as a JWK (6.2.3.1: EC, curve P-256) of at
 * most 256 characters. The coordinates must be 32-byte base64url values of a point on the curve
 * (an SDK key off the curve would only fail later, at the key agreement of the first CReq).
 */
export const sdkEphemPubKey: Check = scalar(
  (value) =>
    isJsonObject(value) &&
    value.kty === 'EC' &&
    value.crv === 'P-256' &&
    typeof value.x === 'string' &&
    /^[A-Za-z0-9_-]{43}$/.test(value.x) &&
    typeof value.y === 'string' &&
    /^[A-Za-z0-9_-]{43}$/.test(value.y) &&
    (JSON.stringify(value)?.length ?? 257) <= 256 &&
    isOnCurve(value),
);

/** The JWK's point lies on P-256 (node:crypto refuses a point off the curve). */
function isOnCurve(jwk: Record<string, unknown>): boolean {
  try {
    createPublicKey({ key: { kty: 'EC', crv: 'P-256', x: String(jwk.x), y: String(jwk.y) }, format: 'jwk' });
    return true;
  } catch {
    return false;
  }
}

/**
 * DeviceRenderOptions object: sdkInterface 01-03 and a non-empty list of sdkUiType 01-05
 * (2.1.0, 2.2.0); 2.3.1 adds 06 (HTML out-of-band) and 07 (information).
 */
export function deviceRenderOptions(lastUiType: 5 | 7): Check {
  return object(
    {
      sdkInterface: oneOf(['01', '02', '03']),
      sdkUiType: list(oneOf(twoDigitCodes(lastUiType)), 1, lastUiType),
    },
    ['sdkInterface', 'sdkUiType'],
  );
}

/**
 * One MessageExtension object: name and id (1-64 characters), criticalityIndicator, and data
 * of at most 8059 characters (Table A.7).
 */
const messageExtensionItem: Check = object(
  { name: text(1, 64), id: text(1, 64), criticalityIndicator: boolean, data: jsonOfAtMost(8059) },
  ['name', 'id', 'criticalityIndicator', 'data'],
);

/**
 * messageExtension: up to `maxItems` extensions, at most 81920 characters in all. Whether one
 * is critical is not a matter of format: a well-formed critical extension that this ACS does
 * not recognise is answered with Erro 202 (see criticalExtensionPaths), not 203.
 */
export function messageExtension(maxItems: number): Check {
  const items = list(messageExtensionItem, 1, maxItems);
  const withinTotal = jsonOfAtMost(81920);
  return (value, path, findings) => {
    const before = findings.invalid.length + findings.missing.length;
    items(value, path, findings);
    if (findings.invalid.length + findings.missing.length > before || !Array.isArray(value)) return;
    withinTotal(value, path, findings);
  };
}

/** ThreeDSRequestorAuthenticationInfo object; method codes and data size vary by version. */
export function requestorAuthenticationInfo(methods: number, dataMax: number): Check {
  return object({
    threeDSReqAuthData: dataMax > 2048 ? jsonOfAtMost(dataMax) : text(1, dataMax),
    threeDSReqAuthMethod: codeOrDsReserved(twoDigitCodes(methods)),
    threeDSReqAuthTimestamp: yyyymmddhhmm,
  });
}

/** ThreeDSRequestorPriorAuthenticationInfo object; method codes and data size vary by version. */
export function requestorPriorAuthenticationInfo(methods: number, dataMax: number): Check {
  return object({
    threeDSReqPriorAuthData: text(1, dataMax),
    threeDSReqPriorAuthMethod: codeOrDsReserved(twoDigitCodes(methods)),
    threeDSReqPriorAuthTimestamp: yyyymmddhhmm,
    threeDSReqPriorRef: text(1, 36),
  });
}

/** BroadcastInformation object (2.3.1): category, recipients, severity and source are required. */
export const broadInfo: Check = object(
  {
    category: codeOrDsReserved(twoDigitCodes(6)),
    description: text(1, 4000),
    expDate: yyyymmdd,
    recipients: list(oneOf(twoDigitCodes(4)), 1, 3),
    severity: oneOf(twoDigitCodes(4)),
    source: oneOf(twoDigitCodes(3)),
  },
  ['category', 'recipients', 'severity', 'source'],
);

/** DefaultSdkType object (2.3.1, required for sdkType 01). */
export const defaultSdkType: Check = object({
  sdkVariant: codeOrDsReserved(['01']),
  wrappedInd: oneOf(['Y']),
});

/** SplitSdkType object (2.3.1, required for sdkType 02). */
export const splitSdkType: Check = object({ sdkVariant: codeOrDsReserved(['01']), limitedInd: oneOf(['Y']) });

/** RecurringInd object (2.3.1): amountInd and frequencyInd, 01-02 or DS-reserved. */
export const recurringInd: Check = object({
  amountInd: codeOrDsReserved(['01', '02']),
  frequencyInd: codeOrDsReserved(['01', '02']),
});

/** acceptLanguage (2.3.1): the browser's Accept-Language entries. */
export const acceptLanguage: Check = list(text(1, 100), 1, 99);

/** A compact JWS (three base64url parts), at most `max` characters. */
export function compactJws(max: number): Check {
  return matching(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+$/, max);
}

/** A compact JWE (five base64url parts, some possibly empty), at most `max` characters. */
export function compactJwe(max: number): Check {
  return matching(/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]*){4}$/, max);
}

/** A base64url string of 1..`max` characters (deviceInfo as the DS forwards it). */
export function base64url(max: number): Check {
  return matching(/^[A-Za-z0-9_-]+={0,2}$/, max);
}
