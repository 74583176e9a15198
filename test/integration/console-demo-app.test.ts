/**
 * Over 300 lines: every refusal of the endpoint is a row of one table, next to the answers it
 * gives a valid order, so the whole contract of the JSON endpoint reads in one place.
 *
 * The demo merchant's app checkout over real HTTP (issue 8): its page needs a console session
 * and carries the SDK's trust anchor; its JSON endpoint (POST /console/demo/app/areq) needs the
 * session and its CSRF token, answers 400 with a message per field for bad input, and otherwise
 * sends a valid app AReq for every version, answering the ARes (frictionless or C) or the ACS's
 * Erro. A C ARes is then completed by the SDK emulator through the real acsURL, and the demo's
 * threeDSServerURL answers the app RReq with an RRes (sdkTransID echoed). The ACS listens on a
 * loopback port that is also its public URL, so the RReq travels over HTTP.
 */
import { X509Certificate } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latestCode } from '../support/challenge-driver.ts';
import { consoleLogin } from '../support/console-login.ts';
import { appAReqFields } from '../support/sdk-emulator/areq-app.ts';
import { startChallenge } from '../support/sdk-emulator/challenge-start.ts';
import { createSdkEphemeralKeys, type SdkEphemeralKeys } from '../support/sdk-emulator/keys.ts';
import type { MessageVersion } from '../support/sdk-emulator/protocol-types.ts';
import { createTestAcs, type TestAcs } from '../support/test-acs.ts';

const path = '/console/demo/app/areq';
const challengeSmsPan = '4000000000001000';
const frictionlessPan = '4000000000000101';
const acsErrorPan = '4000000000009102';

let acs: TestAcs;
let server: Server;
let cookie: string;
let csrf: string;

beforeAll(async () => {
  let handler: ((req: IncomingMessage, res: ServerResponse) => void) | undefined;
  server = createServer((req, res) => {
    if (handler === undefined) res.writeHead(503).end();
    else handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  acs = await createTestAcs({ ACS_PUBLIC_URL: baseURL, ACS_RREQ_RETRY_DELAY_MS: '0' });
  handler = acs.app;
  ({ cookie, csrf } = await consoleLogin(acs, 'tester', 'demo-password-1'));
}, 30_000);

afterAll(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => server?.close(() => resolve()));
  await acs?.close();
});

/** An order as the page posts it: the form's fields and the SDK's AReq elements (the emulator's). */
async function order(
  fields: Record<string, unknown> = {},
  version: MessageVersion = '2.2.0',
  keys: SdkEphemeralKeys = createSdkEphemeralKeys(),
): Promise<Record<string, unknown>> {
  const sdk = await appAReqFields({ messageVersion: version, keys });
  const body: Record<string, unknown> = {
    _csrf: csrf,
    pan: challengeSmsPan,
    amount: '49.99',
    currency: '978',
    merchantName: 'Demo Shop',
    messageVersion: version,
    challengeInd: '01',
    sdkAppID: sdk.sdkAppID,
    sdkTransID: sdk.sdkTransID,
    sdkReferenceNumber: sdk.sdkReferenceNumber,
    sdkMaxTimeout: sdk.sdkMaxTimeout,
    sdkEphemPubKey: sdk.sdkEphemPubKey,
    sdkEncData: sdk.sdkEncData,
    deviceRenderOptions: sdk.deviceRenderOptions,
  };
  for (const [name, value] of Object.entries(fields)) {
    if (value === undefined) delete body[name];
    else body[name] = value;
  }
  return body;
}

/** How many transactions the store holds (a refused order must add none). */
async function transactionCount(): Promise<number> {
  return (await acs.deps.store.listTransactions({ limit: 10_000 })).length;
}

function post(body: unknown) {
  return request(acs.app)
    .post(path)
    .set('cookie', cookie)
    .set('content-type', 'application/json')
    .send(JSON.stringify(body));
}

