/**
 * Every test card, in every supported version and channel, answered as README.md's test-card
 * table says, and every ARes judged by the test-side rule checker (written apart from the
 * builder).
 */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validAReq } from '../support/areq-fixtures.ts';
import { checkARes } from '../support/message-rules/check-ares.ts';
import { checkErro } from '../support/message-rules/check-erro.ts';
import { expectedErrorCode, expectedFrictionlessOutcome } from '../support/message-rules/expected-outcome.ts';
import { testCards } from '../support/message-rules/test-cards.ts';
import { createTestAcs, type TestAcs } from '../support/test-acs.ts';

const versions = ['2.1.0', '2.2.0', '2.3.1'] as const;
const channels = ['01', '02', '03'] as const;

let acs: TestAcs;
beforeAll(async () => {
  acs = await createTestAcs({ ACS_RISK_THRESHOLD: '100', ACS_SLOW_DELAY_MS: '1500' });
});
afterAll(() => acs.close());

async function post(body: unknown) {
  const res = await request(acs.app)
    .post('/3ds/areq')
    .set('content-type', 'application/json')
    .send(JSON.stringify(body));
  expect(res.status).toBe(200);
  return res.body as Record<string, unknown>;
}

describe.each(versions)('AReq %s', (version) => {
  describe.each(channels)('channel %s', (channel) => {
    // 2.1.0 defines 3RI for non-payments only.
    const category = channel === '03' && version === '2.1.0' ? '02' : '01';

    it.each(testCards.map((card) => [card.scenario, card.scheme, card] as const))(
      '%s (%s) gets the documented answer',
      async (scenario, scheme, card) => {
        const areq = validAReq({ version, channel, category, acctNumber: card.pan });
        const answer = await post(areq);
        const errorCode = expectedErrorCode(scenario);
        if (errorCode !== undefined) {
          expect(checkErro(answer, { errorCode, messageVersion: version })).toEqual([]);
          return;
        }
        expect(checkARes(areq, answer)).toEqual([]);
        const expected = expectedFrictionlessOutcome({
          scenario,
          scheme,
          version,
          channel,
          category,
          amountMinor: Number(areq.purchaseAmount ?? 0),
          riskThresholdMinor: 100 * 10 ** Number(areq.purchaseExponent ?? 2),
        });
        expect({
          transStatus: answer.transStatus,
          transStatusReason: answer.transStatusReason,
          eci: answer.eci,
        }).toEqual({ transStatusReason: undefined, eci: undefined, ...expected });
      },
    );
  });
});

describe('requestor preferences', () => {
  it('challenges an enrolled frictionless card when the requestor mandates it (04)', async () => {
    const card = testCards.find((c) => c.scenario === 'frictionless-y' && c.scheme === 'visa');
    const areq = validAReq({
      version: '2.2.0',
      channel: '02',
      acctNumber: card?.pan,
      overrides: { threeDSRequestorChallengeInd: '04' },
    });
    const ares = await post(areq);
    expect(checkARes(areq, ares)).toEqual([]);
    expect(ares).toMatchObject({
      transStatus: 'C',
      acsChallengeMandated: 'Y',
      acsURL: 'http://acs.test/3ds/challenge',
    });
  });

  it('answers decoupled (D) when the requestor allows it', async () => {
    const card = testCards.find((c) => c.scenario === 'decoupled' && c.scheme === 'mastercard');
    const areq = validAReq({
      version: '2.2.0',
      channel: '02',
      acctNumber: card?.pan,
      overrides: { threeDSRequestorDecReqInd: 'Y', threeDSRequestorDecMaxTime: '00010' },
    });
    const ares = await post(areq);
    expect(checkARes(areq, ares)).toEqual([]);
    expect(ares).toMatchObject({ transStatus: 'D', acsDecConInd: 'Y' });
  });

  it('gives a PAN in no range N/08 and never stores the PAN', async () => {
    const areq = validAReq({ version: '2.3.1', channel: '02', acctNumber: '4111111111111111' });
    const ares = await post(areq);
    expect(ares).toMatchObject({ transStatus: 'N', transStatusReason: '08' });
  });

  it("keeps a DS-forwarded AReq's dsTransID and dsReferenceNumber", async () => {
    const card = testCards.find((c) => c.scenario === 'frictionless-y' && c.scheme === 'visa');
    const dsTransID = '6b5d2a1e-3f4c-4b8a-9d7e-1a2b3c4d5e6f';
    const areq = validAReq({
      version: '2.2.0',
      channel: '02',
      acctNumber: card?.pan,
      overrides: { dsTransID, dsReferenceNumber: 'DS-EXAMPLE-REF', dsURL: 'https://ds.example.test/results' },
    });
    const ares = await post(areq);
    expect(checkARes(areq, ares)).toEqual([]);
    expect(ares).toMatchObject({ dsTransID, dsReferenceNumber: 'DS-EXAMPLE-REF' });
  });

  it('waits the configured delay for the acs-slow card', async () => {
    const card = testCards.find((c) => c.scenario === 'acs-slow' && c.scheme === 'visa');
    const before = acs.sleeps.length;
    await post(validAReq({ version: '2.2.0', channel: '02', acctNumber: card?.pan }));
    expect(acs.sleeps.slice(before)).toEqual([1500]);
  });
});
