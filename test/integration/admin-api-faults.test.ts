/**
 * Requestor faults (docs/faults.md) through the admin API: a card's fault and delay set at
 * creation, changed and cleared with PATCH, with clear refusals for a delay the fault cannot
 * take; a transaction keeps the fault its card had at AReq time and shows it, with its fault
 * entries in the timeline; every RReq attempt shows the verdict on the 3DS Server's reply.
 * Every answer is checked against the OpenAPI document.
 */
import request from 'supertest';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { faults } from '../../src/domain/fault.ts';
import { ensureAdminKey } from '../../src/flows/admin/keys.ts';
import { validAReq } from '../support/areq-fixtures.ts';
import {
  latestCode,
  openWindow,
  postAction,
  startChallengeAuthentication,
} from '../support/challenge-driver.ts';
import { expectDocumented } from '../support/openapi-conformance.ts';
import { createTestAcs, type TestAcs } from '../support/test-acs.ts';
import { startThreeDSServerDouble, type ThreeDSServerDouble } from '../support/three-ds-server-double.ts';

const key = 'admin-faults-test-admin-key-0123456789-ab';
const auth = { Authorization: `Bearer ${key}` };
/** Luhn-valid Visa PANs no seed card uses. */
const newPan = '4000000000009011';
const otherPan = '4000000000009029';
const delayRule = 'applies only with fault rreq-late, challenge-slow, ares-late in the same body';

let acs: TestAcs;
let server: ThreeDSServerDouble;
beforeAll(async () => {
  acs = await createTestAcs({ ACS_RREQ_RETRY_DELAY_MS: '10', ACS_RREQ_MAX_ATTEMPTS: '2' });
  await ensureAdminKey(acs.deps, key);
  server = await startThreeDSServerDouble();
});
afterAll(async () => {
  await acs.close();
  await server.close();
});
beforeEach(() => {
  server.mode = 'ok';
  server.respond = undefined;
  server.received.length = 0;
});

async function createCard(body: Record<string, unknown>) {
  const res = await request(acs.app).post('/api/admin/cards').set(auth).send(body);
  expectDocumented('post', '/api/admin/cards', res);
  return res;
}

async function patchCard(id: string, body: Record<string, unknown>) {
  const res = await request(acs.app).patch(`/api/admin/cards/${id}`).set(auth).send(body);
  expectDocumented('patch', '/api/admin/cards/{id}', res);
  return res;
}

