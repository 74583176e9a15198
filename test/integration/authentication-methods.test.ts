/**
 * Every way to authenticate (README.md's test-card table; docs/flows.md, "Challenge methods" and
 * "Decoupled authentication"), over HTTP: authenticator app (TOTP) with replay refusal, static password, method choice, out-of-band and decoupled
 * through the sandbox bank app, each ending in the right RReq and final CRes.
 */
import request from 'supertest';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sweepTimeouts } from '../../src/flows/challenge/sweep-timeouts.ts';
import { currentTotp } from '../../src/otp/totp.ts';
import { validAReq } from '../support/areq-fixtures.ts';
import {
  hiddenValue,
  latestCode,
  notificationURL,
  openWindow,
  postAction,
  postedCRes,
  startChallengeAuthentication,
} from '../support/challenge-driver.ts';
import { checkRReq } from '../support/message-rules/check-rreq.ts';
import { createTestAcs, seedFile, type TestAcs } from '../support/test-acs.ts';
import { startThreeDSServerDouble, type ThreeDSServerDouble } from '../support/three-ds-server-double.ts';

const totpSecret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const cards = {
  app: '4000000000001109',
  choice: '4000000000001208',
  oob: '4000000000001307',
  password: '4000000000001406',
  decoupled: '5200000000001500',
} as const;

let acs: TestAcs;
let server: ThreeDSServerDouble;
beforeAll(async () => {
  acs = await createTestAcs({ ACS_RREQ_RETRY_DELAY_MS: '20' });
  server = await startThreeDSServerDouble();
});
afterAll(async () => {
  await acs.close();
  await server.close();
});
beforeEach(() => {
  server.received.length = 0;
  acs.advance(60_000); // a fresh TOTP time step for every test
});

const now = () => acs.deps.clock().getTime();

async function begin(pan: string, version: '2.1.0' | '2.2.0' | '2.3.1' = '2.2.0') {
  const started = await startChallengeAuthentication(acs, { pan, version, threeDSServerURL: server.rreqURL });
  return openWindow(acs, started, { sessionData: 'abc' });
}

describe('authenticator app (TOTP)', () => {
  it('accepts the current code and reports the app in the RReq', async () => {
    const challenge = await begin(cards.app);
    expect(challenge.page).toContain('autocomplete="one-time-code"');
    const res = await postAction(acs, challenge, 'submit', { code: currentTotp(totpSecret, now()) });
    expect(postedCRes(res.text).transStatus).toBe('Y');
    expect(server.received[0]).toMatchObject({
      transStatus: 'Y',
      authenticationType: '02',
      interactionCounter: '01',
    });
    expect(checkRReq(server.received[0], { areq: challenge.areq, ares: challenge.ares })).toEqual([]);
  });

  it('accepts a code from the previous time step and refuses one two steps old', async () => {
    const old = await begin(cards.app);
    const refused = await postAction(acs, old, 'submit', { code: currentTotp(totpSecret, now() - 60_000) });
    expect(refused.text).not.toContain('name="cres"');
    const previous = await postAction(acs, old, 'submit', { code: currentTotp(totpSecret, now() - 30_000) });
    expect(postedCRes(previous.text).transStatus).toBe('Y');
  });

  it('refuses the same code twice, even in another transaction', async () => {
    const code = currentTotp(totpSecret, now());
    const first = await begin(cards.app);
    expect(postedCRes((await postAction(acs, first, 'submit', { code })).text).transStatus).toBe('Y');
    const second = await begin(cards.app);
    const replay = await postAction(acs, second, 'submit', { code });
    expect(replay.text).not.toContain('name="cres"');
    expect(replay.text).toContain('role="alert"');
  });

  it('keeps the secret only sealed, and a tampered secret verifies nothing', async () => {
    const card = (await acs.deps.store.listCards()).find((c) => c.maskedPan === '400000******1109');
    expect(card).toBeDefined();
    const sealed = (await acs.deps.store.getCardCredentials(card?.id ?? ''))?.totpSecretSealed ?? '';
    expect(sealed).not.toContain(totpSecret);
    const db = await acs.storedText();
    expect(db).not.toContain(totpSecret);

    // One character of the sealed value changed (to one it is not, whatever it was).
    const tampered = `${sealed.slice(0, -2)}${sealed.at(-2) === 'A' ? 'B' : 'A'}${sealed.slice(-1)}`;
    await acs.deps.store.setTotpSecret(card?.id ?? '', tampered);
    const challenge = await begin(cards.app);
    const res = await postAction(acs, challenge, 'submit', { code: currentTotp(totpSecret, now()) });
    expect(res.status).toBe(200);
    expect(res.text).not.toContain('name="cres"');
    await acs.deps.store.setTotpSecret(card?.id ?? '', sealed);
  });
});

