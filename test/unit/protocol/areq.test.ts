import { describe, expect, it } from 'vitest';
import { parseAReq } from '../../../src/protocol/areq.ts';
import { supportedVersions } from '../../../src/protocol/version.ts';
import {
  fixtureNotificationURL,
  fixtureThreeDSServerURL,
  sdkEphemeralKeyPair,
  validAReq,
} from '../../support/areq-fixtures.ts';
import { erroFieldsOf, protocolErrorOf } from './protocol-error-of.ts';

type Channel = '01' | '02' | '03';
type Category = '01' | '02';

const channels: readonly Channel[] = ['01', '02', '03'];
const categories: readonly Category[] = ['01', '02'];
const combinations = supportedVersions.flatMap((version) =>
  channels.flatMap((channel) => categories.map((category) => ({ version, channel, category }))),
);

const purchase = ['purchaseAmount', 'purchaseCurrency', 'purchaseDate', 'purchaseExponent'];

/**
 * The elements required of the fixture for each combination, restated from the tables
 * (2.1.0 / 2.2.0 / 2.3.1 Table A.1) independently of the implementation's own table.
 */
function requiredOfFixture(version: string, channel: Channel, category: Category): string[] {
  const required = [
    'messageType',
    'messageVersion',
    'threeDSServerTransID',
    'acctNumber',
    'deviceChannel',
    'messageCategory',
    'threeDSRequestorID',
    'threeDSRequestorName',
    'threeDSRequestorURL',
    'threeDSServerRefNumber',
  ];
  if (category === '01') {
    required.push(
      'acquirerBIN',
      'acquirerMerchantID',
      'mcc',
      'merchantCountryCode',
      'merchantName',
      ...purchase,
    );
  }
  if (channel !== '03') required.push('threeDSRequestorAuthenticationInd', 'threeDSServerURL');
  if (channel === '01') {
    required.push(
      'sdkAppID',
      'sdkEncData',
      'sdkEphemPubKey',
      'sdkMaxTimeout',
      'sdkReferenceNumber',
      'sdkTransID',
    );
    required.push('deviceRenderOptions');
    if (version === '2.3.1') required.push('sdkType', 'defaultSdkType');
  }
  if (channel === '02') {
    required.push(
      'browserAcceptHeader',
      'browserUserAgent',
      'browserLanguage',
      'notificationURL',
      'threeDSCompInd',
    );
    required.push(
      'browserColorDepth',
      'browserJavaEnabled',
      'browserScreenHeight',
      'browserScreenWidth',
      'browserTZ',
    );
    if (version !== '2.1.0') required.push('browserJavascriptEnabled');
    if (version === '2.3.1') required.push('acceptLanguage');
  }
  if (channel === '03') {
    required.push('threeRIInd');
    // threeRIInd 01 (recurring): 2.2.0 and 2.3.1 want the purchase, 2.2.0 the recurring terms.
    if (version !== '2.1.0' && category === '02') required.push(...purchase);
    if (version === '2.2.0') required.push('recurringExpiry', 'recurringFrequency');
    // 2.3.1: recurringInd and the amount for a recurring 3RI; the fixture's fixed frequency
    // (frequencyInd 01) wants recurringFrequency, its amount the currency and exponent.
    if (version === '2.3.1')
      required.push(
        'recurringInd',
        'recurringAmount',
        'recurringFrequency',
        'recurringCurrency',
        'recurringExponent',
      );
  }
  return required;
}

