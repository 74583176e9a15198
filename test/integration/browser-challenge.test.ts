/**
 * The browser challenge end to end over HTTP (docs/flows.md, "Browser challenge" and "Framing
 * and headers"): codes, resends, expiry, cancel, timeouts, replays, RReq delivery and the final
 * CRes.
 */
import request from 'supertest';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sweepTimeouts } from '../../src/flows/challenge/sweep-timeouts.ts';
import { validAReq } from '../support/areq-fixtures.ts';
import {
  encodeCReq,
  hiddenValue,
  latestCode,
  notificationURL,
  openWindow,
  postAction,
  postedCRes,
  startChallengeAuthentication,
} from '../support/challenge-driver.ts';
import { checkFinalCRes } from '../support/message-rules/check-final-cres.ts';
import { checkRReq } from '../support/message-rules/check-rreq.ts';
import { createTestAcs, type TestAcs } from '../support/test-acs.ts';
import { startThreeDSServerDouble, type ThreeDSServerDouble } from '../support/three-ds-server-double.ts';

let acs: TestAcs;
let server: ThreeDSServerDouble;
beforeAll(async () => {
  acs = await createTestAcs({ ACS_RREQ_RETRY_DELAY_MS: '20', ACS_RREQ_TIMEOUT_MS: '1000' });
  server = await startThreeDSServerDouble();
});
afterAll(async () => {
  await acs.close();
  await server.close();
});
beforeEach(() => {
  server.mode = 'ok';
  server.received.length = 0;
});

async function begin(
  overrides: Record<string, unknown> = {},
  version: '2.1.0' | '2.2.0' | '2.3.1' = '2.2.0',
) {
  const started = await startChallengeAuthentication(acs, {
    threeDSServerURL: server.rreqURL,
    version,
    overrides,
  });
  return openWindow(acs, started, { sessionData: 'c2Vzc2lvbi1kYXRhLTEyMw' });
}

