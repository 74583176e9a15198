import { describe, expect, it } from 'vitest';
import { checkFinalCRes } from '../../support/message-rules/check-final-cres.ts';
import {
  appAReq,
  appChallengeAres,
  browserAReq,
  browserChallengeAres,
  browserCReq,
  ids,
  visaYAres,
} from './examples.ts';

function browserCRes(version: string, changes: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    messageType: 'CRes',
    messageVersion: version,
    threeDSServerTransID: ids.threeDSServerTransID,
    acsTransID: ids.acsTransID,
    // cres_231.html defines challengeCompletionInd for APP only.
    ...(version === '2.3.1' ? {} : { challengeCompletionInd: 'Y' }),
    transStatus: 'Y',
    ...changes,
  };
}

describe('checkFinalCRes accepts correct final CRes messages', () => {
  it('refuses challengeCompletionInd in a 2.3.1 browser CRes', () => {
    const cres = browserCRes('2.3.1', { challengeCompletionInd: 'Y' });
    expect(checkFinalCRes(cres, { creq: browserCReq('2.3.1') })).toEqual([
      'challengeCompletionInd is defined for APP only, not for BRW',
    ]);
  });

  it.each(['2.1.0', '2.2.0', '2.3.1'])('a browser Y answering the CReq in %s', (version) => {
    expect(checkFinalCRes(browserCRes(version), { creq: browserCReq(version) })).toEqual([]);
  });

  it('an app N judged from the AReq and ARes, agreeing with the RReq', () => {
    const cres = browserCRes('2.2.0', {
      sdkTransID: ids.sdkTransID,
      acsCounterAtoS: '002',
      transStatus: 'N',
    });
    const context = {
      areq: appAReq('2.2.0'),
      ares: appChallengeAres('2.2.0'),
      rreq: { transStatus: 'N', transStatusReason: '19' },
    };
    expect(checkFinalCRes(cres, context)).toEqual([]);
  });
});

describe('checkFinalCRes reports each defect', () => {
  const context = { areq: browserAReq('2.2.0'), ares: browserChallengeAres('2.2.0') };

  it('a challenge that is not complete', () => {
    expect(checkFinalCRes(browserCRes('2.2.0', { challengeCompletionInd: 'N' }), context)).toEqual([
      'challengeCompletionInd must be Y in a final CRes, got "N"',
    ]);
  });

  it('a status other than Y or N', () => {
    expect(checkFinalCRes(browserCRes('2.2.0', { transStatus: 'U' }), context)).toEqual([
      'transStatus "U" is not one of Y, N',
    ]);
  });

  it('challenge UI elements left in the final CRes', () => {
    expect(checkFinalCRes(browserCRes('2.2.0', { challengeInfoText: 'Enter the code' }), context)).toEqual([
      'challengeInfoText is not an element of the 2.2.0 final CRes table',
    ]);
  });

  it('IDs and version that do not match', () => {
    const cres = browserCRes('2.2.0', { acsTransID: ids.otherUuid, messageVersion: '2.3.1' });
    expect(checkFinalCRes(cres, { creq: browserCReq('2.2.0') })).toEqual([
      `messageVersion must be 2.2.0 (the CReq's), got "2.3.1"`,
      `acsTransID must echo the CReq's "${ids.acsTransID}", got "${ids.otherUuid}"`,
    ]);
  });

  it('a result that contradicts the RReq', () => {
    expect(checkFinalCRes(browserCRes('2.2.0'), { ...context, rreq: { transStatus: 'N' } })).toEqual([
      `transStatus must be N to agree with the RReq's "N", got "Y"`,
    ]);
  });

  it('app elements in a browser CRes, and missing ones in an app CRes', () => {
    expect(checkFinalCRes(browserCRes('2.2.0', { sdkTransID: ids.sdkTransID }), context)).toEqual([
      'sdkTransID is defined for APP only, not for BRW',
    ]);
    const app = { areq: appAReq('2.2.0'), ares: appChallengeAres('2.2.0') };
    expect(checkFinalCRes(browserCRes('2.2.0', { sdkTransID: ids.sdkTransID }), app)).toEqual([
      'acsCounterAtoS is required',
    ]);
  });

  it('a CRes for a transaction that had no challenge', () => {
    expect(
      checkFinalCRes(browserCRes('2.2.0'), { areq: browserAReq('2.2.0'), ares: visaYAres('2.2.0') }),
    ).toEqual(['a CRes follows only an ARes with transStatus C, not "Y"']);
  });
});
