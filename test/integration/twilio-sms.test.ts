/**
 * SMS through Twilio, end to end over HTTP (docs/flows.md, "Delivery"): a real browser
 * challenge sends its code with the real twilio SDK to the local Twilio double; Twilio's
 * magic failure numbers fail the same way with the outbox and with Twilio, and the challenge
 * window tells the cardholder what to do; signed delivery reports update the message the
 * sandbox inbox shows, and unsigned ones are refused.
 */
import express, { type Express } from 'express';
import request from 'supertest';
import twilio from 'twilio';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import type { CodeSender } from '../../src/delivery/code-sender.ts';
import { deliveryFailureMessage } from '../../src/delivery/delivery-errors.ts';
import { magicNumberErrors } from '../../src/delivery/magic-numbers.ts';
import { createOutboxSender } from '../../src/delivery/outbox.ts';
import { createTwilioSender } from '../../src/delivery/twilio.ts';
import { twilioStatusCallbackUrl, twilioStatusPath } from '../../src/flows/challenge/sms-status.ts';
import type { FlowDeps } from '../../src/flows/common/deps.ts';
import { seedTestCards } from '../../src/flows/common/seed-test-cards.ts';
import { errorHandler } from '../../src/http/common/error-handler.ts';
import { mountPoints } from '../../src/http/common/mount-points.ts';
import { twilioRoutes } from '../../src/http/ops/twilio-routes.ts';
import { catalogue } from '../../views/common/i18n.ts';
import {
  type DrivenChallenge,
  openWindow,
  postAction,
  startChallengeAuthentication,
} from '../support/challenge-driver.ts';
import { createTestAcs, seedFile, type TestAcs } from '../support/test-acs.ts';
import { startThreeDSServerDouble, type ThreeDSServerDouble } from '../support/three-ds-server-double.ts';
import { startTwilioDouble, type TwilioDouble } from '../support/twilio-double.ts';

const from = '+15005550006';

/** The last digit that makes `body` Luhn-valid. */
function withLuhn(body: string): string {
  for (let check = 0; check < 10; check++) {
    const pan = `${body}${check}`;
    const sum = [...pan]
      .reverse()
      .map(Number)
      .reduce(
        (acc, digit, i) => acc + (i % 2 === 1 ? (digit * 2 > 9 ? digit * 2 - 9 : digit * 2) : digit),
        0,
      );
    if (sum % 10 === 0) return pan;
  }
  throw new Error('unreachable');
}

/** One challenge-sms card per magic number (Visa range served by the seed file). */
const magicCards = Object.keys(magicNumberErrors).map((phone, i) => ({
  pan: withLuhn(`40000000000030${i}`),
  scenario: 'challenge-sms' as const,
  phone,
}));

type Harness = { acs: TestAcs; app: Express; deps: FlowDeps };

/**
 * The test ACS with `codeSender` in place of the outbox and the Twilio webhook mounted, as
 * app.ts mounts it when ACS_SMS_PROVIDER=twilio.
 */
async function harness(codeSender: (acs: TestAcs) => CodeSender, authToken: string): Promise<Harness> {
  const acs = await createTestAcs({ ACS_RREQ_RETRY_DELAY_MS: '0', ACS_RREQ_TIMEOUT_MS: '1000' });
  await seedTestCards(acs.deps, { ranges: seedFile.ranges, cards: magicCards });
  const deps: FlowDeps = { ...acs.deps, codeSender: codeSender(acs) };
  const app = express();
  app.use(mountPoints.webhooks, twilioRoutes(deps, { authToken, publicUrl: deps.config.publicUrl }));
  app.use(createApp(deps));
  app.use(errorHandler(deps.logger, deps.metrics));
  return { acs, app, deps };
}

let double: TwilioDouble;
let server: ThreeDSServerDouble;
let viaTwilio: Harness;
let viaOutbox: Harness;

beforeAll(async () => {
  double = await startTwilioDouble();
  server = await startThreeDSServerDouble();
  viaTwilio = await harness(
    (acs) =>
      createTwilioSender({
        accountSid: double.accountSid,
        authToken: double.authToken,
        from,
        statusCallbackUrl: twilioStatusCallbackUrl(acs.deps.config.publicUrl),
        validityPeriodSeconds: acs.deps.config.challenge.codeTtlSeconds,
        apiBaseUrl: double.baseUrl,
      }),
    double.authToken,
  );
  viaOutbox = await harness(() => createOutboxSender(), double.authToken);
});
afterAll(async () => {
  await viaTwilio.acs.close();
  await viaOutbox.acs.close();
  await double.close();
  await server.close();
});
beforeEach(() => {
  double.requests.length = 0;
  double.behaviour = 'answer';
});

