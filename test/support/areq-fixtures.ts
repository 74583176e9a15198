/**
 * Spec-valid AReq bodies for every messageVersion x deviceChannel x messageCategory, as a 3DS
 * Server sends them to a DS (no dsTransID, dsReferenceNumber or dsURL: add them through
 * `overrides` to play a DS-forwarded AReq). Each call has fresh transaction IDs; the SDK's
 * ephemeral key is a real P-256 key made once per test process (its private half is exported
 * for tests that decrypt what the ACS encrypts to it).
 */
import { generateKeyPairSync, type KeyObject, randomUUID } from 'node:crypto';
import type { MessageVersion } from '../../src/protocol/version.ts';

/** Which AReq to build. */
export type AReqFixtureOptions = Readonly<{
  version: MessageVersion;
  channel: '01' | '02' | '03';
  category?: '01' | '02';
  acctNumber?: string;
  /** Elements to add or replace; an element set to `undefined` is removed. */
  overrides?: Record<string, unknown>;
}>;

/** The 3DS SDK's ephemeral key pair used by every APP fixture. */
export const sdkEphemeralKeyPair: Readonly<{
  publicJwk: Readonly<Record<string, string>>;
  privateKey: KeyObject;
}> = (() => {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = publicKey.export({ format: 'jwk' });
  return { publicJwk: { kty: 'EC', crv: 'P-256', x: String(jwk.x), y: String(jwk.y) }, privateKey };
})();

/** Placeholder where the RReq would go (nothing listens on port 9). */
export const fixtureThreeDSServerURL = 'http://127.0.0.1:9/3ds/rreq';

/** Placeholder where the final CRes would be posted. */
export const fixtureNotificationURL = 'http://127.0.0.1:9/3ds/notification?order=1234';

/** A complete AReq body (a plain JSON object) for the given version, channel and category. */
export function validAReq(options: AReqFixtureOptions): Record<string, unknown> {
  const { version, channel } = options;
  const category = options.category ?? '01';
  const areq: Record<string, unknown> = {
    messageType: 'AReq',
    messageVersion: version,
    threeDSServerTransID: randomUUID(),
    deviceChannel: channel,
    messageCategory: category,
    acctNumber: options.acctNumber ?? '4000000000000101',
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
    threeDSRequestorID: '10075020',
    threeDSRequestorName: 'Example Shop',
    threeDSRequestorURL: 'https://shop.example/',
    threeDSServerRefNumber: '3DS_LOA_SER_EXMP_020200_00042',
    threeDSServerOperatorID: 'OPERATOR-1',
    threeDSServerURL: fixtureThreeDSServerURL,
    ...purchaseElements(channel, category),
    ...channelElements(version, channel, category),
  };
  for (const [name, value] of Object.entries(options.overrides ?? {})) {
    if (value === undefined) delete areq[name];
    else areq[name] = value;
  }
  return areq;
}

/** Purchase data for payments, and for 3RI recurring non-payments (which the tables require it for). */
function purchaseElements(channel: '01' | '02' | '03', category: '01' | '02'): Record<string, unknown> {
  if (category === '02' && channel !== '03') return {};
  return {
    purchaseAmount: '12345',
    purchaseCurrency: '978',
    purchaseExponent: '2',
    purchaseDate: utcTimestamp(new Date()),
    ...(category === '01' ? { transType: '01' } : {}),
  };
}

function channelElements(
  version: MessageVersion,
  channel: '01' | '02' | '03',
  category: '01' | '02',
): Record<string, unknown> {
  const requestor = {
    // 01 payment, 04 add card: what a requestor says for each category.
    threeDSRequestorAuthenticationInd: category === '01' ? '01' : '04',
    threeDSRequestorChallengeInd: version === '2.3.1' ? ['01'] : '01',
  };
  switch (channel) {
    case '01':
      return {
        ...requestor,
        sdkAppID: randomUUID(),
        sdkTransID: randomUUID(),
        sdkReferenceNumber: '3DS_LOA_SDK_EXMP_020200_00042',
        sdkMaxTimeout: '05',
        sdkEphemPubKey: { ...sdkEphemeralKeyPair.publicJwk },
        sdkEncData: fakeCompactJwe(),
        deviceRenderOptions: { sdkInterface: '03', sdkUiType: ['01', '02', '03', '04', '05'] },
        ...(version === '2.3.1' ? { sdkType: '01', defaultSdkType: { sdkVariant: '01' } } : {}),
      };
    case '02':
      return {
        ...requestor,
        notificationURL: fixtureNotificationURL,
        threeDSCompInd: 'Y',
        browserAcceptHeader: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
        browserIP: '192.0.2.10',
        browserJavaEnabled: false,
        ...(version === '2.1.0' ? {} : { browserJavascriptEnabled: true }),
        browserLanguage: 'en-GB',
        // 2.3.1 Table A.1: the Accept-Language entries, required for BRW.
        ...(version === '2.3.1' ? { acceptLanguage: ['en-GB', 'en;q=0.9'] } : {}),
        browserColorDepth: '24',
        browserScreenHeight: '1080',
        browserScreenWidth: '1920',
        browserTZ: '-60',
        browserUserAgent:
          'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36',
      };
    case '03':
      // A recurring payment the requestor initiates without the cardholder; 2.3.1 describes it
      // with recurringInd and the recurring amount (required for threeRIInd 01).
      return {
        threeRIInd: '01',
        recurringExpiry: '20301231',
        recurringFrequency: '30',
        ...(version === '2.3.1'
          ? {
              recurringInd: { amountInd: '01', frequencyInd: '01' },
              recurringAmount: '12345',
              recurringCurrency: '978',
              recurringExponent: '2',
              recurringDate: '20270101',
            }
          : {}),
      };
  }
}

/** A structurally valid compact JWE (the DS, not the ACS, would decrypt sdkEncData). */
function fakeCompactJwe(): string {
  const part = (text: string) => Buffer.from(text).toString('base64url');
  return [
    part('{"alg":"RSA-OAEP-256","enc":"A128GCM"}'),
    part('key'),
    part('iv'),
    part('ciphertext'),
    part('tag'),
  ].join('.');
}

function utcTimestamp(date: Date): string {
  return date.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}
