/**
 * Bad input at POST /3ds/areq: every failure is an Erro (HTTP 200) with the spec's errorCode
 * and an errorDetail naming the elements; nothing is a 500; nothing stored is lost.
 */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validAReq } from '../support/areq-fixtures.ts';
import { checkErro } from '../support/message-rules/check-erro.ts';
import { createTestAcs, type TestAcs } from '../support/test-acs.ts';

let acs: TestAcs;
beforeAll(async () => {
  acs = await createTestAcs({ ACS_MAX_BODY_BYTES: '65536' });
});
afterAll(() => acs.close());

const frictionlessVisa = '4000000000000101';

function postRaw(body: string, contentType = 'application/json') {
  return request(acs.app).post('/3ds/areq').set('content-type', contentType).send(body);
}

async function erroFor(body: string, contentType?: string) {
  const res = await postRaw(body, contentType);
  expect(res.status).toBe(200);
  expect(res.body.messageType).toBe('Erro');
  return res.body as Record<string, unknown>;
}

const browserPaymentRequired = [
  'messageType',
  'messageVersion',
  'threeDSServerTransID',
  'deviceChannel',
  'messageCategory',
  'acctNumber',
  'acquirerBIN',
  'acquirerMerchantID',
  'mcc',
  'merchantCountryCode',
  'merchantName',
  'purchaseAmount',
  'purchaseCurrency',
  'purchaseExponent',
  'purchaseDate',
  'notificationURL',
  'threeDSCompInd',
  'threeDSRequestorID',
  'threeDSRequestorName',
  'threeDSRequestorURL',
  'threeDSServerRefNumber',
  'threeDSServerURL',
  'browserAcceptHeader',
  'browserLanguage',
  'browserUserAgent',
] as const;

const appRequired = [
  'sdkAppID',
  'sdkEphemPubKey',
  'sdkMaxTimeout',
  'sdkReferenceNumber',
  'sdkTransID',
  'deviceRenderOptions',
];

describe('Erro for a broken AReq', () => {
  it('refuses a body that is not JSON (101)', async () => {
    const erro = await erroFor('{"messageType": "AReq",');
    expect(checkErro(erro, { errorCode: '101' })).toEqual([]);
  });

  it('refuses a wrong content type (101) naming Content-Type', async () => {
    const erro = await erroFor(JSON.stringify(validAReq({ version: '2.2.0', channel: '02' })), 'text/plain');
    expect(checkErro(erro, { errorCode: '101', detailIncludes: ['Content-Type'] })).toEqual([]);
  });

  it('refuses an oversized body (101)', async () => {
    const areq = validAReq({
      version: '2.2.0',
      channel: '02',
      overrides: { merchantName: 'x'.repeat(70_000) },
    });
    const erro = await erroFor(JSON.stringify(areq));
    expect(checkErro(erro, { errorCode: '101' })).toEqual([]);
    expect(String(erro.errorDetail)).toContain('65536');
  });

  it.each(['2.0.0', '1.0.2', '2.2', '3.0.0'])('answers version %s with 102', async (version) => {
    const areq = validAReq({ version: '2.2.0', channel: '02', overrides: { messageVersion: version } });
    const erro = await erroFor(JSON.stringify(areq));
    expect(checkErro(erro, { errorCode: '102' })).toEqual([]);
    expect(erro.threeDSServerTransID).toBe(areq.threeDSServerTransID);
  });

  describe.each(['2.1.0', '2.2.0', '2.3.1'] as const)('%s', (version) => {
    it.each(browserPaymentRequired)('BRW without %s gets 201 naming it', async (element) => {
      const areq = validAReq({ version, channel: '02', overrides: { [element]: undefined } });
      const erro = await erroFor(JSON.stringify(areq));
      expect(checkErro(erro, { errorCode: '201', detailIncludes: [element] })).toEqual([]);
    });

    it.each(appRequired)('APP without %s gets 201 naming it', async (element) => {
      const areq = validAReq({ version, channel: '01', overrides: { [element]: undefined } });
      const erro = await erroFor(JSON.stringify(areq));
      expect(checkErro(erro, { errorCode: '201', detailIncludes: [element] })).toEqual([]);
    });
  });

  it.each([
    ['threeDSServerTransID', 'not-a-uuid'],
    ['threeDSServerTransID', '8a880dc0-d2d2-4067-bcb1-b08d1690b26'],
    // 13-19 digits only (no Luhn: certification PANs fail it); separators make it no PAN format.
    ['acctNumber', '4000-0000-0000-0102'],
    ['acctNumber', '400000000'],
    ['acctNumber', '40000000000001011234'],
    ['acctNumber', 4000000000000101],
    ['purchaseDate', '20261332120000'],
    ['purchaseCurrency', '97'],
    ['deviceChannel', '04'],
    ['messageCategory', '03'],
    ['notificationURL', 'javascript:alert(1)'],
  ])('a bad %s gets 203 naming it', async (element, value) => {
    const areq = validAReq({ version: '2.2.0', channel: '02', overrides: { [element]: value } });
    const erro = await erroFor(JSON.stringify(areq));
    expect(checkErro(erro, { errorCode: '203', detailIncludes: [element] })).toEqual([]);
  });

  it('refuses a duplicated element (204) naming it', async () => {
    const text = JSON.stringify(validAReq({ version: '2.2.0', channel: '02' }));
    const erro = await erroFor(`${text.slice(0, -1)},"acctNumber":"${frictionlessVisa}"}`);
    expect(checkErro(erro, { errorCode: '204', detailIncludes: ['acctNumber'] })).toEqual([]);
  });

  it('answers a wrong messageType with 101', async () => {
    const erro = await erroFor(
      JSON.stringify(validAReq({ version: '2.2.0', channel: '02', overrides: { messageType: 'CReq' } })),
    );
    expect(checkErro(erro, { errorCode: '101' })).toEqual([]);
  });

  it('never puts a PAN in an Erro', async () => {
    const erro = await erroFor(
      JSON.stringify(
        validAReq({
          version: '2.2.0',
          channel: '02',
          overrides: { acctNumber: '4000000000000101', mcc: 'x' },
        }),
      ),
    );
    expect(erro).toMatchObject({ messageType: 'Erro', errorCode: '203' });
    expect(JSON.stringify(erro)).not.toContain('4000000000000101');
  });
});

