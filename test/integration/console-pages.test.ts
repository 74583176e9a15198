/**
 * The console's test card, SMS inbox and transaction explorer pages over HTTP, as a logged-in
 * operator: every page renders with a session and sends visitors without one to the login
 * page; card forms validate each field and never keep or echo a PAN; the inbox shows a
 * challenge's code and streams new ones as server-sent events; a finished challenge's page
 * shows its whole timeline; "Resend RReq" adds an attempt; a form post without the session's
 * CSRF token is refused.
 */
import { get as httpGet, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validAReq } from '../support/areq-fixtures.ts';
import {
  latestCode,
  openWindow,
  postAction,
  startChallengeAuthentication,
} from '../support/challenge-driver.ts';
import { consoleLogin } from '../support/console-login.ts';
import { createTestAcs, type TestAcs } from '../support/test-acs.ts';
import { startThreeDSServerDouble, type ThreeDSServerDouble } from '../support/three-ds-server-double.ts';

/** A Luhn-valid Visa PAN in the served range that the seed file does not hold. */
const newPan = '4000000000003006';
const challengeSmsPan = '4000000000001000';

let acs: TestAcs;
let server: ThreeDSServerDouble;
let app: Express;
let cookie: string;
let csrf: string;

beforeAll(async () => {
  acs = await createTestAcs({ ACS_RREQ_RETRY_DELAY_MS: '20', ACS_RREQ_TIMEOUT_MS: '1000' });
  server = await startThreeDSServerDouble();
  app = acs.app;
  ({ cookie, csrf } = await consoleLogin(acs, 'tess'));
});
afterAll(async () => {
  await acs.close();
  await server.close();
});

function get(path: string) {
  return request(app).get(path).set('cookie', cookie);
}

function post(path: string, form: Record<string, string>, withCsrf = true) {
  return request(app)
    .post(path)
    .set('cookie', cookie)
    .type('form')
    .send(withCsrf ? { _csrf: csrf, ...form } : form);
}

/** A complete SMS challenge, answered with the right code; returns its acsTransID. */
async function finishedChallenge(overrides: Record<string, unknown> = {}): Promise<string> {
  const started = await startChallengeAuthentication(acs, {
    pan: challengeSmsPan,
    threeDSServerURL: server.rreqURL,
    overrides,
  });
  const challenge = await openWindow(acs, started);
  const res = await postAction(acs, challenge, 'submit', {
    code: await latestCode(acs, challenge.acsTransID),
  });
  expect(res.status).toBe(200);
  return challenge.acsTransID;
}

