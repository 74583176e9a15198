import { describe, expect, it } from 'vitest';
import { checkReply, type ReplyExpectation } from '../../../src/protocol/rres.ts';

/** The RReq was faulty on purpose: a well-behaved 3DS Server answers Erro 301 (Table A.4). */
const faulty: ReplyExpectation = {
  expected: 'Erro',
  erroCodes: ['301'],
  threeDSServerTransID: 'c1110574-2c6a-4ab8-a937-ef8d5a10ec39',
  acsTransID: '5af5e779-4d44-4201-a2bf-4890eb9e0ba7',
  dsTransID: 'f25084f0-5b16-4c0a-ae5d-b24808a95e4b',
  messageVersion: '2.2.0',
};
const otherId = '11111111-2222-4333-8444-555555555555';

function erro(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    messageType: 'Erro',
    messageVersion: '2.2.0',
    threeDSServerTransID: otherId,
    acsTransID: faulty.acsTransID,
    dsTransID: faulty.dsTransID,
    errorCode: '301',
    errorComponent: 'S',
    errorDescription: 'Transaction ID not recognised',
    errorDetail: 'threeDSServerTransID',
    errorMessageType: 'RReq',
    ...extra,
  };
}

function rres(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    messageType: 'RRes',
    messageVersion: '2.2.0',
    threeDSServerTransID: faulty.threeDSServerTransID,
    acsTransID: faulty.acsTransID,
    dsTransID: faulty.dsTransID,
    resultsStatus: '01',
    ...extra,
  };
}

describe('checkReply when an Erro is expected', () => {
  it('finds nothing wrong in an Erro with an expected code, whatever threeDSServerTransID it echoes', () => {
    expect(checkReply(erro(), faulty)).toEqual({ expected: 'Erro', received: 'Erro', deviations: [] });
    const missingElement = { ...faulty, erroCodes: ['201'] };
    expect(
      checkReply(erro({ errorCode: '201', errorDetail: 'transStatus' }), missingElement).deviations,
    ).toEqual([]);
  });

  it('accepts any three-digit code when none is named, and one of several when several are', () => {
    const { erroCodes: _, ...anyCode } = faulty;
    expect(checkReply(erro({ errorCode: '404' }), anyCode).deviations).toEqual([]);
    expect(
      checkReply(erro({ errorCode: '305' }), { ...faulty, erroCodes: ['301', '305'] }).deviations,
    ).toEqual([]);
  });

  it('names a wrong code and a component other than the 3DS Server', () => {
    expect(checkReply(erro({ errorCode: '203', errorComponent: 'D' }), faulty).deviations).toEqual([
      'errorCode "203" is not the one this RReq calls for (301)',
      'errorComponent "D" is not "S" (the 3DS Server answers the RReq)',
    ]);
    expect(
      checkReply(erro({ errorCode: '30' }), { ...faulty, erroCodes: ['301', '305'] }).deviations,
    ).toEqual(['errorCode "30" is not three digits']);
  });

  it('lists every fault of one Erro, in Table A.1 order, unknown elements last', () => {
    const body = erro({
      messageVersion: '2.1.0',
      errorDetail: 'd'.repeat(2049),
      errorMessageType: 'AReq',
      threeDSServerTransID: 'nope',
      acsTransID: otherId,
      dsTransID: null,
      sdkTransID: otherId,
      resultsStatus: '01',
    });
    delete body.errorDescription;
    delete body.errorComponent;
    expect(checkReply(body, faulty)).toEqual({
      expected: 'Erro',
      received: 'Erro',
      deviations: [
        `messageVersion "2.1.0" is not the RReq's ("2.2.0")`,
        'errorComponent is missing',
        'errorDescription is missing',
        'errorDetail is not text of at most 2048 characters',
        'errorMessageType "AReq" is not "RReq"',
        'threeDSServerTransID "nope" is not a UUID',
        `acsTransID "${otherId}" is not the RReq's ("${faulty.acsTransID}")`,
        'dsTransID is null: an element without a value is left out, not sent empty',
        `sdkTransID "${otherId}" is present, but the RReq carried none (not an app transaction)`,
        'unexpected element "resultsStatus"',
      ],
    });
  });

  it('accepts an Erro that leaves out the optional identifiers', () => {
    const body = erro();
    delete body.threeDSServerTransID;
    delete body.acsTransID;
    delete body.dsTransID;
    expect(checkReply(body, faulty).deviations).toEqual([]);
  });

  it('says first that an RRes arrived, then checks the RRes all the same', () => {
    expect(checkReply(rres(), faulty)).toEqual({
      expected: 'Erro',
      received: 'RRes',
      deviations: ['an Erro was expected (the RReq was faulty on purpose), an RRes arrived'],
    });
    expect(checkReply(rres({ acsTransID: otherId, resultsStatus: '04' }), faulty).deviations).toEqual([
      'an Erro was expected (the RReq was faulty on purpose), an RRes arrived',
      `acsTransID "${otherId}" is not the RReq's ("${faulty.acsTransID}")`,
      'resultsStatus "04" is not one that 2.2.0 defines (01, 02, 03)',
    ]);
  });
});

describe('checkReply when an RRes is expected and an Erro arrives', () => {
  const normal: ReplyExpectation = { ...faulty, expected: 'RRes' };

  it('says so in one line naming the Erro’s code and detail, and checks no further', () => {
    expect(checkReply(erro({ errorCode: '305', errorDetail: 'transStatus', junk: 1 }), normal)).toEqual({
      expected: 'RRes',
      received: 'Erro',
      deviations: ['an RRes was expected, an Erro arrived (errorCode "305", errorDetail "transStatus")'],
    });
  });

  it('still says so when the Erro lacks them', () => {
    expect(checkReply({ messageType: 'Erro', errorCode: 305 }, normal).deviations).toEqual([
      'an RRes was expected, an Erro arrived (errorCode 305, no errorDetail)',
    ]);
  });
});