describe('static password', () => {
  it('counts a wrong password as an attempt and accepts the right one', async () => {
    const challenge = await begin(cards.password);
    expect(challenge.page).toContain('type="password"');
    const wrong = await postAction(acs, challenge, 'submit', { code: 'not-the-password' });
    expect(wrong.text).toContain('role="alert"');
    expect(wrong.text).toContain('2');
    const right = await postAction(acs, challenge, 'submit', { code: 'sandbox-password' });
    expect(postedCRes(right.text).transStatus).toBe('Y');
    expect(server.received[0]).toMatchObject({
      transStatus: 'Y',
      authenticationType: '01',
      interactionCounter: '02',
    });
  });

  it('ends N/19 after three wrong passwords', async () => {
    const challenge = await begin(cards.password);
    let res = await postAction(acs, challenge, 'submit', { code: 'wrong-one' });
    res = await postAction(acs, challenge, 'submit', { code: 'wrong-two' });
    res = await postAction(acs, challenge, 'submit', { code: 'wrong-three' });
    expect(postedCRes(res.text).transStatus).toBe('N');
    expect(server.received[0]).toMatchObject({ transStatus: 'N', transStatusReason: '19' });
  });
});

describe('choosing another method', () => {
  it('switches from SMS to the app without resetting the attempt budget', async () => {
    const challenge = await begin(cards.choice);
    expect(challenge.page).toContain('/method');
    await postAction(acs, challenge, 'submit', { code: '000000' });
    const switched = await postAction(acs, challenge, 'method', { method: 'totp' });
    expect(switched.status).toBe(200);
    expect(await acs.deps.store.getChallenge(challenge.acsTransID)).toMatchObject({
      method: 'totp',
      wrongAttempts: 1,
    });
    const res = await postAction(acs, challenge, 'submit', { code: currentTotp(totpSecret, now()) });
    expect(postedCRes(res.text).transStatus).toBe('Y');
    expect(server.received[0]).toMatchObject({ transStatus: 'Y', interactionCounter: '02' });
    const result = await request(acs.app).get(`/3ds/transactions/${challenge.acsTransID}/result`);
    const payload = JSON.parse(Buffer.from(result.text.split('.')[1] ?? '', 'base64url').toString());
    expect(payload.authenticationMethod).toBe('totp');
  });

  it('switches to the password and refuses a method the cardholder has not enrolled', async () => {
    const challenge = await begin(cards.choice);
    await postAction(acs, challenge, 'method', { method: 'oob' });
    expect((await acs.deps.store.getChallenge(challenge.acsTransID))?.method).toBe('sms');
    await postAction(acs, challenge, 'method', { method: 'password' });
    const res = await postAction(acs, challenge, 'submit', { code: 'sandbox-password' });
    expect(postedCRes(res.text).transStatus).toBe('Y');
  });
});

