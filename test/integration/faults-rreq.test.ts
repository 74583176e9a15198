/**
 * Over 300 lines: every RReq fault shares one ACS, one stand-in 3DS Server and the helpers below
 * that drive a challenge and read what the stand-in got; split, each file would repeat them.
 *
 * The RReq faults (docs/faults.md, src/flows/challenge/report-result.ts) end to end over HTTP: a
 * browser challenge on each fault's card, with the AReq's threeDSServerURL and notificationURL
 * pointing at the stand-in. For each fault: what the stand-in receives, in order and element by
 * element; the Fault entries in the timeline, each before the message it announces; the verdict
 * on every reply (src/protocol/rres.ts); and the stored result, which stays the true one. Then the
 * strict checking of an RRes, and rreq-twice on the app channel.
 */
import { X509Certificate } from 'node:crypto';
import request from 'supertest';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { faultDescriptions } from '../../src/domain/fault.ts';
import { ensureAdminKey } from '../../src/flows/admin/keys.ts';
import { deliverDueRReqs } from '../../src/flows/challenge/notify-requestor.ts';
import { verifyAuthenticationValue } from '../../src/signing/authentication-value.ts';
import { panLookupHash } from '../../src/signing/keyed-hash.ts';
import { validAReq } from '../support/areq-fixtures.ts';
import {
  type DrivenChallenge,
  hiddenValue,
  latestCode,
  openWindow,
  postAction,
  postedCRes,
  startChallengeAuthentication,
} from '../support/challenge-driver.ts';
import { appAReqFields } from '../support/sdk-emulator/areq-app.ts';
import { startChallenge } from '../support/sdk-emulator/challenge-start.ts';
import { createSdkEphemeralKeys } from '../support/sdk-emulator/keys.ts';
import { createTestAcs, type TestAcs } from '../support/test-acs.ts';
import { startThreeDSServerDouble, type ThreeDSServerDouble } from '../support/three-ds-server-double.ts';

/** The fault cards of data/test-cards.json (README.md's card table), and a card with no fault. */
const cards = {
  twice: '4000000000004012',
  conflicting: '4000000000004020',
  late: '4000000000004038',
  never: '4000000000004046',
  wrongId: '4000000000004053',
  missingElement: '4000000000004061',
  noFault: '4000000000001000',
} as const;

const adminKey = 'faults-rreq-test-admin-key-0123456789-abcd';
const auth = { Authorization: `Bearer ${adminKey}` };
const sessionData = 'c2Vzc2lvbi1kYXRhLTEyMw';
const maxAttempts = 3;
const conforming = { expected: 'RRes', received: 'RRes', deviations: [] };

let acs: TestAcs;
let double: ThreeDSServerDouble;
beforeAll(async () => {
  acs = await createTestAcs({
    ACS_RREQ_RETRY_DELAY_MS: '20',
    ACS_RREQ_TIMEOUT_MS: '1000',
    ACS_RREQ_MAX_ATTEMPTS: String(maxAttempts),
  });
  await ensureAdminKey(acs.deps, adminKey);
  double = await startThreeDSServerDouble();
});
afterAll(async () => {
  await acs.close();
  await double.close();
});
beforeEach(() => {
  double.mode = 'ok';
  double.respond = undefined;
  double.received.length = 0;
  double.receivedAt.length = 0;
  double.notifications.length = 0;
});

/** A browser challenge on `pan`, its window open, both URLs at the stand-in. */
async function challengeOn(pan: string, version: '2.2.0' | '2.3.1' = '2.2.0'): Promise<DrivenChallenge> {
  const started = await startChallengeAuthentication(acs, {
    pan,
    version,
    threeDSServerURL: double.rreqURL,
    overrides: { notificationURL: double.notificationURL },
  });
  return openWindow(acs, started, { sessionData });
}