describe('parseAReq accepts every fixture', () => {
  it.each(combinations)('$version channel $channel category $category', ({ version, channel, category }) => {
    const body = validAReq({ version, channel, category });
    const areq = parseAReq(body);
    expect([areq.messageVersion, areq.deviceChannel, areq.messageCategory]).toEqual([
      version,
      channel,
      category,
    ]);
    expect(areq.threeDSServerTransID).toBe(body.threeDSServerTransID);
  });

  it('returns the typed elements of a browser payment (2.2.0)', () => {
    const body = validAReq({ version: '2.2.0', channel: '02', category: '01' });
    expect(parseAReq(body)).toEqual({
      messageVersion: '2.2.0',
      messageType: 'AReq',
      threeDSServerTransID: body.threeDSServerTransID,
      deviceChannel: '02',
      messageCategory: '01',
      acctNumber: '4000000000000101',
      cardExpiryDate: '3012',
      cardholderName: 'Jane Tester',
      email: 'jane.tester@example.com',
      mobilePhone: { cc: '44', subscriber: '7700900123' },
      purchaseAmount: '12345',
      purchaseCurrency: '978',
      purchaseExponent: '2',
      purchaseDate: body.purchaseDate,
      transType: '01',
      merchantName: 'Example Shop',
      acquirerBIN: '400551',
      acquirerMerchantID: 'MERCHANT-0001',
      mcc: '5411',
      merchantCountryCode: '826',
      threeDSRequestorID: '10075020',
      threeDSRequestorName: 'Example Shop',
      threeDSRequestorURL: 'https://shop.example/',
      threeDSRequestorAuthenticationInd: '01',
      threeDSRequestorChallengeInd: ['01'],
      threeDSServerURL: fixtureThreeDSServerURL,
      threeDSServerRefNumber: '3DS_LOA_SER_EXMP_020200_00042',
      threeDSServerOperatorID: 'OPERATOR-1',
      threeDSCompInd: 'Y',
      notificationURL: fixtureNotificationURL,
      browserAcceptHeader: body.browserAcceptHeader,
      browserIP: '192.0.2.10',
      browserJavaEnabled: false,
      browserJavascriptEnabled: true,
      browserLanguage: 'en-GB',
      browserColorDepth: '24',
      browserScreenHeight: '1080',
      browserScreenWidth: '1920',
      browserTZ: '-60',
      browserUserAgent: body.browserUserAgent,
    });
  });

  it('returns the SDK elements of an app non-payment (2.3.1), the challenge indicators as a list', () => {
    const body = validAReq({
      version: '2.3.1',
      channel: '01',
      category: '02',
      overrides: { mobilePhone: undefined },
    });
    const areq = parseAReq(body);
    expect({
      sdkTransID: areq.sdkTransID,
      sdkAppID: areq.sdkAppID,
      sdkReferenceNumber: areq.sdkReferenceNumber,
      sdkEphemPubKey: areq.sdkEphemPubKey,
      sdkMaxTimeout: areq.sdkMaxTimeout,
      sdkType: areq.sdkType,
      deviceRenderOptions: areq.deviceRenderOptions,
      threeDSRequestorChallengeInd: areq.threeDSRequestorChallengeInd,
      threeDSRequestorAuthenticationInd: areq.threeDSRequestorAuthenticationInd,
      purchaseAmount: areq.purchaseAmount,
      mobilePhone: areq.mobilePhone,
    }).toEqual({
      sdkTransID: body.sdkTransID,
      sdkAppID: body.sdkAppID,
      sdkReferenceNumber: '3DS_LOA_SDK_EXMP_020200_00042',
      sdkEphemPubKey: sdkEphemeralKeyPair.publicJwk,
      sdkMaxTimeout: '05',
      sdkType: '01',
      deviceRenderOptions: { sdkInterface: '03', sdkUiType: ['01', '02', '03', '04', '05'] },
      threeDSRequestorChallengeInd: ['01'],
      threeDSRequestorAuthenticationInd: '04',
      purchaseAmount: undefined,
      mobilePhone: undefined,
    });
  });

  it('reads the DS-added elements of a forwarded AReq and a valid message extension', () => {
    const dsTransID = '1b4e28ba-2fa1-11d2-883f-0016d3cca427';
    const extension = {
      name: 'note',
      id: 'A000000003-note',
      criticalityIndicator: false,
      data: { any: ['json'] },
    };
    const areq = parseAReq(
      validAReq({
        version: '2.2.0',
        channel: '03',
        category: '02',
        overrides: {
          dsTransID,
          dsReferenceNumber: 'DS-REF-1',
          dsURL: 'https://ds.example/rreq',
          messageExtension: [extension],
        },
      }),
    );
    expect([areq.dsTransID, areq.dsReferenceNumber, areq.dsURL, areq.threeRIInd]).toEqual([
      dsTransID,
      'DS-REF-1',
      'https://ds.example/rreq',
      '01',
    ]);
    expect(areq.messageExtension).toEqual([extension]);
  });
});

