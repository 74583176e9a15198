/**
 * The admin API's view of what happened: transaction search, one transaction's whole timeline
 * (messages in and out, the decision check, RReq attempts), sending a finished challenge's
 * RReq again exactly as first sent, and the text messages sent, in sandbox mode or not.
 * Every answer is checked against the OpenAPI document too.
 */
import request from 'supertest';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { scenarios } from '../../src/domain/scenario.ts';
import { ensureAdminKey } from '../../src/flows/admin/keys.ts';
import { sweepTimeouts } from '../../src/flows/challenge/sweep-timeouts.ts';
import { validAReq } from '../support/areq-fixtures.ts';
import {
  type DrivenChallenge,
  latestCode,
  openWindow,
  postAction,
  startChallengeAuthentication,
} from '../support/challenge-driver.ts';
import { expectDocumented } from '../support/openapi-conformance.ts';
import { createTestAcs, type TestAcs } from '../support/test-acs.ts';
import { startThreeDSServerDouble, type ThreeDSServerDouble } from '../support/three-ds-server-double.ts';

const key = 'transactions-test-admin-key-0123456789-abc';
const auth = { Authorization: `Bearer ${key}` };
const unknownId = '3f1c2a4e-9b7d-4c1e-8a2f-6d5e4c3b2a19';

