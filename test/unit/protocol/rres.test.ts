import { describe, expect, it } from 'vitest';
import {
  checkReply,
  isErro,
  maxDeviations,
  type ReplyExpectation,
  readErro,
} from '../../../src/protocol/rres.ts';

const sent: ReplyExpectation = {
  expected: 'RRes',
  threeDSServerTransID: 'c1110574-2c6a-4ab8-a937-ef8d5a10ec39',
  acsTransID: '5af5e779-4d44-4201-a2bf-4890eb9e0ba7',
  dsTransID: 'f25084f0-5b16-4c0a-ae5d-b24808a95e4b',
  messageVersion: '2.2.0',
};
const sdkTransID = '76ef8bdc-daf3-43ec-808c-9dd64a7301ca';
const otherId = '11111111-2222-4333-8444-555555555555';

function rres(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    messageType: 'RRes',
    messageVersion: '2.2.0',
    threeDSServerTransID: sent.threeDSServerTransID,
    acsTransID: sent.acsTransID,
    dsTransID: sent.dsTransID,
    resultsStatus: '01',
    ...extra,
  };
}

function deviationsOf(body: unknown, expectation: ReplyExpectation = sent): readonly string[] {
  return checkReply(body, expectation).deviations;
}

describe('checkReply on an RRes', () => {
  it.each(['2.1.0', '2.2.0', '2.3.1'] as const)('finds nothing wrong in a conforming %s RRes', (version) => {
    const verdict = checkReply(rres({ messageVersion: version }), { ...sent, messageVersion: version });
    expect(verdict).toEqual({ expected: 'RRes', received: 'RRes', deviations: [] });
  });

  it('compares identifiers regardless of letter case', () => {
    expect(deviationsOf(rres({ acsTransID: sent.acsTransID.toUpperCase() }))).toEqual([]);
  });

  it('wants the sdkTransID of an app transaction echoed, and none otherwise', () => {
    const app = { ...sent, sdkTransID };
    expect(deviationsOf(rres({ sdkTransID }), app)).toEqual([]);
    expect(deviationsOf(rres(), app)).toEqual([
      'sdkTransID is missing (required for an app transaction, 01-APP)',
    ]);
    expect(deviationsOf(rres({ sdkTransID: otherId }), app)).toEqual([
      `sdkTransID "${otherId}" is not the RReq's ("${sdkTransID}")`,
    ]);
    expect(deviationsOf(rres({ sdkTransID }))).toEqual([
      `sdkTransID "${sdkTransID}" is present, but the RReq carried none (not an app transaction)`,
    ]);
  });

  it('lists every fault of one RRes, in Table A.1 order, unknown elements last', () => {
    const body = rres({ foo: 1, messageVersion: '2.1.0', acsTransID: otherId });
    delete body.resultsStatus;
    expect(checkReply(body, sent)).toEqual({
      expected: 'RRes',
      received: 'RRes',
      deviations: [
        `messageVersion "2.1.0" is not the RReq's ("2.2.0")`,
        `acsTransID "${otherId}" is not the RReq's ("${sent.acsTransID}")`,
        'resultsStatus is missing',
        'unexpected element "foo"',
      ],
    });
  });

  it.each([
    ['2.1.0', ['01', '02'], ['03', '04'], '01, 02'],
    ['2.2.0', ['01', '02', '03'], ['04', '00'], '01, 02, 03'],
    ['2.3.1', ['01', '02', '03', '04'], ['05', '80'], '01, 02, 03, 04'],
  ] as const)('%s: accepts resultsStatus %j, not %j', (version, good, bad, listed) => {
    const expectation = { ...sent, messageVersion: version };
    for (const resultsStatus of good) {
      expect(deviationsOf(rres({ messageVersion: version, resultsStatus }), expectation)).toEqual([]);
    }
    for (const resultsStatus of bad) {
      expect(deviationsOf(rres({ messageVersion: version, resultsStatus }), expectation)).toEqual([
        `resultsStatus "${resultsStatus}" is not one that ${version} defines (${listed})`,
      ]);
    }
  });

  it('counts null and empty required elements as missing', () => {
    expect(deviationsOf(rres({ dsTransID: null, resultsStatus: '' }))).toEqual([
      'dsTransID is null, which counts as missing',
      'resultsStatus is an empty string, which counts as missing',
    ]);
  });

  it('names identifiers that are no UUIDs, and an unsupported or missing version', () => {
    expect(
      deviationsOf(rres({ threeDSServerTransID: 'nope', acsTransID: 7, messageVersion: '9.9.9' })),
    ).toEqual([
      'messageVersion "9.9.9" is not a supported version (2.1.0, 2.2.0, 2.3.1)',
      'threeDSServerTransID "nope" is not a UUID',
      'acsTransID 7 is not a UUID',
    ]);
    const noVersion = rres();
    delete noVersion.messageVersion;
    expect(deviationsOf(noVersion)).toEqual(['messageVersion is missing']);
  });

  it('checks message extensions: count per version, format, and criticality', () => {
    const extension = (id: string, critical = false) => ({
      name: 'Acme',
      id,
      criticalityIndicator: critical,
      data: {},
    });
    const eleven = Array.from({ length: 11 }, (_, i) => extension(`x${i}`));
    expect(deviationsOf(rres({ messageExtension: [extension('a')] }))).toEqual([]);
    expect(deviationsOf(rres({ messageExtension: eleven }))).toEqual([
      'messageExtension is not a list of 1 to 10 extensions of at most 81920 characters in all',
    ]);
    expect(
      deviationsOf(rres({ messageVersion: '2.3.1', messageExtension: eleven }), {
        ...sent,
        messageVersion: '2.3.1',
      }),
    ).toEqual([]);
    const { id: _, ...withoutId } = extension('a');
    expect(
      deviationsOf(rres({ messageExtension: [withoutId, extension('i'.repeat(65)), extension('c', true)] })),
    ).toEqual([
      'messageExtension[0].id is missing',
      'messageExtension[1].id is not in the required format',
      'messageExtension[2] is critical (criticalityIndicator true), and the ACS recognises no message extension',
    ]);
    expect(deviationsOf(rres({ messageExtension: null }))).toEqual([
      'messageExtension is null: an element without a value is left out, not sent empty',
    ]);
  });

  it('cuts the values it quotes to 64 characters and each deviation to 200', () => {
    const [deviation] = deviationsOf(rres({ acsTransID: 'x'.repeat(5000) }));
    expect(deviation).toBe(`acsTransID "${'x'.repeat(64)}…" is not a UUID`);
    const [unknown] = deviationsOf(rres({ ['y'.repeat(5000)]: 1 }));
    expect(unknown).toBe(`unexpected element "${'y'.repeat(64)}…"`);
    for (const line of deviationsOf(rres({ acsTransID: '"'.repeat(500), dsTransID: '\u0001'.repeat(500) }))) {
      expect(line.length).toBeLessThanOrEqual(200);
    }
  });

  it('lists at most 20 deviations, the last one counting the rest', () => {
    const body = rres();
    for (let i = 0; i < 100; i++) body[`extra${i}`] = i;
    const deviations = deviationsOf(body);
    expect(maxDeviations).toBe(20);
    expect(deviations).toHaveLength(20);
    expect(deviations.slice(0, 19)).toEqual(
      Array.from({ length: 19 }, (_, i) => `unexpected element "extra${i}"`),
    );
    expect(deviations[19]).toBe('…and 81 more deviations');
  });

  it('reads only the reply’s own elements, whatever their names', () => {
    const body = JSON.parse(
      JSON.stringify(rres()).replace('{', '{"__proto__":{"resultsStatus":"01"},"constructor":1,'),
    );
    delete body.resultsStatus;
    expect(deviationsOf(body)).toEqual([
      'resultsStatus is missing',
      'unexpected element "__proto__"',
      'unexpected element "constructor"',
    ]);
  });
});