describe('out-of-band approval in the bank app', () => {
  async function answer(acsTransID: string, decision: 'approve' | 'deny') {
    return request(acs.app).post(`/sandbox/api/approvals/${acsTransID}`).send({ decision });
  }

  async function status(challenge: { acsTransID: string; page: string }) {
    const token = hiddenValue(challenge.page, 'token') ?? '';
    return request(acs.app)
      .post(`/3ds/challenge/${challenge.acsTransID}/status`)
      .type('form')
      .send({ token });
  }

  it('continues with Y once approved, and says so while waiting', async () => {
    const challenge = await begin(cards.oob);
    expect(challenge.page).toContain('data-poll');
    expect((await status(challenge)).body).toEqual({ approved: false, done: false });
    const early = await postAction(acs, challenge, 'submit');
    expect(early.text).not.toContain('name="cres"');
    const pending = await request(acs.app).get('/sandbox/api/approvals');
    expect(pending.body.approvals.map((a: { acsTransID: string }) => a.acsTransID)).toContain(
      challenge.acsTransID,
    );
    expect((await answer(challenge.acsTransID, 'approve')).status).toBe(200);
    expect((await answer(challenge.acsTransID, 'deny')).status).toBe(409);
    expect((await status(challenge)).body).toEqual({ approved: true, done: true });
    const res = await postAction(acs, challenge, 'submit');
    expect(postedCRes(res.text).transStatus).toBe('Y');
    expect(server.received[0]).toMatchObject({ transStatus: 'Y', authenticationType: '03' });
  });

  it('ends N when denied', async () => {
    const challenge = await begin(cards.oob);
    await answer(challenge.acsTransID, 'deny');
    const res = await postAction(acs, challenge, 'submit');
    expect(postedCRes(res.text).transStatus).toBe('N');
    expect(server.received[0]).toMatchObject({ transStatus: 'N', transStatusReason: '01' });
  });

  it('times out when nobody answers', async () => {
    const challenge = await begin(cards.oob);
    acs.advance(601_000);
    await sweepTimeouts(acs.deps);
    const rreq = server.received.find((r) => r.acsTransID === challenge.acsTransID);
    expect(rreq).toMatchObject({ transStatus: 'N', transStatusReason: '14', challengeCancel: '04' });
  });

  it('refuses a cross-site approval and answers bad requests clearly', async () => {
    const challenge = await begin(cards.oob);
    const forged = await request(acs.app)
      .post(`/sandbox/bank-app/${challenge.acsTransID}/approve`)
      .set('origin', 'https://evil.example');
    expect(forged.status).toBe(403);
    const crossSite = await request(acs.app)
      .post(`/sandbox/bank-app/${challenge.acsTransID}/approve`)
      .set('sec-fetch-site', 'cross-site')
      .set('origin', 'null');
    expect(crossSite.status).toBe(403);
    expect(
      (
        await request(acs.app)
          .post(`/sandbox/api/approvals/${challenge.acsTransID}`)
          .send({ decision: 'maybe' })
      ).status,
    ).toBe(400);
    expect((await answer('00000000-0000-4000-8000-000000000000', 'approve')).status).toBe(404);
    const page = await request(acs.app).get('/sandbox/bank-app');
    expect(page.status).toBe(200);
    expect(page.text).toContain(challenge.acsTransID);
  });
});