let acs: TestAcs;
let server: ThreeDSServerDouble;
beforeAll(async () => {
  acs = await createTestAcs({ ACS_RREQ_RETRY_DELAY_MS: '10', ACS_RREQ_TIMEOUT_MS: '1000' });
  await ensureAdminKey(acs.deps, key);
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

/** Sends a browser AReq for `pan`; returns the AReq and the ARes. */
async function authenticate(pan: string, version: '2.1.0' | '2.2.0' | '2.3.1' = '2.2.0') {
  const areq = validAReq({
    version,
    channel: '02',
    acctNumber: pan,
    overrides: { threeDSServerURL: server.rreqURL },
  });
  const res = await request(acs.app).post('/3ds/areq').set('content-type', 'application/json').send(areq);
  return { areq, ares: res.body as Record<string, unknown> };
}

/** A challenge-sms transaction completed with the right code. */
async function completedChallenge(version: '2.1.0' | '2.2.0' | '2.3.1' = '2.2.0'): Promise<DrivenChallenge> {
  const started = await startChallengeAuthentication(acs, { threeDSServerURL: server.rreqURL, version });
  const challenge = await openWindow(acs, started);
  const res = await postAction(acs, challenge, 'submit', {
    code: await latestCode(acs, challenge.acsTransID),
  });
  expect(res.text).toContain('name="cres"');
  return challenge;
}

/** Waits until the transaction has `count` RReq attempts recorded (background retries). */
async function attemptsReach(acsTransID: string, count: number): Promise<void> {
  const until = Date.now() + 5000;
  while ((await acs.deps.store.listRReqAttempts(acsTransID)).length < count) {
    if (Date.now() > until) throw new Error(`fewer than ${count} RReq attempts`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('transaction search', () => {
  let frictionless: Record<string, unknown>;
  let mastercard: Record<string, unknown>;
  let newest: Record<string, unknown>;

  beforeAll(async () => {
    frictionless = (await authenticate('4000000000000101')).ares;
    acs.advance(1000);
    mastercard = (await authenticate('5200000000000205')).ares;
    acs.advance(1000);
    newest = (await authenticate('4000000000000101', '2.3.1')).ares;
    acs.advance(1000);
  });

  it('lists transactions newest first, as summaries', async () => {
    const res = await request(acs.app).get('/api/admin/transactions').set(auth);
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expectDocumented('get', '/api/admin/transactions', res);
    const listed = res.body.transactions as Record<string, unknown>[];
    expect(listed.slice(0, 3).map((t) => t.acsTransID)).toEqual([
      newest.acsTransID,
      mastercard.acsTransID,
      frictionless.acsTransID,
    ]);
    const card = (await acs.deps.store.listCards()).find((c) => c.maskedPan === '520000******0205');
    expect(listed[1]).toEqual({
      acsTransID: mastercard.acsTransID,
      threeDSServerTransID: mastercard.threeDSServerTransID,
      dsTransID: mastercard.dsTransID,
      messageVersion: '2.2.0',
      deviceChannel: '02',
      messageCategory: '01',
      cardId: card?.id,
      maskedPan: '520000******0205',
      scheme: 'mastercard',
      scenario: 'frictionless-n',
      fault: null,
      faultDelayMs: null,
      decisionCheck: 'scenario-fixed-outcome',
      aresStatus: 'N',
      aresStatusReason: '01',
      state: 'final',
      transStatus: 'N',
      transStatusReason: '01',
      purchase: { amount: '12345', currency: '978', exponent: '2', merchantName: 'Example Shop' },
      createdAt: '2026-11-25T10:00:01.000Z',
      updatedAt: '2026-11-25T10:00:01.000Z',
    });
    expect(res.text).not.toContain('5200000000000205');
  });

  it('filters by any of the three transaction IDs, masked PAN, scenario, time and count', async () => {
    const ids = async (query: Record<string, string>) => {
      const res = await request(acs.app).get('/api/admin/transactions').query(query).set(auth);
      expect({ query, status: res.status }).toEqual({ query, status: 200 });
      return (res.body.transactions as { acsTransID: string }[]).map((t) => t.acsTransID);
    };
    for (const id of ['acsTransID', 'threeDSServerTransID', 'dsTransID'] as const) {
      expect(await ids({ id: String(mastercard[id]) })).toEqual([mastercard.acsTransID]);
    }
    expect(await ids({ id: String(mastercard.acsTransID).toUpperCase() })).toEqual([]);
    expect(await ids({ id: unknownId })).toEqual([]);
    expect(await ids({ maskedPan: '400000******0101' })).toEqual([
      newest.acsTransID,
      frictionless.acsTransID,
    ]);
    expect(await ids({ scenario: 'frictionless-n' })).toEqual([mastercard.acsTransID]);
    expect(await ids({ maskedPan: '400000******0101', limit: '1' })).toEqual([newest.acsTransID]);
    expect(await ids({ maskedPan: '400000******0101', before: '2026-11-25T10:00:02.000Z' })).toEqual([
      frictionless.acsTransID,
    ]);
    expect(await ids({ maskedPan: '400000******0101', before: '2026-11-25T10:00:02Z' })).toEqual([
      frictionless.acsTransID,
    ]);
  });

  it('refuses bad queries, naming the parameter, and never takes a full PAN', async () => {
    const scenarioList = scenarios.join(', ');
    const masked = 'expected a masked PAN: the first 6 digits, 3 to 9 *, the last 4 digits';
    const cases: [string, string][] = [
      ['id=nope', 'invalid or missing: id (expected a UUID)'],
      [`id=${unknownId}&id=${unknownId}`, 'invalid or missing: id'],
      ['maskedPan=4000000000000101', `invalid or missing: maskedPan (${masked})`],
      ['maskedPan=400000**0101', `invalid or missing: maskedPan (${masked})`],
      ['scenario=nope', `invalid or missing: scenario (expected one of ${scenarioList})`],
      [
        'before=yesterday',
        'invalid or missing: before (expected an ISO 8601 UTC time, like 2026-11-25T10:00:00.000Z)',
      ],
      ['limit=0', 'invalid or missing: limit (expected a whole number from 1 to 200)'],
      ['limit=201', 'invalid or missing: limit (expected a whole number from 1 to 200)'],
      ['limit=ten', 'invalid or missing: limit (expected a whole number from 1 to 200)'],
      ['pan=4000000000000101', 'invalid or missing: pan (unknown)'],
    ];
    for (const [query, message] of cases) {
      const res = await request(acs.app).get(`/api/admin/transactions?${query}`).set(auth);
      expect({ query, status: res.status, body: res.body }).toEqual({
        query,
        status: 400,
        body: { error: 'bad_request', message },
      });
      expectDocumented('get', '/api/admin/transactions', res);
      expect(res.text).not.toContain('4000000000000101');
    }
  });
});

describe('one transaction', () => {
  it('tells the whole story of a challenge: transaction, challenge, messages, RReq attempts', async () => {
    const challenge = await completedChallenge();
    const res = await request(acs.app).get(`/api/admin/transactions/${challenge.acsTransID}`).set(auth);
    expect(res.status).toBe(200);
    expectDocumented('get', '/api/admin/transactions/{acsTransID}', res);
    const { transaction, messages, rreqAttempts } = res.body as {
      transaction: Record<string, unknown>;
      messages: { messageType: string; direction: string; body: Record<string, unknown> }[];
      rreqAttempts: Record<string, unknown>[];
    };
    expect(transaction).toMatchObject({
      acsTransID: challenge.acsTransID,
      maskedPan: '400000******1000',
      scenario: 'challenge-sms',
      decisionCheck: 'scenario-challenge',
      aresStatus: 'C',
      state: 'final',
      transStatus: 'Y',
      authenticationMethod: 'sms',
      threeDSServerURL: server.rreqURL,
      result: {
        transStatus: 'Y',
        transStatusReason: null,
        eci: '05',
        authenticationValue: server.received[0]?.authenticationValue,
        challengeCancel: null,
        interactionCounter: 1,
        completedAt: expect.any(String),
      },
    });
    // The challenge's counters as last saved while the window was open: the answer that ended it
    // is counted in result.interactionCounter (docs/admin-api.md).
    expect(res.body.challenge).toEqual({
      method: 'sms',
      methods: ['sms'],
      windowSize: '05',
      codesSent: 1,
      wrongAttempts: 0,
      interactionCounter: 0,
      codeExpiresAt: expect.any(String),
      startedAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    expect(messages.map((m) => `${m.direction} ${m.messageType}`)).toEqual([
      'in AReq',
      'out ARes',
      'in CReq',
      'out CRes',
      'out RReq',
      'in RRes',
    ]);
    expect(messages[0]?.body.acctNumber).toBe('400000******1000');
    expect(messages[4]?.body).toEqual(server.received[0]);
    expect(rreqAttempts).toEqual([
      {
        attempt: 1,
        outcome: 'delivered',
        httpStatus: 200,
        detail: null,
        verdict: { expected: 'RRes', received: 'RRes', deviations: [] },
        at: expect.any(String),
      },
    ]);
    expect(res.text).not.toContain('4000000000001000');
    expect(res.text).not.toMatch(/codeHash|threeDSSessionData|lastTotpStep|acsEphemeralKeySealed/);
  });

  it('never shows the sealed app-channel key', async () => {
    // Its own ACS: an app-channel challenge left waiting must not reach the sweeper of the others.
    const appAcs = await createTestAcs();
    try {
      await ensureAdminKey(appAcs.deps, key);
      const areq = validAReq({ version: '2.2.0', channel: '01', acctNumber: '4000000000001000' });
      const ares = await request(appAcs.app)
        .post('/3ds/areq')
        .set('content-type', 'application/json')
        .send(areq);
      expect(ares.body.transStatus).toBe('C');
      const sealed = (await appAcs.deps.store.getTransaction(ares.body.acsTransID))?.acsEphemeralKeySealed;
      expect(sealed).toBeDefined();
      const res = await request(appAcs.app).get(`/api/admin/transactions/${ares.body.acsTransID}`).set(auth);
      expect(res.status).toBe(200);
      expectDocumented('get', '/api/admin/transactions/{acsTransID}', res);
      expect(res.body.transaction).toMatchObject({
        deviceChannel: '01',
        state: 'awaiting-creq',
        result: null,
      });
      expect(res.body.challenge).toBeNull();
      expect(res.text).not.toContain(String(sealed));
    } finally {
      await appAcs.close();
    }
  });

  it('answers 404 for an unknown or malformed acsTransID', async () => {
    for (const id of [unknownId, 'not-a-uuid']) {
      const res = await request(acs.app).get(`/api/admin/transactions/${id}`).set(auth);
      expect({ status: res.status, body: res.body }).toEqual({
        status: 404,
        body: { error: 'not_found', message: 'no transaction with that acsTransID' },
      });
      expectDocumented('get', '/api/admin/transactions/{acsTransID}', res);
    }
  });
});

describe('sending the RReq again', () => {
  it('sends the same RReq the 3DS Server missed, and records the new attempt', async () => {
    server.mode = 'fail';
    const challenge = await completedChallenge('2.3.1');
    await attemptsReach(challenge.acsTransID, 3);
    const original = server.received[0];
    expect(server.received).toHaveLength(3);

    server.mode = 'ok';
    server.received.length = 0;
    const res = await request(acs.app).post(`/api/admin/transactions/${challenge.acsTransID}/rreq`).set(auth);
    expect(res.status).toBe(200);
    expectDocumented('post', '/api/admin/transactions/{acsTransID}/rreq', res);
    expect(res.body).toEqual({
      delivered: true,
      rreq: original,
      rreqAttempts: [
        ...[1, 2, 3].map((attempt) => ({
          attempt,
          outcome: 'http-error',
          httpStatus: 500,
          detail: null,
          verdict: null,
          at: expect.any(String),
        })),
        {
          attempt: 1,
          outcome: 'delivered',
          httpStatus: 200,
          detail: null,
          verdict: { expected: 'RRes', received: 'RRes', deviations: [] },
          at: expect.any(String),
        },
      ],
    });
    expect(server.received).toEqual([original]);
    expect(original).toMatchObject({
      messageVersion: '2.3.1',
      transStatus: 'Y',
      authenticationMethod: ['02'],
    });

    const detail = await request(acs.app).get(`/api/admin/transactions/${challenge.acsTransID}`).set(auth);
    const timeline = (detail.body.messages as { direction: string; messageType: string }[]).map(
      (m) => `${m.direction} ${m.messageType}`,
    );
    expect(timeline.slice(-3)).toEqual(['out RReq', 'out RReq', 'in RRes']);
  });

  it('reports a failed resend as not delivered, with retries as usual', async () => {
    const challenge = await completedChallenge();
    server.mode = 'fail';
    const res = await request(acs.app)
      .post(`/api/admin/transactions/${challenge.acsTransID}/rreq`)
      .set(auth)
      .send({});
    expect(res.status).toBe(200);
    expect(res.body.delivered).toBe(false);
    expect((res.body.rreqAttempts as { outcome: string }[]).map((a) => a.outcome)).toEqual([
      'delivered',
      'http-error',
    ]);
    await attemptsReach(challenge.acsTransID, 4);
    expect(server.received).toHaveLength(4);
    expect(new Set(server.received.map((r) => JSON.stringify(r))).size).toBe(1);
  });

  it('rebuilds a timed-out challenge (no window was ever opened) the same way', async () => {
    const started = await startChallengeAuthentication(acs, { threeDSServerURL: server.rreqURL });
    acs.advance(31_000);
    await sweepTimeouts(acs.deps);
    const acsTransID = String(started.ares.acsTransID);
    const original = server.received.find((r) => r.acsTransID === acsTransID);
    expect(original).toMatchObject({ transStatus: 'N', transStatusReason: '14', challengeCancel: '05' });
    server.received.length = 0;
    const res = await request(acs.app).post(`/api/admin/transactions/${acsTransID}/rreq`).set(auth);
    expect({ status: res.status, delivered: res.body.delivered, rreq: res.body.rreq }).toEqual({
      status: 200,
      delivered: true,
      rreq: original,
    });
    expect(server.received).toEqual([original]);
  });

  it('refuses when there is no challenge result to report (409)', async () => {
    const frictionless = await authenticate('4000000000000101');
    const pending = await startChallengeAuthentication(acs, { threeDSServerURL: server.rreqURL });
    const cases: [unknown, string][] = [
      [frictionless.ares.acsTransID, 'the transaction was not challenged (ARes Y): no RReq to send'],
      [pending.ares.acsTransID, 'the challenge has not ended: no result to report yet'],
    ];
    for (const [id, message] of cases) {
      const res = await request(acs.app).post(`/api/admin/transactions/${id}/rreq`).set(auth);
      expect({ status: res.status, body: res.body }).toEqual({
        status: 409,
        body: { error: 'conflict', message },
      });
      expectDocumented('post', '/api/admin/transactions/{acsTransID}/rreq', res);
    }
    expect(server.received).toEqual([]);
  });

  it('refuses unknown transactions and bodies with fields', async () => {
    for (const id of [unknownId, 'not-a-uuid']) {
      const res = await request(acs.app).post(`/api/admin/transactions/${id}/rreq`).set(auth);
      expect({ status: res.status, body: res.body }).toEqual({
        status: 404,
        body: { error: 'not_found', message: 'no transaction with that acsTransID' },
      });
    }
    const challenge = await completedChallenge();
    server.received.length = 0;
    const path = `/api/admin/transactions/${challenge.acsTransID}/rreq`;
    const withField = await request(acs.app).post(path).set(auth).send({ force: true });
    expect({ status: withField.status, body: withField.body }).toEqual({
      status: 400,
      body: { error: 'bad_request', message: 'invalid or missing: force (unknown)' },
    });
    const form = await request(acs.app).post(path).set(auth).type('form').send({ a: '1' });
    expect(form.status).toBe(415);
    expectDocumented('post', '/api/admin/transactions/{acsTransID}/rreq', form);
    expect(server.received).toEqual([]);
  });
});

describe('text messages', () => {
  it('lists what was sent, with the code, filtered by transaction or phone', async () => {
    const challenge = await completedChallenge();
    const res = await request(acs.app)
      .get('/api/admin/messages')
      .query({ acsTransID: challenge.acsTransID })
      .set(auth);
    expect(res.status).toBe(200);
    expectDocumented('get', '/api/admin/messages', res);
    const [message] = res.body.messages as Record<string, unknown>[];
    expect(res.body.messages).toHaveLength(1);
    const phone = (await acs.deps.store.listCards()).find((c) => c.maskedPan === '400000******1000')?.phone;
    expect(phone).toMatch(/^\+[0-9]+$/);
    expect(message).toEqual({
      id: expect.any(String),
      to: phone,
      body: expect.stringContaining(String(message?.code)),
      code: expect.stringMatching(/^[0-9]{6}$/),
      acsTransID: challenge.acsTransID,
      status: 'delivered',
      errorCode: null,
      createdAt: expect.any(String),
    });
    const sandbox = await request(acs.app)
      .get('/sandbox/api/messages')
      .query({ acsTransID: challenge.acsTransID });
    // The sandbox's own inbox answers the very same object, errorCode null included.
    expect(sandbox.body.messages).toStrictEqual([message]);

    const digits = String(phone).slice(1);
    for (const to of [`%2B${digits}`, digits, `+${digits}`]) {
      const byPhone = await request(acs.app).get(`/api/admin/messages?to=${to}&limit=1`).set(auth);
      expect({
        to,
        status: byPhone.status,
        ids: byPhone.body.messages.map((m: { id: string }) => m.id),
      }).toEqual({
        to,
        status: 200,
        ids: [message?.id],
      });
    }
  });

  it('refuses bad queries, naming the parameter', async () => {
    const cases: [string, string][] = [
      [
        'to=abc',
        'invalid or missing: to (expected a phone number in E.164 form (write + as %2B, or leave it out))',
      ],
      ['acsTransID=nope', 'invalid or missing: acsTransID (expected a UUID)'],
      ['limit=0', 'invalid or missing: limit (expected a whole number from 1 to 200)'],
      ['phone=15555550101', 'invalid or missing: phone (unknown)'],
    ];
    for (const [query, message] of cases) {
      const res = await request(acs.app).get(`/api/admin/messages?${query}`).set(auth);
      expect({ query, status: res.status, body: res.body }).toEqual({
        query,
        status: 400,
        body: { error: 'bad_request', message },
      });
    }
  });

  it('works outside sandbox mode, where the sandbox inbox does not exist', async () => {
    const live = await createTestAcs({ ACS_SANDBOX: 'false' });
    try {
      await ensureAdminKey(live.deps, key);
      const started = await startChallengeAuthentication(live, { threeDSServerURL: server.rreqURL });
      await openWindow(live, started);
      expect((await request(live.app).get('/sandbox/api/messages')).status).toBe(404);
      const res = await request(live.app)
        .get('/api/admin/messages')
        .query({ acsTransID: String(started.ares.acsTransID) })
        .set(auth);
      expect(res.status).toBe(200);
      expectDocumented('get', '/api/admin/messages', res);
      expect(res.body.messages).toHaveLength(1);
      expect(res.body.messages[0].code).toMatch(/^[0-9]{6}$/);
    } finally {
      await live.close();
    }
  });
});