describe('app checkout page', () => {
  it('sends a visitor without a session to the login page', async () => {
    const res = await request(acs.app).get('/console/demo/app');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/console/login?next=%2Fconsole%2Fdemo%2Fapp');
  });

  it('draws the form, the phone and the sandbox DS root the SDK trusts, with no inline script', async () => {
    const res = await request(acs.app).get('/console/demo/app').set('cookie', cookie);
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.text).toContain('<script src="/static/app-sdk.js" defer></script>');
    expect(res.text).not.toMatch(/<script(?![^>]*\bsrc=)/);
    expect(res.text).toContain(`name="_csrf" value="${csrf}"`);
    expect(res.text).toContain('id="app-phone"');
    expect(res.text).toContain(`data-areq-url="${path}"`);
    const root = /data-ds-root="([A-Za-z0-9+/=]+)"/.exec(res.text)?.[1] ?? '';
    expect(new X509Certificate(Buffer.from(root, 'base64')).fingerprint256).toBe(
      new X509Certificate(acs.deps.keys.dsRootCaPem).fingerprint256,
    );
    // The test cards are suggested as on the browser checkout.
    expect(res.text).toContain(`<option value="${challengeSmsPan}" label="challenge-sms (visa)">`);
  });

  it('is linked from the browser checkout', async () => {
    const res = await request(acs.app).get('/console/demo').set('cookie', cookie);
    expect(res.text).toContain('href="/console/demo/app"');
  });
});