describe('decoupled authentication', () => {
  async function decoupledAReq(version: '2.2.0' | '2.3.1' = '2.2.0') {
    const areq = validAReq({
      version,
      channel: '02',
      acctNumber: cards.decoupled,
      overrides: {
        threeDSRequestorDecReqInd: 'Y',
        threeDSRequestorDecMaxTime: '00002',
        threeDSServerURL: server.rreqURL,
        notificationURL,
      },
    });
    const ares = (
      await request(acs.app)
        .post('/3ds/areq')
        .set('content-type', 'application/json')
        .send(JSON.stringify(areq))
    ).body as Record<string, unknown>;
    expect(ares).toMatchObject({ transStatus: 'D', acsDecConInd: 'Y' });
    return { areq, ares, acsTransID: String(ares.acsTransID) };
  }

  it.each(['2.2.0', '2.3.1'] as const)('sends RReq Y when approved in the bank app (%s)', async (version) => {
    const { areq, ares, acsTransID } = await decoupledAReq(version);
    await request(acs.app).post(`/sandbox/bank-app/${acsTransID}/approve`).expect(303);
    await server.waitFor(1);
    expect(server.received[0]).toMatchObject({ acsTransID, transStatus: 'Y' });
    expect(checkRReq(server.received[0], { areq, ares })).toEqual([]);
  });

  it('sends RReq N when denied', async () => {
    const { acsTransID } = await decoupledAReq();
    await request(acs.app).post(`/sandbox/bank-app/${acsTransID}/deny`).expect(303);
    expect(server.received[0]).toMatchObject({ acsTransID, transStatus: 'N', transStatusReason: '01' });
  });

  it('sends RReq N/24 with challengeCancel 03 when threeDSRequestorDecMaxTime passes', async () => {
    const { areq, ares, acsTransID } = await decoupledAReq();
    acs.advance(2 * 60_000 + 1000);
    await sweepTimeouts(acs.deps);
    const rreq = server.received.find((r) => r.acsTransID === acsTransID);
    expect(rreq).toMatchObject({ transStatus: 'N', transStatusReason: '24', challengeCancel: '03' });
    expect(checkRReq(rreq, { areq, ares })).toEqual([]);
  });
});

describe('abuse limits', () => {
  it('answers N with reason 04 past the per-card challenge limit', async () => {
    const limited = await createTestAcs({ ACS_LIMIT_CHALLENGES_PER_CARD: '2' });
    try {
      const statuses: unknown[] = [];
      for (let i = 0; i < 3; i++) {
        const areq = validAReq({ version: '2.2.0', channel: '02', acctNumber: '4000000000001000' });
        const res = await request(limited.app)
          .post('/3ds/areq')
          .set('content-type', 'application/json')
          .send(JSON.stringify(areq));
        statuses.push([res.body.transStatus, res.body.transStatusReason]);
      }
      expect(statuses).toEqual([
        ['C', undefined],
        ['C', undefined],
        ['N', '04'],
      ]);
      const metrics = await request(limited.app).get('/metrics');
      expect(metrics.text).toContain('acs_rate_limited_total{limit="challenges-per-card"} 1');
    } finally {
      await limited.close();
    }
  });

  it('refuses texts past the per-phone limit and code posts past the per-address limit', async () => {
    const limited = await createTestAcs({
      ACS_LIMIT_SMS_PER_PHONE: '1',
      ACS_LIMIT_CODE_POSTS_PER_ADDRESS: '2',
    });
    try {
      const started = await startChallengeAuthentication(limited, { threeDSServerURL: server.rreqURL });
      const challenge = await openWindow(limited, started);
      await postAction(limited, challenge, 'resend');
      const res = await request(limited.app)
        .get('/sandbox/api/messages')
        .query({ acsTransID: challenge.acsTransID });
      expect(
        res.body.messages.map((m: { status: string; errorCode: string | null }) => [m.status, m.errorCode]),
      ).toEqual([
        ['failed', 'rate_limited'],
        ['delivered', null],
      ]);
      expect((await postAction(limited, challenge, 'submit', { code: '000000' })).status).toBe(200);
      expect((await postAction(limited, challenge, 'submit', { code: '111111' })).status).toBe(200);
      expect(
        (
          await postAction(limited, challenge, 'submit', {
            code: await latestCode(limited, challenge.acsTransID),
          })
        ).status,
      ).toBe(429);
    } finally {
      await limited.close();
    }
  });
});

it('seeds the credentials the test cards document', () => {
  expect(
    seedFile.cards
      .filter((c) => c.totpSecret !== undefined)
      .map((c) => c.scenario)
      .sort(),
  ).toEqual(['challenge-app', 'challenge-app', 'challenge-choice', 'challenge-choice']);
});
