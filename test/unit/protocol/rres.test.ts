import { describe, expect, it } from 'vitest';
import { isErro, parseRRes, type RResExpectation, readErro } from '../../../src/protocol/rres.ts';
import { errorSummary, protocolErrorOf } from './protocol-error-of.ts';

const expected: RResExpectation = {
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
    threeDSServerTransID: expected.threeDSServerTransID,
    acsTransID: expected.acsTransID,
    dsTransID: expected.dsTransID,
    resultsStatus: '01',
    ...extra,
  };
}

describe('parseRRes', () => {
  it('accepts the acknowledgement of the RReq', () => {
    expect(parseRRes(rres(), expected)).toEqual(rres());
  });

  it('compares identifiers regardless of letter case', () => {
    const upper = rres({ acsTransID: expected.acsTransID.toUpperCase() });
    expect(parseRRes(upper, expected)).toEqual(upper);
  });

  it('requires and checks sdkTransID for an app transaction', () => {
    const appExpected = { ...expected, sdkTransID };
    expect(parseRRes(rres({ sdkTransID }), appExpected)).toEqual(rres({ sdkTransID }));
    expect(errorSummary(() => parseRRes(rres(), appExpected))).toMatchObject({
      errorCode: '201',
      errorDetail: 'sdkTransID',
    });
    expect(errorSummary(() => parseRRes(rres({ sdkTransID: otherId }), appExpected))).toMatchObject({
      errorCode: '301',
      errorDetail: 'sdkTransID',
    });
  });

  it.each([
    ['2.1.0', ['01', '02'], ['03']],
    ['2.2.0', ['01', '02', '03'], ['04']],
    ['2.3.1', ['01', '02', '03', '04'], ['05', '80']],
  ] as const)('%s resultsStatus: accepts %j, refuses %j', (version, good, bad) => {
    const forVersion = { ...expected, messageVersion: version };
    for (const resultsStatus of good) {
      expect(parseRRes(rres({ messageVersion: version, resultsStatus }), forVersion).resultsStatus).toBe(
        resultsStatus,
      );
    }
    for (const resultsStatus of bad) {
      expect(
        errorSummary(() => parseRRes(rres({ messageVersion: version, resultsStatus }), forVersion)),
      ).toEqual({
        errorCode: '203',
        errorDetail: 'resultsStatus',
        messageType: 'RRes',
        ids: {
          threeDSServerTransID: expected.threeDSServerTransID,
          acsTransID: expected.acsTransID,
          dsTransID: expected.dsTransID,
        },
        messageVersion: version,
      });
    }
  });

  it.each(['threeDSServerTransID', 'acsTransID', 'dsTransID', 'resultsStatus'])(
    'reports a missing %s as 201',
    (name) => {
      const input = rres();
      delete input[name];
      expect(errorSummary(() => parseRRes(input, expected))).toMatchObject({
        errorCode: '201',
        errorDetail: name,
        messageType: 'RRes',
        messageVersion: '2.2.0',
      });
    },
  );

  it('reports malformed identifiers as 203', () => {
    expect(errorSummary(() => parseRRes(rres({ dsTransID: 'nope', acsTransID: 7 }), expected))).toMatchObject(
      {
        errorCode: '203',
        errorDetail: 'acsTransID,dsTransID',
      },
    );
  });

  it('reports identifiers of another transaction as 301, echoing what it read', () => {
    expect(
      errorSummary(() => parseRRes(rres({ acsTransID: otherId, dsTransID: otherId }), expected)),
    ).toEqual({
      errorCode: '301',
      errorDetail: 'acsTransID,dsTransID',
      messageType: 'RRes',
      ids: { threeDSServerTransID: expected.threeDSServerTransID, acsTransID: otherId, dsTransID: otherId },
      messageVersion: '2.2.0',
    });
  });

  it('answers another supported version than the RReq’s with 203', () => {
    expect(errorSummary(() => parseRRes(rres({ messageVersion: '2.1.0' }), expected))).toMatchObject({
      errorCode: '203',
      errorDetail: 'messageVersion',
      messageVersion: '2.2.0',
    });
  });

  it('answers an unsupported version with 102', () => {
    expect(errorSummary(() => parseRRes(rres({ messageVersion: '9.9.9' }), expected))).toMatchObject({
      errorCode: '102',
      errorDetail: 'messageVersion',
      messageVersion: undefined,
    });
  });

  it('answers an Erro or another message with 101, and a non-object too', () => {
    expect(errorSummary(() => parseRRes({ messageType: 'Erro', errorCode: '403' }, expected))).toMatchObject({
      errorCode: '101',
      errorDetail: 'messageType',
    });
    expect(protocolErrorOf(() => parseRRes('RRes', expected)).errorCode).toBe('101');
    const noType = rres();
    delete noType.messageType;
    expect(protocolErrorOf(() => parseRRes(noType, expected)).errorCode).toBe('201');
  });
});

describe('isErro and readErro', () => {
  const erro = {
    messageType: 'Erro',
    messageVersion: '2.2.0',
    threeDSServerTransID: expected.threeDSServerTransID,
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

describe('parseRRes and an unrecognised critical message extension', () => {
  it('answers 202 naming it', () => {
    const messageExtension = [{ name: 'Acme', id: 'a', criticalityIndicator: true, data: {} }];
    const error = protocolErrorOf(() => parseRRes(rres({ messageExtension }), expected));
    expect([error.errorCode, error.errorDetail, error.errorMessageType]).toEqual([
      '202',
      'messageExtension[0]',
      'RRes',
    ]);
  });
});