describe('console pages: sessions', () => {
  it.each(['/console/cards', '/console/cards/new', '/console/inbox', '/console/transactions'])(
    'renders %s for a logged-in operator',
    async (path) => {
      const res = await get(path);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.text).toContain('<link rel="stylesheet" href="/static/console.css">');
      expect(res.text).toContain(
        `<a href="${path.startsWith('/console/cards') ? '/console/cards' : path}" aria-current="page">`,
      );
      expect(res.text).toContain('tess');
      expect(res.text).not.toMatch(/<script>|style="/);
    },
  );

  it.each([
    '/console/cards',
    '/console/cards/new',
    '/console/inbox?to=%2B15555550100',
    '/console/transactions',
  ])('sends a visitor without a session from %s to the login page', async (path) => {
    const res = await request(app).get(path);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/console/login?next=${encodeURIComponent(path)}`);
  });

  it('answers a form post without a session with 401', async () => {
    const res = await request(app).post('/console/cards').type('form').send({ _csrf: csrf, pan: newPan });
    expect(res.status).toBe(401);
    expect(res.text).toContain('Not logged in');
  });

  it.each([
    ['/console/cards', { pan: newPan, scenario: 'challenge-sms', phone: '+15555550199' }],
    ['/console/transactions/search', { q: '' }],
    ['/console/transactions/00000000-0000-4000-8000-000000000000/rreq', {}],
  ])('refuses %s without the CSRF token (403), and with a wrong one', async (path, form) => {
    const missing = await post(path, form, false);
    expect(missing.status).toBe(403);
    expect(missing.text).toContain('Form expired');
    const wrong = await post(path, { ...form, _csrf: `${csrf.slice(0, -1)}x` }, false);
    expect(wrong.status).toBe(403);
    expect((await acs.deps.store.listCards()).some((card) => card.maskedPan === '400000******3006')).toBe(
      false,
    );
  });
});

describe('console pages: test cards', () => {
  let cardId: string;

  it('shows a message next to each bad field and never sends the PAN back', async () => {
    const res = await post('/console/cards', {
      pan: '4000 0000 0000 3007',
      scenario: 'challenge-sms',
      cardholderName: 'Tess <Tester>',
      phone: '12345',
      email: 'tess@example.test',
    });
    expect(res.status).toBe(400);
    expect(res.text).toContain(
      '<p class="field-error" id="field-pan-error">This card number fails the Luhn check: check the digits.</p>',
    );
    expect(res.text).toContain(
      '<p class="field-error" id="field-phone-error">Enter the phone number in international form: + and country code, e.g. +15555550100.</p>',
    );
    expect(res.text).toContain('<a href="#field-pan">Card number: This card number fails the Luhn check');
    // Values are kept (escaped), except the card number, which is typed again.
    expect(res.text).toContain('value="Tess &lt;Tester&gt;"');
    expect(res.text).toContain('value="tess@example.test"');
    expect(res.text).toContain('<option value="challenge-sms" selected>');
    expect(res.text).toMatch(/<input id="field-pan" name="pan" type="text" value=""/);
    expect(res.text).not.toContain('3007');
  });

  it('asks for a phone number when the scenario sends the code by SMS, and for a scenario', async () => {
    const res = await post('/console/cards', { pan: newPan, scenario: 'challenge-sms', phone: '' });
    expect(res.status).toBe(400);
    expect(res.text).toContain('This scenario sends the code by SMS: enter a phone number.');
    const none = await post('/console/cards', { pan: newPan, scenario: 'nope', phone: '+15555550199' });
    expect(none.status).toBe(400);
    expect(none.text).toContain(
      '<p class="field-error" id="field-scenario-error">Choose a scenario from the list.</p>',
    );
    expect((await acs.deps.store.listCards()).some((card) => card.maskedPan === '400000******3006')).toBe(
      false,
    );
  });

  it('creates a card, lists it masked, and keeps no PAN in the database or logs', async () => {
    const res = await post('/console/cards', {
      pan: '4000 0000 0000 3006',
      scenario: 'challenge-sms',
      cardholderName: 'Tess Tester',
      phone: '+1 555 555 0199',
      email: '',
    });
    expect(res.status).toBe(303);
    const match = /^\/console\/cards\/([0-9a-f-]{36})\?notice=created$/.exec(String(res.headers.location));
    expect(match).not.toBeNull();
    cardId = (match as RegExpExecArray)[1] as string;
    expect(await acs.deps.store.getCard(cardId)).toMatchObject({
      maskedPan: '400000******3006',
      scheme: 'visa',
      scenario: 'challenge-sms',
      cardholderName: 'Tess Tester',
      phone: '+15555550199',
      email: undefined,
    });

    const page = await get(res.headers.location as string);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Card created.');
    const list = await get('/console/cards');
    expect(list.text).toContain(`<a class="mono" href="/console/cards/${cardId}">400000******3006</a>`);
    expect(list.text).toContain('<td class="nowrap">+15555550199</td>');

    const again = await post('/console/cards', { pan: newPan, scenario: 'frictionless-y' });
    expect(again.status).toBe(400);
    expect(again.text).toContain('A test card with this number exists already.');

    expect(await acs.storedText()).toContain('400000******3006');
    expect(await acs.storedText()).not.toContain(newPan);
    expect(acs.logs.join('\n')).not.toContain(newPan);
  });

  it('edits the scenario and details, with messages for bad values', async () => {
    const bad = await post(`/console/cards/${cardId}`, {
      scenario: 'challenge-app',
      cardholderName: 'x'.repeat(46),
      phone: '',
      email: 'not-an-email',
    });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('The name must be at most 45 characters long.');
    expect(bad.text).toContain('Enter an email address like name@example.com, or leave it empty.');
    expect((await acs.deps.store.getCard(cardId))?.scenario).toBe('challenge-sms');

    const res = await post(`/console/cards/${cardId}`, {
      scenario: 'challenge-app',
      cardholderName: 'Tess Renamed',
      phone: '',
      email: 'tess@example.test',
    });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/console/cards/${cardId}?notice=saved`);
    expect(await acs.deps.store.getCard(cardId)).toMatchObject({
      scenario: 'challenge-app',
      cardholderName: 'Tess Renamed',
      phone: undefined,
      email: 'tess@example.test',
    });
    const page = await get(`/console/cards/${cardId}`);
    expect(page.text).toContain('<option value="challenge-app" selected>');
    expect(page.text).toContain('value="Tess Renamed"');
  });

  it('enrols the authenticator app once, showing the secret, URI and QR code', async () => {
    const res = await post(`/console/cards/${cardId}/totp`, {});
    expect(res.status).toBe(200);
    const secret = /<dt>Secret \(base32\)<\/dt><dd><code class="mono">([A-Z2-7]+)<\/code>/.exec(
      res.text,
    )?.[1];
    expect(secret?.length).toBeGreaterThanOrEqual(26);
    expect(res.text).toContain(`otpauth://totp/`);
    expect(res.text).toContain(`secret=${secret}`);
    expect(res.text).toMatch(/<svg [^>]*>.*<\/svg>/s);
    expect((await acs.deps.store.getCardCredentials(cardId))?.totpSecretSealed).toBeDefined();
    const page = await get(`/console/cards/${cardId}`);
    expect(page.text).toContain('<span class="badge badge-ok">Enrolled</span>');
    expect(page.text).not.toContain(secret as string);
  });

  it('sets the static password, refusing one the policy does not allow', async () => {
    const short = await post(`/console/cards/${cardId}/password`, { password: 'short' });
    expect(short.status).toBe(400);
    expect(short.text).toContain(
      '<p class="field-error" id="field-password-error">The password must be at least 8 characters long.</p>',
    );
    expect((await acs.deps.store.getCardCredentials(cardId))?.passwordHash).toBeUndefined();
    const res = await post(`/console/cards/${cardId}/password`, { password: 'a good password' });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/console/cards/${cardId}?notice=password`);
    expect((await acs.deps.store.getCardCredentials(cardId))?.passwordHash).toMatch(/^\$argon2id\$/);
    expect((await get('/console/cards')).text).toContain('<span class="badge badge-ok">Set</span>');
  });

  it('deletes a card after a confirm step', async () => {
    const confirm = await get(`/console/cards/${cardId}/delete`);
    expect(confirm.status).toBe(200);
    expect(confirm.text).toContain('Delete card <span class="mono">400000******3006</span>?');
    expect(confirm.text).toContain(
      `<form class="form-actions" method="post" action="/console/cards/${cardId}/delete">`,
    );
    expect(confirm.text).toContain(`<input type="hidden" name="_csrf" value="${csrf}">`);
    expect(await acs.deps.store.getCard(cardId)).toBeDefined();

    const res = await post(`/console/cards/${cardId}/delete`, {});
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/console/cards?notice=deleted');
    expect(await acs.deps.store.getCard(cardId)).toBeUndefined();
    expect((await get('/console/cards?notice=deleted')).text).toContain('Card deleted.');
    const gone = await get(`/console/cards/${cardId}`);
    expect(gone.status).toBe(404);
    expect(gone.text).toContain('No such card');
    expect((await post(`/console/cards/${cardId}/delete`, {})).status).toBe(404);
  });
});

describe('console pages: SMS inbox', () => {
  it('lists the code of a challenge with its status and transaction', async () => {
    const started = await startChallengeAuthentication(acs, { threeDSServerURL: server.rreqURL });
    const challenge = await openWindow(acs, started);
    const code = await latestCode(acs, challenge.acsTransID);
    const res = await get(`/console/inbox?acsTransID=${challenge.acsTransID}`);
    expect(res.status).toBe(200);
    expect(res.text).toContain(`<strong class="code-large">${code}</strong>`);
    expect(res.text).toContain('<span class="badge badge-ok">delivered</span>');
    expect(res.text).toContain(`<a class="mono" href="/console/transactions/${challenge.acsTransID}">`);
    expect(res.text).toContain('<script src="/static/console-inbox.js" defer></script>');
    expect(res.text).toMatch(
      new RegExp(`data-events="/console/inbox/events\\?acsTransID=${challenge.acsTransID}&amp;since=[^"]+"`),
    );
    expect(res.text).toContain(
      `<a class="button button-quiet" href="/console/inbox?acsTransID=${challenge.acsTransID}">Refresh</a>`,
    );

    const other = await get('/console/inbox?to=%2B15555550100');
    expect(other.status).toBe(200);
    expect(other.text).not.toContain(`<strong class="code-large">${code}</strong>`);
  });

  it('explains a bad filter next to the field', async () => {
    const res = await get('/console/inbox?to=call-me&acsTransID=nope');
    expect(res.status).toBe(400);
    expect(res.text).toContain(
      '<p class="field-error" id="filter-to-error">Enter a phone number in international form, e.g. +15555550100.</p>',
    );
    expect(res.text).toContain('<p class="field-error" id="filter-acsTransID-error">An acsTransID is a UUID');
    expect(res.text).toContain('value="call-me"');
  });

  it('streams a new message as a server-sent event', async () => {
    const listening: Server = await new Promise((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    const port = (listening.address() as AddressInfo).port;
    try {
      const started = await startChallengeAuthentication(acs, { threeDSServerURL: server.rreqURL });
      const acsTransID = String(started.ares.acsTransID);
      const path = `/console/inbox/events?acsTransID=${acsTransID}`;

      const refused = await new Promise<IncomingMessage>((resolve) => {
        httpGet({ host: '127.0.0.1', port, path }, resolve);
      });
      refused.resume();
      expect(refused.statusCode).toBe(303);

      const controller = new AbortController();
      const stream = await new Promise<IncomingMessage>((resolve, reject) => {
        httpGet(
          { host: '127.0.0.1', port, path, headers: { cookie }, signal: controller.signal },
          resolve,
        ).on('error', reject);
      });
      expect(stream.statusCode).toBe(200);
      expect(stream.headers['content-type']).toBe('text/event-stream; charset=utf-8');
      stream.setEncoding('utf8');
      const firstEvent = new Promise<string>((resolve, reject) => {
        let text = '';
        const timer = setTimeout(
          () => reject(new Error(`no event within 5 s; got ${JSON.stringify(text)}`)),
          5000,
        );
        stream.on('data', (chunk: string) => {
          text += chunk;
          const event = text.split('\n\n').find((block) => block.includes('event: message'));
          if (event !== undefined) {
            clearTimeout(timer);
            resolve(event);
          }
        });
      });
      stream.on('error', () => undefined);

      // The SMS is sent when the window opens: after the stream started, so it is "new".
      await openWindow(acs, started);
      const code = await latestCode(acs, acsTransID);
      const event = await firstEvent;
      controller.abort();

      const lines = event.split('\n');
      const [sms] = await acs.deps.store.listSms({ acsTransID, limit: 1 });
      expect(lines[0]).toBe(`id: ${sms?.id}`);
      expect(lines[1]).toBe('event: message');
      const data = JSON.parse((lines[2] as string).replace(/^data: /, '')) as Record<string, unknown>;
      expect(data).toEqual({
        id: sms?.id,
        to: '+15555550106',
        body: expect.stringContaining(code),
        code,
        acsTransID,
        status: 'delivered',
        statusClass: 'badge-ok',
        errorCode: null,
        createdAt: sms?.createdAt,
        time: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC$/),
        transactionHref: `/console/transactions/${acsTransID}`,
        filterHref: `/console/inbox?acsTransID=${acsTransID}`,
      });
    } finally {
      listening.closeAllConnections();
      await new Promise((resolve) => listening.close(resolve));
    }
  });
});

