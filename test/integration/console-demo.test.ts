/**
 * The demo merchant and the console bank app over real HTTP: the checkout sends a valid AReq
 * and frames the challenge (C) or shows the result (Y); the challenge runs to its end; the
 * demo's threeDSServerURL answers the ACS's RReq with a correct RRes and refuses garbage with
 * an Erro; its notificationURL renders the outcome; the bank app approves and denies behind
 * CSRF. The ACS listens on a loopback port that is also its public URL, so the RReq really
 * travels over HTTP to the demo's endpoint, as it does in production.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAReq } from '../../src/protocol/areq.ts';
import { validAReq } from '../support/areq-fixtures.ts';
import { hiddenValue, latestCode, postAction, postedCRes } from '../support/challenge-driver.ts';
import { consoleLogin } from '../support/console-login.ts';
import { createTestAcs, type TestAcs } from '../support/test-acs.ts';

const challengeSmsPan = '4000000000001000';
const frictionlessPan = '4000000000000101';
const decoupledPan = '4000000000001505';
const acsErrorPan = '4000000000009102';
const otherId = '0b5e1ad4-9f0e-4c1a-8d7e-3f9a2b6c1d00';
const uuidPattern = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

let acs: TestAcs;
let app: Express;
let server: Server;
let baseURL: string;
let cookie: string;
let csrf: string;

beforeAll(async () => {
  let handler: ((req: IncomingMessage, res: ServerResponse) => void) | undefined;
  server = createServer((req, res) => {
    if (handler === undefined) res.writeHead(503).end();
    else handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  acs = await createTestAcs({ ACS_PUBLIC_URL: baseURL, ACS_RREQ_RETRY_DELAY_MS: '0' });
  app = acs.app;
  handler = app;
  ({ cookie, csrf } = await consoleLogin(acs, 'tester', 'demo-password-1'));
}, 30_000);

afterAll(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => server?.close(() => resolve()));
  await acs?.close();
});

type Checkout = Partial<Record<string, string>>;

function checkoutForm(fields: Checkout): Record<string, string> {
  const form: Record<string, string> = {
    _csrf: csrf,
    pan: challengeSmsPan,
    amount: '49.99',
    currency: '978',
    merchantName: 'Demo Shop',
    messageVersion: '2.2.0',
    windowSize: '02',
    challengeInd: '01',
  };
  for (const [name, value] of Object.entries(fields)) {
    if (value === undefined) delete form[name];
    else form[name] = value;
  }
  return form;
}

/** Posts the checkout and returns the acsTransID it redirected to. */
async function checkout(fields: Checkout = {}): Promise<{ acsTransID: string; location: string }> {
  const res = await request(app)
    .post('/console/demo')
    .set('cookie', cookie)
    .type('form')
    .send(checkoutForm(fields));
  expect(res.status, res.text.slice(0, 400)).toBe(303);
  const location = String(res.headers.location);
  const match = new RegExp(`^/console/demo/(${uuidPattern})\\?size=0[1-5]$`).exec(location);
  expect(match, location).not.toBeNull();
  return { acsTransID: (match as RegExpExecArray)[1] as string, location };
}

async function orderPage(location: string): Promise<string> {
  const res = await request(app).get(location).set('cookie', cookie);
  expect(res.status).toBe(200);
  return res.text;
}

function decodeText(text: string): string {
  return text
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&');
}

/** The JSON shown in the panel with this id. */
function panelJson(page: string, id: string): Record<string, unknown> {
  const match = new RegExp(
    `<section[^>]*id="${id}"[\\s\\S]*?<pre class="json" tabindex="0">([\\s\\S]*?)</pre>`,
  ).exec(page);
  expect(match, `panel ${id}`).not.toBeNull();
  return JSON.parse(decodeText((match as RegExpExecArray)[1] as string)) as Record<string, unknown>;
}

async function storedMessage(acsTransID: string, type: string, direction: 'in' | 'out') {
  return (await acs.deps.store.listMessages(acsTransID)).find(
    (m) => m.messageType === type && m.direction === direction,
  )?.body;
}

