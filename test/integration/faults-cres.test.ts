/**
 * Over 300 lines: every CRes, page and timing fault shares one ACS, one 3DS Server double and the
 * helpers below; split per fault, each file would repeat them.
 *
 * The requestor faults that touch the final CRes and the ACS's timing (docs/faults.md): what a
 * 3DS Server would receive (the page's posted fields, its CSP, the SDK's final CRes, the RReq),
 * when (the fake clock, and the sleeps the ACS asked for), the fault entries in the timeline, and
 * that the stored result stays the true one. Also the notes of faults that cannot act: a
 * browser-only fault on the app channel, a challenge fault on a frictionless card.
 */
import { X509Certificate } from 'node:crypto';
import request from 'supertest';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Fault } from '../../src/domain/fault.ts';
import { sweepTimeouts } from '../../src/flows/challenge/sweep-timeouts.ts';
import { type FaultNote, isFaultEntry } from '../../src/flows/common/fault-log.ts';
import { decodeBase64UrlJson } from '../../src/protocol/base64url-json.ts';
import { parseJsonStrict } from '../../src/protocol/json-strict.ts';
import { panLookupHash } from '../../src/signing/keyed-hash.ts';
import { validAReq } from '../support/areq-fixtures.ts';
import {
  type DrivenChallenge,
  encodeCReq,
  hiddenValue,
  latestCode,
  notificationURL,
  openWindow,
  postAction,
  postedCRes,
  startChallengeAuthentication,
} from '../support/challenge-driver.ts';
import { appAReqFields } from '../support/sdk-emulator/areq-app.ts';
import { startChallenge } from '../support/sdk-emulator/challenge-start.ts';
import { createSdkEphemeralKeys } from '../support/sdk-emulator/keys.ts';
import { SdkRuleViolation } from '../support/sdk-emulator/sdk-rule-violation.ts';
import type { SdkSession } from '../support/sdk-emulator/session.ts';
import { createTestAcs, type TestAcs } from '../support/test-acs.ts';
import { startThreeDSServerDouble, type ThreeDSServerDouble } from '../support/three-ds-server-double.ts';

/** Fault cards of data/test-cards.json (README.md's card table), and plain ones given a fault here. */
const cards = {
  sms: '4000000000001000',
  cresTwice: '4000000000004079',
  cresUnknownVersion: '4000000000004087',
  cresNotBase64url: '4000000000004095',
  challengeSlow: '4000000000004103',
  challengeSlowMastercard: '5200000000004108',
  aresLate: '4000000000004111',
  aresLateMastercard: '5200000000004116',
  frictionlessY: '4000000000010001',
  frictionlessA: '4000000000000309',
} as const;

const creqTimeoutSeconds = 30;
const challengeTimeoutSeconds = 120;

let acs: TestAcs;
let server: ThreeDSServerDouble;
let dsRootPem: string;

beforeAll(async () => {
  acs = await createTestAcs({
    ACS_RREQ_RETRY_DELAY_MS: '20',
    ACS_RREQ_TIMEOUT_MS: '1000',
    ACS_CREQ_TIMEOUT_SECONDS: String(creqTimeoutSeconds),
    ACS_CHALLENGE_TIMEOUT_SECONDS: String(challengeTimeoutSeconds),
  });
  server = await startThreeDSServerDouble();
  const jwks = await request(acs.app).get('/.well-known/jwks.json').expect(200);
  const chain = (jwks.body.keys as { x5c?: string[] }[]).find((key) => key.x5c !== undefined)?.x5c ?? [];
  dsRootPem = new X509Certificate(Buffer.from(chain[chain.length - 1] ?? '', 'base64')).toString();
});
afterAll(async () => {
  await acs.close();
  await server.close();
});
beforeEach(() => {
  server.received.length = 0;
  acs.sleeps.length = 0;
});

/** Gives the seeded card `pan` a fault (what the admin API and the console do). */
async function giveFault(pan: string, fault: Fault | undefined, faultDelayMs?: number): Promise<void> {
  const card = await acs.deps.store.findCardByPanHash(panLookupHash(acs.deps.keys, pan));
  expect(card, `card ${pan} is seeded`).toBeDefined();
  expect(await acs.deps.store.updateCard(card?.id ?? '', { fault, faultDelayMs })).toBe(true);
}

/** The fault entries of `acsTransID`'s timeline. */
async function faultNotes(acsTransID: string): Promise<FaultNote[]> {
  const messages = await acs.deps.store.listMessages(acsTransID);
  return messages.filter(isFaultEntry).map((message) => message.body as FaultNote);
}