/** Waits until the transaction has `count` RReq attempts recorded (background retries). */
async function attemptsReach(acsTransID: string, count: number): Promise<void> {
  const until = Date.now() + 5000;
  while ((await acs.deps.store.listRReqAttempts(acsTransID)).length < count) {
    if (Date.now() > until) throw new Error(`fewer than ${count} RReq attempts`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe("a card's fault", () => {
  it('is set at creation, changed and cleared, its delay with it', async () => {
    const created = await createCard({
      pan: newPan,
      scenario: 'challenge-sms',
      phone: '+447700900123',
      fault: 'rreq-late',
      faultDelayMs: 7000,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ fault: 'rreq-late', faultDelayMs: 7000 });
    const id = String(created.body.id);

    const changed = await patchCard(id, { fault: 'rreq-twice' });
    expect({ status: changed.status, fault: changed.body.fault, delay: changed.body.faultDelayMs }).toEqual({
      status: 200,
      fault: 'rreq-twice',
      delay: null,
    });
    const delayed = await patchCard(id, { fault: 'challenge-slow', faultDelayMs: 120000 });
    expect(delayed.body).toMatchObject({ fault: 'challenge-slow', faultDelayMs: 120000 });
    // A change that leaves the fault alone leaves its delay alone.
    const renamed = await patchCard(id, { cardholderName: 'Fay Fault' });
    expect(renamed.body).toMatchObject({ fault: 'challenge-slow', faultDelayMs: 120000 });

    const cleared = await patchCard(id, { fault: null });
    expect(cleared.body).toMatchObject({ fault: null, faultDelayMs: null });
    const got = await request(acs.app).get(`/api/admin/cards/${id}`).set(auth);
    expectDocumented('get', '/api/admin/cards/{id}', got);
    expect(got.body).toMatchObject({ fault: null, faultDelayMs: null, scenario: 'challenge-sms' });
    await request(acs.app).delete(`/api/admin/cards/${id}`).set(auth);
  });

  it('shows on the seeded fault cards', async () => {
    const res = await request(acs.app).get('/api/admin/cards').set(auth);
    expectDocumented('get', '/api/admin/cards', res);
    const shown = (res.body.cards as { fault: string | null }[]).map((card) => card.fault);
    for (const fault of faults) expect(shown).toContain(fault);
  });

  it('refuses a delay the fault cannot take, an unknown fault, and a delay out of range', async () => {
    const created = await createCard({ pan: otherPan, scenario: 'challenge-sms', fault: 'ares-late' });
    expect(created.status).toBe(201);
    const id = String(created.body.id);
    const cases: [Record<string, unknown>, string][] = [
      [{ fault: 'rreq-twice', faultDelayMs: 1000 }, `faultDelayMs (${delayRule})`],
      [{ faultDelayMs: 1000 }, `faultDelayMs (${delayRule})`],
      [{ fault: null, faultDelayMs: 1000 }, `faultDelayMs (${delayRule})`],
      [{ fault: 'ares-late', faultDelayMs: 120001 }, 'faultDelayMs (must be at most 120000)'],
      [{ fault: 'ares-late', faultDelayMs: -1 }, 'faultDelayMs (must be at least 0)'],
      [{ fault: 'ares-late', faultDelayMs: 1.5 }, 'faultDelayMs'],
      [{ fault: 'ares-late', faultDelayMs: '1000' }, 'faultDelayMs'],
      [{ fault: 'rreq-sometimes' }, `fault (expected one of ${faults.join(', ')})`],
    ];
    for (const [body, fields] of cases) {
      const res = await patchCard(id, body);
      expect({ body, status: res.status, answer: res.body }).toEqual({
        body,
        status: 400,
        answer: { error: 'bad_request', message: `invalid or missing: ${fields}` },
      });
    }
    const refusedAtCreation = await createCard({
      pan: '4000000000009037',
      scenario: 'challenge-sms',
      fault: 'cres-twice',
      faultDelayMs: 10,
    });
    expect({ status: refusedAtCreation.status, message: refusedAtCreation.body.message }).toEqual({
      status: 400,
      message: `invalid or missing: faultDelayMs (${delayRule})`,
    });
    // Nothing changed by the refusals.
    const got = await request(acs.app).get(`/api/admin/cards/${id}`).set(auth);
    expect(got.body).toMatchObject({ fault: 'ares-late', faultDelayMs: null });
    await request(acs.app).delete(`/api/admin/cards/${id}`).set(auth);
  });
});

describe("a fault card's transaction", () => {
  it('shows the fault the card had at AReq time, and its fault entry', async () => {
    const created = await createCard({
      pan: newPan,
      scenario: 'challenge-sms',
      phone: '+447700900123',
      fault: 'ares-late',
      faultDelayMs: 2500,
    });
    const id = String(created.body.id);
    const sleeps = acs.sleeps.length;
    const areq = validAReq({ version: '2.2.0', channel: '02', acctNumber: newPan });
    const ares = await request(acs.app).post('/3ds/areq').set('content-type', 'application/json').send(areq);
    expect(ares.body.transStatus).toBe('C');
    expect(acs.sleeps.slice(sleeps)).toEqual([2500]);
    // A later change of the card does not reach the transaction.
    await patchCard(id, { fault: null });

    const res = await request(acs.app).get(`/api/admin/transactions/${ares.body.acsTransID}`).set(auth);
    expectDocumented('get', '/api/admin/transactions/{acsTransID}', res);
    expect(res.body.transaction).toMatchObject({ fault: 'ares-late', faultDelayMs: 2500, aresStatus: 'C' });
    const messages = res.body.messages as { messageType: string; direction: string; body: unknown }[];
    expect(messages.map((m) => m.messageType)).toEqual(['AReq', 'Fault', 'ARes']);
    expect(messages[1]).toMatchObject({
      direction: 'out',
      encryptedLength: null,
      body: {
        fault: 'ares-late',
        action: 'ARes held back 2500 ms before it was sent',
        applied: true,
        trueTransStatus: 'C',
      },
    });
    const listed = await request(acs.app)
      .get('/api/admin/transactions')
      .query({ id: ares.body.acsTransID })
      .set(auth);
    expectDocumented('get', '/api/admin/transactions', listed);
    expect(listed.body.transactions[0]).toMatchObject({ fault: 'ares-late', faultDelayMs: 2500 });
    await request(acs.app).delete(`/api/admin/cards/${id}`).set(auth);
  });

  it('a transaction without a fault shows null', async () => {
    const areq = validAReq({ version: '2.2.0', channel: '02', acctNumber: '4000000000000101' });
    const ares = await request(acs.app).post('/3ds/areq').set('content-type', 'application/json').send(areq);
    const res = await request(acs.app).get(`/api/admin/transactions/${ares.body.acsTransID}`).set(auth);
    expect(res.body.transaction).toMatchObject({ fault: null, faultDelayMs: null });
  });
});

describe('RReq attempts', () => {
  it('show the verdict on each reply: a conforming RRes, a faulty one, none at all', async () => {
    let n = 0;
    server.respond = (rreq) => {
      n++;
      if (n === 1) return { status: 500, body: 'down' };
      return {
        status: 200,
        body: {
          messageType: 'RRes',
          messageVersion: rreq.messageVersion,
          threeDSServerTransID: rreq.threeDSServerTransID,
          acsTransID: rreq.acsTransID,
          dsTransID: rreq.dsTransID,
          resultsStatus: '99',
        },
      };
    };
    const started = await startChallengeAuthentication(acs, { threeDSServerURL: server.rreqURL });
    const challenge = await openWindow(acs, started);
    await postAction(acs, challenge, 'submit', { code: await latestCode(acs, challenge.acsTransID) });
    await attemptsReach(challenge.acsTransID, 2);

    const res = await request(acs.app).get(`/api/admin/transactions/${challenge.acsTransID}`).set(auth);
    expectDocumented('get', '/api/admin/transactions/{acsTransID}', res);
    const attempts = res.body.rreqAttempts as { outcome: string; verdict: unknown }[];
    expect(attempts[0]).toMatchObject({ attempt: 1, outcome: 'http-error', httpStatus: 500, verdict: null });
    expect(attempts[1]).toMatchObject({
      attempt: 2,
      outcome: 'invalid-rres',
      verdict: { expected: 'RRes', received: 'RRes', deviations: [expect.stringContaining('resultsStatus')] },
    });

    server.respond = undefined;
    const resent = await request(acs.app)
      .post(`/api/admin/transactions/${challenge.acsTransID}/rreq`)
      .set(auth);
    expectDocumented('post', '/api/admin/transactions/{acsTransID}/rreq', resent);
    expect(resent.body.rreqAttempts.at(-1)).toMatchObject({
      outcome: 'delivered',
      verdict: { expected: 'RRes', received: 'RRes', deviations: [] },
    });
  });
});