/** Posts the right code; the final page, and Date.now() just before the post and once answered. */
async function submitRightCode(challenge: DrivenChallenge) {
  const code = await latestCode(acs, challenge.acsTransID);
  const sentAt = Date.now();
  const res = await postAction(acs, challenge, 'submit', { code });
  const answeredAt = Date.now();
  expect(res.text).toContain('name="cres"');
  return { page: res.text, sentAt, answeredAt };
}

/** What the browser does with the final page: posts its form to the action (the notificationURL). */
async function postToNotificationURL(page: string): Promise<void> {
  const action = /<form[^>]* action="([^"]*)"/.exec(page)?.[1]?.replaceAll('&amp;', '&');
  expect(action).toBe(double.notificationURL);
  const fields = {
    cres: hiddenValue(page, 'cres') ?? '',
    threeDSSessionData: hiddenValue(page, 'threeDSSessionData') ?? '',
  };
  const res = await fetch(action as string, { method: 'POST', body: new URLSearchParams(fields) });
  expect(res.status).toBe(200);
}

/** The RReq a challenge ended Y with the right code reports (2.2.0 browser, Table A.1). */
async function trueRReqOf(challenge: DrivenChallenge): Promise<Record<string, unknown>> {
  const tx = await acs.deps.store.getTransaction(challenge.acsTransID);
  return {
    messageType: 'RReq',
    messageVersion: '2.2.0',
    threeDSServerTransID: challenge.areq.threeDSServerTransID,
    acsTransID: challenge.acsTransID,
    dsTransID: challenge.ares.dsTransID,
    messageCategory: '01',
    transStatus: 'Y',
    authenticationType: '02',
    eci: '05',
    authenticationValue: tx?.result?.authenticationValue,
    interactionCounter: '01',
  };
}

/** The timeline from the final CRes on, as "direction messageType". */
async function timelineAfterCRes(acsTransID: string): Promise<string[]> {
  const lines = (await acs.deps.store.listMessages(acsTransID)).map((m) => `${m.direction} ${m.messageType}`);
  return lines.slice(lines.lastIndexOf('out CRes'));
}

/** The bodies of one type of timeline entry, in order. */
async function entries(acsTransID: string, messageType: string): Promise<Record<string, unknown>[]> {
  const messages = await acs.deps.store.listMessages(acsTransID);
  return messages.filter((m) => m.messageType === messageType).map((m) => ({ ...m.body }));
}

/** The Fault entry that `fault` records with `action`, the true status repeated. */
function faultNote(fault: keyof typeof faultDescriptions, action: string | RegExp, trueTransStatus = 'Y') {
  return {
    fault,
    description: faultDescriptions[fault],
    action: typeof action === 'string' ? action : expect.stringMatching(action),
    applied: true,
    trueTransStatus,
  };
}

/** Each RReq attempt: its number, outcome and verdict. */
async function attemptsOf(acsTransID: string) {
  return (await acs.deps.store.listRReqAttempts(acsTransID)).map(({ attempt, outcome, verdict }) => ({
    attempt,
    outcome,
    verdict,
  }));
}