/** The timeline's message types, in order. */
async function timelineTypes(acsTransID: string): Promise<string[]> {
  return (await acs.deps.store.listMessages(acsTransID)).map((m) => `${m.direction} ${m.messageType}`);
}

async function storedStatus(acsTransID: string): Promise<string | undefined> {
  return (await acs.deps.store.getTransaction(acsTransID))?.result?.transStatus;
}

/** AReq, first CReq: the challenge window of a browser transaction for `pan`. */
async function openBrowserChallenge(pan: string): Promise<DrivenChallenge> {
  const started = await startChallengeAuthentication(acs, { pan, threeDSServerURL: server.rreqURL });
  return openWindow(acs, started, { sessionData: 'c2Vzc2lvbi0x' });
}

/** Submits the SMS code: the final page, auto-posting to the notificationURL. */
async function submitRightCode(challenge: DrivenChallenge) {
  const res = await postAction(acs, challenge, 'submit', {
    code: await latestCode(acs, challenge.acsTransID),
  });
  expect(res.status).toBe(200);
  return res;
}

/** The Content-Security-Policy as directive name -> value. */
function cspOf(header: unknown): Map<string, string> {
  return new Map(
    String(header)
      .split(';')
      .map((directive) => directive.trim().split(/\s+/))
      .map(([name, ...values]) => [name ?? '', values.join(' ')]),
  );
}

/** AReq on the app channel and the SDK's session (as test/integration/app-challenge.test.ts). */
async function beginApp(pan: string): Promise<SdkSession> {
  const keys = createSdkEphemeralKeys();
  const areq = {
    ...validAReq({ version: '2.2.0', channel: '01', acctNumber: pan }),
    threeDSServerURL: server.rreqURL,
    ...(await appAReqFields({ messageVersion: '2.2.0', keys })),
  };
  const res = await request(acs.app).post('/3ds/areq').set('content-type', 'application/json').send(areq);
  expect(res.body.transStatus).toBe('C');
  return startChallenge({ areq, ares: res.body, keys, trustedRoots: dsRootPem, requireHttps: false }).session;
}

/** Posts an SDK CReq and returns the ACS's raw answer. */
async function postApp(message: Readonly<{ body: string; contentType: string }>) {
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
  return { text: res.body as string, type: String(res.headers['content-type']), status: res.status };
}

/** The app challenge up to the answer carrying the right code; returns the ACS's answer to it. */
async function answerAppChallenge(session: SdkSession) {
  const first = await postApp(session.creq());
  session.readScreen(first.text, first.type, first.status);
  const code = await latestCode(acs, session.acsTransID);
  return postApp(session.creq({ challengeDataEntry: code }));
}

