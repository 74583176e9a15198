/**
 * Drives a browser challenge over HTTP the way a cardholder's browser would (without a
 * browser): AReq, first CReq form post, read the code in the sandbox, form posts with the
 * page's hidden token. Pages are read with small regular expressions on our own markup.
 */
import request from 'supertest';
import { expect } from 'vitest';
import { validAReq } from './areq-fixtures.ts';
import type { TestAcs } from './test-acs.ts';

/** Where the merchant wants the final CRes (query string must survive). */
export const notificationURL = 'https://merchant.test/3ds/notify?order=42&x=a%20b';

/** A challenge in progress. */
export type DrivenChallenge = {
  areq: Record<string, unknown>;
  ares: Record<string, unknown>;
  acsTransID: string;
  /** The last page's HTML. */
  page: string;
};

/** The value of a hidden input in `html`. */
export function hiddenValue(html: string, name: string): string | undefined {
  const match = new RegExp(`<input type="hidden" name="${name}" value="([^"]*)"`).exec(html);
  return match?.[1]
    ?.replaceAll('&amp;', '&')
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>');
}

/** The final CRes posted by an auto-post page, decoded. */
export function postedCRes(html: string): Record<string, unknown> {
  const cres = hiddenValue(html, 'cres');
  expect(cres, 'the page carries a cres field').toBeDefined();
  return JSON.parse(Buffer.from(cres as string, 'base64url').toString('utf8')) as Record<string, unknown>;
}

/** base64url of a browser CReq for `acsTransID`. */
export function encodeCReq(
  areq: Record<string, unknown>,
  acsTransID: string,
  windowSize = '05',
  padded = false,
): string {
  const creq = {
    messageType: 'CReq',
    messageVersion: areq.messageVersion,
    threeDSServerTransID: areq.threeDSServerTransID,
    acsTransID,
    challengeWindowSize: windowSize,
  };
  const text = Buffer.from(JSON.stringify(creq)).toString('base64url');
  return padded ? text.padEnd(Math.ceil(text.length / 4) * 4, '=') : text;
}

/** Sends the AReq of a challenge card and returns the ARes (transStatus C). */
export async function startChallengeAuthentication(
  acs: TestAcs,
  options: {
    pan?: string;
    version?: '2.1.0' | '2.2.0' | '2.3.1';
    threeDSServerURL: string;
    overrides?: Record<string, unknown>;
  },
): Promise<{ areq: Record<string, unknown>; ares: Record<string, unknown> }> {
  const areq = validAReq({
    version: options.version ?? '2.2.0',
    channel: '02',
    acctNumber: options.pan ?? '4000000000001000',
    overrides: { threeDSServerURL: options.threeDSServerURL, notificationURL, ...options.overrides },
  });
  const res = await request(acs.app)
    .post('/3ds/areq')
    .set('content-type', 'application/json')
    .send(JSON.stringify(areq));
  expect(res.body.transStatus).toBe('C');
  return { areq, ares: res.body };
}

/** Posts the first CReq and returns the challenge page. */
export async function openWindow(
  acs: TestAcs,
  started: { areq: Record<string, unknown>; ares: Record<string, unknown> },
  options: { windowSize?: string; sessionData?: string; padded?: boolean } = {},
): Promise<DrivenChallenge> {
  const acsTransID = String(started.ares.acsTransID);
  const form: Record<string, string> = {
    creq: encodeCReq(started.areq, acsTransID, options.windowSize, options.padded),
  };
  if (options.sessionData !== undefined) form.threeDSSessionData = options.sessionData;
  const res = await request(acs.app).post('/3ds/challenge').type('form').send(form);
  expect(res.status).toBe(200);
  return { ...started, acsTransID, page: res.text };
}

/** The code of the newest SMS for the transaction, read from the sandbox API. */
export async function latestCode(acs: TestAcs, acsTransID: string): Promise<string> {
  const res = await request(acs.app).get('/sandbox/api/messages').query({ acsTransID });
  expect(res.status).toBe(200);
  const [newest] = res.body.messages as { code: string }[];
  expect(newest, 'an SMS was sent').toBeDefined();
  return (newest as { code: string }).code;
}

/** Posts one of the window's forms (submit, resend, cancel, method) with the page's token. */
export async function postAction(
  acs: TestAcs,
  challenge: DrivenChallenge,
  action: 'submit' | 'resend' | 'cancel' | 'method',
  fields: Record<string, string> = {},
) {
  const token = hiddenValue(challenge.page, 'token') ?? '';
  const res = await request(acs.app)
    .post(`/3ds/challenge/${challenge.acsTransID}/${action}`)
    .type('form')
    .send({ token, ...fields });
  if (res.status === 200) challenge.page = res.text;
  return res;
}
