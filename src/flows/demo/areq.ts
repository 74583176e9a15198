/**
 * The AReq the demo merchant sends: a complete browser (02-BRW) payment (01-PA) AReq, as a 3DS
 * Server sends it to the DS, for the tester's checkout. Its threeDSServerURL and notificationURL
 * point back at the demo merchant on this ACS's public URL, so the RReq and the final CRes come
 * back here and the whole flow runs end to end without any other server. The demo skips the
 * 3DS Method, so threeDSCompInd is U (not available).
 */
import { isIP } from 'node:net';
import type { MessageVersion } from '../../protocol/version.ts';
import type { DemoCheckout } from './checkout-form.ts';

/** Where the demo merchant lives, under the console. */
export const demoBasePath = '/console/demo';

/** The 3DS Server endpoint (RReq in, RRes out) of the demo merchant. */
export const demoRReqPath = `${demoBasePath}/rreq`;

/** Where the challenge window posts the final CRes. */
export const demoNotifyPath = `${demoBasePath}/notify`;

/** The demo requestor's identity (Table A.1: threeDSRequestorID 1-35, Name 1-40, RefNumber 1-32). */
export const demoRequestor = {
  threeDSRequestorID: 'ACS-SIM-DEMO-MERCHANT',
  threeDSRequestorName: 'ACS Simulator demo merchant',
  threeDSServerRefNumber: 'ACS-SIM-DEMO-3DS-SERVER',
  threeDSServerOperatorID: 'ACS-SIM-DEMO',
  acquirerBIN: '400551',
  acquirerMerchantID: 'DEMO-MERCHANT-0001',
  mcc: '5999',
  merchantCountryCode: '826',
} as const;

/** The request the tester's browser made, as a 3DS Requestor reads it from its own request. */
export type DemoRequestHeaders = Readonly<{
  userAgent: string | undefined;
  acceptHeader: string | undefined;
  ip: string | undefined;
}>;

/** The identifiers the demo chooses before sending. */
export type DemoAReqIds = Readonly<{ threeDSServerTransID: string }>;

/** The demo's threeDSServerURL on this ACS. */
export function demoThreeDSServerURL(publicUrl: string): string {
  return `${publicUrl}${demoRReqPath}`;
}

/** The demo's notificationURL for an order (the order is its threeDSServerTransID). */
export function demoNotificationURL(publicUrl: string, threeDSServerTransID: string): string {
  return `${publicUrl}${demoNotifyPath}?order=${encodeURIComponent(threeDSServerTransID)}`;
}

/** YYYYMMDDHHMMSS in UTC (purchaseDate). */
export function utcTimestamp(date: Date): string {
  return date.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

/** YYMM three years ahead: a card expiry date that is always in the future. */
export function futureExpiry(now: Date): string {
  const year = String((now.getUTCFullYear() + 3) % 100).padStart(2, '0');
  return `${year}12`;
}

/** Header text cut to what Table A.1 allows (browserAcceptHeader, browserUserAgent: 1-2048). */
function headerText(value: string | undefined, fallback: string): string {
  const text = value?.trim() ?? '';
  return text === '' ? fallback : text.slice(0, 2048);
}

/** browserIP when the address is usable: IPv4-mapped IPv6 shown as IPv4 (Table A.1: at most 45). */
function browserIP(ip: string | undefined): { browserIP?: string } {
  const address = ip?.replace(/^::ffff:(?=[0-9.]+$)/, '');
  return address !== undefined && address.length <= 45 && isIP(address) !== 0 ? { browserIP: address } : {};
}

/** threeDSRequestorChallengeInd as the version sends it. */
export function challengeIndicator(version: MessageVersion, value: string): string | readonly string[] {
  // 2.3.1 sends threeDSRequestorChallengeInd as a list; earlier versions as one value.
  return version === '2.3.1' ? [value] : value;
}

/** Builds the AReq body for the checkout. */
export function buildDemoAReq(
  checkout: DemoCheckout,
  headers: DemoRequestHeaders,
  ids: DemoAReqIds,
  publicUrl: string,
  now: Date,
): Record<string, unknown> {
  const { browser, messageVersion: version } = checkout;
  const areq: Record<string, unknown> = {
    messageType: 'AReq',
    messageVersion: version,
    threeDSServerTransID: ids.threeDSServerTransID,
    deviceChannel: '02',
    messageCategory: '01',
    acctNumber: checkout.pan,
    cardExpiryDate: futureExpiry(now),
    ...demoRequestor,
    merchantName: checkout.merchantName,
    threeDSRequestorURL: `${publicUrl}${demoBasePath}`,
    threeDSServerURL: demoThreeDSServerURL(publicUrl),
    threeDSRequestorAuthenticationInd: '01',
    threeDSRequestorChallengeInd: challengeIndicator(version, checkout.challengeInd),
    purchaseAmount: checkout.purchaseAmount,
    purchaseCurrency: checkout.currency.numeric,
    purchaseExponent: String(checkout.currency.exponent),
    purchaseDate: utcTimestamp(now),
    transType: '01',
    notificationURL: demoNotificationURL(publicUrl, ids.threeDSServerTransID),
    threeDSCompInd: 'U',
    browserAcceptHeader: headerText(headers.acceptHeader, 'text/html'),
    browserUserAgent: headerText(headers.userAgent, 'unknown'),
    ...browserIP(headers.ip),
    browserJavaEnabled: false,
    ...(version === '2.1.0' ? {} : { browserJavascriptEnabled: browser.javascriptEnabled }),
    browserLanguage: browser.language ?? 'en-GB',
    browserColorDepth: browser.colorDepth,
    browserScreenHeight: browser.screenHeight,
    browserScreenWidth: browser.screenWidth,
    browserTZ: browser.timeZoneOffset,
    // 2.3.1 Table A.1: acceptLanguage (the browser's Accept-Language entries) is required for BRW.
    ...(version === '2.3.1' ? { acceptLanguage: [browser.language ?? 'en-GB'] } : {}),
  };
  if (checkout.decoupled) {
    // 2.2.0+ Table A.1: threeDSRequestorDecMaxTime (minutes, 5 digits) is required with DecReqInd Y.
    areq.threeDSRequestorDecReqInd = 'Y';
    areq.threeDSRequestorDecMaxTime = '00010';
  }
  return areq;
}
