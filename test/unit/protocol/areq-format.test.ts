import { describe, expect, it } from 'vitest';
import { parseAReq } from '../../../src/protocol/areq.ts';
import type { MessageVersion } from '../../../src/protocol/version.ts';
import { validAReq } from '../../support/areq-fixtures.ts';
import { protocolErrorOf } from './protocol-error-of.ts';

type Case = Readonly<{
  name: string;
  version?: MessageVersion;
  channel?: '01' | '02' | '03';
  category?: '01' | '02';
  overrides: Record<string, unknown>;
  detail: string;
  /** 201 when a required member of a nested object is missing; 203 otherwise. */
  code?: '201' | '203';
}>;

/** Invalid formats and the errorDetail each must produce (203). */
const cases: readonly Case[] = [
  {
    name: 'non-UUID threeDSServerTransID',
    overrides: { threeDSServerTransID: 'abc' },
    detail: 'threeDSServerTransID',
  },
  {
    name: 'UUID without dashes',
    overrides: { threeDSServerTransID: '1b4e28ba2fa111d2883f0016d3cca427' },
    detail: 'threeDSServerTransID',
  },
  { name: 'short acctNumber', overrides: { acctNumber: '400000000006' }, detail: 'acctNumber' },
  { name: 'long acctNumber', overrides: { acctNumber: '40000000000000000006' }, detail: 'acctNumber' },
  { name: 'acctNumber with spaces', overrides: { acctNumber: '4000 0000 0000 0101' }, detail: 'acctNumber' },
  { name: 'numeric acctNumber', overrides: { acctNumber: 4000000000000101 }, detail: 'acctNumber' },
  { name: 'month 13 in purchaseDate', overrides: { purchaseDate: '20261301120000' }, detail: 'purchaseDate' },
  {
    name: '30 February in purchaseDate',
    overrides: { purchaseDate: '20260230120000' },
    detail: 'purchaseDate',
  },
  { name: 'hour 24 in purchaseDate', overrides: { purchaseDate: '20260101240000' }, detail: 'purchaseDate' },
  { name: 'short purchaseDate', overrides: { purchaseDate: '202601011200' }, detail: 'purchaseDate' },
  { name: 'cardExpiryDate month 13', overrides: { cardExpiryDate: '3013' }, detail: 'cardExpiryDate' },
  { name: 'deviceChannel 04', overrides: { deviceChannel: '04' }, detail: 'deviceChannel' },
  { name: 'DS-reserved deviceChannel', overrides: { deviceChannel: '80' }, detail: 'deviceChannel' },
  { name: 'messageCategory 03', overrides: { messageCategory: '03' }, detail: 'messageCategory' },
  { name: 'threeDSCompInd X', overrides: { threeDSCompInd: 'X' }, detail: 'threeDSCompInd' },
  { name: 'lowercase threeDSCompInd', overrides: { threeDSCompInd: 'y' }, detail: 'threeDSCompInd' },
  { name: 'excluded currency', overrides: { purchaseCurrency: '999' }, detail: 'purchaseCurrency' },
  { name: 'alphabetic currency', overrides: { purchaseCurrency: 'EUR' }, detail: 'purchaseCurrency' },
  { name: 'decimal purchaseAmount', overrides: { purchaseAmount: '123.45' }, detail: 'purchaseAmount' },
  { name: 'two-digit purchaseExponent', overrides: { purchaseExponent: '10' }, detail: 'purchaseExponent' },
  {
    name: 'merchantName of 41 characters',
    overrides: { merchantName: 'm'.repeat(41) },
    detail: 'merchantName',
  },
  { name: 'three-letter country', overrides: { merchantCountryCode: 'GBR' }, detail: 'merchantCountryCode' },
  { name: 'relative notificationURL', overrides: { notificationURL: '/notify' }, detail: 'notificationURL' },
  {
    name: 'javascript: URL',
    overrides: { notificationURL: 'javascript:alert(1)' },
    detail: 'notificationURL',
  },
  {
    name: 'notificationURL over 256 characters',
    overrides: { notificationURL: `https://a.example/${'p'.repeat(240)}` },
    detail: 'notificationURL',
  },
  {
    name: 'ftp threeDSServerURL',
    overrides: { threeDSServerURL: 'ftp://a.example/' },
    detail: 'threeDSServerURL',
  },
  {
    name: 'string browserJavaEnabled',
    overrides: { browserJavaEnabled: 'false' },
    detail: 'browserJavaEnabled',
  },
  { name: 'colour depth 23', overrides: { browserColorDepth: '23' }, detail: 'browserColorDepth' },
  { name: 'numeric screen height', overrides: { browserScreenHeight: 1080 }, detail: 'browserScreenHeight' },
  { name: 'browserTZ with letters', overrides: { browserTZ: 'UTC' }, detail: 'browserTZ' },
  { name: 'browserIP not an address', overrides: { browserIP: '999.1.1.1' }, detail: 'browserIP' },
  {
    name: 'browserLanguage over 8',
    overrides: { browserLanguage: 'en-GB-oxendict' },
    detail: 'browserLanguage',
  },
  { name: 'e-mail without @', overrides: { email: 'jane.example.com' }, detail: 'email' },
  { name: 'null element', overrides: { merchantName: null }, detail: 'merchantName' },
  { name: 'empty string element', overrides: { acquirerBIN: '' }, detail: 'acquirerBIN' },
  {
    name: 'phone subscriber with +',
    overrides: { mobilePhone: { cc: '44', subscriber: '+447700' } },
    detail: 'mobilePhone.subscriber',
  },
  { name: 'phone as a string', overrides: { homePhone: '+44 7700 900123' }, detail: 'homePhone' },
  {
    name: 'acctInfo date',
    overrides: { acctInfo: { chAccDate: '2020-01-01' } },
    detail: 'acctInfo.chAccDate',
  },
  {
    name: 'acctInfo code',
    overrides: { acctInfo: { chAccAgeInd: '06', txnActivityDay: '5' } },
    detail: 'acctInfo.chAccAgeInd',
  },
  {
    name: 'merchantRiskIndicator codes',
    overrides: { merchantRiskIndicator: { shipIndicator: '08', giftCardCount: '1' } },
    detail: 'merchantRiskIndicator.shipIndicator, merchantRiskIndicator.giftCardCount',
  },
  {
    name: 'threeDSRequestorChallengeInd 05 in 2.1.0',
    version: '2.1.0',
    overrides: { threeDSRequestorChallengeInd: '05' },
    detail: 'threeDSRequestorChallengeInd',
  },
  {
    name: 'a list of indicators in 2.2.0',
    overrides: { threeDSRequestorChallengeInd: ['01'] },
    detail: 'threeDSRequestorChallengeInd',
  },
  {
    name: 'one indicator as a string in 2.3.1',
    version: '2.3.1',
    overrides: { threeDSRequestorChallengeInd: '01' },
    detail: 'threeDSRequestorChallengeInd',
  },
  {
    name: 'an unknown indicator in the 2.3.1 list',
    version: '2.3.1',
    overrides: { threeDSRequestorChallengeInd: ['01', '15'] },
    detail: 'threeDSRequestorChallengeInd[1]',
  },
  {
    name: 'decoupled time over a week',
    overrides: { threeDSRequestorDecReqInd: 'Y', threeDSRequestorDecMaxTime: '10081' },
    detail: 'threeDSRequestorDecMaxTime',
  },
  {
    name: 'critical message extension that is malformed too (format first)',
    overrides: {
      messageExtension: [{ name: 'x', id: 'A000000004-x', criticalityIndicator: true, data: {} }, 'junk'],
    },
    detail: 'messageExtension[1]',
  },
  {
    name: 'message extension without id',
    overrides: { messageExtension: [{ name: 'x', criticalityIndicator: false, data: 'd' }] },
    detail: 'messageExtension[0].id',
    code: '201',
  },
  {
    name: 'eleven message extensions in 2.2.0',
    overrides: {
      messageExtension: Array.from({ length: 11 }, () => ({
        name: 'x',
        id: 'y',
        criticalityIndicator: false,
        data: 1,
      })),
    },
    detail: 'messageExtension',
  },
  {
    name: 'several bad elements, all named',
    overrides: { acctNumber: '123456789012', mcc: '54111', merchantName: 5, threeDSCompInd: 'Q' },
    detail: 'acctNumber, mcc, merchantName, threeDSCompInd',
  },
  {
    name: 'APP: sdkMaxTimeout 04',
    channel: '01',
    overrides: { sdkMaxTimeout: '04' },
    detail: 'sdkMaxTimeout',
  },
  { name: 'APP: sdkAppID not a UUID', channel: '01', overrides: { sdkAppID: 'app' }, detail: 'sdkAppID' },
  {
    name: 'APP: ephemeral key on another curve',
    channel: '01',
    overrides: { sdkEphemPubKey: { kty: 'EC', crv: 'P-384', x: 'a'.repeat(43), y: 'b'.repeat(43) } },
    detail: 'sdkEphemPubKey',
  },
  {
    name: 'APP: ephemeral key as a string',
    channel: '01',
    overrides: { sdkEphemPubKey: '{"kty":"EC"}' },
    detail: 'sdkEphemPubKey',
  },
  {
    name: 'APP: render options without UI types',
    channel: '01',
    overrides: { deviceRenderOptions: { sdkInterface: '01', sdkUiType: [] } },
    detail: 'deviceRenderOptions.sdkUiType',
  },
  {
    name: 'APP: render options missing sdkInterface',
    channel: '01',
    overrides: { deviceRenderOptions: { sdkUiType: ['01'] } },
    detail: 'deviceRenderOptions.sdkInterface',
    code: '201',
  },
  {
    name: 'APP: sdkEncData not a JWE',
    channel: '01',
    overrides: { sdkEncData: 'plain text' },
    detail: 'sdkEncData',
  },
  {
    name: '3RI: threeRIInd 06 in 2.1.0',
    version: '2.1.0',
    channel: '03',
    overrides: { threeRIInd: '06' },
    detail: 'threeRIInd',
  },
  {
    name: '3RI: recurringExpiry not a date',
    channel: '03',
    overrides: { recurringExpiry: '20261332' },
    detail: 'recurringExpiry',
  },
  { name: 'DS: dsTransID not a UUID', overrides: { dsTransID: 'ds-1' }, detail: 'dsTransID' },
  { name: 'DS: dsURL not a URL', overrides: { dsURL: 'ds.example' }, detail: 'dsURL' },
  {
    name: '2.3.1: broadInfo without recipients',
    version: '2.3.1',
    overrides: { broadInfo: { category: '01', severity: '01', source: '02' } },
    detail: 'broadInfo.recipients',
    code: '201',
  },
];

