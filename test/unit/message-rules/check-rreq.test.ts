import { describe, expect, it } from 'vitest';
import { checkRReq } from '../../support/message-rules/check-rreq.ts';
import {
  appAReq,
  appChallengeAres,
  authenticationValue,
  browserAReq,
  browserChallengeAres,
  decoupledAres220,
  ids,
  threeRiAReq,
  visaYAres,
} from './examples.ts';

function rreq(version: string, changes: Record<string, unknown> = {}): Record<string, unknown> {
  const method = version === '2.3.1' ? { authenticationMethod: ['02'] } : { authenticationType: '02' };
  return {
    messageType: 'RReq',
    messageVersion: version,
    messageCategory: '01',
    threeDSServerTransID: ids.threeDSServerTransID,
    dsTransID: ids.dsTransID,
    acsTransID: ids.acsTransID,
    interactionCounter: '01',
    transStatus: 'Y',
    eci: '05',
    authenticationValue,
    ...method,
    ...changes,
  };
}

describe('checkRReq accepts correct results', () => {
  it.each(['2.1.0', '2.2.0', '2.3.1'])('a browser Y after a challenge in %s', (version) => {
    const context = { areq: browserAReq(version), ares: browserChallengeAres(version) };
    expect(checkRReq(rreq(version), context)).toEqual([]);
  });

  it('N / 19 after too many wrong codes (2.1.0)', () => {
    const context = { areq: browserAReq('2.1.0'), ares: browserChallengeAres('2.1.0') };
    const failed = rreq('2.1.0', { transStatus: 'N', transStatusReason: '19', interactionCounter: '03' });
    delete failed.eci;
    delete failed.authenticationValue;
    expect(checkRReq(failed, context)).toEqual([]);
  });

  it('N / 14 with challengeCancel 05 when the first CReq never came', () => {
    const context = { areq: browserAReq('2.2.0'), ares: browserChallengeAres('2.2.0') };
    const timedOut = rreq('2.2.0', {
      transStatus: 'N',
      transStatusReason: '14',
      challengeCancel: '05',
      interactionCounter: '00',
    });
    delete timedOut.eci;
    delete timedOut.authenticationValue;
    expect(checkRReq(timedOut, context)).toEqual([]);
  });

  it('an app Y with sdkTransID and the rendered UI (2.3.1)', () => {
    const context = { areq: appAReq('2.3.1'), ares: appChallengeAres('2.3.1') };
    const app = rreq('2.3.1', {
      sdkTransID: ids.sdkTransID,
      acsRenderingType: { acsInterface: '01', acsUiTemplate: '01' },
    });
    expect(checkRReq(app, context)).toEqual([]);
  });

  it('a decoupled Y on 3RI has no interaction counter', () => {
    const context = {
      areq: threeRiAReq('2.2.0', { threeDSRequestorDecReqInd: 'Y' }),
      ares: decoupledAres220(),
    };
    const decoupled = rreq('2.2.0', { authenticationType: '04' });
    delete decoupled.interactionCounter;
    expect(checkRReq(decoupled, context)).toEqual([]);
  });
});

describe('checkRReq reports each defect', () => {
  const context = { areq: browserAReq('2.2.0'), ares: browserChallengeAres('2.2.0') };

  it('IDs that do not match the ARes', () => {
    expect(checkRReq(rreq('2.2.0', { acsTransID: ids.otherUuid }), context)).toEqual([
      `acsTransID must echo the ARes's "${ids.acsTransID}", got "${ids.otherUuid}"`,
    ]);
  });

  it('an interaction counter that is not two digits', () => {
    expect(checkRReq(rreq('2.2.0', { interactionCounter: '3' }), context)).toEqual([
      'interactionCounter "3" does not have the required format',
    ]);
    const { interactionCounter: _counter, ...missing } = rreq('2.2.0');
    expect(checkRReq(missing, context)).toEqual([
      'interactionCounter is required unless the challenge was decoupled (acsDecConInd Y)',
    ]);
  });

  it('challengeCancel values and their consistency', () => {
    const cancelled = rreq('2.2.0', { transStatus: 'N', transStatusReason: '01', challengeCancel: '02' });
    delete cancelled.eci;
    delete cancelled.authenticationValue;
    expect(checkRReq(cancelled, context)).toEqual([
      'challengeCancel "02" is not one of 01, 03, 04, 05, 06, 07, 08, 80, 81, 82, 83, 84, 85, 86, 87, 88, 89, 90, 91, 92, 93, 94, 95, 96, 97, 98, 99',
    ]);
    expect(checkRReq(rreq('2.2.0', { challengeCancel: '01' }), context)).toEqual([
      'challengeCancel must be absent when transStatus is Y: a cancelled challenge authenticates nobody',
    ]);
    expect(
      checkRReq(rreq('2.1.0', { challengeCancel: '09' }), {
        areq: browserAReq('2.1.0'),
        ares: browserChallengeAres('2.1.0'),
      }),
    ).toEqual([
      'challengeCancel "09" is not one of 01, 04, 05, 06, 07, 08, 80, 81, 82, 83, 84, 85, 86, 87, 88, 89, 90, 91, 92, 93, 94, 95, 96, 97, 98, 99',
      'challengeCancel must be absent when transStatus is Y: a cancelled challenge authenticates nobody',
    ]);
  });

  it('eci and authenticationValue on N', () => {
    expect(checkRReq(rreq('2.2.0', { transStatus: 'N', transStatusReason: '01' }), context)).toEqual([
      'eci must be absent when transStatus is N',
      'authenticationValue must be absent when transStatus is N',
    ]);
  });

  it('a wrong ECI for a Visa attempt', () => {
    expect(checkRReq(rreq('2.2.0', { transStatus: 'A', eci: '05' }), context)).toEqual([
      'eci must be 06 for a Visa A result, got "05"',
    ]);
  });

  it('a status that is not a result, and a missing method', () => {
    expect(checkRReq(rreq('2.2.0', { transStatus: 'C' }), context)).toEqual([
      'transStatus "C" is not one of Y, N, U, A, R',
    ]);
    const { authenticationType: _type, ...noMethod } = rreq('2.2.0');
    expect(checkRReq(noMethod, context)).toEqual(['authenticationType is required when transStatus is Y']);
  });

  it('an RReq after a frictionless ARes', () => {
    expect(checkRReq(rreq('2.2.0'), { areq: browserAReq('2.2.0'), ares: visaYAres('2.2.0') })).toEqual([
      'an RReq follows only an ARes with transStatus C or D, not "Y"',
    ]);
  });

  it('sdkTransID: required for APP from 2.2.0, unknown in 2.1.0', () => {
    const app220 = { areq: appAReq('2.2.0'), ares: appChallengeAres('2.2.0') };
    const rendered = { acsRenderingType: { acsInterface: '01', acsUiTemplate: '01' } };
    expect(checkRReq(rreq('2.2.0', rendered), app220)).toEqual([
      `sdkTransID is required (it must echo the ARes's)`,
    ]);
    const app210 = { areq: appAReq('2.1.0'), ares: appChallengeAres('2.1.0') };
    expect(checkRReq(rreq('2.1.0', { ...rendered, sdkTransID: ids.sdkTransID }), app210)).toEqual([
      'sdkTransID is not an element of the 2.1.0 RReq table',
    ]);
  });
});
