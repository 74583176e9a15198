import { describe, expect, it } from 'vitest';
import { checkARes } from '../../support/message-rules/check-ares.ts';
import {
  appAReq,
  appChallengeAres,
  aresBase,
  authenticationValue,
  browserAReq,
  browserChallengeAres,
  decoupledAres220,
  ids,
  threeRiAReq,
  visaYAres,
} from './examples.ts';

describe('checkARes accepts correct answers', () => {
  it.each(['2.1.0', '2.2.0', '2.3.1'])('a Visa frictionless Y in %s', (version) => {
    expect(checkARes(browserAReq(version), visaYAres(version))).toEqual([]);
  });

  it.each(['2.1.0', '2.2.0', '2.3.1'])('a browser challenge in %s', (version) => {
    expect(checkARes(browserAReq(version), browserChallengeAres(version))).toEqual([]);
  });

  it.each(['2.1.0', '2.2.0', '2.3.1'])('an app challenge in %s', (version) => {
    expect(checkARes(appAReq(version), appChallengeAres(version))).toEqual([]);
  });

  it('a Mastercard Y with ECI 02 and an American Express A with ECI 06', () => {
    const mastercard = browserAReq('2.3.1', { acctNumber: '5200000000000106' });
    expect(checkARes(mastercard, { ...visaYAres('2.3.1'), eci: '02' })).toEqual([]);
    const amex = browserAReq('2.2.0', { acctNumber: '340000000000108' });
    expect(checkARes(amex, { ...visaYAres('2.2.0'), transStatus: 'A', eci: '06' })).toEqual([]);
  });

  it('N with its reason, and an unknown card N/08', () => {
    const ares = { ...aresBase('2.2.0'), transStatus: 'N', transStatusReason: '01' };
    expect(checkARes(browserAReq('2.2.0'), ares)).toEqual([]);
    const unknown = browserAReq('2.2.0', { acctNumber: '9999000000000007' });
    expect(checkARes(unknown, { ...ares, transStatusReason: '08' })).toEqual([]);
  });

  it('N / 21 for a challenge card on 3RI, and U / 22 from 2.2.0', () => {
    expect(
      checkARes(threeRiAReq('2.2.0'), { ...aresBase('2.2.0'), transStatus: 'N', transStatusReason: '21' }),
    ).toEqual([]);
    expect(
      checkARes(browserAReq('2.3.1'), { ...aresBase('2.3.1'), transStatus: 'U', transStatusReason: '22' }),
    ).toEqual([]);
  });

  it('a decoupled D when the requestor allowed it', () => {
    const areq = browserAReq('2.2.0', { threeDSRequestorDecReqInd: 'Y' });
    expect(checkARes(areq, decoupledAres220())).toEqual([]);
  });

  it('an informational I from 2.2.0', () => {
    const areq = browserAReq('2.2.0', { threeDSRequestorChallengeInd: '05' });
    expect(checkARes(areq, { ...aresBase('2.2.0'), transStatus: 'I' })).toEqual([]);
  });

  it('an NPA Y may leave out eci and authenticationValue together', () => {
    const areq = browserAReq('2.2.0', { messageCategory: '02' });
    expect(checkARes(areq, { ...aresBase('2.2.0'), transStatus: 'Y' })).toEqual([]);
  });

  it('echoes dsTransID and dsReferenceNumber when a DS forwarded the AReq', () => {
    const areq = browserAReq('2.2.0', { dsTransID: ids.otherUuid, dsReferenceNumber: 'DS-VISA-1' });
    const ares = { ...visaYAres('2.2.0'), dsTransID: ids.otherUuid, dsReferenceNumber: 'DS-VISA-1' };
    expect(checkARes(areq, ares)).toEqual([]);
  });
});

