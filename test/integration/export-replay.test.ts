// Over 300 lines: export and replay are one story (a document exported, then replayed here and elsewhere), told in one file.
/**
 * Export and replay through the admin API (docs/admin-api.md, "Export and replay"): a challenge
 * transaction exported as one document (messages in order with their offsets, the deciding check,
 * RReq attempts and their verdicts, PAN masked), replayed on the same ACS with no difference and
 * on an ACS with another risk threshold with the differences reported; a fault card's entries
 * exported as they are; replays that store, send, count and wait nothing; bad bodies refused
 * with a clear message. Every answer is checked against the OpenAPI document.
 */
import { readFileSync } from 'node:fs';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureAdminKey } from '../../src/flows/admin/keys.ts';
import {
  latestCode,
  openWindow,
  postAction,
  startChallengeAuthentication,
} from '../support/challenge-driver.ts';
import { expectDocumented } from '../support/openapi-conformance.ts';
import { createTestAcs, type TestAcs } from '../support/test-acs.ts';
import { startThreeDSServerDouble, type ThreeDSServerDouble } from '../support/three-ds-server-double.ts';

const key = 'export-replay-test-admin-key-0123456789-ab';
const auth = { Authorization: `Bearer ${key}` };
/** The risk-based test card (README.md): a challenge above ACS_RISK_THRESHOLD, else Y. */
const riskPan = '4000000000002008';
/** The ares-late fault card (data/test-cards.json). */
const aresLatePan = '4000000000004111';
/** No Luhn-valid 14-digit window: the export's digit scan below must not trip on the date. */
const purchaseDate = '20261125100000';
const packageVersion = JSON.parse(
  readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
).version;

type Exchange = {
  format: string;
  formatVersion: number;
  acs: { version: string; publicUrl: string };
  transaction: Record<string, unknown>;
  decision: { check: string; threeDSCompInd: string | null };
  messages: {
    at: string;
    offsetMs: number;
    direction: string;
    messageType: string;
    body: Record<string, unknown>;
  }[];
  rreqAttempts: Record<string, unknown>[];
};

let acs: TestAcs;
let server: ThreeDSServerDouble;
let exchange: Exchange;
let acsTransID: string;
beforeAll(async () => {
  acs = await createTestAcs();
  await ensureAdminKey(acs.deps, key);
  server = await startThreeDSServerDouble();
  const started = await startChallengeAuthentication(acs, {
    pan: riskPan,
    threeDSServerURL: server.rreqURL,
    overrides: { purchaseDate },
  });
  acs.advance(2000);
  const challenge = await openWindow(acs, started);
  acs.advance(3000);
  const done = await postAction(acs, challenge, 'submit', {
    code: await latestCode(acs, challenge.acsTransID),
  });
  expect(done.text).toContain('name="cres"');
  acsTransID = challenge.acsTransID;
  const res = await request(acs.app).get(`/api/admin/transactions/${acsTransID}/export`).set(auth);
  expect(res.status).toBe(200);
  exchange = res.body as Exchange;
});
afterAll(async () => {
  await acs.close();
  await server.close();
});

/** Every 13-19 digit window of every run of digits in `text` that passes the Luhn check. */
function luhnValidRuns(text: string): string[] {
  const luhn = (digits: string) =>
    [...digits].reverse().reduce((sum, c, i) => {
      const d = Number(c) * (i % 2 === 1 ? 2 : 1);
      return sum + (d > 9 ? d - 9 : d);
    }, 0) %
      10 ===
    0;
  return [...text.matchAll(/\d{13,}/g)].flatMap(([run]) => {
    const found: string[] = [];
    for (let length = 13; length <= 19; length++) {
      for (let start = 0; start + length <= run.length; start++) {
        const window = run.slice(start, start + length);
        if (luhn(window)) found.push(window);
      }
    }
    return found;
  });
}

async function replay(app: TestAcs['app'], body: unknown) {
  const res = await request(app)
    .post('/api/admin/replays')
    .set(auth)
    .send(body as object);
  expectDocumented('post', '/api/admin/replays', res);
  return res;
}