describe('POST /console/demo/app/areq', () => {
  it('needs a console session (401 JSON)', async () => {
    const res = await request(acs.app)
      .post(path)
      .set('content-type', 'application/json')
      .send(JSON.stringify(await order()));
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ error: 'unauthorized', message: expect.any(String) });
  });

  it("needs the session's CSRF token (403 JSON)", async () => {
    const before = await transactionCount();
    for (const token of [undefined, 'not-the-token']) {
      const res = await post(await order({ _csrf: token }));
      expect(res.status).toBe(403);
      expect(res.body.error).toBe('forbidden');
    }
    expect(await transactionCount()).toBe(before);
  });

  it('answers a body that is not JSON with 400 JSON', async () => {
    const res = await request(acs.app)
      .post(path)
      .set('cookie', cookie)
      .set('content-type', 'application/json')
      .send('{"_csrf": ');
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: 'bad_request', message: 'request body is not valid JSON' });
  });

  it.each([
    ['pan', { pan: '4000000000001001' }, 'This card number fails the Luhn check: look for a typo.'],
    ['amount', { amount: '12.345' }, 'Enter an amount like 49.99, with at most 2 decimals for EUR.'],
    ['messageVersion', { messageVersion: '2.0.0' }, 'Choose a message version from the list.'],
    ['sdkTransID', { sdkTransID: 'not-a-uuid' }, 'sdkTransID must be a UUID (made by the SDK).'],
    [
      'sdkReferenceNumber',
      { sdkReferenceNumber: 'x'.repeat(33) },
      'sdkReferenceNumber must be 1 to 32 printable characters.',
    ],
    ['sdkMaxTimeout', { sdkMaxTimeout: '04' }, 'sdkMaxTimeout must be two digits, 05 or more (minutes).'],
    [
      'sdkEphemPubKey',
      // A valid-looking key whose point is not on P-256.
      { sdkEphemPubKey: { kty: 'EC', crv: 'P-256', x: 'A'.repeat(43), y: 'A'.repeat(43) } },
      'sdkEphemPubKey must be a public EC P-256 JWK (kty, crv, x, y).',
    ],
    [
      'sdkEncData',
      { sdkEncData: 'plain text' },
      'sdkEncData must be a compact JWE of at most 64000 characters.',
    ],
    [
      'sdkInterface',
      { deviceRenderOptions: { sdkInterface: '04', sdkUiType: ['01'] } },
      'Choose the device interface from the list.',
    ],
    [
      'sdkUiType',
      { deviceRenderOptions: { sdkInterface: '03', sdkUiType: [] } },
      'Tick at least one UI type the device can draw.',
    ],
    [
      'sdkUiType',
      { deviceRenderOptions: { sdkInterface: '01', sdkUiType: ['01', '05'] } },
      'HTML UI types (05, 06) need a device with the HTML interface (02 or 03).',
    ],
    [
      'sdkUiType',
      { deviceRenderOptions: { sdkInterface: '03', sdkUiType: ['01', '07'] } },
      'Choose UI types from the list (01, 02, 03, 04, 05 in this version).',
    ],
  ] as const)(
    'refuses a bad %s with 400 and its message, sending nothing',
    async (field, fields, message) => {
      const before = await transactionCount();
      const res = await post(await order(fields));
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.body.error).toBe('bad_request');
      expect(res.body.fields).toEqual({ [field]: message });
      expect(await transactionCount()).toBe(before);
    },
  );

  it('names every missing field of an empty order', async () => {
    const res = await post({ _csrf: csrf });
    expect(res.status).toBe(400);
    // The amount is read in the currency's units, so without a currency only the currency is named.
    expect(Object.keys(res.body.fields).sort()).toEqual(
      [
        'pan',
        'merchantName',
        'currency',
        'messageVersion',
        'challengeInd',
        'sdkAppID',
        'sdkTransID',
        'sdkReferenceNumber',
        'sdkEphemPubKey',
        'sdkEncData',
        'sdkInterface',
        'sdkUiType',
      ].sort(),
    );
  });

  it.each(['2.1.0', '2.2.0', '2.3.1'] as const)(
    'sends a valid app AReq in %s and answers the frictionless ARes',
    async (version) => {
      const body = await order({ pan: frictionlessPan }, version);
      const res = await post(body);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        kind: 'ares',
        ares: { messageType: 'ARes', messageVersion: version, transStatus: 'Y', sdkTransID: body.sdkTransID },
        areq: { deviceChannel: '01', acctNumber: '400000******0101', sdkEphemPubKey: body.sdkEphemPubKey },
      });
      const acsTransID = res.body.ares.acsTransID as string;
      expect(res.body.transactionHref).toBe(`/console/transactions/${acsTransID}`);
      expect(JSON.stringify(res.body)).not.toContain(frictionlessPan);
      const stored = (await acs.deps.store.listMessages(acsTransID)).find(
        (m) => m.messageType === 'AReq',
      )?.body;
      expect(stored).toMatchObject({
        deviceChannel: '01',
        sdkAppID: body.sdkAppID,
        sdkReferenceNumber: body.sdkReferenceNumber,
        sdkEncData: body.sdkEncData,
        deviceRenderOptions: body.deviceRenderOptions,
        threeDSServerURL: `${acs.deps.config.publicUrl}/console/demo/rreq`,
      });
      expect(stored?.notificationURL).toBeUndefined();
      if (version === '2.3.1')
        expect(stored).toMatchObject({ sdkType: '01', defaultSdkType: { sdkVariant: '01' } });
      else expect(stored?.sdkType).toBeUndefined();
    },
  );

  it("answers the ACS's Erro when the ACS refuses the card", async () => {
    const res = await post(await order({ pan: acsErrorPan }));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ kind: 'erro', erro: { messageType: 'Erro', errorCode: '403' } });
    expect(res.body.areq.acctNumber).toBe('400000******9102');
  });

  it("answers C for the SMS card; an SDK completes it at the acsURL and the demo's 3DS Server takes the RReq", async () => {
    const keys = createSdkEphemeralKeys();
    const res = await post(await order({}, '2.2.0', keys));
    expect(res.status).toBe(200);
    expect(res.body.kind).toBe('ares');
    const { ares, areq } = res.body as { ares: Record<string, unknown>; areq: Record<string, unknown> };
    expect(ares.transStatus).toBe('C');
    const { session } = startChallenge({
      areq,
      ares,
      keys,
      trustedRoots: acs.deps.keys.dsRootCaPem,
      requireHttps: false,
      enc: 'A128GCM',
    });
    const acsPath = new URL(session.acsURL ?? '').pathname;
    const send = async (message: { body: string; contentType: string }) => {
      const answer = await request(acs.app)
        .post(acsPath)
        .set('content-type', message.contentType)
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
      return {
        text: answer.body as string,
        type: String(answer.headers['content-type']),
        status: answer.status,
      };
    };
    const first = await send(session.creq());
    expect(session.readScreen(first.text, first.type, first.status)).toMatchObject({ acsUiType: '01' });
    const acsTransID = String(ares.acsTransID);
    const code = await latestCode(acs, acsTransID);
    const last = await send(session.creq({ challengeDataEntry: code }));
    expect(session.readFinal(last.text, last.type, last.status)).toMatchObject({ transStatus: 'Y' });
    const attempts = await acs.deps.store.listRReqAttempts(acsTransID);
    expect(attempts.map((a) => a.outcome)).toEqual(['delivered']);
    const rres = (await acs.deps.store.listMessages(acsTransID)).find((m) => m.messageType === 'RRes')?.body;
    expect(rres).toMatchObject({ messageType: 'RRes', sdkTransID: areq.sdkTransID, resultsStatus: '01' });
  });
});