describe('parseAReq names every missing required element (201)', () => {
  for (const { version, channel, category } of combinations) {
    const required = requiredOfFixture(version, channel, category);

    it(`${version} channel ${channel} category ${category}: each required element removed in turn`, () => {
      for (const name of required) {
        const body = validAReq({ version, channel, category, overrides: { [name]: undefined } });
        const error = protocolErrorOf(() => parseAReq(body));
        expect([name, error.errorCode, error.errorDetail]).toEqual([name, '201', name]);
      }
    });

    it(`${version} channel ${channel} category ${category}: every other element may be left out`, () => {
      const body = validAReq({ version, channel, category });
      for (const name of Object.keys(body).filter((n) => !required.includes(n))) {
        expect(() => parseAReq({ ...body, [name]: undefined })).not.toThrow();
      }
    });

    it(`${version} channel ${channel} category ${category}: all missing elements in one Erro`, () => {
      const body = validAReq({ version, channel, category });
      const kept = Object.fromEntries(
        Object.entries(body).filter(
          ([n]) => ['messageType', 'messageVersion'].includes(n) || !required.includes(n),
        ),
      );
      const error = protocolErrorOf(() => parseAReq(kept));
      const expected = required
        .filter((n) => !['messageType', 'messageVersion', 'deviceChannel', 'messageCategory'].includes(n))
        .filter((n) => !(channelSpecific.includes(n) || categorySpecific.includes(n)));
      expect(error.errorCode).toBe('201');
      expect(error.errorDetail.split(', ').sort()).toEqual(
        [...expected, 'deviceChannel', 'messageCategory'].sort(),
      );
    });
  }
});

/** Elements required only once deviceChannel or messageCategory is known (they are removed above). */
const channelSpecific = [
  'threeDSRequestorAuthenticationInd',
  'threeDSServerURL',
  'sdkAppID',
  'sdkEncData',
  'sdkEphemPubKey',
  'sdkMaxTimeout',
  'sdkReferenceNumber',
  'sdkTransID',
  'deviceRenderOptions',
  'sdkType',
  'defaultSdkType',
  'browserAcceptHeader',
  'browserUserAgent',
  'browserLanguage',
  'notificationURL',
  'threeDSCompInd',
  'browserColorDepth',
  'browserJavaEnabled',
  'browserScreenHeight',
  'browserScreenWidth',
  'browserTZ',
  'browserJavascriptEnabled',
  'threeRIInd',
  'recurringExpiry',
  'recurringFrequency',
  'acceptLanguage',
  // Required (2.3.1) only through threeRIInd and recurringInd, which are removed too.
  'recurringInd',
  'recurringAmount',
  'recurringCurrency',
  'recurringExponent',
];
const categorySpecific = [
  'acquirerBIN',
  'acquirerMerchantID',
  'mcc',
  'merchantCountryCode',
  'merchantName',
  ...purchase,
];

