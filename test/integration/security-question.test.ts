/**
 * The knowledge-based challenge (scenario challenge-kba, README.md's test-card table) in the
 * browser window, over HTTP: the security question's checkboxes, each ticked one posting `code`
 * once; exactly the right set (Riverside Books and Metro Cinema, src/flows/challenge/kba-question.ts)
 * is accepted; a wrong set costs an attempt, nothing ticked costs none, three wrong sets end N/19,
 * and there is nothing to send again. The RReq reports the method per version (authenticationType
 * 01 static before 2.3.1, authenticationMethod 06 KBA in 2.3.1).
 */
import request from 'supertest';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type DrivenChallenge,
  hiddenValue,
  openWindow,
  postedCRes,
  startChallengeAuthentication,
} from '../support/challenge-driver.ts';
import { checkRReq } from '../support/message-rules/check-rreq.ts';
import { createTestAcs, type TestAcs } from '../support/test-acs.ts';
import { startThreeDSServerDouble, type ThreeDSServerDouble } from '../support/three-ds-server-double.ts';

/** The challenge-kba cards (data/test-cards.json). */
const cards = { visa: '4000000000001604', mastercard: '5200000000001609' } as const;

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
});

async function begin(pan: string = cards.visa, version: '2.1.0' | '2.2.0' | '2.3.1' = '2.2.0') {
  const started = await startChallengeAuthentication(acs, { pan, version, threeDSServerURL: server.rreqURL });
  return openWindow(acs, started, { sessionData: 'abc' });
}

/** Submits the window's form with these boxes ticked (each posts `code` once, as a browser does). */
async function tick(challenge: DrivenChallenge, keys: readonly string[]) {
  const token = hiddenValue(challenge.page, 'token') ?? '';
  const fields: [string, string][] = [
    ['token', token],
    ...keys.map((key): [string, string] => ['code', key]),
  ];
  const body = new URLSearchParams(fields).toString();
  const res = await request(acs.app)
    .post(`/3ds/challenge/${challenge.acsTransID}/submit`)
    .type('form')
    .send(body);
  if (res.status === 200) challenge.page = res.text;
  return res;
}

const attemptsLeft = (page: string) => /(\d) attempts? left/.exec(page)?.[1];

describe('the security question in the browser window', () => {
  it('shows the question with five checkboxes, no code field and no resend', async () => {
    const challenge = await begin();
    expect(challenge.page).toContain('Which of these merchants did you pay in the last 30 days?');
    expect(challenge.page.match(/<input type="checkbox" name="code" value="[a-z]+"/g)).toHaveLength(5);
    for (const label of [
      'Corner Bakery',
      'Riverside Books',
      'City Parking',
      'Green Grocer',
      'Metro Cinema',
    ]) {
      expect(challenge.page).toContain(label);
    }
    expect(challenge.page).not.toContain('id="code"');
    expect(challenge.page).not.toContain('/resend');
  });

  it.each([
    ['Visa', cards.visa],
    ['Mastercard', cards.mastercard],
  ])('refuses a wrong set, then accepts the right one (%s)', async (_scheme, pan) => {
    const challenge = await begin(pan);
    const wrong = await tick(challenge, ['book', 'cine', 'park']);
    expect(wrong.status).toBe(200);
    expect(wrong.text).not.toContain('name="cres"');
    expect(wrong.text).toContain('That answer is not correct.');
    expect(attemptsLeft(wrong.text)).toBe('2');

    const right = await tick(challenge, ['cine', 'book']);
    expect(postedCRes(right.text).transStatus).toBe('Y');
    expect(server.received[0]).toMatchObject({
      transStatus: 'Y',
      authenticationType: '01',
      interactionCounter: '02',
    });
    expect(checkRReq(server.received[0], { areq: challenge.areq, ares: challenge.ares })).toEqual([]);
  });

  it('reports authenticationMethod 06 (KBA) in 2.3.1', async () => {
    const challenge = await begin(cards.visa, '2.3.1');
    const right = await tick(challenge, ['book', 'cine']);
    expect(postedCRes(right.text).transStatus).toBe('Y');
    expect(server.received[0]).toMatchObject({ transStatus: 'Y', authenticationMethod: ['06'] });
    expect(checkRReq(server.received[0], { areq: challenge.areq, ares: challenge.ares })).toEqual([]);
  });

  it('costs no attempt when nothing is ticked', async () => {
    const challenge = await begin();
    const empty = await tick(challenge, []);
    expect(empty.text).toContain('That answer is not correct.');
    expect(attemptsLeft(empty.text)).toBe('3');
  });

  it('ends N/19 after three wrong sets', async () => {
    const challenge = await begin();
    await tick(challenge, ['book']);
    await tick(challenge, ['bake', 'groc']);
    const last = await tick(challenge, ['book', 'book']);
    expect(postedCRes(last.text)).toMatchObject({ transStatus: 'N' });
    expect(server.received[0]).toMatchObject({ transStatus: 'N', transStatusReason: '19' });
  });

  it('sends nothing again on a resend post, and the question stays', async () => {
    const challenge = await begin();
    const token = hiddenValue(challenge.page, 'token') ?? '';
    const res = await request(acs.app)
      .post(`/3ds/challenge/${challenge.acsTransID}/resend`)
      .type('form')
      .send({ token });
    expect(res.status).toBe(200);
    expect(res.text).toContain('type="checkbox"');
    const sms = await request(acs.app)
      .get('/sandbox/api/messages')
      .query({ acsTransID: challenge.acsTransID });
    expect(sms.body.messages).toEqual([]);
  });
});
