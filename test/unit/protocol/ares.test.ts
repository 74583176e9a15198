import { describe, expect, it } from 'vitest';
import { InternalError, ProtocolError } from '../../../src/errors/index.ts';
import { type AReq, parseAReq } from '../../../src/protocol/areq.ts';
import {
  type ARes,
  type AResInput,
  buildARes,
  isTransStatusReasonDefined,
} from '../../../src/protocol/ares.ts';
import { supportedVersions } from '../../../src/protocol/version.ts';
import { validAReq } from '../../support/areq-fixtures.ts';

const acsTransID = '6f1c3a52-7c1e-4b8e-9a3e-2b7d1c0e9f11';
const dsTransID = '0d2b5c44-1a6f-4e3b-8c9d-7e6f5a4b3c21';
const authenticationValue = 'AAABAWFlmQAAAABjRWWZEEFgFz8=';
const acsSignedContent = 'eyJhbGciOiJQUzI1NiJ9.eyJhY3NUcmFuc0lEIjoiMSJ9.c2lnbmF0dXJl';
const acsURL = 'http://localhost:8080/3ds/challenge';

function areqOf(
  version: AReq['messageVersion'],
  channel: '01' | '02' | '03',
  category: '01' | '02' = '01',
): AReq {
  return parseAReq(validAReq({ version, channel, category }));
}

function inputFor(areq: AReq, rest: Partial<AResInput> & Pick<AResInput, 'transStatus'>): AResInput {
  return {
    areq,
    acsTransID,
    dsTransID,
    dsReferenceNumber: 'DS-SIM-0001',
    acsReferenceNumber: 'ACS-SIM-0001',
    acsOperatorID: 'ACS-OP-1',
    ...rest,
  };
}

/** The elements every ARes of `areq` carries. */
function frame(areq: AReq) {
  return {
    messageType: 'ARes',
    messageVersion: areq.messageVersion,
    threeDSServerTransID: areq.threeDSServerTransID,
    acsTransID,
    dsTransID,
    dsReferenceNumber: 'DS-SIM-0001',
    acsReferenceNumber: 'ACS-SIM-0001',
    acsOperatorID: 'ACS-OP-1',
  };
}

function expectClean(ares: ARes): void {
  expect(Object.entries(ares).filter(([, v]) => v === undefined || v === '')).toEqual([]);
  expect(JSON.parse(JSON.stringify(ares))).toEqual(ares);
}

