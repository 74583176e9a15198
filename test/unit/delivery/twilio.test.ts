/**
 * The Twilio sender driven through the real twilio SDK against the local double
 * (test/support/twilio-double.ts): what goes on the wire, and how every answer is mapped.
 */
import { createServer } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SmsRequest } from '../../../src/delivery/code-sender.ts';
import { magicNumberErrors } from '../../../src/delivery/magic-numbers.ts';
import { createOutboxSender } from '../../../src/delivery/outbox.ts';
import { createTwilioSender, type TwilioSenderOptions } from '../../../src/delivery/twilio.ts';
import { startTwilioDouble, type TwilioDouble } from '../../support/twilio-double.ts';

let double: TwilioDouble;
beforeAll(async () => {
  double = await startTwilioDouble();
});
afterAll(() => double.close());
beforeEach(() => {
  double.requests.length = 0;
  double.behaviour = 'answer';
});

const from = '+15005550006';
const messagingServiceSid = `MG${'0123456789abcdef'.repeat(2)}`;
const statusCallbackUrl = 'https://acs.example/webhooks/twilio/status';
let keys = 0;
const sms = (to: string, body = 'Bank: your code 123456 is to pay €10.00 at Shop.'): SmsRequest => ({
  to,
  body,
  idempotencyKey: `key-${++keys}`,
});

function sender(overrides: Partial<TwilioSenderOptions> = {}) {
  return createTwilioSender({
    accountSid: double.accountSid,
    authToken: double.authToken,
    from,
    statusCallbackUrl,
    validityPeriodSeconds: 300,
    apiBaseUrl: double.baseUrl,
    ...overrides,
  });
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

describe('Twilio sender', () => {
  it('creates one message with To, Body, From, StatusCallback and ValidityPeriod', async () => {
    const request = sms('+15555550100');
    const result = await sender().send(request);
    expect(double.requests).toHaveLength(1);
    const [sent] = double.requests;
    expect(sent).toMatchObject({
      method: 'POST',
      path: `/2010-04-01/Accounts/${double.accountSid}/Messages.json`,
      username: double.accountSid,
      authenticated: true,
    });
    expect(sent?.contentType).toMatch(/^application\/x-www-form-urlencoded/);
    expect(sent?.params).toEqual({
      To: '+15555550100',
      Body: request.body,
      From: from,
      StatusCallback: statusCallbackUrl,
      ValidityPeriod: '300',
    });
    const created = double.messages.at(-1);
    expect(result).toEqual({ status: 'queued', providerId: created?.sid });
    expect(String(created?.sid)).toMatch(/^SM[0-9a-f]{32}$/);
  });

  it('sends through a Messaging Service when one is given instead of From', async () => {
    const twilio = sender({
      from: undefined,
      messagingServiceSid,
      statusCallbackUrl: undefined,
      validityPeriodSeconds: 600,
    });
    const result = await twilio.send(sms('+15555550101'));
    expect(double.requests[0]?.params).toEqual({
      To: '+15555550101',
      Body: expect.any(String),
      MessagingServiceSid: messagingServiceSid,
      ValidityPeriod: '600',
    });
    expect(result.status).toBe('queued');
  });

  it('fails each magic number with the error code the outbox gives too', async () => {
    const twilio = sender();
    const outbox = createOutboxSender();
    const numbers = Object.keys(magicNumberErrors);
    const viaTwilio = await Promise.all(numbers.map((to) => twilio.send(sms(to))));
    const viaOutbox = await Promise.all(numbers.map((to) => outbox.send(sms(to))));
    const expected = numbers.map((to) => ({
      status: 'failed',
      errorCode: magicNumberErrors[to],
      providerId: undefined,
    }));
    expect(viaTwilio).toEqual(expected);
    expect(viaOutbox).toEqual(expected);
    expect(expected.map((r) => r.errorCode)).toEqual(['21211', '21612', '21408', '21610', '21614']);
  });

  it('never sends twice for one idempotency key, even at the same moment', async () => {
    const twilio = sender();
    const request = sms('+15555550102');
    const [a, b] = await Promise.all([twilio.send(request), twilio.send(request)]);
    const c = await twilio.send(request);
    expect(double.requests).toHaveLength(1);
    expect(b).toEqual(a);
    expect(c).toEqual(a);
    await twilio.send({ ...request, idempotencyKey: `${request.idempotencyKey}-next` });
    expect(double.requests).toHaveLength(2);
  });

  it('does not retry a 429: one request, failed with Twilio code 20429', async () => {
    double.behaviour = 'rate-limit';
    const result = await sender().send(sms('+15555550103'));
    expect(result).toEqual({ status: 'failed', errorCode: '20429', providerId: undefined });
    expect(double.requests).toHaveLength(1);
  });

  it('maps a dropped connection and a refused one to network', async () => {
    double.behaviour = 'drop';
    const dropped = await sender().send(sms('+15555550104'));
    expect(dropped).toEqual({ status: 'failed', errorCode: 'network', providerId: undefined });
    expect(double.requests).toHaveLength(1);

    const refused = await sender({ apiBaseUrl: `http://127.0.0.1:${await closedPort()}` }).send(
      sms('+15555550105'),
    );
    expect(refused).toEqual({ status: 'failed', errorCode: 'network', providerId: undefined });
  });

  it("maps wrong credentials to Twilio's authentication error", async () => {
    const result = await sender({ authToken: 'not-the-token' }).send(sms('+15555550106'));
    expect(result).toEqual({ status: 'failed', errorCode: '20003', providerId: undefined });
  });

  it('refuses unusable options at construction, without echoing secrets', () => {
    const attempts: Partial<TwilioSenderOptions>[] = [
      { accountSid: 'SK0123' },
      { authToken: '' },
      { from: undefined, messagingServiceSid: undefined },
      { messagingServiceSid: 'MG-nope' },
      { validityPeriodSeconds: 0 },
      { validityPeriodSeconds: 36_001 },
      { validityPeriodSeconds: 1.5 },
      { statusCallbackUrl: 'ftp://acs.example/status' },
      { timeoutMs: 0 },
    ];
    const messages = attempts.map((overrides) => {
      try {
        sender(overrides);
        return 'accepted';
      } catch (error) {
        return error instanceof Error ? error.message : String(error);
      }
    });
    expect(messages.filter((m) => m === 'accepted' || !m.startsWith('twilio sender: '))).toEqual([]);
    expect(messages.filter((m) => m.includes(double.authToken))).toEqual([]);
    expect(() => sender({ validityPeriodSeconds: 1 })).not.toThrow();
    expect(() => sender({ validityPeriodSeconds: 36_000 })).not.toThrow();
  });
});