describe('hostile input never yields a 500', () => {
  const hostile: readonly (readonly [string, string])[] = [
    ['empty body', ''],
    ['null', 'null'],
    ['an array', '[{"messageType":"AReq"}]'],
    ['a number', '42'],
    ['a string', '"AReq"'],
    ['deep nesting', `${'['.repeat(20_000)}${']'.repeat(20_000)}`],
    ['deep objects', `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`],
    [
      'prototype keys',
      '{"__proto__":{"polluted":true},"constructor":{"prototype":{"x":1}},"messageType":"AReq"}',
    ],
    ['lone surrogates', '{"messageType":"AReq","merchantName":"\\ud800"}'],
    ['NUL bytes', '{"messageType":"AReq\\u0000"}'],
    ['a BOM', '\ufeff{"messageType":"AReq"}'],
  ];
  it.each(hostile)('%s gets an Erro', async (_name, body) => {
    const res = await postRaw(body);
    expect(res.status).toBe(200);
    expect(res.body.messageType).toBe('Erro');
    expect(res.text).not.toMatch(/at .*\.ts:\d+/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('answers a body in another charset with an Erro', async () => {
    const res = await request(acs.app)
      .post('/3ds/areq')
      .set('content-type', 'application/json; charset=koi8-r')
      .send('{}');
    expect(res.status).toBe(200);
    expect(res.body.messageType).toBe('Erro');
  });

  it('keeps what was stored before the bad input', async () => {
    const areq = validAReq({ version: '2.2.0', channel: '02', acctNumber: frictionlessVisa });
    const ares = (await postRaw(JSON.stringify(areq))).body as { acsTransID: string };
    for (const [, body] of hostile) await postRaw(body);
    const result = await request(acs.app).get(`/3ds/transactions/${ares.acsTransID}/result`);
    expect(result.status).toBe(200);
  });

  it('answers unknown routes and methods with JSON 404, not a stack', async () => {
    const res = await request(acs.app).get('/3ds/areq');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: 'not_found', message: 'no such resource' });
  });
});