async function postRReq(body: unknown) {
  return request(app)
    .post('/console/demo/rreq')
    .set('content-type', 'application/json')
    .send(typeof body === 'string' ? body : JSON.stringify(body));
}

describe('console access', () => {
  it('sends a visitor without a session to the login page, and refuses their posts', async () => {
    const page = await request(app).get('/console/demo');
    expect(page.status).toBe(303);
    expect(page.headers.location).toBe('/console/login?next=%2Fconsole%2Fdemo');
    const post = await request(app).post('/console/demo').type('form').send(checkoutForm({}));
    expect(post.status).toBe(401);
    const bank = await request(app).get('/console/bank-app');
    expect(bank.headers.location).toBe('/console/login?next=%2Fconsole%2Fbank-app');
  });

  it('refuses a checkout without the CSRF token, and sends nothing', async () => {
    const before = (await acs.deps.store.listTransactions({ limit: 500 })).length;
    const res = await request(app)
      .post('/console/demo')
      .set('cookie', cookie)
      .type('form')
      .send(checkoutForm({ _csrf: undefined }));
    expect(res.status).toBe(403);
    const wrong = await request(app)
      .post('/console/demo')
      .set('cookie', cookie)
      .type('form')
      .send(checkoutForm({ _csrf: 'x'.repeat(43) }));
    expect(wrong.status).toBe(403);
    expect((await acs.deps.store.listTransactions({ limit: 500 })).length).toBe(before);
  });
});

describe('the checkout page', () => {
  it('suggests the public test cards the store holds, with their scenario, and carries the CSRF token', async () => {
    const res = await request(app).get('/console/demo').set('cookie', cookie);
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.text).toContain('<option value="4000000000001000" label="challenge-sms (visa)"></option>');
    expect(res.text).toContain('<option value="5200000000001500" label="decoupled (mastercard)"></option>');
    expect(res.text).toContain(`<input type="hidden" name="_csrf" value="${csrf}">`);
    expect(res.text).toContain('<script src="/static/demo.js" defer></script>');
    expect(res.text).not.toMatch(/<script>|style="/);
  });

  it('explains every field that needs correcting and keeps what was typed', async () => {
    const res = await request(app)
      .post('/console/demo')
      .set('cookie', cookie)
      .type('form')
      .send(
        checkoutForm({
          pan: '4000000000001001',
          amount: '12.345',
          merchantName: '',
          messageVersion: '2.1.0',
          challengeInd: '05',
          decoupled: 'on',
          windowSize: '06',
        }),
      );
    expect(res.status).toBe(400);
    const errors = [...res.text.matchAll(/<p class="field-error" id="field-(\w+)-error">([^<]*)<\/p>/g)].map(
      (m) => [m[1], decodeText(m[2] as string)],
    );
    expect(errors).toEqual([
      ['pan', 'This card number fails the Luhn check: look for a typo.'],
      ['amount', 'Enter an amount like 49.99, with at most 2 decimals for EUR.'],
      ['merchantName', 'Enter the merchant name the cardholder sees.'],
      ['windowSize', 'Choose a challenge window size from the list.'],
      ['challengeInd', 'Challenge indicator 05 needs version 2.2.0 or later.'],
      ['decoupled', 'Decoupled authentication needs version 2.2.0 or later.'],
    ]);
    // A number that is not a public test number is never sent back to the page.
    expect(res.text).not.toContain('4000000000001001');
    expect(res.text).toContain('value="12.345"');
  });

  it('shows the Erro when the ACS answers with one (acs-error card)', async () => {
    const res = await request(app)
      .post('/console/demo')
      .set('cookie', cookie)
      .type('form')
      .send(checkoutForm({ pan: acsErrorPan }));
    expect(res.status).toBe(200);
    expect(res.text).toContain('The ACS answered with an Erro');
    const erro = panelJson(res.text, 'demo-erro');
    expect(erro).toMatchObject({ messageType: 'Erro', errorComponent: 'A', errorCode: '403' });
    const areq =
      /<h3>AReq sent \(card number masked\)<\/h3>\s*<pre class="json" tabindex="0">([^<]*)<\/pre>/.exec(
        res.text,
      );
    expect(JSON.parse(decodeText(areq?.[1] ?? '{}'))).toMatchObject({
      messageType: 'AReq',
      acctNumber: '400000******9102',
    });
    // The public test number typed stays in the field, so the tester can try again.
    expect(res.text).toContain(
      `name="pan" type="text" inputmode="numeric" autocomplete="off" spellcheck="false" list="demo-cards" value="${acsErrorPan}"`,
    );
  });
});

