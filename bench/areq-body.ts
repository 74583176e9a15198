/**
 * The AReqs the benchmark sends: a realistic browser-channel (02) payment AReq, messageVersion
 * 2.2.0, as a 3DS Server sends it to a DS. For the frictionless load, one text for the
 * frictionless-y card is sent again and again (the ACS allows a repeated threeDSServerTransID),
 * so the echo baseline and the ACS read byte-identical payloads. Each challenge flow sends its
 * own, with a new threeDSServerTransID and the stand-in 3DS Server's URL.
 */
import { randomUUID } from 'node:crypto';

/** The frictionless-y Visa test card (docs: scenario table). */
export const benchCardNumber = '4000000000000101';

/** The challenge-sms Visa test card (docs: scenario table). */
export const challengeCardNumber = '4000000000001000';

/** What changes from one AReq to another. */
export type AReqOptions = Readonly<{
  pan: string;
  /** Where the ACS sends the RReq. */
  threeDSServerURL: string;
  /** Where the challenge window posts the final CRes (the benchmark only reads the form). */
  notificationURL: string;
  now?: Date;
}>;

/** A spec-valid AReq (2.2.0, BRW, payment) as compact JSON text, with a new threeDSServerTransID. */
export function areqBody(options: AReqOptions): string {
  const now = options.now ?? new Date();
  return JSON.stringify({
    messageType: 'AReq',
    messageVersion: '2.2.0',
    threeDSServerTransID: randomUUID(),
    deviceChannel: '02',
    messageCategory: '01',
    acctNumber: options.pan,
    cardExpiryDate: '3012',
    cardholderName: 'Jane Tester',
    email: 'jane.tester@example.com',
    mobilePhone: { cc: '44', subscriber: '7700900123' },
    billAddrLine1: '1 High Street',
    billAddrCity: 'London',
    billAddrPostCode: 'EC1A 1AA',
    billAddrCountry: '826',
    acquirerBIN: '400551',
    acquirerMerchantID: 'MERCHANT-0001',
    mcc: '5411',
    merchantCountryCode: '826',
    merchantName: 'Example Shop',
    purchaseAmount: '12345',
    purchaseCurrency: '978',
    purchaseExponent: '2',
    purchaseDate: now.toISOString().replace(/[-:T]/g, '').slice(0, 14),
    transType: '01',
    threeDSRequestorAuthenticationInd: '01',
    threeDSRequestorChallengeInd: '01',
    threeDSRequestorID: '10075020',
    threeDSRequestorName: 'Example Shop',
    threeDSRequestorURL: 'https://shop.example/',
    threeDSServerRefNumber: '3DS_LOA_SER_EXMP_020200_00042',
    threeDSServerOperatorID: 'OPERATOR-1',
    threeDSServerURL: options.threeDSServerURL,
    notificationURL: options.notificationURL,
    threeDSCompInd: 'Y',
    browserAcceptHeader: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
    browserIP: '192.0.2.10',
    browserJavaEnabled: false,
    browserJavascriptEnabled: true,
    browserLanguage: 'en-GB',
    browserColorDepth: '24',
    browserScreenHeight: '1080',
    browserScreenWidth: '1920',
    browserTZ: '-60',
    browserUserAgent:
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36',
  });
}

/** The frictionless load's AReq: the frictionless-y card; nothing listens at its URLs (no RReq is sent). */
export function frictionlessAReqBody(now: Date = new Date()): string {
  return areqBody({
    pan: benchCardNumber,
    threeDSServerURL: 'http://127.0.0.1:9/3ds/rreq',
    notificationURL: 'http://127.0.0.1:9/3ds/notification?order=1234',
    now,
  });
}

/** True when `body` is an ARes with transStatus Y (what the frictionless-y card must get). */
export function isFrictionlessARes(body: string): boolean {
  let message: unknown;
  try {
    message = JSON.parse(body);
  } catch {
    return false;
  }
  if (typeof message !== 'object' || message === null) return false;
  const fields = message as Record<string, unknown>;
  return fields.messageType === 'ARes' && fields.transStatus === 'Y';
}