describe('parseAReq applies the conditional requirements', () => {
  const missing = (
    version: (typeof supportedVersions)[number],
    channel: Channel,
    category: Category,
    o = {},
  ) => protocolErrorOf(() => parseAReq(validAReq({ version, channel, category, overrides: o })));

  it('wants threeDSRequestorDecMaxTime when decoupled is allowed: Y, and F or B in 2.3.1', () => {
    const cases = [
      ['2.2.0', 'Y'],
      ['2.3.1', 'Y'],
      ['2.3.1', 'F'],
      ['2.3.1', 'B'],
    ] as const;
    for (const [version, indicator] of cases) {
      const error = missing(version, '02', '01', { threeDSRequestorDecReqInd: indicator });
      expect([version, indicator, error.errorCode, error.errorDetail]).toEqual([
        version,
        indicator,
        '201',
        'threeDSRequestorDecMaxTime',
      ]);
      const ok = validAReq({
        version,
        channel: '02',
        overrides: { threeDSRequestorDecReqInd: indicator, threeDSRequestorDecMaxTime: '00010' },
      });
      expect(parseAReq(ok).threeDSRequestorDecReqInd).toBe(indicator);
    }
    const n = validAReq({ version: '2.3.1', channel: '02', overrides: { threeDSRequestorDecReqInd: 'N' } });
    expect(parseAReq(n).threeDSRequestorDecMaxTime).toBeUndefined();
  });

  it('knows F and B only from 2.3.1', () => {
    for (const indicator of ['F', 'B']) {
      const error = missing('2.2.0', '02', '01', {
        threeDSRequestorDecReqInd: indicator,
        threeDSRequestorDecMaxTime: '00010',
      });
      expect([error.errorCode, error.errorDetail]).toEqual(['203', 'threeDSRequestorDecReqInd']);
    }
  });

  it('wants shipAddrCountry with shipAddrState, payTokenSource with payTokenInd (2.2.0)', () => {
    expect(erroFieldsOf(missing('2.1.0', '01', '01', { shipAddrState: 'LND' })).errorDetail).toBe(
      'shipAddrCountry',
    );
    expect(erroFieldsOf(missing('2.2.0', '01', '01', { payTokenInd: true })).errorDetail).toBe(
      'payTokenSource',
    );
    expect(() =>
      parseAReq(validAReq({ version: '2.1.0', channel: '01', overrides: { payTokenInd: true } })),
    ).not.toThrow();
  });

  it('wants the purchase and recurring terms of a recurring non-payment, as each version says', () => {
    const recurring = { threeDSRequestorAuthenticationInd: '02' };
    const recurringTerms = ['recurringExpiry', 'recurringFrequency'];
    expect(missing('2.1.0', '02', '02', recurring).errorDetail.split(', ')).toEqual([
      ...purchase,
      ...recurringTerms,
    ]);
    expect(missing('2.2.0', '02', '02', recurring).errorDetail.split(', ')).toEqual([
      ...purchase,
      ...recurringTerms,
    ]);
    // 2.3.1: no recurringExpiry or recurringFrequency by the indicator, but recurringInd and the amount.
    expect(missing('2.3.1', '02', '02', recurring).errorDetail.split(', ').sort()).toEqual(
      [...purchase, 'recurringAmount', 'recurringInd'].sort(),
    );
  });

  it('wants purchaseInstalData for instalments (3RI 02 from 2.2.0 on)', () => {
    expect(missing('2.2.0', '03', '01', { threeRIInd: '02' }).errorDetail).toBe('purchaseInstalData');
    expect(
      missing('2.3.1', '02', '01', { threeDSRequestorAuthenticationInd: '03' })
        .errorDetail.split(', ')
        .sort(),
    ).toEqual(['purchaseInstalData', 'recurringAmount', 'recurringInd']);
    expect(() =>
      parseAReq(validAReq({ version: '2.1.0', channel: '03', overrides: { threeRIInd: '02' } })),
    ).not.toThrow();
  });

  it('lets a browser without JavaScript leave out the screen data (2.2.0, 2.3.1)', () => {
    for (const version of ['2.2.0', '2.3.1'] as const) {
      const body = validAReq({
        version,
        channel: '02',
        overrides: {
          browserJavascriptEnabled: false,
          browserColorDepth: undefined,
          browserJavaEnabled: undefined,
          browserScreenHeight: undefined,
          browserScreenWidth: undefined,
          browserTZ: undefined,
          browserLanguage: version === '2.3.1' ? undefined : 'en-GB',
        },
      });
      expect(parseAReq(body).browserJavascriptEnabled).toBe(false);
    }
  });

  it('accepts the DS-decrypted deviceInfo instead of sdkEncData', () => {
    const body = validAReq({
      version: '2.2.0',
      channel: '01',
      overrides: { sdkEncData: undefined, deviceInfo: 'eyJEVik' },
    });
    expect(parseAReq(body).deviceChannel).toBe('01');
  });

  it('wants splitSdkType and sdkServerSignedContent for a split SDK (2.3.1)', () => {
    const error = missing('2.3.1', '01', '01', { sdkType: '02', defaultSdkType: undefined });
    expect(error.errorDetail).toBe('sdkServerSignedContent, splitSdkType');
  });

  it('wants sdkServerSignedContent for sdkType 02 only (2.3.1)', () => {
    for (const sdkType of ['01', '03', '04', '05', '80']) {
      const body = validAReq({ version: '2.3.1', channel: '01', overrides: { sdkType } });
      expect(parseAReq(body).sdkType).toBe(sdkType);
    }
  });

  it('wants recurringFrequency only for a fixed frequency (2.3.1 recurringInd.frequencyInd 01)', () => {
    const recurring = {
      threeDSRequestorAuthenticationInd: '02',
      purchaseAmount: '999',
      purchaseCurrency: '978',
      purchaseExponent: '2',
      purchaseDate: '20261125100000',
      recurringAmount: '999',
      recurringCurrency: '978',
      recurringExponent: '2',
    };
    const fixed = missing('2.3.1', '02', '02', {
      ...recurring,
      recurringInd: { amountInd: '01', frequencyInd: '01' },
    });
    expect([fixed.errorCode, fixed.errorDetail]).toEqual(['201', 'recurringFrequency']);
    for (const frequencyInd of ['02', '80']) {
      const variable = validAReq({
        version: '2.3.1',
        channel: '02',
        category: '02',
        overrides: { ...recurring, recurringInd: { amountInd: '01', frequencyInd } },
      });
      expect(parseAReq(variable).messageCategory).toBe('02');
    }
    // 2.2.0 keeps its own rule: the recurring indicators want the frequency and expiry.
    expect(missing('2.2.0', '03', '02', { recurringFrequency: undefined }).errorDetail).toBe(
      'recurringFrequency',
    );
  });

  it('wants recurringAmount for a fixed amount, and its currency and exponent with it (2.3.1)', () => {
    const fixedAmount = missing('2.3.1', '02', '01', {
      recurringInd: { amountInd: '01', frequencyInd: '02' },
    });
    expect([fixedAmount.errorCode, fixedAmount.errorDetail]).toEqual(['201', 'recurringAmount']);
    const noCurrency = missing('2.3.1', '02', '01', { recurringAmount: '500' });
    expect(noCurrency.errorDetail).toBe('recurringCurrency, recurringExponent');
    const variable = validAReq({
      version: '2.3.1',
      channel: '02',
      overrides: { recurringInd: { amountInd: '02', frequencyInd: '02' } },
    });
    expect(parseAReq(variable).messageVersion).toBe('2.3.1');
  });

  it('wants acceptLanguage from a 2.3.1 browser, and not before', () => {
    expect(missing('2.3.1', '02', '01', { acceptLanguage: undefined }).errorDetail).toBe('acceptLanguage');
    expect(parseAReq(validAReq({ version: '2.2.0', channel: '02' })).messageVersion).toBe('2.2.0');
    expect(
      parseAReq(validAReq({ version: '2.3.1', channel: '01', overrides: { acceptLanguage: undefined } }))
        .messageVersion,
    ).toBe('2.3.1');
  });

  it('wants purchase data for a 2.3.1 non-payment with indicators 07-09 or 3RI 15', () => {
    for (const indicator of ['07', '08', '09']) {
      const error = missing('2.3.1', '02', '02', { threeDSRequestorAuthenticationInd: indicator });
      expect([indicator, error.errorDetail]).toEqual([indicator, purchase.join(', ')]);
      // 2.2.0 defines 07 (billing agreement) without purchase data, and has no 08 or 09.
      if (indicator === '07') {
        const body = validAReq({
          version: '2.2.0',
          channel: '02',
          category: '02',
          overrides: { threeDSRequestorAuthenticationInd: indicator },
        });
        expect(parseAReq(body).messageCategory).toBe('02');
      }
    }
    const threeRI = missing('2.3.1', '03', '02', {
      threeRIInd: '15',
      ...Object.fromEntries(purchase.map((name) => [name, undefined])),
    });
    expect(threeRI.errorDetail).toBe(purchase.join(', '));
  });
});

