import { describe, expect, it } from 'vitest';
import {
  type ExpectedOutcome,
  expectedErrorCode,
  expectedFrictionlessOutcome,
  type OutcomeOptions,
} from '../../support/message-rules/expected-outcome.ts';

const browser22: OutcomeOptions = {
  scenario: 'frictionless-y',
  scheme: 'visa',
  version: '2.2.0',
  channel: '02',
  category: '01',
};

function outcome(changes: Partial<OutcomeOptions>): ExpectedOutcome {
  return expectedFrictionlessOutcome({ ...browser22, ...changes });
}

describe('expectedFrictionlessOutcome follows the scenario table', () => {
  it.each<[OutcomeOptions['scenario'], ExpectedOutcome]>([
    ['frictionless-y', { transStatus: 'Y', eci: '05' }],
    ['frictionless-n', { transStatus: 'N', transStatusReason: '01' }],
    ['frictionless-a', { transStatus: 'A', eci: '06' }],
    ['frictionless-u', { transStatus: 'U', transStatusReason: '22' }],
    ['frictionless-r', { transStatus: 'R', transStatusReason: '11' }],
    ['frictionless-i', { transStatus: 'Y', eci: '05' }],
    ['challenge-sms', { transStatus: 'C' }],
    ['challenge-app', { transStatus: 'C' }],
    ['challenge-choice', { transStatus: 'C' }],
    ['challenge-oob', { transStatus: 'C' }],
    ['challenge-static', { transStatus: 'C' }],
    ['decoupled', { transStatus: 'C' }],
    ['not-enrolled', { transStatus: 'N', transStatusReason: '13' }],
    ['acs-slow', { transStatus: 'Y', eci: '05' }],
    ['unknown-card', { transStatus: 'N', transStatusReason: '08' }],
  ])('%s on a 2.2.0 browser payment', (scenario, expected) => {
    expect(outcome({ scenario })).toEqual(expected);
  });

  it('uses the scheme ECI: Mastercard 02 / 01, the others 05 / 06', () => {
    expect(outcome({ scheme: 'mastercard' })).toEqual({ transStatus: 'Y', eci: '02' });
    expect(outcome({ scheme: 'mastercard', scenario: 'frictionless-a' })).toEqual({
      transStatus: 'A',
      eci: '01',
    });
    expect(outcome({ scheme: 'jcb', scenario: 'frictionless-a' })).toEqual({ transStatus: 'A', eci: '06' });
  });

  it('acs-error is an Erro 403, not an ARes', () => {
    expect(expectedErrorCode('acs-error')).toBe('403');
    expect(expectedErrorCode('frictionless-y')).toBeUndefined();
    expect(() => outcome({ scenario: 'acs-error' })).toThrow('acs-error is answered with Erro 403');
  });
});

describe('requestor preferences', () => {
  it('indicator 04 challenges a card that can be challenged, not one that is refused', () => {
    expect(outcome({ challengeInd: '04' })).toEqual({ transStatus: 'C' });
    expect(outcome({ scenario: 'frictionless-i', challengeInd: '04' })).toEqual({ transStatus: 'C' });
    expect(outcome({ scenario: 'risk-based', challengeInd: '04', riskThresholdMinor: 5000 })).toEqual({
      transStatus: 'C',
    });
    expect(outcome({ scenario: 'frictionless-n', challengeInd: '04' })).toEqual({
      transStatus: 'N',
      transStatusReason: '01',
    });
    expect(outcome({ scenario: 'frictionless-a', challengeInd: '04' })).toEqual({
      transStatus: 'A',
      eci: '06',
    });
  });

  it('3RI never gets C: a challenge becomes N / 21', () => {
    expect(outcome({ channel: '03', scenario: 'challenge-sms' })).toEqual({
      transStatus: 'N',
      transStatusReason: '21',
    });
    // On 3RI no challenge is possible: a mandate (04) cannot be honoured, so a frictionless card
    // stays frictionless (docs/flows.md).
    expect(outcome({ channel: '03', challengeInd: '04' })).toEqual({ transStatus: 'Y', eci: '05' });
    expect(outcome({ channel: '03' })).toEqual({ transStatus: 'Y', eci: '05' });
  });

  it('I only from 2.2.0 and for indicators 05, 06 and 07', () => {
    for (const challengeInd of ['05', '06', '07']) {
      expect(outcome({ scenario: 'frictionless-i', challengeInd })).toEqual({ transStatus: 'I' });
    }
    expect(outcome({ scenario: 'frictionless-i', challengeInd: '02' })).toEqual({
      transStatus: 'Y',
      eci: '05',
    });
    expect(outcome({ scenario: 'frictionless-i', challengeInd: '05', version: '2.1.0' })).toEqual({
      transStatus: 'Y',
      eci: '05',
    });
    expect(outcome({ scenario: 'frictionless-i', challengeInd: '05', version: '2.3.1' })).toEqual({
      transStatus: 'I',
    });
  });

  it('D only when the requestor allows decoupled and the version has it; else as challenge-sms', () => {
    expect(outcome({ scenario: 'decoupled', decReqInd: 'Y' })).toEqual({ transStatus: 'D' });
    expect(outcome({ scenario: 'decoupled', decReqInd: 'Y', channel: '03' })).toEqual({ transStatus: 'D' });
    expect(outcome({ scenario: 'decoupled', decReqInd: 'N' })).toEqual({ transStatus: 'C' });
    expect(outcome({ scenario: 'decoupled', decReqInd: 'Y', version: '2.1.0' })).toEqual({
      transStatus: 'C',
    });
    expect(outcome({ scenario: 'decoupled', decReqInd: 'N', channel: '03' })).toEqual({
      transStatus: 'N',
      transStatusReason: '21',
    });
  });

  it('risk-based: Y at or below the threshold, C above it', () => {
    const risk = { scenario: 'risk-based', riskThresholdMinor: 5000 } as const;
    expect(outcome({ ...risk, amountMinor: 5000 })).toEqual({ transStatus: 'Y', eci: '05' });
    expect(outcome({ ...risk, amountMinor: 5001 })).toEqual({ transStatus: 'C' });
    expect(outcome({ ...risk, category: '02' })).toEqual({ transStatus: 'Y', eci: '05' });
    expect(() => outcome({ scenario: 'risk-based', amountMinor: 1 })).toThrow(
      'risk-based needs riskThresholdMinor',
    );
  });

  it('frictionless-u on 2.1.0 uses 14, since 22 does not exist before 2.2.0', () => {
    expect(outcome({ scenario: 'frictionless-u', version: '2.1.0' })).toEqual({
      transStatus: 'U',
      transStatusReason: '14',
    });
  });
});
