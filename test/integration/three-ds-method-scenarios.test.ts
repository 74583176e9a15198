/**
 * 3DS Method rehearsal ranges (docs/flows.md, "3DS Method"): the PRes gives the `late` and
 * `never` card ranges of data/test-cards.json a threeDSMethodURL that posts back after 15 s or
 * never, so requestors can rehearse threeDSCompInd N; the decision log (admin API and console)
 * shows the threeDSCompInd the AReq carried.
 */
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { lateMethodDelayMs } from '../../src/domain/card.ts';
import { ensureAdminKey } from '../../src/flows/admin/keys.ts';
import { validAReq } from '../support/areq-fixtures.ts';
import { hiddenValue } from '../support/challenge-driver.ts';
import { consoleLogin } from '../support/console-login.ts';
import { checkARes } from '../support/message-rules/check-ares.ts';
import { expectDocumented } from '../support/openapi-conformance.ts';
import { createTestAcs, seedFile, type TestAcs } from '../support/test-acs.ts';

const key = 'method-scenarios-test-admin-key-0123456789-abc';
const auth = { Authorization: `Bearer ${key}` };
const notificationURL = 'https://merchant.example.test/method-done?order=7';

let acs: TestAcs;
let cookie: string;
beforeAll(async () => {
  acs = await createTestAcs();
  await ensureAdminKey(acs.deps, key);
  cookie = (await consoleLogin(acs, 'mona')).cookie;
});
afterAll(async () => {
  await acs.close();
});
beforeEach(() => {
  acs.sleeps.length = 0;
});

function methodData(threeDSServerTransID: string): string {
  return Buffer.from(
    JSON.stringify({ threeDSServerTransID, threeDSMethodNotificationURL: notificationURL }),
  ).toString('base64url');
}

function postMethod(path: string, threeDSServerTransID = randomUUID()) {
  return request(acs.app)
    .post(path)
    .type('form')
    .send({ threeDSMethodData: methodData(threeDSServerTransID) });
}

/** The seeded cards of the ranges with `behaviour`. */
function cardsOf(behaviour: 'late' | 'never') {
  const ranges = seedFile.ranges.filter((range) => range.threeDSMethod === behaviour);
  return seedFile.cards.filter((card) =>
    ranges.some(
      (range) =>
        card.pan.length === range.startRange.length &&
        card.pan >= range.startRange &&
        card.pan <= range.endRange,
    ),
  );
}

