import { describe, expect, it } from 'vitest';
import { type DecisionInput, decide, requestsDecoupledInARes } from '../../../src/decision/decide.ts';
import { scenarios } from '../../../src/domain/scenario.ts';

const policy = { riskThreshold: 100, slowDelayMs: 2500 };
const base: DecisionInput = {
  messageVersion: '2.2.0',
  deviceChannel: '02',
  messageCategory: '01',
  challengeIndicators: [],
  decoupledRequested: false,
  amount: 10,
  scenario: 'frictionless-y',
};
const run = (overrides: Partial<DecisionInput>) => decide({ ...base, ...overrides }, policy);

describe('decide', () => {
  it('answers N/08 with no card record', () => {
    expect(run({ scenario: undefined })).toEqual({
      kind: 'result',
      check: 'no-card-record',
      transStatus: 'N',
      reason: '08',
    });
  });

  it('gives each fixed scenario its outcome, whatever the requestor asks', () => {
    expect(run({ scenario: 'frictionless-n', challengeIndicators: ['04'] })).toMatchObject({
      transStatus: 'N',
      reason: '01',
    });
    expect(run({ scenario: 'frictionless-u' })).toMatchObject({ transStatus: 'U', reason: '22' });
    expect(run({ scenario: 'frictionless-r' })).toMatchObject({ transStatus: 'R', reason: '11' });
    expect(run({ scenario: 'not-enrolled' })).toMatchObject({ transStatus: 'N', reason: '13' });
    expect(run({ scenario: 'acs-error' })).toEqual({
      kind: 'error',
      check: 'scenario-acs-error',
      errorCode: '403',
    });
  });

  it('delays the acs-slow card by the configured time and then authenticates', () => {
    expect(run({ scenario: 'acs-slow' })).toMatchObject({ kind: 'result', transStatus: 'Y', delayMs: 2500 });
  });

  it('challenges challenge cards with their first method, mandated only on indicator 04', () => {
    expect(run({ scenario: 'challenge-sms' })).toMatchObject({
      kind: 'challenge',
      method: 'sms',
      mandated: false,
    });
    expect(run({ scenario: 'challenge-choice', challengeIndicators: ['04'] })).toMatchObject({
      kind: 'challenge',
      method: 'sms',
      methods: ['sms', 'totp', 'password'],
      mandated: true,
      check: 'requestor-mandates-challenge',
    });
    expect(run({ scenario: 'challenge-static' })).toMatchObject({ method: 'password' });
    expect(run({ scenario: 'challenge-kba' })).toMatchObject({ method: 'kba' });
    expect(run({ scenario: 'challenge-oob' })).toMatchObject({ method: 'oob' });
    expect(run({ scenario: 'challenge-app' })).toMatchObject({ method: 'totp' });
  });

  it('never challenges on 3RI', () => {
    expect(run({ scenario: 'challenge-sms', deviceChannel: '03', messageCategory: '02' })).toMatchObject({
      kind: 'result',
      check: 'three-ri-without-cardholder',
    });
    expect(run({ scenario: 'frictionless-y', deviceChannel: '03' })).toMatchObject({
      kind: 'result',
      transStatus: 'Y',
    });
    expect(run({ scenario: 'decoupled', deviceChannel: '03', decoupledRequested: true })).toMatchObject({
      kind: 'decoupled',
    });
  });

  it('challenges an enrolled frictionless cardholder only when the requestor mandates it', () => {
    expect(run({ scenario: 'frictionless-y', challengeIndicators: ['04'] })).toMatchObject({
      kind: 'challenge',
      mandated: true,
    });
    expect(run({ scenario: 'frictionless-a', challengeIndicators: ['04'] })).toMatchObject({
      kind: 'result',
      transStatus: 'A',
    });
  });

  it('answers U with reason 14 on 2.1.0, which has no reason 22', () => {
    expect(run({ scenario: 'frictionless-u', messageVersion: '2.1.0' })).toMatchObject({
      transStatus: 'U',
      reason: '14',
    });
  });

  it('answers I only from 2.2.0 with a no-challenge indicator, else Y', () => {
    expect(run({ scenario: 'frictionless-i', challengeIndicators: ['05'] })).toMatchObject({
      transStatus: 'I',
    });
    expect(
      run({ scenario: 'frictionless-i', challengeIndicators: ['07'], messageVersion: '2.3.1' }),
    ).toMatchObject({ transStatus: 'I' });
    expect(
      run({ scenario: 'frictionless-i', challengeIndicators: ['05'], messageVersion: '2.1.0' }),
    ).toMatchObject({ transStatus: 'Y' });
    expect(run({ scenario: 'frictionless-i', challengeIndicators: ['01'] })).toMatchObject({
      transStatus: 'Y',
    });
  });

  it('goes decoupled only when requested on 2.2.0 or later, else challenges by SMS', () => {
    expect(run({ scenario: 'decoupled', decoupledRequested: true })).toMatchObject({ kind: 'decoupled' });
    expect(run({ scenario: 'decoupled', decoupledRequested: true, messageVersion: '2.1.0' })).toMatchObject({
      kind: 'challenge',
      method: 'sms',
    });
    expect(run({ scenario: 'decoupled' })).toMatchObject({ kind: 'challenge', method: 'sms' });
  });

  it('lets risk-based cards through up to the threshold and challenges above it', () => {
    expect(run({ scenario: 'risk-based', amount: 100 })).toMatchObject({ kind: 'result', transStatus: 'Y' });
    expect(run({ scenario: 'risk-based', amount: 100.01 })).toMatchObject({
      kind: 'challenge',
      method: 'sms',
    });
    expect(run({ scenario: 'risk-based', amount: undefined })).toMatchObject({
      kind: 'result',
      transStatus: 'Y',
    });
  });

  it('keeps a frictionless card frictionless on 3RI even with indicator 04: no challenge can honour it', () => {
    const threeRI = { deviceChannel: '03', messageCategory: '02', challengeIndicators: ['04'] } as const;
    expect(run({ ...threeRI, scenario: 'frictionless-y' })).toEqual({
      kind: 'result',
      check: 'scenario-frictionless',
      transStatus: 'Y',
    });
    expect(run({ ...threeRI, scenario: 'frictionless-i' })).toMatchObject({ transStatus: 'Y' });
    expect(run({ ...threeRI, scenario: 'acs-slow' })).toMatchObject({ transStatus: 'Y', delayMs: 2500 });
    expect(run({ ...threeRI, scenario: 'risk-based', amount: 50 })).toMatchObject({ transStatus: 'Y' });
    // What the issuer itself would challenge still cannot be challenged there.
    expect(run({ ...threeRI, scenario: 'risk-based', amount: 500 })).toMatchObject({
      transStatus: 'N',
      reason: '21',
      check: 'three-ri-without-cardholder',
    });
    expect(run({ ...threeRI, scenario: 'challenge-sms' })).toMatchObject({ transStatus: 'N', reason: '21' });
  });
});