describe('parseAReq rejects malformed elements with Erro 203 naming them', () => {
  it.each(cases)('$name', ({ version, channel, category, overrides, detail, code }) => {
    const body = validAReq({
      version: version ?? '2.2.0',
      channel: channel ?? '02',
      category: category ?? '01',
      overrides,
    });
    const error = protocolErrorOf(() => parseAReq(body));
    expect([error.errorCode, error.errorDetail]).toEqual([code ?? '203', detail]);
  });

  it('never puts a value into the errorDetail', () => {
    const secrets = {
      acctNumber: '4000-0000-0000-0102',
      merchantName: 'SECRET-'.repeat(10),
      email: 'secret@',
    };
    const error = protocolErrorOf(() =>
      parseAReq(validAReq({ version: '2.3.1', channel: '02', overrides: secrets })),
    );
    expect(error.errorDetail).toBe('acctNumber, email, merchantName');
    expect(error.message).not.toMatch(/4000-0000-0000-0102|SECRET|secret@/);
  });

  it('echoes the version and IDs with a 203', () => {
    const body = validAReq({ version: '2.3.1', channel: '01', overrides: { mcc: 'abcd' } });
    const error = protocolErrorOf(() => parseAReq(body));
    expect([error.errorCode, error.messageVersion, error.errorMessageType, error.ids]).toEqual([
      '203',
      '2.3.1',
      'AReq',
      { threeDSServerTransID: body.threeDSServerTransID, sdkTransID: body.sdkTransID },
    ]);
  });
});