describe('cres-not-base64url', () => {
  it('posts the CRes JSON text itself; the stored result and the RReq stay true', async () => {
    const challenge = await openBrowserChallenge(cards.cresNotBase64url);
    const res = await submitRightCode(challenge);
    const posted = hiddenValue(res.text, 'cres') ?? '';
    expect(posted).toMatch(/^\{"/);
    expect(() => decodeBase64UrlJson(posted, parseJsonStrict, 'cres')).toThrow();
    expect(JSON.parse(posted)).toMatchObject({
      messageType: 'CRes',
      messageVersion: '2.2.0',
      acsTransID: challenge.acsTransID,
      transStatus: 'Y',
    });
    expect(hiddenValue(res.text, 'threeDSSessionData')).toBe('c2Vzc2lvbi0x');
    expect(res.text).not.toContain('data-post-twice');

    expect(await storedStatus(challenge.acsTransID)).toBe('Y');
    expect(server.received).toEqual([expect.objectContaining({ messageType: 'RReq', transStatus: 'Y' })]);
    expect(await faultNotes(challenge.acsTransID)).toEqual([
      expect.objectContaining({
        fault: 'cres-not-base64url',
        applied: true,
        trueTransStatus: 'Y',
        action: expect.stringContaining('JSON text'),
      }),
    ]);
    const types = await timelineTypes(challenge.acsTransID);
    expect(types.slice(types.indexOf('out Fault'), types.indexOf('out Fault') + 2)).toEqual([
      'out Fault',
      'out CRes',
    ]);
  });

  it('does the same to a cancelled challenge, with the true N', async () => {
    const challenge = await openBrowserChallenge(cards.cresNotBase64url);
    const res = await postAction(acs, challenge, 'cancel');
    expect(JSON.parse(hiddenValue(res.text, 'cres') ?? '')).toMatchObject({ transStatus: 'N' });
    expect(await storedStatus(challenge.acsTransID)).toBe('N');
    expect(await faultNotes(challenge.acsTransID)).toEqual([
      expect.objectContaining({ fault: 'cres-not-base64url', trueTransStatus: 'N' }),
    ]);
  });
});

describe('cres-twice', () => {
  it('marks the final page to post twice and lets it connect to the notificationURL origin only', async () => {
    const challenge = await openBrowserChallenge(cards.cresTwice);
    const res = await submitRightCode(challenge);
    expect(res.text).toMatch(/<form method="post" action="[^"]*" data-auto-post="" data-post-twice="">/);
    expect(res.text).toContain('<script src="/static/auto-post.js" defer></script>');
    expect(postedCRes(res.text)).toMatchObject({ transStatus: 'Y', messageVersion: '2.2.0' });
    const csp = cspOf(res.headers['content-security-policy']);
    expect(csp.get('connect-src')).toBe(new URL(notificationURL).origin);
    expect(csp.get('form-action')).toBe(`'self' ${new URL(notificationURL).origin}`);
    expect(csp.get('default-src')).toBe("'self'");

    const script = await request(acs.app).get('/static/auto-post.js').expect(200);
    expect(script.text).toContain("hasAttribute('data-post-twice')");
    expect(script.text).toContain("mode: 'no-cors'");
    expect(script.text).toContain("credentials: 'include'");

    expect(await storedStatus(challenge.acsTransID)).toBe('Y');
    expect(server.received).toHaveLength(1);
    expect(await faultNotes(challenge.acsTransID)).toEqual([
      expect.objectContaining({ fault: 'cres-twice', applied: true, trueTransStatus: 'Y' }),
    ]);
  });

  it('leaves every other page its CSP: the challenge page, and a card without the fault', async () => {
    const started = await startChallengeAuthentication(acs, {
      pan: cards.cresTwice,
      threeDSServerURL: server.rreqURL,
    });
    const acsTransID = String(started.ares.acsTransID);
    const first = await request(acs.app)
      .post('/3ds/challenge')
      .type('form')
      .send({ creq: encodeCReq(started.areq, acsTransID) });
    expect(first.status).toBe(200);
    expect(cspOf(first.headers['content-security-policy']).has('connect-src')).toBe(false);
    const faulty: DrivenChallenge = { ...started, acsTransID, page: first.text };
    const window = await postAction(acs, faulty, 'resend');
    expect(window.status).toBe(200);
    expect(cspOf(window.headers['content-security-policy']).has('connect-src')).toBe(false);
    await postAction(acs, faulty, 'cancel');

    const plain = await openBrowserChallenge(cards.sms);
    const res = await submitRightCode(plain);
    expect(res.text).not.toContain('data-post-twice');
    expect(cspOf(res.headers['content-security-policy']).has('connect-src')).toBe(false);
    expect(await faultNotes(plain.acsTransID)).toEqual([]);
  });
});

describe('cres-unknown-version', () => {
  it('posts a CRes with messageVersion 2.9.0 in the browser; result and RReq keep the true version and status', async () => {
    const challenge = await openBrowserChallenge(cards.cresUnknownVersion);
    const res = await submitRightCode(challenge);
    expect(postedCRes(res.text)).toMatchObject({
      messageType: 'CRes',
      messageVersion: '2.9.0',
      acsTransID: challenge.acsTransID,
      transStatus: 'Y',
    });
    expect(await storedStatus(challenge.acsTransID)).toBe('Y');
    expect(server.received).toEqual([
      expect.objectContaining({ messageType: 'RReq', messageVersion: '2.2.0', transStatus: 'Y' }),
    ]);
    expect(await faultNotes(challenge.acsTransID)).toEqual([
      expect.objectContaining({ fault: 'cres-unknown-version', applied: true, trueTransStatus: 'Y' }),
    ]);
  });

  it('sends the SDK a final CRes with messageVersion 2.9.0, which it refuses as a version error', async () => {
    const session = await beginApp(cards.cresUnknownVersion);
    const answer = await answerAppChallenge(session);
    expect(answer.status).toBe(200);
    expect(answer.type).toMatch(/^application\/jose/);
    let refusal: unknown;
    try {
      session.readFinal(answer.text, answer.type, answer.status);
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(SdkRuleViolation);
    expect(refusal).toMatchObject({ errorCode: '102', element: 'messageVersion' });
    expect(String((refusal as Error).message)).toContain('messageVersion 2.9.0');

    const sent = (await acs.deps.store.listMessages(session.acsTransID)).filter(
      (m) => m.messageType === 'CRes' && m.direction === 'out',
    );
    expect(sent.at(-1)?.body).toMatchObject({ messageVersion: '2.9.0', transStatus: 'Y' });
    expect(await storedStatus(session.acsTransID)).toBe('Y');
    expect(server.received).toEqual([expect.objectContaining({ transStatus: 'Y', messageVersion: '2.2.0' })]);
  });
});

describe('a CRes fault with no final CRes to act on', () => {
  it('is noted as not applied when the window times out, and the RReq reports the timeout', async () => {
    const challenge = await openBrowserChallenge(cards.cresUnknownVersion);
    const deadlineAt = Date.parse(
      String((await acs.deps.store.getTransaction(challenge.acsTransID))?.deadlineAt),
    );
    acs.advance(deadlineAt + 1 - acs.deps.clock().getTime());
    await sweepTimeouts(acs.deps);
    expect(await faultNotes(challenge.acsTransID)).toEqual([
      expect.objectContaining({
        fault: 'cres-unknown-version',
        applied: false,
        action:
          'not applied: no final CRes is sent when the window times out or the authentication is decoupled',
        trueTransStatus: 'N',
      }),
    ]);
    expect(await timelineTypes(challenge.acsTransID)).not.toContain('out CRes');
    expect(await storedStatus(challenge.acsTransID)).toBe('N');
  });
});

describe('challenge-slow', () => {
  it('holds the challenge page back 8 s by default; the window deadline counts from the page shown', async () => {
    const started = await startChallengeAuthentication(acs, {
      pan: cards.challengeSlow,
      threeDSServerURL: server.rreqURL,
    });
    const creqAt = acs.deps.clock().getTime();
    const challenge = await openWindow(acs, started);
    expect(challenge.page).toContain('autocomplete="one-time-code"');
    expect(acs.sleeps).toEqual([8_000]);

    const notes = (await acs.deps.store.listMessages(challenge.acsTransID)).filter(isFaultEntry);
    expect(notes.map((m) => m.body)).toEqual([
      expect.objectContaining({
        fault: 'challenge-slow',
        applied: true,
        action: 'challenge page held back 8000 ms',
      }),
    ]);
    expect(notes[0]?.createdAt).toBe(new Date(creqAt).toISOString());
    const deadlineAt = creqAt + 8_000 + challengeTimeoutSeconds * 1000;
    expect((await acs.deps.store.getTransaction(challenge.acsTransID))?.deadlineAt).toBe(
      new Date(deadlineAt).toISOString(),
    );

    // Just before that deadline nothing times out, and the code still completes the challenge.
    acs.advance(deadlineAt - 1 - acs.deps.clock().getTime());
    await sweepTimeouts(acs.deps);
    expect((await acs.deps.store.getTransaction(challenge.acsTransID))?.state).toBe('challenging');
    const res = await submitRightCode(challenge);
    expect(postedCRes(res.text)).toMatchObject({ transStatus: 'Y', messageVersion: '2.2.0' });
    expect(await storedStatus(challenge.acsTransID)).toBe('Y');
    expect(server.received.filter((m) => m.acsTransID === challenge.acsTransID)).toEqual([
      expect.objectContaining({ transStatus: 'Y' }),
    ]);
  });

  it("takes the card's delay, and a CReq that came in time is not late for the ACS's own wait", async () => {
    await giveFault(cards.challengeSlowMastercard, 'challenge-slow', 1_500);
    const started = await startChallengeAuthentication(acs, {
      pan: cards.challengeSlowMastercard,
      threeDSServerURL: server.rreqURL,
    });
    acs.advance(creqTimeoutSeconds * 1000 - 1_000);
    const challenge = await openWindow(acs, started);
    expect(challenge.page).toContain('autocomplete="one-time-code"');
    expect(acs.sleeps).toEqual([1_500]);
    expect(await faultNotes(challenge.acsTransID)).toEqual([
      expect.objectContaining({ action: 'challenge page held back 1500 ms' }),
    ]);
    await submitRightCode(challenge);
    expect(await storedStatus(challenge.acsTransID)).toBe('Y');
  });
});

describe('ares-late', () => {
  it('holds the ARes back 15 s by default; the first-CReq deadline counts from the ARes', async () => {
    const started = await startChallengeAuthentication(acs, {
      pan: cards.aresLate,
      threeDSServerURL: server.rreqURL,
    });
    expect(acs.sleeps).toEqual([15_000]);
    const acsTransID = String(started.ares.acsTransID);
    const messages = await acs.deps.store.listMessages(acsTransID);
    const at = (type: string) => Date.parse(messages.find((m) => m.messageType === type)?.createdAt ?? '');
    expect(at('ARes') - at('AReq')).toBe(15_000);
    expect(await faultNotes(acsTransID)).toEqual([
      expect.objectContaining({ fault: 'ares-late', applied: true, trueTransStatus: 'C' }),
    ]);

    acs.advance(creqTimeoutSeconds * 1000 - 1_000);
    const challenge = await openWindow(acs, started);
    expect(challenge.page).toContain('autocomplete="one-time-code"');
    await submitRightCode(challenge);
    expect(await storedStatus(acsTransID)).toBe('Y');
  });

  it("takes the card's delay, and delays a frictionless card given the fault too", async () => {
    await giveFault(cards.aresLateMastercard, 'ares-late', 4_000);
    const started = await startChallengeAuthentication(acs, {
      pan: cards.aresLateMastercard,
      threeDSServerURL: server.rreqURL,
    });
    expect(acs.sleeps).toEqual([4_000]);
    const messages = await acs.deps.store.listMessages(String(started.ares.acsTransID));
    const at = (type: string) => Date.parse(messages.find((m) => m.messageType === type)?.createdAt ?? '');
    expect(at('ARes') - at('AReq')).toBe(4_000);

    acs.sleeps.length = 0;
    await giveFault(cards.frictionlessY, 'ares-late', 2_500);
    const areq = validAReq({ version: '2.2.0', channel: '02', acctNumber: cards.frictionlessY });
    const res = await request(acs.app).post('/3ds/areq').set('content-type', 'application/json').send(areq);
    expect(res.body).toMatchObject({ messageType: 'ARes', transStatus: 'Y' });
    expect(acs.sleeps).toEqual([2_500]);
    const frictionless = await acs.deps.store.listMessages(String(res.body.acsTransID));
    expect(frictionless.map((m) => m.messageType)).toEqual(['AReq', 'Fault', 'ARes']);
    expect(Date.parse(frictionless[2]?.createdAt ?? '') - Date.parse(frictionless[0]?.createdAt ?? '')).toBe(
      2_500,
    );
    expect(frictionless[1]?.body).toMatchObject({ fault: 'ares-late', applied: true, trueTransStatus: 'Y' });
  });
});

describe('faults that cannot act here', () => {
  it.each([cards.cresTwice, cards.cresNotBase64url, cards.challengeSlow])(
    'a browser-only fault (card %s) on the app channel: a note, and a normal challenge',
    async (pan) => {
      const session = await beginApp(pan);
      const answer = await answerAppChallenge(session);
      expect(session.readFinal(answer.text, answer.type, answer.status)).toMatchObject({ transStatus: 'Y' });
      expect(acs.sleeps).toEqual([]);
      expect(await faultNotes(session.acsTransID)).toEqual([
        expect.objectContaining({ applied: false, action: expect.stringContaining('deviceChannel is 01') }),
      ]);
      expect(server.received).toEqual([expect.objectContaining({ transStatus: 'Y' })]);
    },
  );

  it('a challenge fault on a frictionless card: a note, and the same ARes', async () => {
    const areq = () => validAReq({ version: '2.2.0', channel: '02', acctNumber: cards.frictionlessA });
    const send = (body: Record<string, unknown>) =>
      request(acs.app).post('/3ds/areq').set('content-type', 'application/json').send(body);
    const before = (await send(areq())).body as Record<string, unknown>;
    await giveFault(cards.frictionlessA, 'cres-twice');
    const after = (await send(areq())).body as Record<string, unknown>;
    // Everything but the IDs and the authenticationValue (derived from the transaction's IDs).
    const comparable = ({
      acsTransID,
      dsTransID,
      threeDSServerTransID,
      authenticationValue,
      ...rest
    }: Record<string, unknown>) => rest;
    expect(comparable(after)).toEqual(comparable(before));
    expect(after.transStatus).toBe('A');
    expect(acs.sleeps).toEqual([]);
    expect(await timelineTypes(String(after.acsTransID))).toEqual(['in AReq', 'out Fault', 'out ARes']);
    expect(await faultNotes(String(after.acsTransID))).toEqual([
      expect.objectContaining({ fault: 'cres-twice', applied: false, trueTransStatus: 'A' }),
    ]);
  });
});
