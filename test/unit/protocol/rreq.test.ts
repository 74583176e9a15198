import { describe, expect, it } from 'vitest';
import { buildRReq, type RReqInput } from '../../../src/protocol/rreq.ts';

const ids = {
  threeDSServerTransID: 'c1110574-2c6a-4ab8-a937-ef8d5a10ec39',
  acsTransID: '5af5e779-4d44-4201-a2bf-4890eb9e0ba7',
  dsTransID: 'f25084f0-5b16-4c0a-ae5d-b24808a95e4b',
};
const sdkTransID = '76ef8bdc-daf3-43ec-808c-9dd64a7301ca';
const authenticationValue = 'AJkBBkhgQQAAAE4gSEJydQAAAAA=';

function browserSuccess(messageVersion: RReqInput['messageVersion']): RReqInput {
  return {
    messageVersion,
    ...ids,
    messageCategory: '01',
    deviceChannel: '02',
    transStatus: 'Y',
    eci: '05',
    authenticationValue,
    authenticationMethod: 'sms',
    interactionCounter: 1,
  };
}

describe('buildRReq, browser', () => {
  it('2.1.0 success: authenticationType 02, ECI, AV, counter', () => {
    expect(buildRReq(browserSuccess('2.1.0'))).toEqual({
      messageType: 'RReq',
      messageVersion: '2.1.0',
      ...ids,
      messageCategory: '01',
      transStatus: 'Y',
      authenticationType: '02',
      eci: '05',
      authenticationValue,
      interactionCounter: '01',
    });
  });

  it('2.3.1 success: authenticationMethod array instead of authenticationType', () => {
    expect(buildRReq(browserSuccess('2.3.1'))).toEqual({
      messageType: 'RReq',
      messageVersion: '2.3.1',
      ...ids,
      messageCategory: '01',
      transStatus: 'Y',
      authenticationMethod: ['02'],
      eci: '05',
      authenticationValue,
      interactionCounter: '01',
    });
  });

  it('too many wrong codes: N/19 with the method, no ECI or AV even if given', () => {
    expect(
      buildRReq({
        ...browserSuccess('2.2.0'),
        transStatus: 'N',
        transStatusReason: '19',
        interactionCounter: 3,
      }),
    ).toEqual({
      messageType: 'RReq',
      messageVersion: '2.2.0',
      ...ids,
      messageCategory: '01',
      transStatus: 'N',
      transStatusReason: '19',
      authenticationType: '02',
      interactionCounter: '03',
    });
  });

  it('cancel button: N/01 with challengeCancel 01', () => {
    expect(
      buildRReq({
        ...browserSuccess('2.2.0'),
        transStatus: 'N',
        transStatusReason: '01',
        challengeCancel: '01',
        eci: undefined,
        authenticationValue: undefined,
        interactionCounter: 0,
      }),
    ).toEqual({
      messageType: 'RReq',
      messageVersion: '2.2.0',
      ...ids,
      messageCategory: '01',
      transStatus: 'N',
      transStatusReason: '01',
      authenticationType: '02',
      interactionCounter: '00',
      challengeCancel: '01',
    });
  });

  it('first CReq never arrived: N/14 with challengeCancel 05', () => {
    const rreq = buildRReq({
      ...browserSuccess('2.3.1'),
      transStatus: 'N',
      transStatusReason: '14',
      challengeCancel: '05',
      interactionCounter: 0,
    });
    expect(rreq).toEqual({
      messageType: 'RReq',
      messageVersion: '2.3.1',
      ...ids,
      messageCategory: '01',
      transStatus: 'N',
      transStatusReason: '14',
      authenticationMethod: ['02'],
      interactionCounter: '00',
      challengeCancel: '05',
    });
  });

  it('R and U carry a reason but no authentication method', () => {
    expect(buildRReq({ ...browserSuccess('2.2.0'), transStatus: 'R', transStatusReason: '11' })).toEqual({
      messageType: 'RReq',
      messageVersion: '2.2.0',
      ...ids,
      messageCategory: '01',
      transStatus: 'R',
      transStatusReason: '11',
      interactionCounter: '01',
    });
    expect(
      buildRReq({ ...browserSuccess('2.2.0'), transStatus: 'U', transStatusReason: '22' }).transStatusReason,
    ).toBe('22');
  });

  it('attempts: ECI and AV, no reason and no method', () => {
    expect(
      buildRReq({ ...browserSuccess('2.2.0'), transStatus: 'A', eci: '06', transStatusReason: '01' }),
    ).toEqual({
      messageType: 'RReq',
      messageVersion: '2.2.0',
      ...ids,
      messageCategory: '01',
      transStatus: 'A',
      eci: '06',
      authenticationValue,
      interactionCounter: '01',
    });
  });

  it('NPA: an unauthenticated result may go without a reason', () => {
    expect(
      buildRReq({
        ...browserSuccess('2.2.0'),
        messageCategory: '02',
        transStatus: 'N',
        eci: undefined,
        authenticationValue: undefined,
      }),
    ).toEqual({
      messageType: 'RReq',
      messageVersion: '2.2.0',
      ...ids,
      messageCategory: '02',
      transStatus: 'N',
      authenticationType: '02',
      interactionCounter: '01',
    });
  });

  it.each([
    ['password', '01', ['01']],
    ['sms', '02', ['02']],
    ['totp', '02', ['04']],
    ['oob', '03', ['11']],
  ] as const)('maps %s to authenticationType %s and authenticationMethod %j', (method, type, methods) => {
    const input = { ...browserSuccess('2.2.0'), authenticationMethod: method };
    expect(buildRReq(input).authenticationType).toBe(type);
    expect(buildRReq({ ...input, messageVersion: '2.3.1' }).authenticationMethod).toEqual(methods);
  });
});