describe('3DS Method rehearsal ranges', () => {
  it('seeds late and never ranges for Visa and Mastercard, each with Luhn-valid cards', () => {
    for (const behaviour of ['late', 'never'] as const) {
      const ranges = seedFile.ranges.filter((range) => range.threeDSMethod === behaviour);
      expect(ranges.map((range) => range.scheme).sort()).toEqual(['mastercard', 'visa']);
      expect(
        cardsOf(behaviour)
          .map((card) => card.scenario)
          .sort(),
      ).toEqual(['challenge-sms', 'challenge-sms', 'frictionless-y', 'frictionless-y']);
    }
  });

  it.each(['2.2.0', '2.3.1'] as const)(
    'gives those ranges their own threeDSMethodURL in the PRes (%s)',
    async (version) => {
      const res = await request(acs.app)
        .post('/3ds/preq')
        .set('content-type', 'application/json')
        .send(
          JSON.stringify({
            messageType: 'PReq',
            messageVersion: version,
            threeDSServerTransID: randomUUID(),
            threeDSServerRefNumber: '3DS_LOA_SER_EXAM_020200_00001',
          }),
        );
      expect(res.body.messageType).toBe('PRes');
      const urlByStart = new Map<string, unknown>();
      for (const data of res.body.cardRangeData as Record<string, unknown>[]) {
        if (version === '2.3.1') {
          const [range] = data.ranges as { start: string }[];
          const [acsVersion] = data.acsProtocolVersions as { threeDSMethodURL?: string }[];
          urlByStart.set(String(range?.start), acsVersion?.threeDSMethodURL);
        } else {
          urlByStart.set(String(data.startRange), data.threeDSMethodURL);
        }
      }
      expect(urlByStart.get('4000000000010000')).toBe('http://acs.test/3ds/method/late');
      expect(urlByStart.get('5200000000010000')).toBe('http://acs.test/3ds/method/late');
      expect(urlByStart.get('4000000000011000')).toBe('http://acs.test/3ds/method/never');
      expect(urlByStart.get('5200000000011000')).toBe('http://acs.test/3ds/method/never');
      expect(urlByStart.get('4000000000000000')).toBe('http://acs.test/3ds/method');
    },
  );

  it('posts back at once on the ordinary method URL', async () => {
    const id = randomUUID();
    const res = await postMethod('/3ds/method', id);
    expect(res.status).toBe(200);
    expect(res.text).toContain(`action="${notificationURL}"`);
    expect(
      JSON.parse(Buffer.from(String(hiddenValue(res.text, 'threeDSMethodData')), 'base64url').toString()),
    ).toEqual({ threeDSServerTransID: id });
    expect(acs.sleeps).toEqual([]);
  });

  it('posts back only after 15 s on the late method URL', async () => {
    expect(lateMethodDelayMs).toBeGreaterThan(10_000);
    const id = randomUUID();
    const res = await postMethod('/3ds/method/late', id);
    expect(res.status).toBe(200);
    expect(acs.sleeps).toEqual([lateMethodDelayMs]);
    expect(res.text).toContain(`action="${notificationURL}"`);
    expect(
      JSON.parse(Buffer.from(String(hiddenValue(res.text, 'threeDSMethodData')), 'base64url').toString()),
    ).toEqual({ threeDSServerTransID: id });
    expect(res.headers['x-frame-options']).toBeUndefined();
  });

  it('never posts back on the never method URL', async () => {
    const res = await postMethod('/3ds/method/never');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.headers['x-frame-options']).toBeUndefined();
    expect(res.text).not.toContain('<form');
    expect(res.text).not.toContain('<script');
    expect(res.text).not.toContain('merchant.example.test');
    expect(acs.sleeps).toEqual([]);
  });

  it('still refuses malformed threeDSMethodData on the rehearsal URLs, and knows no other segment', async () => {
    for (const path of ['/3ds/method/late', '/3ds/method/never']) {
      const res = await request(acs.app).post(path).type('form').send({ threeDSMethodData: '!!!' });
      expect(res.status).toBe(400);
    }
    expect(acs.sleeps).toEqual([]);
    expect((await postMethod('/3ds/method/slow')).status).toBe(404);
  });
});

describe('the decision log shows threeDSCompInd', () => {
  it.each([
    ['late', 'N'],
    ['never', 'N'],
    ['late', 'Y'],
  ] as const)(
    'answers a %s card sent with threeDSCompInd %s, and logs the indicator',
    async (behaviour, compInd) => {
      const card = cardsOf(behaviour).find((c) => c.scenario === 'frictionless-y');
      const areq = validAReq({
        version: '2.2.0',
        channel: '02',
        acctNumber: String(card?.pan),
        overrides: { threeDSCompInd: compInd },
      });
      const res = await request(acs.app).post('/3ds/areq').set('content-type', 'application/json').send(areq);
      expect(res.body.transStatus).toBe('Y');
      expect(checkARes(areq, res.body)).toEqual([]);
      const acsTransID = String(res.body.acsTransID);

      const detail = await request(acs.app).get(`/api/admin/transactions/${acsTransID}`).set(auth);
      expect(detail.status).toBe(200);
      expectDocumented('get', '/api/admin/transactions/{acsTransID}', detail);
      expect(detail.body.decision).toEqual({
        check: detail.body.transaction.decisionCheck,
        threeDSCompInd: compInd,
      });

      const page = await request(acs.app).get(`/console/transactions/${acsTransID}`).set('cookie', cookie);
      expect(page.status).toBe(200);
      expect(page.text).toContain('threeDSCompInd (AReq)');
      expect(page.text).toContain(`<span class="mono">${compInd}</span>`);
    },
  );

  it('logs no threeDSCompInd for an app AReq, which carries none', async () => {
    const areq = validAReq({ version: '2.2.0', channel: '01', acctNumber: '4000000000010001' });
    const res = await request(acs.app).post('/3ds/areq').set('content-type', 'application/json').send(areq);
    const detail = await request(acs.app)
      .get(`/api/admin/transactions/${String(res.body.acsTransID)}`)
      .set(auth);
    expectDocumented('get', '/api/admin/transactions/{acsTransID}', detail);
    expect(detail.body.decision.threeDSCompInd).toBeNull();
  });
});