describe('parseAReq checks the message frame first', () => {
  const body = () => validAReq({ version: '2.2.0', channel: '01', category: '01' });

  it.each([[[]], [null], [42], ['AReq'], [true]])('answers 101 for %j', (value) => {
    const error = protocolErrorOf(() => parseAReq(value));
    expect(erroFieldsOf(error)).toEqual({
      errorCode: '101',
      errorDetail: 'message is not a JSON object',
      errorMessageType: 'AReq',
      ids: {},
      messageVersion: undefined,
    });
  });

  it('answers 201 for a missing messageType, with the readable IDs and version', () => {
    const message = body();
    const error = protocolErrorOf(() => parseAReq({ ...message, messageType: undefined }));
    expect(erroFieldsOf(error)).toEqual({
      errorCode: '201',
      errorDetail: 'messageType',
      errorMessageType: 'AReq',
      ids: { threeDSServerTransID: message.threeDSServerTransID, sdkTransID: message.sdkTransID },
      messageVersion: '2.2.0',
    });
  });

  it('answers 101 for another messageType', () => {
    for (const messageType of ['ARes', 'areq', 7]) {
      expect(erroFieldsOf(protocolErrorOf(() => parseAReq({ ...body(), messageType }))).errorCode).toBe(
        '101',
      );
    }
  });

  it('answers 201 for a missing messageVersion and 102 for one it does not support, without a version', () => {
    const message = body();
    expect(erroFieldsOf(protocolErrorOf(() => parseAReq({ ...message, messageVersion: undefined })))).toEqual(
      {
        errorCode: '201',
        errorDetail: 'messageVersion',
        errorMessageType: 'AReq',
        ids: { threeDSServerTransID: message.threeDSServerTransID, sdkTransID: message.sdkTransID },
        messageVersion: undefined,
      },
    );
    for (const messageVersion of ['2.0.0', '2.3.0', '2.4.0', '1.0.2', 2.2, '', null]) {
      const error = protocolErrorOf(() => parseAReq({ ...message, messageVersion }));
      expect([error.errorCode, error.errorDetail, error.messageVersion]).toEqual([
        '102',
        'messageVersion',
        undefined,
      ]);
    }
  });

  it('echoes only the IDs that are well-formed UUIDs', () => {
    const message: Record<string, unknown> = {
      ...body(),
      sdkTransID: 'not-a-uuid',
      dsTransID: '1b4e28ba-2fa1-11d2-883f-0016d3cca427',
    };
    const error = protocolErrorOf(() => parseAReq({ ...message, acctNumber: undefined }));
    expect(error.ids).toEqual({
      threeDSServerTransID: message.threeDSServerTransID,
      dsTransID: message.dsTransID,
    });
  });

  it('reports missing elements before invalid ones', () => {
    const error = protocolErrorOf(() =>
      parseAReq({ ...body(), acctNumber: undefined, threeDSServerTransID: 'x' }),
    );
    expect([error.errorCode, error.errorDetail]).toEqual(['201', 'acctNumber']);
  });
});