describe('a frictionless card', () => {
  it.each(['2.1.0', '2.2.0', '2.3.1'] as const)(
    'sends a valid %s AReq and shows Y with a verified signed result',
    async (version) => {
      const { acsTransID, location } = await checkout({
        pan: frictionlessPan,
        messageVersion: version,
        windowSize: '03',
        challengeInd: version === '2.1.0' ? '02' : '05',
        currency: '392',
        amount: '5000',
        browserJavascriptEnabled: 'true',
        browserColorDepth: '24',
        browserScreenHeight: '900',
        browserScreenWidth: '1440',
        browserTZ: '-60',
        browserLanguage: 'de-DE',
      });
      const tx = await acs.deps.store.getTransaction(acsTransID);
      expect(tx).toMatchObject({
        aresStatus: 'Y',
        state: 'final',
        messageVersion: version,
        deviceChannel: '02',
        messageCategory: '01',
        threeDSServerURL: `${baseURL}/console/demo/rreq`,
        notificationURL: `${baseURL}/console/demo/notify?order=${tx?.threeDSServerTransID}`,
        purchase: { amount: '5000', currency: '392', exponent: '0', merchantName: 'Demo Shop' },
      });
      // The AReq as sent (PAN masked in the timeline) passes the ACS's own table-driven parser.
      const areq = (await storedMessage(acsTransID, 'AReq', 'in')) as Record<string, unknown>;
      expect(() => parseAReq({ ...areq, acctNumber: frictionlessPan })).not.toThrow();
      expect(areq).toMatchObject({
        acctNumber: '400000******0101',
        browserScreenWidth: '1440',
        browserTZ: '-60',
        browserLanguage: 'de-DE',
        threeDSCompInd: 'U',
        threeDSRequestorChallengeInd: version === '2.3.1' ? ['05'] : version === '2.1.0' ? '02' : '05',
      });

      const page = await orderPage(location);
      expect(page).not.toContain('<iframe');
      expect(page).toContain('<span class="status-Y">transStatus Y</span>');
      expect(page).toContain('<span class="badge badge-ok">Signature valid</span> ES256');
      expect(page).toContain('<span class="badge badge-ok">Matches the transaction</span>');
      expect(panelJson(page, 'demo-ares')).toEqual(await storedMessage(acsTransID, 'ARes', 'out'));
      expect(panelJson(page, 'demo-jws')).toMatchObject({
        acsTransID,
        transStatus: 'Y',
        aresTransStatus: 'Y',
      });
    },
  );

  it('renders a hostile merchant name as text', async () => {
    const { location } = await checkout({
      pan: frictionlessPan,
      merchantName: '<img src=x onerror=alert(1)>',
    });
    const page = await orderPage(location);
    expect(page).not.toContain('<img src=x');
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});

describe('order pages', () => {
  it('answer 404 for an unknown order, and for a transaction the demo did not start', async () => {
    const unknown = await request(app).get(`/console/demo/${otherId}`).set('cookie', cookie);
    expect(unknown.status).toBe(404);
    expect(unknown.headers['content-type']).toMatch(/^text\/html/);
    const areq = validAReq({ version: '2.2.0', channel: '02', acctNumber: frictionlessPan });
    const ares = await request(app)
      .post('/3ds/areq')
      .set('content-type', 'application/json')
      .send(JSON.stringify(areq));
    const foreign = await request(app).get(`/console/demo/${ares.body.acsTransID}`).set('cookie', cookie);
    expect(foreign.status).toBe(404);
    const status = await request(app)
      .get(`/console/demo/${ares.body.acsTransID}/status`)
      .set('cookie', cookie);
    expect(status.status).toBe(404);
    expect(status.body).toEqual({ error: 'not_found', message: 'no demo order with that acsTransID' });
  });
});

describe('a challenge card, end to end', () => {
  it('frames the challenge, completes it, and shows the final CRes, the RReq, the RRes and the signed result', async () => {
    const { acsTransID, location } = await checkout({ pan: challengeSmsPan, windowSize: '02' });
    const tx = await acs.deps.store.getTransaction(acsTransID);
    expect(tx).toMatchObject({ aresStatus: 'C', state: 'awaiting-creq', authenticationMethod: 'sms' });
    const threeDSServerTransID = tx?.threeDSServerTransID as string;

    // The order page frames the challenge: a form targeting the iframe posts the CReq to the acsURL.
    const page = await orderPage(location);
    expect(page).toContain(
      `<form id="demo-creq-form" class="demo-creq-form" method="post" action="${baseURL}/3ds/challenge" target="demo-challenge" data-auto-submit="">`,
    );
    expect(page).toContain(
      '<iframe name="demo-challenge" id="demo-challenge" class="challenge-frame size-02" title="Challenge window of the card issuer"></iframe>',
    );
    expect(page).toContain('<button type="submit" class="button">Open the challenge window</button>');
    const creq = hiddenValue(page, 'creq') as string;
    const sessionData = hiddenValue(page, 'threeDSSessionData') as string;
    expect(JSON.parse(Buffer.from(creq, 'base64url').toString('utf8'))).toEqual({
      messageType: 'CReq',
      messageVersion: '2.2.0',
      threeDSServerTransID,
      acsTransID,
      challengeWindowSize: '02',
    });
    const status = await request(app).get(`/console/demo/${acsTransID}/status`).set('cookie', cookie);
    expect(status.body).toEqual({ state: 'awaiting-creq' });

    // The browser posts it; the cardholder types the SMS code.
    const window = await request(app)
      .post('/3ds/challenge')
      .type('form')
      .send({ creq, threeDSSessionData: sessionData });
    expect(window.status).toBe(200);
    const challenge = { areq: {}, ares: {}, acsTransID, page: window.text };
    const done = await postAction(acs, challenge, 'submit', { code: await latestCode(acs, acsTransID) });
    expect(done.status).toBe(200);
    expect(done.text).toContain(`action="${baseURL}/console/demo/notify?order=${threeDSServerTransID}"`);
    const cres = hiddenValue(done.text, 'cres') as string;
    expect(postedCRes(done.text)).toEqual({
      messageType: 'CRes',
      messageVersion: '2.2.0',
      threeDSServerTransID,
      acsTransID,
      challengeCompletionInd: 'Y',
      transStatus: 'Y',
    });

    // The RReq reached the demo over HTTP and was acknowledged with a correct RRes.
    const rreq = (await storedMessage(acsTransID, 'RReq', 'out')) as Record<string, unknown>;
    expect(rreq).toMatchObject({ messageType: 'RReq', acsTransID, transStatus: 'Y' });
    expect(await storedMessage(acsTransID, 'RRes', 'in')).toEqual({
      messageType: 'RRes',
      messageVersion: '2.2.0',
      threeDSServerTransID,
      acsTransID,
      dsTransID: tx?.dsTransID,
      resultsStatus: '01',
    });
    expect(await acs.deps.store.listRReqAttempts(acsTransID)).toMatchObject([
      { attempt: 1, outcome: 'delivered', httpStatus: 200 },
    ]);

    // The window's auto-post reaches the notificationURL, inside the iframe.
    const notify = await request(app)
      .post(`/console/demo/notify?order=${threeDSServerTransID}`)
      .type('form')
      .send({ cres, threeDSSessionData: sessionData });
    expect(notify.status).toBe(200);
    expect(notify.text).toContain('<h1>Payment authenticated</h1>');
    expect(notify.text).toContain('transStatus Y');
    expect(notify.text).toContain('threeDSSessionData came back unchanged.');
    expect(notify.text).toContain(`<a href="/console/demo/${acsTransID}" target="_top">Show the result</a>`);
    expect(notify.text).toContain('<script src="/static/demo-notify.js" defer></script>');
    expect(notify.headers['x-frame-options']).toBe('SAMEORIGIN');

    // The order page now shows everything the demo merchant and its 3DS Server received.
    const result = await orderPage(`/console/demo/${acsTransID}`);
    expect(result).not.toContain('<iframe');
    expect(panelJson(result, 'demo-final-cres')).toEqual(postedCRes(done.text));
    expect(panelJson(result, 'demo-rreq')).toEqual(rreq);
    expect(result).toContain('<h3>RRes sent back</h3>');
    expect(result).toMatch(/<span class="badge badge-ok">delivered<\/span><\/td><td>200<\/td>/);
    expect(result).toContain('<span class="badge badge-ok">Signature valid</span> ES256');
    expect(result).toContain('<span class="badge badge-ok">Matches the transaction</span>');
    const after = await request(app).get(`/console/demo/${acsTransID}/status`).set('cookie', cookie);
    expect(after.body).toEqual({ state: 'final', transStatus: 'Y' });
  });

  it('does not frame the window again once the CReq was posted', async () => {
    const { acsTransID, location } = await checkout({ pan: challengeSmsPan, windowSize: '05' });
    const page = await orderPage(location);
    expect(page).toContain('class="challenge-frame size-05"');
    await request(app)
      .post('/3ds/challenge')
      .type('form')
      .send({ creq: hiddenValue(page, 'creq') as string });
    const again = await orderPage(location);
    expect(again).not.toContain('<iframe');
    expect(again).toContain('Challenge in progress');
    expect(again).toContain(`data-status-url="/console/demo/${acsTransID}/status"`);
  });
});

describe('the demo 3DS Server endpoint (threeDSServerURL)', () => {
  let demo: { acsTransID: string; threeDSServerTransID: string; dsTransID: string };

  beforeAll(async () => {
    const { acsTransID } = await checkout({ pan: frictionlessPan });
    const tx = await acs.deps.store.getTransaction(acsTransID);
    demo = {
      acsTransID,
      threeDSServerTransID: tx?.threeDSServerTransID as string,
      dsTransID: tx?.dsTransID as string,
    };
  });

  function rreq(overrides: Record<string, unknown> = {}): Record<string, unknown> {
    const message: Record<string, unknown> = {
      messageType: 'RReq',
      messageVersion: '2.2.0',
      ...demo,
      messageCategory: '01',
      transStatus: 'Y',
      authenticationType: '02',
      authenticationValue: 'AcPzO5zARimg96tEzDaSVdUEA90=',
      eci: '05',
      interactionCounter: '01',
    };
    for (const [name, value] of Object.entries(overrides)) {
      if (value === undefined) delete message[name];
      else message[name] = value;
    }
    return message;
  }

  it('answers a correct RRes to an RReq for a demo transaction', async () => {
    const res = await postRReq(rreq());
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body).toEqual({
      messageType: 'RRes',
      messageVersion: '2.2.0',
      threeDSServerTransID: demo.threeDSServerTransID,
      acsTransID: demo.acsTransID,
      dsTransID: demo.dsTransID,
      resultsStatus: '01',
    });
  });

  const refusals: ReadonlyArray<readonly [string, () => unknown, string, string | undefined]> = [
    ['text that is not JSON', () => 'not json', '101', undefined],
    ['a JSON array', () => '[1,2]', '101', 'message'],
    ['another message type', () => rreq({ messageType: 'ARes' }), '101', 'messageType'],
    ['an unsupported version', () => rreq({ messageVersion: '2.0.1' }), '102', 'messageVersion'],
    [
      'missing elements',
      () => rreq({ transStatus: undefined, dsTransID: undefined }),
      '201',
      'dsTransID,transStatus',
    ],
    ['an invalid transStatus', () => rreq({ transStatus: 'C' }), '203', 'transStatus'],
    [
      'no authenticationValue for Y',
      () => rreq({ authenticationValue: undefined }),
      '201',
      'authenticationValue',
    ],
    ['an unknown transaction', () => rreq({ acsTransID: otherId }), '301', 'acsTransID'],
    ['identifiers of another transaction', () => rreq({ dsTransID: otherId }), '301', 'dsTransID'],
    ['another version than the AReq', () => rreq({ messageVersion: '2.3.1' }), '203', 'messageVersion'],
  ];

  it.each(refusals)(
    'refuses %s with an Erro from the 3DS Server',
    async (_name, body, errorCode, errorDetail) => {
      const res = await postRReq(body());
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        messageType: 'Erro',
        errorComponent: 'S',
        errorCode,
        errorMessageType: 'RReq',
      });
      if (errorDetail !== undefined) expect(res.body.errorDetail).toBe(errorDetail);
    },
  );

  it('refuses an RReq for a transaction the demo did not start', async () => {
    const areq = validAReq({ version: '2.2.0', channel: '02', acctNumber: frictionlessPan });
    const ares = await request(app)
      .post('/3ds/areq')
      .set('content-type', 'application/json')
      .send(JSON.stringify(areq));
    const res = await postRReq(
      rreq({
        acsTransID: ares.body.acsTransID,
        threeDSServerTransID: areq.threeDSServerTransID,
        dsTransID: ares.body.dsTransID,
      }),
    );
    expect(res.body).toMatchObject({
      messageType: 'Erro',
      errorComponent: 'S',
      errorCode: '301',
      errorDetail: 'acsTransID',
    });
  });

  it('answers a post that is not JSON with an Erro, not an HTTP error', async () => {
    const res = await request(app).post('/console/demo/rreq').type('form').send({ a: 'b' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ messageType: 'Erro', errorCode: '101' });
  });
});