describe('acctNumber is checked for its format only (Table A.1: 13-19 digits)', () => {
  it.each([
    ['a 16-digit test PAN that fails Luhn', '4000000000000102'],
    ['a 13-digit PAN', '4000000000006'],
    ['a 19-digit PAN that fails Luhn', '4000000000000000001'],
    ['a certification PAN of another BIN', '7654310438720050'],
  ])('accepts %s', (_name, acctNumber) => {
    for (const version of ['2.1.0', '2.2.0', '2.3.1'] as const) {
      expect(parseAReq(validAReq({ version, channel: '02', acctNumber })).acctNumber).toBe(acctNumber);
    }
  });
});

describe('a critical message extension this ACS does not recognise is Erro 202 (Table A.4)', () => {
  const critical = {
    name: 'Acme loyalty',
    id: 'A000000004-acme',
    criticalityIndicator: true,
    data: { p: 1 },
  };
  const optional = { name: 'note', id: 'A000000003-note', criticalityIndicator: false, data: 'x' };

  it.each(['2.1.0', '2.2.0', '2.3.1'] as const)('%s names the critical ones by position', (version) => {
    const body = validAReq({ version, channel: '02', overrides: { messageExtension: [optional, critical] } });
    const error = protocolErrorOf(() => parseAReq(body));
    expect([error.errorCode, error.errorDetail, error.messageVersion]).toEqual([
      '202',
      'messageExtension[1]',
      version,
    ]);
    expect(error.ids).toEqual({ threeDSServerTransID: body.threeDSServerTransID });
    expect(error.message).not.toContain('acme');
  });

  it('ranks after a missing element (201) and before a malformed one (203)', () => {
    const missing = validAReq({
      version: '2.2.0',
      channel: '02',
      overrides: { messageExtension: [critical], merchantName: undefined },
    });
    expect(protocolErrorOf(() => parseAReq(missing)).errorCode).toBe('201');
    const malformed = validAReq({
      version: '2.2.0',
      channel: '02',
      overrides: { messageExtension: [critical], mcc: 'x' },
    });
    expect(protocolErrorOf(() => parseAReq(malformed)).errorCode).toBe('202');
  });

  it('accepts extensions that are not critical', () => {
    const body = validAReq({ version: '2.3.1', channel: '01', overrides: { messageExtension: [optional] } });
    expect(parseAReq(body).messageExtension).toEqual([optional]);
  });
});