describe('checkReply on a reply that is neither RRes nor Erro', () => {
  it.each([
    [
      'RRes',
      'not JSON object',
      'RRes',
      'an RRes was expected; the reply is not a JSON object (it is a string)',
    ],
    ['Erro', 'null', null, 'an Erro was expected; the reply is not a JSON object (it is null)'],
    ['RRes', 'an array', [rres()], 'an RRes was expected; the reply is not a JSON object (it is an array)'],
    ['RRes', 'no messageType', { resultsStatus: '01' }, 'an RRes was expected; the reply has no messageType'],
    ['Erro', 'a CRes', { messageType: 'CRes' }, `an Erro was expected; the reply's messageType is "CRes"`],
  ] as const)('expecting an %s, %s is "other" with one deviation', (expected, _what, body, deviation) => {
    expect(checkReply(body, { ...sent, expected })).toEqual({
      expected,
      received: 'other',
      deviations: [deviation],
    });
  });
});

describe('isErro and readErro', () => {
  const erro = {
    messageType: 'Erro',
    messageVersion: '2.2.0',
    threeDSServerTransID: sent.threeDSServerTransID,
    errorCode: '305',
    errorComponent: 'S',
    errorDescription: 'Transaction data not valid',
    errorDetail: 'x'.repeat(3000),
    errorMessageType: 'RReq',
  };

  it('recognises an Erro and nothing else', () => {
    expect(isErro(erro)).toBe(true);
    expect(isErro(rres())).toBe(false);
    expect(isErro(null)).toBe(false);
    expect(isErro('Erro')).toBe(false);
  });

  it('keeps the error fields, cut to 2048 characters', () => {
    expect(readErro(erro)).toEqual({
      errorCode: '305',
      errorComponent: 'S',
      errorDescription: 'Transaction data not valid',
      errorDetail: 'x'.repeat(2048),
      errorMessageType: 'RReq',
    });
  });

  it('ignores fields that are not text', () => {
    expect(readErro({ messageType: 'Erro', errorCode: 305, errorDetail: { a: 1 } })).toEqual({});
    expect(readErro([])).toEqual({});
  });
});