describe('checkARes reports each seeded defect', () => {
  it('a browser challenge without acsURL', () => {
    const { acsURL: _dropped, ...ares } = browserChallengeAres('2.2.0');
    expect(checkARes(browserAReq('2.2.0'), ares)).toEqual([
      'acsURL is required in a BRW ARes with transStatus C',
    ]);
  });

  it('an eci on N', () => {
    const ares = { ...aresBase('2.2.0'), transStatus: 'N', transStatusReason: '01', eci: '07' };
    expect(checkARes(browserAReq('2.2.0'), ares)).toEqual(['eci must be absent when transStatus is N']);
  });

  it('an empty string, and an empty object inside', () => {
    expect(checkARes(browserAReq('2.2.0'), { ...visaYAres('2.2.0'), acsOperatorID: '' })).toEqual([
      'acsOperatorID is an empty string: an element without a value must be omitted',
    ]);
    expect(checkARes(appAReq('2.2.0'), { ...appChallengeAres('2.2.0'), acsRenderingType: {} })).toEqual([
      'acsRenderingType is an empty object: an element without a value must be omitted',
      'acsRenderingType.acsInterface is required',
      'acsRenderingType.acsUiTemplate is required',
    ]);
  });

  it('null and an empty array', () => {
    const ares = { ...visaYAres('2.3.1'), messageExtension: [], broadInfo: null };
    expect(checkARes(browserAReq('2.3.1'), ares)).toEqual([
      'messageExtension is an empty array: an element without a value must be omitted',
      'broadInfo is null: an element without a value must be omitted',
    ]);
  });

  it('an element the version does not define', () => {
    expect(checkARes(browserAReq('2.2.0'), { ...visaYAres('2.2.0'), riskScore: '12' })).toEqual([
      'riskScore is not an element of the 2.2.0 ARes table',
    ]);
    const renamed = { ...browserChallengeAres('2.3.1'), authenticationType: '02' };
    expect(checkARes(browserAReq('2.3.1'), renamed)).toEqual([
      'authenticationType is not an element of the 2.3.1 ARes table',
    ]);
  });

  it('a messageVersion that does not echo the AReq', () => {
    expect(checkARes(browserAReq('2.2.0'), { ...visaYAres('2.2.0'), messageVersion: '2.1.0' })).toEqual([
      `messageVersion must be 2.2.0 (the AReq's), got "2.1.0"`,
    ]);
  });

  it('C on 3RI', () => {
    const ares = {
      ...aresBase('2.2.0'),
      transStatus: 'C',
      acsChallengeMandated: 'N',
      authenticationType: '02',
    };
    expect(checkARes(threeRiAReq('2.2.0'), ares)).toEqual([
      'transStatus C is not allowed for 3RI (deviceChannel 03): no cardholder is present to challenge',
    ]);
  });

  it('D without the requestor allowing decoupled', () => {
    expect(checkARes(browserAReq('2.2.0'), decoupledAres220())).toEqual([
      "transStatus D needs the AReq's threeDSRequestorDecReqInd Y (the requestor did not allow decoupled)",
    ]);
  });

  it('D and I before 2.2.0', () => {
    expect(checkARes(browserAReq('2.1.0'), { ...aresBase('2.1.0'), transStatus: 'D' })).toEqual([
      'transStatus "D" is not one of Y, N, U, A, C, R',
    ]);
    expect(checkARes(browserAReq('2.1.0'), { ...aresBase('2.1.0'), transStatus: 'I' })).toEqual([
      'transStatus "I" is not one of Y, N, U, A, C, R',
    ]);
  });

  it('a Visa ECI on a Mastercard Y', () => {
    const areq = browserAReq('2.2.0', { acctNumber: '5200000000000106' });
    expect(checkARes(areq, visaYAres('2.2.0'))).toEqual([
      'eci must be 02 for a Mastercard Y result, got "05"',
    ]);
  });

  it('Y without its authentication value, or with a malformed one', () => {
    const { authenticationValue: _av, ...missing } = visaYAres('2.2.0');
    expect(checkARes(browserAReq('2.2.0'), missing)).toEqual([
      'authenticationValue is required when transStatus is Y in a payment (PA) message',
    ]);
    const short = { ...visaYAres('2.2.0'), authenticationValue: authenticationValue.slice(4) };
    expect(checkARes(browserAReq('2.2.0'), short)).toEqual([
      'authenticationValue must be 28 characters of standard base64 encoding 20 bytes',
    ]);
  });

  it('reasons: missing on N, present on Y, not defined in the version', () => {
    expect(checkARes(browserAReq('2.2.0'), { ...aresBase('2.2.0'), transStatus: 'R' })).toEqual([
      'transStatusReason is required when transStatus is R in a payment (PA) message',
    ]);
    expect(checkARes(browserAReq('2.2.0'), { ...visaYAres('2.2.0'), transStatusReason: '15' })).toEqual([
      'transStatusReason must be absent when transStatus is Y (only N, U and R carry a reason)',
    ]);
    const u210 = { ...aresBase('2.1.0'), transStatus: 'U', transStatusReason: '22' };
    expect(checkARes(browserAReq('2.1.0'), u210)).toEqual([
      'transStatusReason "22" is not a code defined in 2.1.0',
    ]);
  });

  it('IDs that are not echoed or not the ACS own', () => {
    expect(
      checkARes(browserAReq('2.2.0'), { ...visaYAres('2.2.0'), threeDSServerTransID: ids.otherUuid }),
    ).toEqual([
      `threeDSServerTransID must echo the AReq's "${ids.threeDSServerTransID}", got "${ids.otherUuid}"`,
    ]);
    const forwarded = browserAReq('2.2.0', { dsTransID: ids.otherUuid, dsReferenceNumber: 'DS-VISA-1' });
    expect(checkARes(forwarded, visaYAres('2.2.0'))).toEqual([
      `dsTransID must echo the AReq's "${ids.otherUuid}", got "${ids.dsTransID}"`,
      `dsReferenceNumber must echo the AReq's "DS-VISA-1", got "DS-SIMULATOR-REF"`,
    ]);
    expect(
      checkARes(browserAReq('2.2.0'), { ...visaYAres('2.2.0'), acsTransID: ids.threeDSServerTransID }),
    ).toEqual(["acsTransID must be the ACS's own UUID, not a copy of threeDSServerTransID"]);
    const { sdkTransID: _sdk, ...noSdk } = appChallengeAres('2.2.0');
    expect(checkARes(appAReq('2.2.0'), noSdk)).toEqual(["sdkTransID is required (it must echo the AReq's)"]);
  });

  it('challenge elements outside a challenge, and in the wrong channel', () => {
    const withUrl = { ...visaYAres('2.2.0'), acsURL: 'http://localhost:8080/3ds/challenge' };
    expect(checkARes(browserAReq('2.2.0'), withUrl)).toEqual([
      'acsURL must be absent unless transStatus is C',
    ]);
    const appWithUrl = { ...appChallengeAres('2.2.0'), acsURL: 'http://localhost:8080/3ds/challenge' };
    expect(checkARes(appAReq('2.2.0'), appWithUrl)).toEqual(['acsURL is defined for BRW only, not for APP']);
    const { acsSignedContent: _jws, ...unsigned } = appChallengeAres('2.2.0');
    expect(checkARes(appAReq('2.2.0'), unsigned)).toEqual([
      'acsSignedContent is required in an APP ARes with transStatus C',
    ]);
    expect(
      checkARes(browserAReq('2.2.0'), { ...browserChallengeAres('2.2.0'), acsURL: 'javascript:alert(1)' }),
    ).toEqual(['acsURL must be a fully qualified http(s) URL']);
  });

  it('a challenge without acsChallengeMandated or a method', () => {
    const { acsChallengeMandated: _m, authenticationMethod: _a, ...bare } = browserChallengeAres('2.3.1');
    expect(checkARes(browserAReq('2.3.1'), bare)).toEqual([
      'acsChallengeMandated is required when transStatus is C',
      'authenticationMethod is required when transStatus is C',
    ]);
  });

  it('decoupled details: acsDecConInd, cardholderInfo, the Decoupled type', () => {
    const areq = browserAReq('2.2.0', { threeDSRequestorDecReqInd: 'Y' });
    const { cardholderInfo: _info, ...noInfo } = decoupledAres220();
    expect(checkARes(areq, noInfo)).toEqual(['cardholderInfo is required when acsDecConInd is Y']);
    expect(checkARes(areq, { ...decoupledAres220(), acsDecConInd: 'N', authenticationType: '02' })).toEqual([
      'acsDecConInd must be Y when transStatus is D, got "N"',
      'authenticationType must be 04 when transStatus is D (04 = Decoupled), got "02"',
    ]);
    expect(checkARes(browserAReq('2.2.0'), { ...visaYAres('2.2.0'), acsDecConInd: 'Y' })).toEqual([
      'acsDecConInd must be N unless transStatus is D, got "Y"',
    ]);
  });

  it('2.3.1 APP elements the table requires, and lengths', () => {
    const { deviceInfoRecognisedVersion: _d, ...missing } = appChallengeAres('2.3.1');
    expect(checkARes(appAReq('2.3.1'), missing)).toEqual([
      'deviceInfoRecognisedVersion is required in a 2.3.1 APP ARes',
    ]);
    expect(
      checkARes(browserAReq('2.2.0'), { ...visaYAres('2.2.0'), acsReferenceNumber: 'R'.repeat(33) }),
    ).toEqual(['acsReferenceNumber is 33 characters, more than the 32 allowed']);
  });

  it('never prints a PAN or an authentication value', () => {
    const areq = browserAReq('2.2.0', { acctNumber: '5200000000000106' });
    const messages = checkARes(areq, { ...visaYAres('2.2.0'), authenticationValue: 'x'.repeat(28) }).join(
      '\n',
    );
    expect(messages).not.toContain('5200000000000106');
    expect(messages).not.toContain('x'.repeat(28));
  });
});

describe('checkARes refuses to judge what cannot be an ARes exchange', () => {
  it('an unsupported AReq version or channel', () => {
    expect(checkARes(browserAReq('2.0.0'), visaYAres('2.0.0'))).toEqual([
      `the AReq's messageVersion "2.0.0" is not supported: expect Erro 102`,
    ]);
    expect(checkARes(browserAReq('2.2.0', { deviceChannel: '04' }), visaYAres('2.2.0'))).toEqual([
      `the AReq's deviceChannel "04" is not 01, 02 or 03`,
    ]);
    expect(checkARes(browserAReq('2.2.0'), 'ARes')).toEqual(['the ARes is not a JSON object']);
  });
});