describe('browser challenge', () => {
  it.each(['2.1.0', '2.2.0', '2.3.1'] as const)('succeeds with the SMS code (%s)', async (version) => {
    const challenge = await begin({}, version);
    expect(challenge.page).toContain('Visa Secure');
    expect(challenge.page).toContain('autocomplete="one-time-code"');
    const res = await postAction(acs, challenge, 'submit', {
      code: await latestCode(acs, challenge.acsTransID),
    });
    expect(res.status).toBe(200);
    expect(res.text).toContain(`action="${notificationURL.replaceAll('&', '&amp;')}"`);
    expect(hiddenValue(res.text, 'threeDSSessionData')).toBe('c2Vzc2lvbi1kYXRhLTEyMw');
    const cres = postedCRes(res.text);
    expect(cres).toMatchObject({ messageType: 'CRes', transStatus: 'Y', acsTransID: challenge.acsTransID });
    expect(checkFinalCRes(cres, { areq: challenge.areq, ares: challenge.ares })).toEqual([]);

    expect(server.received).toHaveLength(1);
    const rreq = server.received[0];
    expect(checkRReq(rreq, { areq: challenge.areq, ares: challenge.ares })).toEqual([]);
    expect(rreq).toMatchObject({ transStatus: 'Y', eci: '05', interactionCounter: '01' });
    expect(String(rreq?.authenticationValue)).toHaveLength(28);
    const attempts = await acs.deps.store.listRReqAttempts(challenge.acsTransID);
    expect(attempts.map((a) => a.outcome)).toEqual(['delivered']);

    const result = await request(acs.app).get(`/3ds/transactions/${challenge.acsTransID}/result`);
    const payload = JSON.parse(Buffer.from(result.text.split('.')[1] as string, 'base64url').toString());
    expect(payload).toMatchObject({ transStatus: 'Y', authenticationValue: rreq?.authenticationValue });
  });

  it('ends N/19 after three wrong codes, counted across a resend', async () => {
    const challenge = await begin();
    let res = await postAction(acs, challenge, 'submit', { code: '000000' });
    expect(res.text).toContain('role="alert"');
    res = await postAction(acs, challenge, 'resend');
    res = await postAction(acs, challenge, 'submit', { code: '111111' });
    res = await postAction(acs, challenge, 'submit', { code: '222222' });
    const cres = postedCRes(res.text);
    expect(cres.transStatus).toBe('N');
    expect(server.received[0]).toMatchObject({
      transStatus: 'N',
      transStatusReason: '19',
      interactionCounter: '03',
    });
    expect(checkRReq(server.received[0], { areq: challenge.areq, ares: challenge.ares })).toEqual([]);
  });

  it('refuses the old code after a resend and accepts the new one', async () => {
    const challenge = await begin();
    const first = await latestCode(acs, challenge.acsTransID);
    await postAction(acs, challenge, 'resend');
    const second = await latestCode(acs, challenge.acsTransID);
    if (first !== second) {
      const refused = await postAction(acs, challenge, 'submit', { code: first });
      expect(refused.text).not.toContain('name="cres"');
      expect(refused.text).toContain('That code is not correct.');
    }
    const accepted = await postAction(acs, challenge, 'submit', { code: second });
    expect(postedCRes(accepted.text).transStatus).toBe('Y');
  });

  it('refuses an expired code', async () => {
    const challenge = await begin();
    const code = await latestCode(acs, challenge.acsTransID);
    acs.advance(301_000);
    const res = await postAction(acs, challenge, 'submit', { code });
    expect(res.status).toBe(200);
    expect(res.text).not.toContain('name="cres"');
    expect(res.text).toContain('That code has expired.');
    // An expired code costs no attempt.
    expect((await acs.deps.store.getChallenge(challenge.acsTransID))?.wrongAttempts).toBe(0);
    expect(server.received).toHaveLength(0);
  });

  it('cancels with challengeCancel 01', async () => {
    const challenge = await begin();
    const res = await postAction(acs, challenge, 'cancel');
    expect(postedCRes(res.text).transStatus).toBe('N');
    expect(server.received[0]).toMatchObject({ transStatus: 'N', challengeCancel: '01' });
  });

  it('times out with challengeCancel 05 when no CReq arrives', async () => {
    const { ares } = await startChallengeAuthentication(acs, { threeDSServerURL: server.rreqURL });
    acs.advance(31_000);
    expect(await sweepTimeouts(acs.deps)).toBeGreaterThanOrEqual(1);
    const rreq = server.received.find((r) => r.acsTransID === ares.acsTransID);
    expect(rreq).toMatchObject({ transStatus: 'N', transStatusReason: '14', challengeCancel: '05' });
  });

  it('times out an app-channel challenge too, reporting how it would have been rendered', async () => {
    const areq = validAReq({
      version: '2.2.0',
      channel: '01',
      acctNumber: '4000000000001000',
      overrides: { threeDSServerURL: server.rreqURL },
    });
    const ares = (
      await request(acs.app)
        .post('/3ds/areq')
        .set('content-type', 'application/json')
        .send(JSON.stringify(areq))
    ).body as Record<string, unknown>;
    expect(ares.transStatus).toBe('C');
    acs.advance(31_000);
    await sweepTimeouts(acs.deps);
    const rreq = server.received.find((r) => r.acsTransID === ares.acsTransID);
    expect(rreq).toMatchObject({
      transStatus: 'N',
      challengeCancel: '05',
      acsRenderingType: { acsInterface: '01' },
    });
    expect(checkRReq(rreq, { areq, ares })).toEqual([]);
  });

  it('times out an abandoned window with challengeCancel 04', async () => {
    const challenge = await begin();
    acs.advance(601_000);
    await sweepTimeouts(acs.deps);
    const rreq = server.received.find((r) => r.acsTransID === challenge.acsTransID);
    expect(rreq).toMatchObject({ transStatus: 'N', transStatusReason: '14', challengeCancel: '04' });
    const late = await postAction(acs, challenge, 'submit', {
      code: await latestCode(acs, challenge.acsTransID),
    });
    expect(late.status).toBe(409);
  });

  it('gives a second post after completion an error page and no second RReq', async () => {
    const challenge = await begin();
    const code = await latestCode(acs, challenge.acsTransID);
    const token = hiddenValue(challenge.page, 'token') ?? '';
    await postAction(acs, challenge, 'submit', { code });
    const replay = await request(acs.app)
      .post(`/3ds/challenge/${challenge.acsTransID}/submit`)
      .type('form')
      .send({ token, code });
    expect(replay.status).toBe(409);
    expect(replay.text).not.toContain('name="cres"');
    const creqAgain = await request(acs.app)
      .post('/3ds/challenge')
      .type('form')
      .send({ creq: encodeCReq(challenge.areq, challenge.acsTransID) });
    expect(creqAgain.status).toBe(409);
    expect(server.received).toHaveLength(1);
  });

  it('still posts the final CRes promptly when threeDSServerURL is down, and records each attempt', async () => {
    server.mode = 'fail';
    const challenge = await begin();
    const res = await postAction(acs, challenge, 'submit', {
      code: await latestCode(acs, challenge.acsTransID),
    });
    expect(postedCRes(res.text).transStatus).toBe('Y');
    await server.waitFor(3);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const attempts = await acs.deps.store.listRReqAttempts(challenge.acsTransID);
    expect(attempts.map((a) => [a.attempt, a.outcome, a.httpStatus])).toEqual([
      [1, 'http-error', 500],
      [2, 'http-error', 500],
      [3, 'http-error', 500],
    ]);
  });

  it('shows a hostile merchantName as text', async () => {
    const challenge = await begin({ merchantName: '<script>alert(1)</script>' });
    expect(challenge.page).not.toContain('<script>alert(1)</script>');
    expect(challenge.page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('accepts padded and unpadded creq alike', async () => {
    for (const padded of [true, false]) {
      const started = await startChallengeAuthentication(acs, { threeDSServerURL: server.rreqURL });
      const challenge = await openWindow(acs, started, { padded });
      expect(hiddenValue(challenge.page, 'token')).toBeDefined();
    }
  });

  it('answers a creq that is not base64url JSON with an error page', async () => {
    for (const creq of ['', '!!!', Buffer.from('not json').toString('base64url'), 'e30']) {
      const res = await request(acs.app).post('/3ds/challenge').type('form').send({ creq });
      expect([400, 404]).toContain(res.status);
      expect(res.text).toContain('<!doctype html>');
    }
  });

  it('ends the transaction and posts an Erro when a CReq names it with a wrong threeDSServerTransID', async () => {
    const started = await startChallengeAuthentication(acs, { threeDSServerURL: server.rreqURL });
    const bad = { ...started.areq, threeDSServerTransID: '0d4b4b2e-7d1c-4e39-9f6e-5a1f7c2b9e10' };
    const res = await request(acs.app)
      .post('/3ds/challenge')
      .type('form')
      .send({ creq: encodeCReq(bad, String(started.ares.acsTransID)), threeDSSessionData: 'abc' });
    expect(res.status).toBe(200);
    const erro = postedCRes(res.text);
    expect(erro).toMatchObject({ messageType: 'Erro', errorCode: '301', errorComponent: 'A' });
    expect(hiddenValue(res.text, 'threeDSSessionData')).toBe('abc');
    expect(server.received[0]).toMatchObject({ messageType: 'Erro', errorCode: '301' });
    expect((await acs.deps.store.getTransaction(String(started.ares.acsTransID)))?.result?.transStatus).toBe(
      'U',
    );
  });

  it('refuses a form post with a forged or missing token', async () => {
    const challenge = await begin();
    for (const token of ['', 'abc.def', `${hiddenValue(challenge.page, 'token')}x`]) {
      const res = await request(acs.app)
        .post(`/3ds/challenge/${challenge.acsTransID}/submit`)
        .type('form')
        .send({ token, code: await latestCode(acs, challenge.acsTransID) });
      expect(res.status).toBe(403);
    }
    expect(server.received).toHaveLength(0);
  });
});

describe('challenge page headers', () => {
  it('can be framed, sets no cookie, is never cached, and widens form-action only to post the CRes', async () => {
    const started = await startChallengeAuthentication(acs, { threeDSServerURL: server.rreqURL });
    const creq = encodeCReq(started.areq, String(started.ares.acsTransID));
    const res = await request(acs.app).post('/3ds/challenge').type('form').send({ creq });
    expect(res.headers['x-frame-options']).toBeUndefined();
    expect(res.headers['content-security-policy']).toContain('frame-ancestors *');
    expect(res.headers['content-security-policy']).toContain("form-action 'self';");
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['set-cookie']).toBeUndefined();

    const challenge = { ...started, acsTransID: String(started.ares.acsTransID), page: res.text };
    const done = await postAction(acs, challenge, 'cancel');
    expect(done.headers['content-security-policy']).toContain("form-action 'self' https://merchant.test");
  });

  it("keeps helmet's strict defaults on other pages", async () => {
    const res = await request(acs.app).get('/healthz');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
  });
});

describe('sandbox inbox', () => {
  it('lists messages newest first with the code, as docs/sms-delivery.md describes', async () => {
    const challenge = await begin();
    await postAction(acs, challenge, 'resend');
    const res = await request(acs.app)
      .get('/sandbox/api/messages')
      .query({ acsTransID: challenge.acsTransID });
    const messages = res.body.messages as Record<string, unknown>[];
    expect(messages).toHaveLength(2);
    expect(Object.keys(messages[0] ?? {}).sort()).toEqual(
      ['acsTransID', 'body', 'code', 'createdAt', 'errorCode', 'id', 'status', 'to'].sort(),
    );
    expect(messages[0]).toMatchObject({
      acsTransID: challenge.acsTransID,
      status: 'delivered',
      errorCode: null,
      to: '+15555550106',
    });
    expect(String(messages[0]?.body)).toContain(String(messages[0]?.code));
    expect(String(messages[0]?.body)).toContain('Example Shop');
    expect(String(messages[0]?.body)).toContain('123.45');
    const page = await request(acs.app).get('/sandbox');
    expect(page.status).toBe(200);
    expect(page.text).toContain(String(messages[0]?.code));
  });

  it('refuses bad filters with 400', async () => {
    for (const query of [{ to: 'abc' }, { acsTransID: 'x' }, { limit: '0' }, { limit: 'many' }]) {
      const res = await request(acs.app).get('/sandbox/api/messages').query(query);
      expect(res.status).toBe(400);
    }
  });
});