describe('buildRReq, app and decoupled', () => {
  const appInput: RReqInput = {
    ...browserSuccess('2.2.0'),
    deviceChannel: '01',
    sdkTransID,
    acsRenderingType: { acsInterface: '01', acsUiTemplate: '01', deviceUserInterfaceMode: '02' },
  };

  it('2.2.0 app: sdkTransID and acsRenderingType without the 2.3.1 mode', () => {
    expect(buildRReq(appInput)).toEqual({
      messageType: 'RReq',
      messageVersion: '2.2.0',
      ...ids,
      sdkTransID,
      messageCategory: '01',
      transStatus: 'Y',
      authenticationType: '02',
      eci: '05',
      authenticationValue,
      interactionCounter: '01',
      acsRenderingType: { acsInterface: '01', acsUiTemplate: '01' },
    });
  });

  it('2.3.1 app: deviceUserInterfaceMode kept, defaulting to portrait', () => {
    expect(buildRReq({ ...appInput, messageVersion: '2.3.1' }).acsRenderingType).toEqual({
      acsInterface: '01',
      acsUiTemplate: '01',
      deviceUserInterfaceMode: '02',
    });
    expect(
      buildRReq({
        ...appInput,
        messageVersion: '2.3.1',
        acsRenderingType: { acsInterface: '02', acsUiTemplate: '05' },
      }).acsRenderingType,
    ).toEqual({ acsInterface: '02', acsUiTemplate: '05', deviceUserInterfaceMode: '01' });
  });

  it('browser never carries sdkTransID or acsRenderingType', () => {
    const rreq = buildRReq({ ...appInput, deviceChannel: '02' });
    expect(rreq).not.toHaveProperty('sdkTransID');
    expect(rreq).not.toHaveProperty('acsRenderingType');
  });

  it('decoupled (2.2.0, 3RI): no interaction counter, authenticationType 04', () => {
    expect(
      buildRReq({
        ...browserSuccess('2.2.0'),
        deviceChannel: '03',
        authenticationMethod: 'decoupled',
        decoupled: true,
      }),
    ).toEqual({
      messageType: 'RReq',
      messageVersion: '2.2.0',
      ...ids,
      messageCategory: '01',
      transStatus: 'Y',
      authenticationType: '04',
      eci: '05',
      authenticationValue,
    });
  });

  it('decoupled app in 2.3.1: no counter, no rendering type, method 12', () => {
    expect(
      buildRReq({
        ...appInput,
        messageVersion: '2.3.1',
        authenticationMethod: 'decoupled',
        decoupled: true,
        acsRenderingType: undefined,
      }),
    ).toEqual({
      messageType: 'RReq',
      messageVersion: '2.3.1',
      ...ids,
      sdkTransID,
      messageCategory: '01',
      transStatus: 'Y',
      authenticationMethod: ['12'],
      eci: '05',
      authenticationValue,
    });
  });
});