describe('exporting a transaction', () => {
  it('downloads the whole exchange as one JSON document', async () => {
    const res = await request(acs.app).get(`/api/admin/transactions/${acsTransID}/export`).set(auth);
    expectDocumented('get', '/api/admin/transactions/{acsTransID}/export', res);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers['content-disposition']).toBe(`attachment; filename=acs-exchange-${acsTransID}.json`);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(exchange).toMatchObject({
      format: 'acs-exchange',
      formatVersion: 1,
      exportedAt: '2026-11-25T10:00:05.000Z',
      acs: { version: packageVersion, publicUrl: 'http://acs.test' },
      transaction: {
        acsTransID,
        maskedPan: '400000******2008',
        scheme: 'visa',
        scenario: 'risk-based',
        fault: null,
        faultDelayMs: null,
        aresStatus: 'C',
        state: 'final',
        result: { transStatus: 'Y', eci: '05', challengeCancel: null, interactionCounter: 1 },
      },
      decision: { check: 'risk-amount-threshold', threeDSCompInd: 'Y' },
    });
  });

  it('lists every message in order, with its offset since the AReq', () => {
    const { messages } = exchange;
    expect(messages.map((m) => `${m.direction} ${m.messageType}`)).toEqual([
      'in AReq',
      'out ARes',
      'in CReq',
      'out CRes',
      'out RReq',
      'in RRes',
    ]);
    const offsets = messages.map((m) => m.offsetMs);
    expect(offsets[0]).toBe(0);
    expect(offsets).toEqual([...offsets].sort((a, b) => a - b));
    expect(offsets.at(-1)).toBe(5000);
    expect(messages[0]?.body.acctNumber).toBe('400000******2008');
    expect(messages[4]?.body).toEqual(server.received[0]);
    expect(exchange.rreqAttempts).toEqual([
      {
        attempt: 1,
        outcome: 'delivered',
        httpStatus: 200,
        detail: null,
        verdict: { expected: 'RRes', received: 'RRes', deviations: [] },
        at: '2026-11-25T10:00:05.000Z',
        offsetMs: 5000,
      },
    ]);
  });

  it('holds no PAN and no secret', async () => {
    const res = await request(acs.app).get(`/api/admin/transactions/${acsTransID}/export`).set(auth);
    expect(res.text).not.toContain(riskPan);
    expect(luhnValidRuns(res.text)).toEqual([]);
    expect(res.text).not.toMatch(/codeHash|threeDSSessionData|lastTotpStep|acsEphemeralKeySealed/);
    // The check can fail: the same scan finds the PAN in clear.
    expect(luhnValidRuns(`{"acctNumber":"${riskPan}"}`)).toContain(riskPan);
  });

  it('exports a fault card with its fault entries as they are', async () => {
    const started = await request(acs.app)
      .post('/3ds/areq')
      .set('content-type', 'application/json')
      .send({
        ...exchange.messages[0]?.body,
        acctNumber: aresLatePan,
        threeDSServerTransID: crypto.randomUUID(),
      });
    expect(started.body.transStatus).toBe('C');
    const res = await request(acs.app)
      .get(`/api/admin/transactions/${started.body.acsTransID}/export`)
      .set(auth);
    expectDocumented('get', '/api/admin/transactions/{acsTransID}/export', res);
    const faulty = res.body as Exchange;
    expect(faulty.transaction).toMatchObject({ fault: 'ares-late', faultDelayMs: null });
    expect(faulty.messages.map((m) => m.messageType)).toEqual(['AReq', 'Fault', 'ARes']);
    expect(faulty.messages[1]).toEqual({
      at: expect.any(String),
      offsetMs: 0,
      direction: 'out',
      messageType: 'Fault',
      body: {
        fault: 'ares-late',
        description: expect.stringContaining('ARes'),
        action: 'ARes held back 15000 ms before it was sent',
        applied: true,
        trueTransStatus: 'C',
      },
    });
  });

  it('answers 404 for an unknown or malformed acsTransID', async () => {
    for (const id of ['3f1c2a4e-9b7d-4c1e-8a2f-6d5e4c3b2a19', 'nope']) {
      const res = await request(acs.app).get(`/api/admin/transactions/${id}/export`).set(auth);
      expect({ status: res.status, body: res.body }).toEqual({
        status: 404,
        body: { error: 'not_found', message: 'no transaction with that acsTransID' },
      });
      expectDocumented('get', '/api/admin/transactions/{acsTransID}/export', res);
    }
  });
});