/** Waits until `count` RReq attempts are recorded (retries run on a real timer). */
async function attemptsReach(acsTransID: string, count: number): Promise<void> {
  const until = Date.now() + 5000;
  while ((await acs.deps.store.listRReqAttempts(acsTransID)).length < count) {
    if (Date.now() > until) throw new Error(`fewer than ${count} RReq attempts`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** No attempt is waiting, however far ahead: nothing more will ever be sent. */
async function expectNothingScheduled(): Promise<void> {
  expect(await deliverDueRReqs(acs.deps, new Date('2100-01-01T00:00:00.000Z'))).toBe(0);
}

/** The stored result, in the store and in the admin API, is `transStatus`. */
async function expectStoredResult(acsTransID: string, transStatus: string): Promise<void> {
  expect((await acs.deps.store.getTransaction(acsTransID))?.result?.transStatus).toBe(transStatus);
  const res = await request(acs.app).get(`/api/admin/transactions/${acsTransID}`).set(auth);
  expect(res.status).toBe(200);
  expect(res.body.transaction).toMatchObject({ transStatus, result: { transStatus } });
}

/** The Fault entries the admin API's timeline shows. */
async function adminFaultEntries(acsTransID: string): Promise<unknown[]> {
  const res = await request(acs.app).get(`/api/admin/transactions/${acsTransID}`).set(auth);
  const messages = res.body.messages as { messageType: string; direction: string; body: unknown }[];
  return messages
    .filter((m) => m.messageType === 'Fault')
    .map((m) => ({ direction: m.direction, body: m.body }));
}

/** A stand-in answer: the Erro a well-behaved 3DS Server sends to a faulty RReq. */
function erroAnswer(errorCode: string, errorDetail: string) {
  return (rreq: Record<string, unknown>) => ({
    status: 200,
    body: {
      messageType: 'Erro',
      messageVersion: rreq.messageVersion,
      threeDSServerTransID: rreq.threeDSServerTransID,
      acsTransID: rreq.acsTransID,
      dsTransID: rreq.dsTransID,
      errorCode,
      errorComponent: 'S',
      errorDescription: errorCode === '301' ? 'Transaction ID not recognised' : 'Required element missing',
      errorDetail,
      errorMessageType: 'RReq',
    },
  });
}

describe('rreq-twice', () => {
  it('sends the true RReq, then the same RReq again, each a first attempt', async () => {
    const challenge = await challengeOn(cards.twice);
    await submitRightCode(challenge);
    const trueRReq = await trueRReqOf(challenge);
    expect(double.received).toEqual([trueRReq, trueRReq]);

    expect(await timelineAfterCRes(challenge.acsTransID)).toEqual([
      'out CRes',
      'out RReq',
      'in RRes',
      'out Fault',
      'out RReq',
      'in RRes',
    ]);
    expect(await entries(challenge.acsTransID, 'Fault')).toEqual([
      faultNote('rreq-twice', 'the same RReq sent a second time'),
    ]);
    expect(await adminFaultEntries(challenge.acsTransID)).toEqual([
      { direction: 'out', body: faultNote('rreq-twice', 'the same RReq sent a second time') },
    ]);
    expect(await attemptsOf(challenge.acsTransID)).toEqual([
      { attempt: 1, outcome: 'delivered', verdict: conforming },
      { attempt: 1, outcome: 'delivered', verdict: conforming },
    ]);
    await expectStoredResult(challenge.acsTransID, 'Y');
  });
});

describe('rreq-conflicting', () => {
  it('follows a true Y with an N (reason 01, no eci or authenticationValue); the result stays Y', async () => {
    const challenge = await challengeOn(cards.conflicting);
    await submitRightCode(challenge);
    const trueRReq = await trueRReqOf(challenge);
    const { eci: _eci, authenticationValue: _av, ...withoutProof } = trueRReq;
    expect(double.received).toEqual([
      trueRReq,
      { ...withoutProof, transStatus: 'N', transStatusReason: '01' },
    ]);

    expect(await timelineAfterCRes(challenge.acsTransID)).toEqual([
      'out CRes',
      'out RReq',
      'in RRes',
      'out Fault',
      'out RReq',
      'in RRes',
    ]);
    expect(await entries(challenge.acsTransID, 'RReq')).toEqual(double.received);
    expect(await adminFaultEntries(challenge.acsTransID)).toEqual([
      {
        direction: 'out',
        body: faultNote(
          'rreq-conflicting',
          'a second RReq sent with transStatus N, contradicting the first (Y)',
        ),
      },
    ]);
    expect(await attemptsOf(challenge.acsTransID)).toEqual([
      { attempt: 1, outcome: 'delivered', verdict: conforming },
      { attempt: 1, outcome: 'delivered', verdict: conforming },
    ]);
    await expectStoredResult(challenge.acsTransID, 'Y');
  });

  it('follows a cancelled challenge (N) with a Y carrying the proof a true Y would', async () => {
    const challenge = await challengeOn(cards.conflicting);
    const res = await postAction(acs, challenge, 'cancel');
    expect(postedCRes(res.text).transStatus).toBe('N');
    const [first, second] = double.received;
    expect(first).toMatchObject({ transStatus: 'N', transStatusReason: '01', challengeCancel: '01' });
    const { transStatus: _s, transStatusReason: _r, challengeCancel: _c, ...same } = first ?? {};
    expect(second).toEqual({ ...same, transStatus: 'Y', eci: '05', authenticationValue: expect.any(String) });
    const { areq } = challenge;
    const proofFields = {
      acsTransID: challenge.acsTransID,
      threeDSServerTransID: String(areq.threeDSServerTransID),
      dsTransID: String(challenge.ares.dsTransID),
      transStatus: 'Y',
      eci: '05',
      purchaseAmount: String(areq.purchaseAmount),
      purchaseCurrency: String(areq.purchaseCurrency),
      purchaseExponent: String(areq.purchaseExponent),
    } as const;
    // Shaped like a real one, but never verifiable: the contradicting Y cannot pass for a real result.
    expect(String(second?.authenticationValue)).toMatch(/^[A-Za-z0-9+/]{27}=$/);
    expect(verifyAuthenticationValue(acs.deps.keys, String(second?.authenticationValue), proofFields)).toBe(
      false,
    );

    expect(await entries(challenge.acsTransID, 'Fault')).toEqual([
      faultNote(
        'rreq-conflicting',
        'a second RReq sent with transStatus Y, contradicting the first (N)',
        'N',
      ),
    ]);
    const stored = await acs.deps.store.getTransaction(challenge.acsTransID);
    expect(stored?.result).toMatchObject({
      transStatus: 'N',
      transStatusReason: '01',
      challengeCancel: '01',
    });
    expect(stored?.result?.authenticationValue).toBeUndefined();
    await expectStoredResult(challenge.acsTransID, 'N');
  });
});

describe('rreq-late', () => {
  it('sends the RReq only after the delay, once the final CRes has reached the notificationURL', async () => {
    const card = await acs.deps.store.findCardByPanHash(panLookupHash(acs.deps.keys, cards.late));
    expect(await acs.deps.store.updateCard(card?.id ?? '', { fault: 'rreq-late', faultDelayMs: 300 })).toBe(
      true,
    );
    const challenge = await challengeOn(cards.late);
    const { page, sentAt, answeredAt } = await submitRightCode(challenge);

    // Nothing went out with the final page: the Fault entry alone says an RReq is on its way.
    expect(double.received).toEqual([]);
    expect(await attemptsOf(challenge.acsTransID)).toEqual([]);
    expect(await timelineAfterCRes(challenge.acsTransID)).toEqual(['out CRes', 'out Fault']);
    expect(await entries(challenge.acsTransID, 'Fault')).toEqual([
      faultNote('rreq-late', 'RReq held back 300 ms, to arrive after the final CRes'),
    ]);
    await expectStoredResult(challenge.acsTransID, 'Y');

    await postToNotificationURL(page);
    await double.waitFor(1);
    const arrived = double.receivedAt[0] ?? 0;
    // The delay starts when the result is reported, while the final post is being answered.
    expect(arrived - sentAt).toBeGreaterThanOrEqual(300);
    expect(arrived).toBeGreaterThan(answeredAt);
    expect(arrived).toBeGreaterThan(double.notifications[0]?.at ?? Number.POSITIVE_INFINITY);
    expect(double.notifications.map((n) => n.fields)).toEqual([
      { cres: hiddenValue(page, 'cres'), threeDSSessionData: sessionData },
    ]);
    expect(double.received).toEqual([await trueRReqOf(challenge)]);

    await attemptsReach(challenge.acsTransID, 1);
    expect(await attemptsOf(challenge.acsTransID)).toEqual([
      { attempt: 1, outcome: 'delivered', verdict: conforming },
    ]);
    expect(await timelineAfterCRes(challenge.acsTransID)).toEqual([
      'out CRes',
      'out Fault',
      'out RReq',
      'in RRes',
    ]);
    await expectNothingScheduled();
    await expectStoredResult(challenge.acsTransID, 'Y');
  });
});

describe('rreq-never', () => {
  it('sends no RReq and schedules none; a tester’s resend is the true RReq', async () => {
    const challenge = await challengeOn(cards.never);
    await submitRightCode(challenge);
    await expectNothingScheduled();
    expect(double.received).toEqual([]);
    expect(await attemptsOf(challenge.acsTransID)).toEqual([]);
    expect(await timelineAfterCRes(challenge.acsTransID)).toEqual(['out CRes', 'out Fault']);
    expect(await adminFaultEntries(challenge.acsTransID)).toEqual([
      { direction: 'out', body: faultNote('rreq-never', 'RReq withheld: the 3DS Server is never sent one') },
    ]);
    await expectStoredResult(challenge.acsTransID, 'Y');

    const resent = await request(acs.app)
      .post(`/api/admin/transactions/${challenge.acsTransID}/rreq`)
      .set(auth);
    expect(resent.status).toBe(200);
    expect(resent.body.delivered).toBe(true);
    expect(double.received).toEqual([await trueRReqOf(challenge)]);
    expect(await entries(challenge.acsTransID, 'Fault')).toHaveLength(1);
  });
});

describe.each([
  {
    fault: 'rreq-wrong-id',
    pan: cards.wrongId,
    erro: erroAnswer('301', 'threeDSServerTransID'),
    action:
      /^RReq sent with threeDSServerTransID [0-9a-f-]{36}, not the transaction's [0-9a-f-]{36} \(expected reply: Erro 301\)$/,
    /** The RReq as sent, from the true one. */
    asSent: (trueRReq: Record<string, unknown>, sent: Record<string, unknown>) => {
      expect(sent.threeDSServerTransID).toMatch(/^[0-9a-f-]{36}$/);
      expect(sent.threeDSServerTransID).not.toBe(trueRReq.threeDSServerTransID);
      return { ...trueRReq, threeDSServerTransID: sent.threeDSServerTransID };
    },
  },
  {
    fault: 'rreq-missing-element',
    pan: cards.missingElement,
    erro: erroAnswer('201', 'transStatus'),
    action: /^RReq sent without transStatus \(expected reply: Erro 201\)$/,
    asSent: (trueRReq: Record<string, unknown>) => {
      const { transStatus: _left, ...rest } = trueRReq;
      return rest;
    },
  },
] as const)('$fault', ({ fault, pan, erro, action, asSent }) => {
  it('expects the Erro a well-behaved 3DS Server answers, and retries nothing once it comes', async () => {
    double.respond = erro;
    const challenge = await challengeOn(pan);
    await submitRightCode(challenge);
    const [sent] = double.received;
    expect(double.received).toEqual([asSent(await trueRReqOf(challenge), sent ?? {})]);
    expect(await timelineAfterCRes(challenge.acsTransID)).toEqual([
      'out CRes',
      'out Fault',
      'out RReq',
      'in Erro',
    ]);
    expect(await entries(challenge.acsTransID, 'RReq')).toEqual(double.received);
    expect(await adminFaultEntries(challenge.acsTransID)).toEqual([
      { direction: 'out', body: faultNote(fault, action) },
    ]);
    expect(await attemptsOf(challenge.acsTransID)).toEqual([
      { attempt: 1, outcome: 'erro', verdict: { expected: 'Erro', received: 'Erro', deviations: [] } },
    ]);
    await expectNothingScheduled();
    expect(double.received).toHaveLength(1);
    await expectStoredResult(challenge.acsTransID, 'Y');
  });

  it('records "an Erro was expected" when the 3DS Server answers an RRes anyway', async () => {
    const challenge = await challengeOn(pan);
    await submitRightCode(challenge);
    // The RRes echoes the RReq as sent, so the one deviation is its kind; it is retried as any
    // reply that does not end delivery.
    await attemptsReach(challenge.acsTransID, maxAttempts);
    const wrongKind = {
      expected: 'Erro',
      received: 'RRes',
      deviations: ['an Erro was expected (the RReq was faulty on purpose), an RRes arrived'],
    };
    expect(await attemptsOf(challenge.acsTransID)).toEqual(
      [1, 2, 3].map((attempt) => ({ attempt, outcome: 'invalid-rres', verdict: wrongKind })),
    );
    expect(double.received).toHaveLength(maxAttempts);
    expect(new Set(double.received.map((rreq) => JSON.stringify(rreq))).size).toBe(1);
    await expectNothingScheduled();
    await expectStoredResult(challenge.acsTransID, 'Y');
  });
});

describe('rreq-missing-element on a non-payment', () => {
  it('leaves out messageCategory, since a non-payment RReq may lack transStatus', async () => {
    double.respond = erroAnswer('201', 'messageCategory');
    const started = await startChallengeAuthentication(acs, {
      pan: cards.missingElement,
      threeDSServerURL: double.rreqURL,
      overrides: { notificationURL: double.notificationURL, messageCategory: '02' },
    });
    const challenge = await openWindow(acs, started, { sessionData });
    await submitRightCode(challenge);
    const [sent] = double.received;
    expect(double.received).toHaveLength(1);
    expect(sent).toMatchObject({ transStatus: 'Y', acsTransID: challenge.acsTransID });
    expect(sent).not.toHaveProperty('messageCategory');
    expect(await adminFaultEntries(challenge.acsTransID)).toEqual([
      {
        direction: 'out',
        body: faultNote(
          'rreq-missing-element',
          'RReq sent without messageCategory (expected reply: Erro 201)',
        ),
      },
    ]);
    expect(await attemptsOf(challenge.acsTransID)).toEqual([
      { attempt: 1, outcome: 'erro', verdict: { expected: 'Erro', received: 'Erro', deviations: [] } },
    ]);
    await expectStoredResult(challenge.acsTransID, 'Y');
  });
});

describe('RRes checking', () => {
  it('lists every deviation of a faulty RRes, and none for a conforming one', async () => {
    double.respond = (rreq) => ({
      status: 200,
      body: {
        messageType: 'RRes',
        messageVersion: rreq.messageVersion,
        threeDSServerTransID: rreq.threeDSServerTransID,
        acsTransID: '0b1e4a8c-5d2f-4e3a-9c7b-1a2b3c4d5e6f',
        dsTransID: rreq.dsTransID,
        shippingNote: 'left at the door',
      },
    });
    const faulty = await challengeOn(cards.noFault);
    await submitRightCode(faulty);
    await attemptsReach(faulty.acsTransID, maxAttempts);
    const [first] = await attemptsOf(faulty.acsTransID);
    expect(first).toEqual({
      attempt: 1,
      outcome: 'invalid-rres',
      verdict: {
        expected: 'RRes',
        received: 'RRes',
        deviations: [
          `acsTransID "0b1e4a8c-5d2f-4e3a-9c7b-1a2b3c4d5e6f" is not the RReq's ("${faulty.acsTransID}")`,
          'resultsStatus is missing',
          'unexpected element "shippingNote"',
        ],
      },
    });
    expect(await entries(faulty.acsTransID, 'Fault')).toEqual([]);
    await expectNothingScheduled();

    double.respond = undefined;
    const conformingOne = await challengeOn(cards.noFault);
    await submitRightCode(conformingOne);
    expect(await attemptsOf(conformingOne.acsTransID)).toEqual([
      { attempt: 1, outcome: 'delivered', verdict: conforming },
    ]);
  });

  it('keeps no card number a reply quotes: the verdict and the detail are masked', async () => {
    const pan = '4000000000000101';
    double.respond = (rreq) => ({
      status: 200,
      body: {
        messageType: 'Erro',
        messageVersion: rreq.messageVersion,
        errorCode: '203',
        errorComponent: 'S',
        errorDescription: 'bad card',
        errorDetail: pan,
      },
    });
    const challenge = await challengeOn(cards.noFault);
    await submitRightCode(challenge);
    // An Erro does not end the delivery of a true RReq: every retry is made before the next test.
    await attemptsReach(challenge.acsTransID, maxAttempts);
    await expectNothingScheduled();
    const attempts = await acs.deps.store.listRReqAttempts(challenge.acsTransID);
    expect(attempts).toHaveLength(maxAttempts);
    for (const attempt of attempts) {
      expect(attempt.verdict?.deviations.join(' ')).toContain('400000******0101');
      expect(JSON.stringify(attempt)).not.toContain(pan);
    }
    expect(await acs.storedText()).not.toContain(pan);
  });
});

describe('rreq-twice on the app channel', () => {
  it('sends the same RReq twice after the final CRes of an app challenge', async () => {
    const jwks = await request(acs.app).get('/.well-known/jwks.json').expect(200);
    const chain = (jwks.body.keys as { x5c?: string[] }[]).find((key) => key.x5c !== undefined)?.x5c ?? [];
    const dsRootPem = new X509Certificate(Buffer.from(chain[chain.length - 1] ?? '', 'base64')).toString();
    const keys = createSdkEphemeralKeys();
    const areq = {
      ...validAReq({ version: '2.2.0', channel: '01', acctNumber: cards.twice }),
      threeDSServerURL: double.rreqURL,
      ...(await appAReqFields({
        messageVersion: '2.2.0',
        keys,
        deviceRenderOptions: { sdkInterface: '03', sdkUiType: ['01', '02', '03', '04', '05'] },
      })),
    };
    const ares = await request(acs.app).post('/3ds/areq').set('content-type', 'application/json').send(areq);
    expect(ares.body.transStatus).toBe('C');
    const { session } = startChallenge({
      areq,
      ares: ares.body,
      keys,
      trustedRoots: dsRootPem,
      requireHttps: false,
      enc: 'A128CBC-HS256',
    });
    const post = async (message: { body: string; contentType: string }) => {
      const res = await request(acs.app)
        .post('/3ds/challenge')
        .set('Content-Type', message.contentType)
        .send(message.body)
        .buffer(true)
        .parse((response, callback) => {
          let text = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => {
            text += chunk;
          });
          response.on('end', () => callback(null, text));
        });
      return { text: res.body as string, type: res.headers['content-type'] as string, status: res.status };
    };
    const first = await post(session.creq());
    session.readScreen(first.text, first.type, first.status);
    const code = await latestCode(acs, session.acsTransID);
    const last = await post(session.creq({ challengeDataEntry: code }));
    expect(session.readFinal(last.text, last.type, last.status).transStatus).toBe('Y');

    const [rreq] = double.received;
    expect(rreq).toMatchObject({
      transStatus: 'Y',
      sdkTransID: session.sdkTransID,
      acsTransID: session.acsTransID,
    });
    expect(double.received).toEqual([rreq, rreq]);
    expect(await timelineAfterCRes(session.acsTransID)).toEqual([
      'out CRes',
      'out RReq',
      'in RRes',
      'out Fault',
      'out RReq',
      'in RRes',
    ]);
    expect(await attemptsOf(session.acsTransID)).toEqual([
      { attempt: 1, outcome: 'delivered', verdict: conforming },
      { attempt: 1, outcome: 'delivered', verdict: conforming },
    ]);
    await expectStoredResult(session.acsTransID, 'Y');
  });
});