describe('the demo notificationURL', () => {
  it('refuses a post without a readable CRes', async () => {
    const res = await request(app).post('/console/demo/notify?order=x').type('form').send({ cres: '%%%' });
    expect(res.status).toBe(400);
    expect(res.text).toContain('<h1>Notification refused</h1>');
    expect(res.text).toContain('The cres field is not base64url-encoded JSON.');
    expect(res.text).not.toContain('demo-notify.js');
  });

  it('refuses a CRes posted to another order', async () => {
    const { acsTransID } = await checkout({ pan: frictionlessPan });
    const tx = await acs.deps.store.getTransaction(acsTransID);
    const cres = Buffer.from(
      JSON.stringify({
        messageType: 'CRes',
        messageVersion: '2.2.0',
        threeDSServerTransID: tx?.threeDSServerTransID,
        acsTransID,
        transStatus: 'Y',
      }),
    ).toString('base64url');
    const res = await request(app)
      .post('/console/demo/notify?order=0b5e1ad4-9f0e-4c1a-8d7e-3f9a2b6c1d00')
      .type('form')
      .send({ cres });
    expect(res.status).toBe(400);
    expect(res.text).toContain('The CRes does not belong to the order this notification URL was given for.');
    expect(res.text).toContain(`<a href="/console/demo/${acsTransID}" target="_top">Show the order</a>`);
  });

  it('renders a declined outcome', async () => {
    const { acsTransID } = await checkout({ pan: challengeSmsPan });
    const tx = await acs.deps.store.getTransaction(acsTransID);
    const cres = Buffer.from(
      JSON.stringify({
        messageType: 'CRes',
        messageVersion: '2.2.0',
        threeDSServerTransID: tx?.threeDSServerTransID,
        acsTransID,
        challengeCompletionInd: 'Y',
        transStatus: 'N',
      }),
    ).toString('base64url');
    const res = await request(app)
      .post(`/console/demo/notify?order=${tx?.threeDSServerTransID}`)
      .type('form')
      .send({ cres, threeDSSessionData: 'changed' });
    expect(res.status).toBe(200);
    expect(res.text).toContain('<h1>Payment not authenticated</h1>');
    expect(res.text).toContain('threeDSSessionData did not come back as sent.');
  });
});