describe('console pages: transactions', () => {
  it('shows the whole timeline of a finished challenge, with the decision check and RReq attempt', async () => {
    server.mode = 'ok';
    const acsTransID = await finishedChallenge({ merchantName: 'Shop <script>alert(1)</script>' });
    const res = await get(`/console/transactions/${acsTransID}`);
    expect(res.status).toBe(200);
    const types = [...res.text.matchAll(/<div class="event-head">\n<strong>([A-Za-z]+)<\/strong>/g)].map(
      (m) => m[1],
    );
    expect(types).toEqual(['AReq', 'ARes', 'CReq', 'CRes', 'RReq', 'RRes']);
    expect(res.text).toContain('<dt>Decision check</dt><dd><span class="mono">scenario-challenge</span>');
    expect(res.text).toContain('decision check <span class="mono">scenario-challenge</span>');
    expect(res.text).toContain('<dt>ARes transStatus</dt><dd><span class="status-C">C</span></dd>');
    expect(res.text).toContain('<dt>Final transStatus</dt><dd><span class="status-Y">Y</span></dd>');
    expect(res.text).toContain('<dt>ECI</dt><dd>05</dd>');
    expect(res.text).toContain('<dt>Challenge method</dt><dd>sms</dd>');
    expect(res.text).toContain('<dt>interactionCounter</dt><dd>1</dd>');
    expect(res.text).toContain(`&quot;acsTransID&quot;: &quot;${acsTransID}&quot;`);
    expect(res.text).toContain('&quot;acctNumber&quot;: &quot;400000******1000&quot;');
    expect(res.text).toContain('Shop &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(res.text).not.toContain('<script>alert');
    expect(res.text).not.toContain(challengeSmsPan);
    expect(res.text).toMatch(/<span class="badge badge-ok">delivered<\/span>/);
    expect(res.text).toContain(
      `<form class="inline-form" method="post" action="/console/transactions/${acsTransID}/rreq">`,
    );
  });

  it('sends the RReq again and shows the new attempt', async () => {
    server.mode = 'ok';
    const acsTransID = await finishedChallenge();
    const before = server.received.length;
    const res = await post(`/console/transactions/${acsTransID}/rreq`, {});
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/console/transactions/${acsTransID}?resent=delivered#rreq`);
    expect(server.received.length).toBe(before + 1);
    expect(server.received.at(-1)).toEqual(server.received.at(-2));
    expect((await acs.deps.store.listRReqAttempts(acsTransID)).map((a) => a.outcome)).toEqual([
      'delivered',
      'delivered',
    ]);
    const page = await get(`/console/transactions/${acsTransID}?resent=delivered`);
    expect(page.text).toContain('RReq sent again and delivered.');
    expect(page.text.match(/<span class="badge badge-ok">delivered<\/span>/g)).toHaveLength(2);
    const types = [...page.text.matchAll(/<div class="event-head">\n<strong>([A-Za-z]+)<\/strong>/g)].map(
      (m) => m[1],
    );
    expect(types).toEqual(['AReq', 'ARes', 'CReq', 'CRes', 'RReq', 'RRes', 'RReq', 'RRes']);
  });

  it('answers 409 when there is no RReq to send, and 404 for an unknown transaction', async () => {
    const areq = validAReq({ version: '2.2.0', channel: '02', acctNumber: '4000000000000101' });
    const ares = await request(app).post('/3ds/areq').set('content-type', 'application/json').send(areq);
    expect(ares.body.transStatus).toBe('Y');
    const res = await post(`/console/transactions/${ares.body.acsTransID}/rreq`, {});
    expect(res.status).toBe(409);
    expect(res.text).toContain('This transaction has no RReq to send: it was not challenged (ARes Y).');
    expect(await acs.deps.store.listRReqAttempts(ares.body.acsTransID)).toEqual([]);
    const page = await get(`/console/transactions/${ares.body.acsTransID}`);
    expect(page.text).toContain('Ended at the ARes: no RReq.');
    expect(page.text).toContain('<dt>Final transStatus</dt><dd><span class="status-Y">Y</span></dd>');

    const missing = await get('/console/transactions/00000000-0000-4000-8000-000000000000');
    expect(missing.status).toBe(404);
    expect(missing.text).toContain('No such transaction');
  });

  it('finds transactions by ID, by a typed card number (masked at once) and by scenario', async () => {
    const areq = validAReq({ version: '2.2.0', channel: '02', acctNumber: '5200000000000205' });
    const ares = await request(app).post('/3ds/areq').set('content-type', 'application/json').send(areq);
    const acsTransID = String(ares.body.acsTransID);
    const link = `<a class="mono" href="/console/transactions/${acsTransID}">`;

    for (const id of [acsTransID, String(areq.threeDSServerTransID), String(ares.body.dsTransID)]) {
      const found = await get(`/console/transactions?q=${id}`);
      expect(found.status).toBe(200);
      expect(found.text).toContain(link);
      expect(found.text.match(/<tr>\n<td><a class="mono"/g)).toHaveLength(1);
    }

    const typed = await post('/console/transactions/search', { q: '5200 0000 0000 0205', scenario: '' });
    expect(typed.status).toBe(303);
    expect(typed.headers.location).toBe('/console/transactions?q=520000******0205');
    const byCard = await get(typed.headers.location as string);
    expect(byCard.text).toContain(link);
    expect(byCard.text).toContain('value="520000******0205"');
    expect(byCard.text).not.toContain('5200000000000205');

    const byUrl = await get('/console/transactions?q=5200000000000205');
    expect(byUrl.status).toBe(303);
    expect(byUrl.headers.location).toBe('/console/transactions?q=520000******0205');

    const loose = await get(`/console/transactions?q=${encodeURIComponent('520000…0205')}`);
    expect(loose.status).toBe(200);
    expect(loose.text).toContain(link);

    const byScenario = await get('/console/transactions?scenario=frictionless-n');
    expect(byScenario.text).toContain(link);
    const otherScenario = await get('/console/transactions?scenario=challenge-sms');
    expect(otherScenario.text).not.toContain(link);

    expect(acs.logs.join('\n')).not.toContain('5200000000000205');
  });

  it('pages with before, and explains a search it cannot read', async () => {
    const older = await request(app)
      .post('/3ds/areq')
      .set('content-type', 'application/json')
      .send(validAReq({ version: '2.2.0', channel: '02', acctNumber: '4000000000000309' }));
    acs.advance(1000);
    const newer = await request(app)
      .post('/3ds/areq')
      .set('content-type', 'application/json')
      .send(validAReq({ version: '2.2.0', channel: '02', acctNumber: '4000000000000309' }));
    const newerTx = await acs.deps.store.getTransaction(String(newer.body.acsTransID));
    const page = await get(
      `/console/transactions?scenario=frictionless-a&before=${encodeURIComponent(String(newerTx?.createdAt))}`,
    );
    expect(page.status).toBe(200);
    expect(page.text).toContain(`/console/transactions/${older.body.acsTransID}"`);
    expect(page.text).not.toContain(`/console/transactions/${newer.body.acsTransID}"`);
    expect(page.text).toContain('<caption>Older transactions</caption>');

    const bad = await post('/console/transactions/search', {
      q: 'hello 4000000000000309 world',
      scenario: 'x',
    });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('<p class="field-error" id="search-q-error">Enter an acsTransID');
    expect(bad.text).toContain(
      '<p class="field-error" id="search-scenario-error">Choose a scenario from the list.</p>',
    );
    expect(bad.text).toContain('value="hello 400000******0309 world"');
    expect(bad.text).not.toContain('4000000000000309');
  });
});