/** Opens a challenge window for `pan` on the harness's app. */
async function challenge(h: Harness, pan: string): Promise<DrivenChallenge> {
  const acs = { ...h.acs, app: h.app };
  return openWindow(acs, await startChallengeAuthentication(acs, { pan, threeDSServerURL: server.rreqURL }));
}

type InboxMessage = {
  id: string;
  to: string;
  body: string;
  code: string;
  status: string;
  errorCode: string | null;
  acsTransID: string;
};

async function inbox(h: Harness, acsTransID: string): Promise<InboxMessage[]> {
  const res = await request(h.app).get('/sandbox/api/messages').query({ acsTransID });
  expect(res.status).toBe(200);
  return res.body.messages as InboxMessage[];
}

/** The text of the message shown above the challenge form, unescaped. */
function shownMessage(page: string): string | undefined {
  return /<p id="challenge-message"[^>]*>([^<]*)<\/p>/
    .exec(page)?.[1]
    ?.replaceAll('&#39;', "'")
    .replaceAll('&quot;', '"')
    .replaceAll('&amp;', '&');
}

/** Posts a delivery report the way Twilio does, signed with `authToken` unless told otherwise. */
function report(h: Harness, params: Record<string, string>, signature?: string) {
  const url = `${h.deps.config.publicUrl}${twilioStatusPath}`;
  const signed = signature ?? twilio.getExpectedTwilioSignature(double.authToken, url, params);
  return request(h.app).post(twilioStatusPath).type('form').set('X-Twilio-Signature', signed).send(params);
}

describe('sending the code through Twilio', () => {
  it('sends To, From, StatusCallback, ValidityPeriod and a body with the code, amount and merchant', async () => {
    const started = await challenge(viaTwilio, '4000000000001000');
    expect(shownMessage(started.page)).toBe(catalogue.en.codeSent);
    expect(double.requests).toHaveLength(1);
    const [sent] = double.requests;
    expect(sent?.path).toBe(`/2010-04-01/Accounts/${double.accountSid}/Messages.json`);
    expect(sent?.authenticated).toBe(true);
    const [message] = await inbox(viaTwilio, started.acsTransID);
    expect(sent?.params).toEqual({
      To: '+15555550106',
      From: from,
      Body: message?.body,
      StatusCallback: 'http://acs.test/webhooks/twilio/status',
      ValidityPeriod: '300',
    });
    expect(message?.code).toMatch(/^[0-9]{6}$/);
    expect(message?.body).toContain(`your code ${message?.code} `);
    expect(message?.body).toContain('€123.45');
    expect(message?.body).toContain('Example Shop');
    expect(message).toMatchObject({ to: '+15555550106', status: 'queued', acsTransID: started.acsTransID });
    expect(message?.errorCode).toBeNull();
    // The provider's message SID is kept, so delivery reports find the message.
    const stored = await viaTwilio.deps.store.listSms({ acsTransID: started.acsTransID, limit: 1 });
    expect(stored[0]?.providerId).toBe(double.messages.at(-1)?.sid);
  });

  it('never writes the code, the auth token or the body to the log', () => {
    const logs = viaTwilio.acs.logs.join('\n');
    expect(logs).not.toContain(double.authToken);
    expect(logs).not.toContain('your code');
  });
});

describe.each([
  ['outbox', () => viaOutbox],
  ['twilio', () => viaTwilio],
] as const)('magic failure numbers with the %s sender', (sender, get) => {
  it.each(magicCards.map((card) => [card.phone, magicNumberErrors[card.phone] as string, card.pan]))(
    '%s fails with Twilio error %s and the window says what to do',
    async (phone, errorCode, pan) => {
      const h = get();
      const started = await challenge(h, pan);
      const [message] = await inbox(h, started.acsTransID);
      expect(message).toMatchObject({ to: phone, status: 'failed', errorCode });
      expect(shownMessage(started.page)).toBe(catalogue.en[deliveryFailureMessage(errorCode)]);
      expect(started.page).toContain('role="alert"');
      expect(double.requests.map((r) => r.params.To)).toEqual(sender === 'twilio' ? [phone] : []);
    },
  );

  it('tells the cardholder again after a resend, in their language', async () => {
    const h = get();
    const card = magicCards[3] as (typeof magicCards)[number];
    const acs = { ...h.acs, app: h.app };
    const started = await openWindow(
      acs,
      await startChallengeAuthentication(acs, {
        pan: card.pan,
        threeDSServerURL: server.rreqURL,
        overrides: { browserLanguage: 'es-ES' },
      }),
    );
    expect(shownMessage(started.page)).toBe(catalogue.es.deliveryFailedOptedOut);
    const resent = await postAction(acs, started, 'resend');
    expect(resent.status).toBe(200);
    expect(shownMessage(resent.text)).toBe(catalogue.es.deliveryFailedOptedOut);
    expect((await inbox(h, started.acsTransID)).map((m) => [m.status, m.errorCode])).toEqual([
      ['failed', '21610'],
      ['failed', '21610'],
    ]);
    // Each code is its own send: a resend is a new idempotency key, so it goes out again.
    expect(double.requests).toHaveLength(sender === 'twilio' ? 2 : 0);
  });
});