describe('decoupled authentication and the console bank app', () => {
  async function bankAppPage(): Promise<string> {
    const res = await request(app).get('/console/bank-app').set('cookie', cookie);
    expect(res.status).toBe(200);
    return res.text;
  }

  it('waits in the bank app; approving needs the CSRF token and ends the transaction with Y', async () => {
    const { acsTransID, location } = await checkout({ pan: decoupledPan, decoupled: 'on' });
    expect(await acs.deps.store.getTransaction(acsTransID)).toMatchObject({
      aresStatus: 'D',
      state: 'awaiting-decoupled',
    });
    const waiting = await orderPage(location);
    expect(waiting).toContain('Waiting for decoupled authentication');
    expect(waiting).toContain('<a href="/console/bank-app">bank app</a>');

    const bank = await bankAppPage();
    expect(bank).toContain(
      `<form class="inline-form" method="post" action="/console/bank-app/${acsTransID}/approve">`,
    );
    expect(bank).toContain('Demo Shop – €49.99');
    expect(bank).toContain('<div id="approvals" data-refresh="/console/bank-app">');

    const forged = await request(app)
      .post(`/console/bank-app/${acsTransID}/approve`)
      .set('cookie', cookie)
      .type('form')
      .send({});
    expect(forged.status).toBe(403);
    const anonymous = await request(app)
      .post(`/console/bank-app/${acsTransID}/approve`)
      .type('form')
      .send({ _csrf: csrf });
    expect(anonymous.status).toBe(401);
    expect((await acs.deps.store.getTransaction(acsTransID))?.state).toBe('awaiting-decoupled');

    const approve = await request(app)
      .post(`/console/bank-app/${acsTransID}/approve`)
      .set('cookie', cookie)
      .type('form')
      .send({ _csrf: csrf });
    expect(approve.status).toBe(303);
    expect(approve.headers.location).toBe('/console/bank-app?answer=approved');
    expect((await acs.deps.store.getTransaction(acsTransID))?.result?.transStatus).toBe('Y');
    expect(await acs.deps.store.listRReqAttempts(acsTransID)).toMatchObject([{ outcome: 'delivered' }]);

    const notice = await request(app).get('/console/bank-app?answer=approved').set('cookie', cookie);
    expect(notice.text).toContain(
      '<p class="form-notice" role="status">Approved. The ACS carries on with the authentication.</p>',
    );
    const done = await orderPage(`/console/demo/${acsTransID}`);
    expect(done).toContain('<span class="status-Y">transStatus Y</span>');
    expect(panelJson(done, 'demo-rreq')).toMatchObject({
      messageType: 'RReq',
      transStatus: 'Y',
      authenticationType: '04',
    });

    const again = await request(app)
      .post(`/console/bank-app/${acsTransID}/deny`)
      .set('cookie', cookie)
      .type('form')
      .send({ _csrf: csrf });
    expect(again.headers.location).toBe('/console/bank-app?answer=not-waiting');
    expect((await acs.deps.store.getTransaction(acsTransID))?.result?.transStatus).toBe('Y');
  });

  it('denying ends the transaction with N, reason 01', async () => {
    const { acsTransID } = await checkout({ pan: decoupledPan, decoupled: 'on', messageVersion: '2.3.1' });
    const deny = await request(app)
      .post(`/console/bank-app/${acsTransID}/deny`)
      .set('cookie', cookie)
      .type('form')
      .send({ _csrf: csrf });
    expect(deny.headers.location).toBe('/console/bank-app?answer=denied');
    expect((await acs.deps.store.getTransaction(acsTransID))?.result).toMatchObject({
      transStatus: 'N',
      transStatusReason: '01',
    });
    const bank = await bankAppPage();
    expect(bank).not.toContain(`/console/bank-app/${acsTransID}/approve`);
  });

  it('says so when the transaction does not exist, echoing nothing from the request', async () => {
    const res = await request(app)
      .post('/console/bank-app/%3Cscript%3E/approve')
      .set('cookie', cookie)
      .type('form')
      .send({ _csrf: csrf });
    expect(res.headers.location).toBe('/console/bank-app?answer=not-found');
    const page = await request(app).get('/console/bank-app?answer=%3Cscript%3E').set('cookie', cookie);
    expect(page.text).not.toContain('form-error');
    expect(page.text).not.toContain('<script>');
  });
});