describe('buildRReq refuses input the tables do not allow', () => {
  it.each([
    ['N without a reason (PA)', { transStatus: 'N' }, 'transStatusReason is required'],
    ['Y without an AV (PA)', { authenticationValue: undefined }, 'authenticationValue is required'],
    ['Y without a method', { authenticationMethod: undefined }, 'authenticationMethod is required'],
    ['a counter over 99', { interactionCounter: 100 }, 'interactionCounter must be an integer 0-99'],
    ['a fractional counter', { interactionCounter: 1.5 }, 'interactionCounter must be an integer 0-99'],
    ['app without sdkTransID', { deviceChannel: '01' }, 'sdkTransID is required for 01-APP'],
    [
      'app without rendering type',
      { deviceChannel: '01', sdkTransID },
      'acsRenderingType is required for 01-APP',
    ],
    [
      'reason 22 in 2.1.0',
      { messageVersion: '2.1.0', transStatus: 'U', transStatusReason: '22' },
      'not defined in 2.1.0',
    ],
    ['decoupled in 2.1.0', { messageVersion: '2.1.0', decoupled: true }, '2.1.0 has no decoupled'],
    [
      'template 07 before 2.3.1',
      { deviceChannel: '01', sdkTransID, acsRenderingType: { acsInterface: '01', acsUiTemplate: '07' } },
      'acsUiTemplate 07 needs 2.3.1',
    ],
  ])('%s', (_name, change, message) => {
    expect(() => buildRReq({ ...browserSuccess('2.2.0'), ...change } as RReqInput)).toThrow(message);
  });
});

describe('buildRReq, an Erro in reply to the CReq (2.3.1 Table A.1: challengeCancel 10, challengeErrorReporting)', () => {
  const erro = {
    messageType: 'Erro',
    messageVersion: '2.3.1',
    errorComponent: 'A',
    errorCode: '301',
    errorDescription: 'Transaction ID not recognised',
    errorDetail: 'threeDSServerTransID',
    errorMessageType: 'CReq',
    ...ids,
  } as const;
  const invalidCReq = (messageVersion: RReqInput['messageVersion']): RReqInput => ({
    messageVersion,
    ...ids,
    messageCategory: '01',
    deviceChannel: '02',
    transStatus: 'U',
    transStatusReason: '07',
    interactionCounter: 0,
    challengeCancel: '10',
    challengeErrorReporting: erro,
  });

  it('2.3.1: carries challengeCancel 10 and the Erro', () => {
    expect(buildRReq(invalidCReq('2.3.1'))).toEqual({
      messageType: 'RReq',
      messageVersion: '2.3.1',
      ...ids,
      messageCategory: '01',
      transStatus: 'U',
      transStatusReason: '07',
      interactionCounter: '00',
      challengeCancel: '10',
      challengeErrorReporting: erro,
    });
  });

  it.each([
    ['2.2.0 has no challengeCancel 10', invalidCReq('2.2.0'), 'challengeCancel 10 is not defined in 2.2.0'],
    [
      'challengeCancel 10 needs the report',
      { ...invalidCReq('2.3.1'), challengeErrorReporting: undefined },
      'challengeErrorReporting is required',
    ],
    [
      'the report needs challengeCancel 09 or 10',
      { ...invalidCReq('2.3.1'), challengeCancel: '06' },
      'challengeErrorReporting is sent only with challengeCancel 09 or 10',
    ],
    [
      'challengeCancel 09 (an SDK Erro) is for the app channel only',
      { ...invalidCReq('2.3.1'), challengeCancel: '09' },
      'challengeCancel 09 needs the app channel',
    ],
    [
      '2.2.0 has no challengeCancel 09',
      { ...invalidCReq('2.2.0'), challengeCancel: '09' },
      'challengeCancel 09 is not defined in 2.2.0',
    ],
  ] as const)('refuses: %s', (_name, input, message) => {
    expect(() => buildRReq(input as RReqInput)).toThrow(message);
  });
});