describe('Twilio delivery reports', () => {
  async function sentMessage() {
    const started = await challenge(viaTwilio, '4000000000001000');
    const [message] = await inbox(viaTwilio, started.acsTransID);
    const sid = String(double.messages.at(-1)?.sid);
    return { started, message, sid };
  }

  const reportFor = (sid: string, status: string, extra: Record<string, string> = {}) => ({
    AccountSid: double.accountSid,
    ApiVersion: '2010-04-01',
    From: from,
    MessageSid: sid,
    MessageStatus: status,
    SmsSid: sid,
    SmsStatus: status,
    To: '+15555550106',
    ...extra,
  });

  it('refuses a report with a bad or missing signature and changes nothing', async () => {
    const { started, sid } = await sentMessage();
    const params = reportFor(sid, 'delivered');
    const forged = twilio.getExpectedTwilioSignature(
      'not-the-auth-token',
      `http://acs.test${twilioStatusPath}`,
      params,
    );
    const bad = await report(viaTwilio, params, forged);
    expect(bad.status).toBe(403);
    expect(bad.body).toEqual({ error: 'forbidden', message: expect.any(String) });
    const missing = await request(viaTwilio.app).post(twilioStatusPath).type('form').send(params);
    expect(missing.status).toBe(403);
    expect(missing.body.error).toBe('forbidden');
    // Signed for other parameters: the signature covers every one of them.
    const good = twilio.getExpectedTwilioSignature(
      double.authToken,
      `http://acs.test${twilioStatusPath}`,
      params,
    );
    const tampered = await report(viaTwilio, { ...params, MessageStatus: 'failed' }, good);
    expect(tampered.status).toBe(403);
    expect((await inbox(viaTwilio, started.acsTransID)).map((m) => m.status)).toEqual(['queued']);
  });

  it('updates the message status the sandbox shows when the signature is good', async () => {
    const { started, sid } = await sentMessage();
    const sent = await report(viaTwilio, reportFor(sid, 'sent'));
    expect(sent.status).toBe(200);
    expect(sent.body).toEqual({ outcome: 'updated' });
    expect((await inbox(viaTwilio, started.acsTransID)).map((m) => [m.status, m.errorCode])).toEqual([
      ['sent', null],
    ]);
    const failed = await report(viaTwilio, reportFor(sid, 'undelivered', { ErrorCode: '30003' }));
    expect(failed.body).toEqual({ outcome: 'updated' });
    expect((await inbox(viaTwilio, started.acsTransID)).map((m) => [m.status, m.errorCode])).toEqual([
      ['undelivered', '30003'],
    ]);
  });

  it('acknowledges an unknown MessageSid or an untracked status with 200 and changes nothing', async () => {
    const { started, sid } = await sentMessage();
    const unknown = await report(viaTwilio, reportFor(`SM${'f'.repeat(32)}`, 'delivered'));
    expect([unknown.status, unknown.body]).toEqual([200, { outcome: 'unknown-message' }]);
    const accepted = await report(viaTwilio, reportFor(sid, 'accepted'));
    expect([accepted.status, accepted.body]).toEqual([200, { outcome: 'ignored' }]);
    expect((await inbox(viaTwilio, started.acsTransID)).map((m) => m.status)).toEqual(['queued']);
  });

  it('checks the signature against the public URL with its query string', async () => {
    const { started, sid } = await sentMessage();
    const params = reportFor(sid, 'delivered');
    const url = `http://acs.test${twilioStatusPath}?tenant=a%20b`;
    const res = await request(viaTwilio.app)
      .post(`${twilioStatusPath}?tenant=a%20b`)
      .type('form')
      .set('X-Twilio-Signature', twilio.getExpectedTwilioSignature(double.authToken, url, params))
      .send(params);
    expect(res.body).toEqual({ outcome: 'updated' });
    expect((await inbox(viaTwilio, started.acsTransID)).map((m) => m.status)).toEqual(['delivered']);
  });
});