describe('indicator 06 (no challenge requested, data share only)', () => {
  const dataShare = { challengeIndicators: ['06'] } as const;

  it('answers I, never C, for every card that would be challenged, in 2.2.0 and 2.3.1', () => {
    for (const messageVersion of ['2.2.0', '2.3.1'] as const) {
      for (const scenario of [
        'challenge-sms',
        'challenge-app',
        'challenge-choice',
        'challenge-oob',
      ] as const) {
        expect(run({ ...dataShare, messageVersion, scenario })).toEqual({
          kind: 'result',
          check: 'data-share-only',
          transStatus: 'I',
        });
      }
      expect(run({ ...dataShare, messageVersion, scenario: 'risk-based', amount: 500 })).toMatchObject({
        transStatus: 'I',
      });
    }
  });

  it('answers I for the decoupled card too, requested or not, and on 3RI', () => {
    expect(run({ ...dataShare, scenario: 'decoupled', decoupledRequested: true })).toMatchObject({
      transStatus: 'I',
    });
    expect(run({ ...dataShare, scenario: 'decoupled' })).toMatchObject({ transStatus: 'I' });
    expect(
      run({ ...dataShare, scenario: 'challenge-sms', deviceChannel: '03', messageVersion: '2.3.1' }),
    ).toMatchObject({ transStatus: 'I', check: 'data-share-only' });
  });

  it('wins over a mandate in the same 2.3.1 list', () => {
    expect(
      run({ messageVersion: '2.3.1', challengeIndicators: ['04', '06'], scenario: 'frictionless-y' }),
    ).toMatchObject({ transStatus: 'I', check: 'data-share-only' });
  });

  it('leaves frictionless and fixed answers as they are', () => {
    expect(run({ ...dataShare, scenario: 'frictionless-y' })).toMatchObject({ transStatus: 'Y' });
    expect(run({ ...dataShare, scenario: 'risk-based', amount: 50 })).toMatchObject({ transStatus: 'Y' });
    expect(run({ ...dataShare, scenario: 'frictionless-i' })).toMatchObject({
      transStatus: 'I',
      check: 'informational-only',
    });
    expect(run({ ...dataShare, scenario: 'frictionless-n' })).toMatchObject({
      transStatus: 'N',
      reason: '01',
    });
    expect(run({ ...dataShare, scenario: undefined })).toMatchObject({ transStatus: 'N', reason: '08' });
  });

  it('never answers C with 06, whatever the scenario, channel or other indicators', () => {
    for (const scenario of scenarios) {
      for (const deviceChannel of ['01', '02', '03'] as const) {
        for (const extra of [[], ['04'], ['03']]) {
          const decision = run({
            messageVersion: '2.3.1',
            scenario,
            deviceChannel,
            challengeIndicators: ['06', ...extra],
            decoupledRequested: true,
            amount: 1000,
          });
          expect([scenario, deviceChannel, decision.kind]).not.toEqual([
            scenario,
            deviceChannel,
            'challenge',
          ]);
          expect([scenario, deviceChannel, decision.kind]).not.toEqual([
            scenario,
            deviceChannel,
            'decoupled',
          ]);
        }
      }
    }
  });
});

describe('requestsDecoupledInARes (threeDSRequestorDecReqInd)', () => {
  it('is true for Y and B, false for F (fallback only: D in the RReq), N and none', () => {
    expect(['Y', 'B', 'F', 'N', undefined].map(requestsDecoupledInARes)).toEqual([
      true,
      true,
      false,
      false,
      false,
    ]);
  });
});