describe('buildARes for frictionless results', () => {
  it.each(supportedVersions)('%s browser payment: Y, N, A, U, R', (version) => {
    const areq = areqOf(version, '02');
    const build = (rest: Partial<AResInput> & Pick<AResInput, 'transStatus'>) =>
      buildARes(inputFor(areq, rest));
    const technicalIssue = version === '2.1.0' ? '14' : '22';
    const results = [
      build({ transStatus: 'Y', eci: '05', authenticationValue }),
      build({ transStatus: 'N', transStatusReason: '01' }),
      build({ transStatus: 'A', eci: '06', authenticationValue }),
      build({ transStatus: 'U', transStatusReason: technicalIssue }),
      build({ transStatus: 'R', transStatusReason: '11' }),
    ];
    expect(results).toEqual([
      { ...frame(areq), transStatus: 'Y', eci: '05', authenticationValue },
      { ...frame(areq), transStatus: 'N', transStatusReason: '01' },
      { ...frame(areq), transStatus: 'A', eci: '06', authenticationValue },
      { ...frame(areq), transStatus: 'U', transStatusReason: technicalIssue },
      { ...frame(areq), transStatus: 'R', transStatusReason: '11' },
    ]);
    for (const ares of results) expectClean(ares);
  });

  it.each(['2.2.0', '2.3.1'] as const)('%s informational only (I) carries the proof of a Y', (version) => {
    const areq = areqOf(version, '02');
    expect(buildARes(inputFor(areq, { transStatus: 'I', eci: '05', authenticationValue }))).toEqual({
      ...frame(areq),
      transStatus: 'I',
      eci: '05',
      authenticationValue,
    });
  });

  it.each(supportedVersions)(
    '%s app channel echoes sdkTransID (2.3.1 adds its required app elements)',
    (version) => {
      const areq = areqOf(version, '01');
      const ares = buildARes(inputFor(areq, { transStatus: 'Y', eci: '02', authenticationValue }));
      expect(ares).toEqual({
        ...frame(areq),
        sdkTransID: areq.sdkTransID,
        transStatus: 'Y',
        eci: '02',
        authenticationValue,
        ...(version === '2.3.1'
          ? { threeDSRequestorAppURLInd: 'N', deviceInfoRecognisedVersion: '1.4' }
          : {}),
      });
      expectClean(ares);
    },
  );

  it('leaves the reason and proof optional in a non-payment', () => {
    const areq = areqOf('2.2.0', '03', '02');
    expect(buildARes(inputFor(areq, { transStatus: 'N', acsOperatorID: '' }))).toEqual({
      ...frame(areq),
      acsOperatorID: undefined,
      transStatus: 'N',
    });
    expect(buildARes(inputFor(areq, { transStatus: 'Y' })).authenticationValue).toBeUndefined();
  });

  it('gives cardholderInfo as text up to 2.2.0 and as an object in 2.3.1', () => {
    const info = 'Call your bank on 0800 000 000.';
    expect(
      buildARes(
        inputFor(areqOf('2.2.0', '02'), { transStatus: 'R', transStatusReason: '11', cardholderInfo: info }),
      ).cardholderInfo,
    ).toBe(info);
    expect(
      buildARes(
        inputFor(areqOf('2.3.1', '02'), { transStatus: 'R', transStatusReason: '11', cardholderInfo: info }),
      ).cardholderInfo,
    ).toEqual({ text: info });
  });
});

describe('buildARes for a challenge (C)', () => {
  it.each(supportedVersions)('%s browser: acsURL, acsChallengeMandated and the method', (version) => {
    const areq = areqOf(version, '02');
    const ares = buildARes(
      inputFor(areq, { transStatus: 'C', acsURL, acsChallengeMandated: 'Y', authenticationMethod: 'sms' }),
    );
    expect(ares).toEqual({
      ...frame(areq),
      transStatus: 'C',
      acsChallengeMandated: 'Y',
      ...(version === '2.3.1' ? { authenticationMethod: ['02'] } : { authenticationType: '02' }),
      acsURL,
    });
    expectClean(ares);
  });

  it.each(supportedVersions)('%s app: acsSignedContent and a derived acsRenderingType', (version) => {
    const areq = areqOf(version, '01');
    const ares = buildARes(
      inputFor(areq, { transStatus: 'C', acsSignedContent, authenticationMethod: 'oob' }),
    );
    expect(ares).toEqual({
      ...frame(areq),
      sdkTransID: areq.sdkTransID,
      transStatus: 'C',
      acsChallengeMandated: 'N',
      ...(version === '2.3.1'
        ? { authenticationMethod: ['11'], threeDSRequestorAppURLInd: 'N', deviceInfoRecognisedVersion: '1.4' }
        : { authenticationType: '03' }),
      acsSignedContent,
      acsRenderingType: {
        acsInterface: '01',
        acsUiTemplate: '04',
        ...(version === '2.3.1' ? { deviceUserInterfaceMode: '01' } : {}),
      },
    });
    expectClean(ares);
  });

  it('maps every method to the version element', () => {
    const methods = ['sms', 'totp', 'password', 'oob', 'choice'] as const;
    const of = (version: AReq['messageVersion']) =>
      methods.map((authenticationMethod) => {
        const ares = buildARes(
          inputFor(areqOf(version, '02'), { transStatus: 'C', acsURL, authenticationMethod }),
        );
        return ares.authenticationType ?? ares.authenticationMethod;
      });
    expect(of('2.2.0')).toEqual(['02', '02', '01', '03', '02']);
    expect(of('2.3.1')).toEqual([['02'], ['04'], ['01'], ['11'], ['02', '04', '01']]);
  });

  it('renders a choice for an HTML-only SDK in HTML Other, and for a text-only one never as a select', () => {
    const appAReq = (sdkInterface: string, sdkUiType: string[]) =>
      parseAReq(
        validAReq({
          version: '2.2.0',
          channel: '01',
          overrides: { deviceRenderOptions: { sdkInterface, sdkUiType } },
        }),
      );
    const html = buildARes(
      inputFor(appAReq('02', ['01', '02', '05']), {
        transStatus: 'C',
        acsSignedContent,
        authenticationMethod: 'choice',
      }),
    );
    expect(html.acsRenderingType).toEqual({ acsInterface: '02', acsUiTemplate: '05' });
    const text = buildARes(
      inputFor(appAReq('01', ['01']), { transStatus: 'C', acsSignedContent, authenticationMethod: 'choice' }),
    );
    expect(text.acsRenderingType).toEqual({ acsInterface: '01', acsUiTemplate: '01' });
  });

  it('keeps an acsRenderingType the caller chose, adding the 2.3.1 mode', () => {
    const ares = buildARes(
      inputFor(areqOf('2.3.1', '01'), {
        transStatus: 'C',
        acsSignedContent,
        authenticationMethod: 'sms',
        acsRenderingType: { acsInterface: '02', acsUiTemplate: '05' },
      }),
    );
    expect(ares.acsRenderingType).toEqual({
      acsInterface: '02',
      acsUiTemplate: '05',
      deviceUserInterfaceMode: '01',
    });
  });
});