describe('replaying an export', () => {
  it('on the same ACS: identical, and nothing stored, sent, counted or waited', async () => {
    const before = {
      transactions: (await acs.deps.store.listTransactions({ limit: 200 })).length,
      sms: (await acs.deps.store.listSms({ limit: 200 })).length,
      sleeps: acs.sleeps.length,
      rreqs: server.received.length,
    };
    const res = await replay(acs.app, { exchange });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      identical: true,
      differences: [],
      recorded: { check: 'risk-amount-threshold', ares: exchange.messages[1]?.body },
      replayed: { check: 'risk-amount-threshold', waitMs: 0 },
      ignored: ['acsTransID', 'dsTransID'],
    });
    expect(res.body.replayed.ares).toMatchObject({ messageType: 'ARes', transStatus: 'C' });
    expect(res.body.replayed.ares.acsTransID).not.toBe(acsTransID);
    expect({
      transactions: (await acs.deps.store.listTransactions({ limit: 200 })).length,
      sms: (await acs.deps.store.listSms({ limit: 200 })).length,
      sleeps: acs.sleeps.length,
      rreqs: server.received.length,
    }).toEqual(before);
  });

  it('reports, without waiting, the delay a fault card would wait', async () => {
    const started = await request(acs.app)
      .post('/3ds/areq')
      .set('content-type', 'application/json')
      .send({
        ...exchange.messages[0]?.body,
        acctNumber: aresLatePan,
        threeDSServerTransID: crypto.randomUUID(),
      });
    const faulty = await request(acs.app)
      .get(`/api/admin/transactions/${started.body.acsTransID}/export`)
      .set(auth);
    const sleeps = acs.sleeps.length;
    const res = await replay(acs.app, { exchange: faulty.body });
    expect(res.body).toMatchObject({ identical: true, replayed: { waitMs: 15000 } });
    expect(acs.sleeps.length).toBe(sleeps);
  });

  it('on an ACS with a higher risk threshold: C becomes Y, element by element', async () => {
    const other = await createTestAcs({ ACS_RISK_THRESHOLD: '1000' });
    try {
      await ensureAdminKey(other.deps, key);
      const res = await replay(other.app, { exchange });
      expect(res.status).toBe(200);
      expect(res.body.identical).toBe(false);
      expect(res.body.replayed).toMatchObject({ check: 'risk-amount-threshold', waitMs: 0 });
      expect(res.body.differences).toEqual([
        { element: 'transStatus', recorded: 'C', replayed: 'Y' },
        { element: 'acsChallengeMandated', recorded: 'N', replayed: null },
        { element: 'authenticationType', recorded: '02', replayed: null },
        { element: 'acsURL', recorded: 'http://acs.test/3ds/challenge', replayed: null },
        {
          element: 'authenticationValue',
          recorded: null,
          replayed: res.body.replayed.ares.authenticationValue,
        },
        { element: 'eci', recorded: null, replayed: '05' },
      ]);
      expect(res.body.ignored).toEqual(['acsTransID', 'dsTransID', 'authenticationValue']);
    } finally {
      await other.close();
    }
  });

  it('reports an AReq now answered with an Erro as differences, not as a failure', async () => {
    const card = (await acs.deps.store.listCards()).find((c) => c.maskedPan === '400000******2008');
    const changed = await request(acs.app)
      .patch(`/api/admin/cards/${card?.id}`)
      .set(auth)
      .send({ scenario: 'acs-error' });
    expect(changed.status).toBe(200);
    try {
      const res = await replay(acs.app, { exchange });
      expect(res.status).toBe(200);
      expect(res.body.identical).toBe(false);
      expect(res.body.replayed).toMatchObject({
        check: 'scenario-acs-error',
        ares: { messageType: 'Erro', errorCode: '403' },
      });
      expect(res.body.differences).toEqual(
        expect.arrayContaining([
          { element: 'decisionCheck', recorded: 'risk-amount-threshold', replayed: 'scenario-acs-error' },
          { element: 'messageType', recorded: 'ARes', replayed: 'Erro' },
          { element: 'transStatus', recorded: 'C', replayed: null },
        ]),
      );
    } finally {
      await request(acs.app).patch(`/api/admin/cards/${card?.id}`).set(auth).send({ scenario: 'risk-based' });
    }
  });

  it('chooses the card by acctNumber when the masked PAN names several, never echoing or logging it', async () => {
    const twin = '4000001234552008';
    const created = await request(acs.app)
      .post('/api/admin/cards')
      .set(auth)
      .send({ pan: twin, scenario: 'frictionless-y' });
    expect(created.status).toBe(201);
    // As from another ACS: the export's card id is unknown here.
    const foreign = { ...exchange, transaction: { ...exchange.transaction, cardId: crypto.randomUUID() } };
    const ambiguous = await replay(acs.app, { exchange: foreign });
    expect({ status: ambiguous.status, body: ambiguous.body }).toEqual({
      status: 422,
      body: {
        error: 'unprocessable_content',
        message:
          '2 cards here have maskedPan 400000******2008: give the card’s PAN as acctNumber to choose the card',
      },
    });

    const original = await replay(acs.app, { exchange: foreign, acctNumber: '4000 0000 0000 2008' });
    expect(original.body).toMatchObject({ identical: true });
    const theTwin = await replay(acs.app, { exchange: foreign, acctNumber: twin });
    expect(theTwin.body).toMatchObject({
      identical: false,
      replayed: { check: 'scenario-frictionless', ares: { transStatus: 'Y' } },
    });
    for (const res of [ambiguous, original, theTwin]) {
      expect(res.text).not.toContain(riskPan);
      expect(res.text).not.toContain(twin);
    }
    expect(acs.logs.join('\n')).not.toContain(twin);
    expect(acs.logs.join('\n')).not.toContain(riskPan);
    await request(acs.app).delete(`/api/admin/cards/${created.body.id}`).set(auth);
  });

  it('refuses what is not an export it can replay, saying why', async () => {
    const withoutAReq = { ...exchange, messages: exchange.messages.filter((m) => m.messageType !== 'AReq') };
    const areq = exchange.messages[0]?.body ?? {};
    const { messageVersion: _version, ...areqWithoutVersion } = areq;
    const unreadable = {
      ...exchange,
      messages: exchange.messages.map((m, i) => (i === 0 ? { ...m, body: areqWithoutVersion } : m)),
    };
    const notAnExport = 'expected a document exported by GET /api/admin/transactions/{acsTransID}/export';
    const cases: [unknown, number, string][] = [
      [
        { exchange: { hello: 'world' } },
        400,
        'invalid or missing: exchange.format, exchange.formatVersion, exchange.transaction, exchange.decision, exchange.messages',
      ],
      [
        { exchange: { ...exchange, format: 'har' } },
        400,
        `invalid or missing: exchange.format (${notAnExport} (format acs-exchange))`,
      ],
      [
        { exchange: { ...exchange, transaction: { ...exchange.transaction, cardId: 'card-1' } } },
        400,
        'invalid or missing: exchange.transaction.cardId (expected a UUID or null)',
      ],
      [
        { exchange: { ...exchange, formatVersion: 2 } },
        400,
        'invalid or missing: exchange.formatVersion (this ACS reads exports of formatVersion 1)',
      ],
      [
        { exchange, acctNumber: '4000000000001000' },
        400,
        'invalid or missing: acctNumber (its first 6 and last 4 digits are not the exported maskedPan)',
      ],
      [
        { exchange, acctNumber: '4000-0000' },
        400,
        'invalid or missing: acctNumber (expected 13 to 19 digits)',
      ],
      [{ exchange, extra: true }, 400, 'invalid or missing: extra (unknown)'],
      [{ exchange: withoutAReq }, 422, 'the export holds no AReq (a message in, of messageType AReq)'],
      [
        { exchange: unreadable },
        422,
        'this ACS refuses the exported AReq: Erro 201, A message element required as defined in the specification is missing (messageVersion)',
      ],
    ];
    for (const [body, status, message] of cases) {
      const res = await replay(acs.app, body);
      expect({ status: res.status, message: res.body.message }).toEqual({ status, message });
      expect(res.text).not.toContain('4000000000001000');
    }
    const notJson = await request(acs.app)
      .post('/api/admin/replays')
      .set(auth)
      .set('content-type', 'application/json')
      .send('{"exchange": ');
    expect({ status: notJson.status, body: notJson.body }).toEqual({
      status: 400,
      body: { error: 'bad_request', message: 'request body is not valid JSON' },
    });
    // An export is a whole timeline: more than the admin API's usual 8 KiB, up to 1 MiB.
    const padded = { ...exchange, padding: 'x'.repeat(64 * 1024) };
    expect((await replay(acs.app, { exchange: padded })).body).toMatchObject({ identical: true });
    const tooLarge = await replay(acs.app, { exchange: { ...exchange, padding: 'x'.repeat(1024 * 1024) } });
    expect({ status: tooLarge.status, body: tooLarge.body }).toEqual({
      status: 413,
      body: { error: 'payload_too_large', message: 'request body too large' },
    });
  });
});