describe('parseAReq ignores what the version does not define', () => {
  it('ignores unknown elements and elements of later versions', () => {
    const cases = [
      {
        version: '2.1.0',
        extra: { browserJavascriptEnabled: 'yes', trustListStatus: 9, threeDSRequestorDecReqInd: 1 },
      },
      { version: '2.2.0', extra: { trustListStatus: 'maybe', sdkType: [], broadInfo: 'x' } },
      { version: '2.3.1', extra: { whiteListStatus: 'maybe', threeDSReqPriorAuthMethod: {} } },
    ] as const;
    for (const { version, extra } of cases) {
      const body = validAReq({
        version,
        channel: '02',
        overrides: { ...extra, somethingNew: { deep: [1] }, ds: 'x' },
      });
      expect(parseAReq(body).messageVersion).toBe(version);
    }
  });
});

describe('parseAReq checks the app channel elements per version', () => {
  const appAReq = (version: (typeof supportedVersions)[number], overrides: Record<string, unknown>) =>
    validAReq({ version, channel: '01', category: '01', overrides });

  it('accepts the 2.3.1 sdkUiType values 06 and 07 only in 2.3.1', () => {
    const options = { sdkInterface: '03', sdkUiType: ['01', '06', '07'] };
    expect(
      parseAReq(appAReq('2.3.1', { deviceRenderOptions: options })).deviceRenderOptions?.sdkUiType,
    ).toEqual(['01', '06', '07']);
    for (const version of ['2.1.0', '2.2.0'] as const) {
      const error = protocolErrorOf(() => parseAReq(appAReq(version, { deviceRenderOptions: options })));
      expect([error.errorCode, error.errorDetail]).toEqual([
        '203',
        'deviceRenderOptions.sdkUiType[1], deviceRenderOptions.sdkUiType[2]',
      ]);
    }
  });

  it('refuses an sdkEphemPubKey whose point is not on P-256 (Erro 203), whatever its format', () => {
    const key = appAReq('2.2.0', {}).sdkEphemPubKey as { x: string; y: string };
    const offCurve = {
      kty: 'EC',
      crv: 'P-256',
      x: key.x,
      y: `${key.y.slice(0, -2)}${key.y.endsWith('AA') ? 'AQ' : 'AA'}`,
    };
    const error = protocolErrorOf(() => parseAReq(appAReq('2.2.0', { sdkEphemPubKey: offCurve })));
    expect([error.errorCode, error.errorDetail]).toEqual(['203', 'sdkEphemPubKey']);
  });
});