describe('buildARes for decoupled authentication (D)', () => {
  it.each(['2.2.0', '2.3.1'] as const)('%s: decoupled method, acsDecConInd and cardholderInfo', (version) => {
    const areq = areqOf(version, '02');
    const cardholderInfo = 'Approve this purchase in your banking app.';
    const ares = buildARes(
      inputFor(areq, { transStatus: 'D', acsDecConInd: 'Y', cardholderInfo, authenticationMethod: 'oob' }),
    );
    expect(ares).toEqual({
      ...frame(areq),
      transStatus: 'D',
      acsChallengeMandated: 'N',
      ...(version === '2.3.1' ? { authenticationMethod: ['12'] } : { authenticationType: '04' }),
      acsDecConInd: 'Y',
      cardholderInfo: version === '2.3.1' ? { text: cardholderInfo } : cardholderInfo,
    });
    expectClean(ares);
  });
});

describe('buildARes refuses what the version and status do not allow', () => {
  const mistakes: ReadonlyArray<
    readonly [
      string,
      AReq['messageVersion'],
      '01' | '02' | '03',
      Partial<AResInput> & Pick<AResInput, 'transStatus'>,
    ]
  > = [
    ['I in 2.1.0', '2.1.0', '02', { transStatus: 'I', eci: '05', authenticationValue }],
    ['D in 2.1.0', '2.1.0', '02', { transStatus: 'D', cardholderInfo: 'x' }],
    ['reason 22 in 2.1.0', '2.1.0', '02', { transStatus: 'U', transStatusReason: '22' }],
    ['reason 27 in 2.2.0', '2.2.0', '02', { transStatus: 'U', transStatusReason: '27' }],
    ['N payment without reason', '2.2.0', '02', { transStatus: 'N' }],
    [
      'reason with C',
      '2.2.0',
      '02',
      { transStatus: 'C', acsURL, authenticationMethod: 'sms', transStatusReason: '01' },
    ],
    ['eci with N', '2.2.0', '02', { transStatus: 'N', transStatusReason: '01', eci: '07' }],
    ['Y payment without authenticationValue', '2.2.0', '02', { transStatus: 'Y', eci: '05' }],
    [
      'authenticationValue of 27 characters',
      '2.2.0',
      '02',
      { transStatus: 'Y', authenticationValue: 'A'.repeat(27) },
    ],
    ['C on the browser without acsURL', '2.2.0', '02', { transStatus: 'C', authenticationMethod: 'sms' }],
    [
      'C on the browser with acsSignedContent',
      '2.2.0',
      '02',
      { transStatus: 'C', acsURL, acsSignedContent, authenticationMethod: 'sms' },
    ],
    [
      'C in the app without acsSignedContent',
      '2.2.0',
      '01',
      { transStatus: 'C', authenticationMethod: 'sms' },
    ],
    [
      'C in the app with a screen the device does not list',
      '2.2.0',
      '01',
      {
        transStatus: 'C',
        acsSignedContent,
        authenticationMethod: 'sms',
        acsRenderingType: { acsInterface: '01', acsUiTemplate: '05' },
      },
    ],
    [
      'deviceUserInterfaceMode in 2.2.0',
      '2.2.0',
      '01',
      {
        transStatus: 'C',
        acsSignedContent,
        authenticationMethod: 'sms',
        acsRenderingType: { acsInterface: '01', acsUiTemplate: '01', deviceUserInterfaceMode: '01' },
      },
    ],
    ['C without a method', '2.2.0', '02', { transStatus: 'C', acsURL }],
    ['C for 3RI', '2.2.0', '03', { transStatus: 'C', acsURL, authenticationMethod: 'sms' }],
    ['acsURL with Y', '2.2.0', '02', { transStatus: 'Y', authenticationValue, acsURL }],
    ['method with Y', '2.2.0', '02', { transStatus: 'Y', authenticationValue, authenticationMethod: 'sms' }],
    ['D without cardholderInfo', '2.2.0', '02', { transStatus: 'D' }],
    [
      'D refused by acsDecConInd N',
      '2.2.0',
      '02',
      { transStatus: 'D', acsDecConInd: 'N', cardholderInfo: 'x' },
    ],
    [
      'acsDecConInd with C',
      '2.2.0',
      '02',
      { transStatus: 'C', acsURL, authenticationMethod: 'sms', acsDecConInd: 'Y' },
    ],
    [
      'cardholderInfo with C',
      '2.2.0',
      '02',
      { transStatus: 'C', acsURL, authenticationMethod: 'sms', cardholderInfo: 'x' },
    ],
    [
      'broadInfo in 2.2.0',
      '2.2.0',
      '02',
      { transStatus: 'N', transStatusReason: '01', broadInfo: { category: '01' } },
    ],
    [
      'acsTransID not a UUID',
      '2.2.0',
      '02',
      { transStatus: 'N', transStatusReason: '01', acsTransID: 'acs-1' },
    ],
    [
      'empty acsReferenceNumber',
      '2.2.0',
      '02',
      { transStatus: 'N', transStatusReason: '01', acsReferenceNumber: '' },
    ],
  ];

  it.each(mistakes)('%s throws an InternalError, not a ProtocolError', (_, version, channel, rest) => {
    let thrown: unknown;
    try {
      buildARes(inputFor(areqOf(version, channel), rest));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InternalError);
    expect(thrown).toMatchObject({ code: 'invariant_broken' });
    expect(thrown).not.toBeInstanceOf(ProtocolError);
    expect(String(thrown)).toMatch(/^InternalError: buildARes: /);
  });

  it('knows which reasons each version defines', () => {
    expect(
      ['01', '21', '22', '26', '27', '30', '31', '00', '1'].map((r) =>
        isTransStatusReasonDefined('2.1.0', r),
      ),
    ).toEqual([true, true, false, false, false, false, false, false, false]);
    expect(['22', '26', '27'].map((r) => isTransStatusReasonDefined('2.2.0', r))).toEqual([
      true,
      true,
      false,
    ]);
    expect(['27', '30', '31'].map((r) => isTransStatusReasonDefined('2.3.1', r))).toEqual([
      true,
      true,
      false,
    ]);
  });

  it('includes broadInfo and message extensions where the version allows them', () => {
    const broadInfo = { category: '01', recipients: ['02'], severity: '04', source: '03' };
    const messageExtension = [{ name: 'n', id: 'A000000003-n', criticalityIndicator: false, data: {} }];
    const ares = buildARes(
      inputFor(areqOf('2.3.1', '02'), {
        transStatus: 'N',
        transStatusReason: '01',
        broadInfo,
        messageExtension,
      }),
    );
    expect([ares.broadInfo, ares.messageExtension]).toEqual([broadInfo, messageExtension]);
  });
});
