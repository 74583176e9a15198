/**
 * Malformed requests get the answer their route promises, never a 500 and never HTML where
 * JSON is promised (docs/security.md): undecodable percent-encoding in a path parameter,
 * a body whose Content-Encoding lies, a charset the route does not read, a body too large or
 * not parseable. EMV endpoints answer an Erro, JSON endpoints JSON, pages an error page. And
 * behind a reverse proxy (ACS_TRUST_PROXY) per-address limits count the client's address.
 */
import { randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { Response } from 'supertest';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureAdminKey } from '../../src/flows/admin/keys.ts';
import { validAReq } from '../support/areq-fixtures.ts';
import { consoleLogin } from '../support/console-login.ts';
import { createTestAcs, type TestAcs } from '../support/test-acs.ts';

const adminKey = 'hostile-requests-admin-key-0123456789-abcdef';

let acs: TestAcs;
let cookie: string;
beforeAll(async () => {
  acs = await createTestAcs();
  await ensureAdminKey(acs.deps, adminKey);
  cookie = (await consoleLogin(acs, 'hostile')).cookie;
});
afterAll(async () => {
  await acs.close();
});

function expectJson(res: Response, status: number, error: string): void {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  expect(res.body).toMatchObject({ error });
  expect(res.text).not.toMatch(/at .*\.ts:\d+|URIError|Failed to decode/);
}

function expectPage(res: Response, status: number): void {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/^text\/html/);
  expect(res.text).toMatch(/^<!doctype html>/i);
  expect(res.text).not.toMatch(/at .*\.ts:\d+|URIError|Failed to decode/);
}

function expectErro(res: Response, errorCode: string): void {
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  expect(res.body).toMatchObject({ messageType: 'Erro', errorCode, errorComponent: 'A' });
}

/** Sends a Buffer body as it is (superagent would turn it into JSON). */
const raw = (body: unknown) => body as string;

const badParams = ['%E0%A4%A', '%ff', '%', '%C0%AF', 'ok%'];

describe('undecodable percent-encoding in a path parameter', () => {
  it.each(badParams)('GET /3ds/transactions/%s/result answers JSON 400', async (param) => {
    expectJson(await request(acs.app).get(`/3ds/transactions/${param}/result`), 400, 'bad_request');
  });

  it.each(['submit', 'resend', 'cancel', 'method'])(
    'POST /3ds/challenge/(undecodable)/%s answers the framed error page',
    async (action) => {
      const res = await request(acs.app)
        .post(`/3ds/challenge/%ff/${action}`)
        .type('form')
        .send({ token: 'x' });
      expectPage(res, 400);
      // Still framable by the merchant: the challenge window's own headers.
      expect(res.headers['x-frame-options']).toBeUndefined();
      expect(res.headers['content-security-policy']).toMatch(/frame-ancestors/);
    },
  );

  it('POST /3ds/challenge/%ff/status answers JSON', async () => {
    expectJson(
      await request(acs.app).post('/3ds/challenge/%ff/status').type('form').send({ token: 'x' }),
      400,
      'bad_request',
    );
  });

  it('the sandbox bank app: JSON for its API, a page for its forms', async () => {
    expectJson(
      await request(acs.app).post('/sandbox/api/approvals/%ff').send({ decision: 'approve' }),
      400,
      'bad_request',
    );
    expectPage(await request(acs.app).post('/sandbox/bank-app/%ff/approve').type('form').send({}), 400);
  });

  it.each([
    ['get', '/api/admin/cards/%ff'],
    ['patch', '/api/admin/cards/%ff'],
    ['delete', '/api/admin/cards/%ff'],
    ['post', '/api/admin/cards/%ff/totp'],
    ['put', '/api/admin/cards/%ff/password'],
    ['get', '/api/admin/transactions/%E0%A4%A'],
    ['post', '/api/admin/transactions/%E0%A4%A/rreq'],
    ['delete', '/api/admin/api-keys/%ff'],
  ] as const)('admin %s %s answers JSON 400 with a key, 401 without', async (method, path) => {
    const withKey = await request(acs.app)[method](path).set('authorization', `Bearer ${adminKey}`).send({});
    expectJson(withKey, 400, 'bad_request');
    expectJson(await request(acs.app)[method](path).send({}), 401, 'unauthorized');
  });

  it.each(['/console/cards/%ff', '/console/transactions/%ff', '/console/demo/%ff'])(
    'console GET %s answers an error page',
    async (path) => {
      expectPage(await request(acs.app).get(path).set('cookie', cookie), 400);
    },
  );

  it('console GET /console/demo/%ff/status answers JSON', async () => {
    expectJson(
      await request(acs.app).get('/console/demo/%ff/status').set('cookie', cookie),
      400,
      'bad_request',
    );
  });

  it('logs no unexpected failure for any of them', () => {
    expect(acs.logs.filter((line) => line.includes('"level":"error"'))).toEqual([]);
  });
});

describe('a body whose Content-Encoding lies', () => {
  const avBody = JSON.stringify({
    authenticationValue: 'AAECAwQFBgcICQoLDA0ODxAREhM=',
    acsTransID: randomUUID(),
    threeDSServerTransID: randomUUID(),
    dsTransID: randomUUID(),
    eci: '05',
  });

  it.each(['gzip', 'deflate', 'br'])(
    'POST /3ds/av/verify with %s that is not answers JSON 400',
    async (encoding) => {
      const res = await request(acs.app)
        .post('/3ds/av/verify')
        .set('content-type', 'application/json')
        .set('content-encoding', encoding)
        .send(avBody);
      expectJson(res, 400, 'bad_request');
    },
  );

  it('POST /3ds/av/verify with an unknown encoding answers JSON 415', async () => {
    const res = await request(acs.app)
      .post('/3ds/av/verify')
      .set('content-type', 'application/json')
      .set('content-encoding', 'x-zip')
      .send(avBody);
    expectJson(res, 415, 'unsupported_media_type');
  });

  it('POST /3ds/av/verify with real gzip is read', async () => {
    const res = await request(acs.app)
      .post('/3ds/av/verify')
      .set('content-type', 'application/json')
      .set('content-encoding', 'gzip')
      .serialize(raw)
      .send(gzipSync(avBody));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ valid: false });
  });

  it('POST /3ds/areq with gzip that is not answers Erro 101; real gzip is read', async () => {
    const text = JSON.stringify(validAReq({ version: '2.2.0', channel: '02' }));
    expectErro(
      await request(acs.app)
        .post('/3ds/areq')
        .set('content-type', 'application/json')
        .set('content-encoding', 'gzip')
        .send(text),
      '101',
    );
    const res = await request(acs.app)
      .post('/3ds/areq')
      .set('content-type', 'application/json')
      .set('content-encoding', 'gzip')
      .serialize(raw)
      .send(gzipSync(text));
    expect(res.body.messageType).toBe('ARes');
  });

  it('POST /3ds/areq in a charset other than UTF-8 answers Erro 101', async () => {
    const text = JSON.stringify(validAReq({ version: '2.2.0', channel: '02' }));
    for (const charset of ['koi8-r', 'utf-16le', 'latin1', 'x-nonsense']) {
      const res = await request(acs.app)
        .post('/3ds/areq')
        .set('content-type', `application/json; charset=${charset}`)
        .send(text);
      expectErro(res, '101');
    }
    const utf8 = await request(acs.app)
      .post('/3ds/areq')
      .set('content-type', 'application/json; charset="UTF-8"')
      .send(text);
    expect(utf8.body.messageType).toBe('ARes');
  });
});

describe('the challenge window status poll is JSON, whatever goes wrong', () => {
  const statusPath = () => `/3ds/challenge/${randomUUID()}/status`;

  it('answers 415 as JSON for a charset it does not read', async () => {
    const res = await request(acs.app)
      .post(statusPath())
      .set('content-type', 'application/x-www-form-urlencoded; charset=koi8-r')
      .send('token=x');
    expectJson(res, 415, 'unsupported_media_type');
  });

  it('answers 413 as JSON for an oversized body', async () => {
    const res = await request(acs.app)
      .post(statusPath())
      .type('form')
      .send(`token=${'x'.repeat(70 * 1024)}`);
    expectJson(res, 413, 'payload_too_large');
  });

  it('answers 400 as JSON for a body it cannot read', async () => {
    const res = await request(acs.app)
      .post(statusPath())
      .set('content-type', 'application/x-www-form-urlencoded')
      .set('content-encoding', 'gzip')
      .send('token=x');
    expectJson(res, 400, 'bad_request');
  });

  it('answers 403 as JSON for an unknown transaction, as before', async () => {
    expectJson(await request(acs.app).post(statusPath()).type('form').send({ token: 'x' }), 403, 'forbidden');
  });

  it('while the window pages around it stay pages', async () => {
    const res = await request(acs.app)
      .post(`/3ds/challenge/${randomUUID()}/submit`)
      .set('content-type', 'application/x-www-form-urlencoded; charset=koi8-r')
      .send('token=x');
    expectPage(res, 415);
  });
});

describe('unknown paths', () => {
  it('answer JSON in the APIs and a page in the console', async () => {
    expectJson(await request(acs.app).get('/api/admin/nothing').set('x-api-key', adminKey), 404, 'not_found');
    expectJson(await request(acs.app).get('/nothing'), 404, 'not_found');
    expectPage(await request(acs.app).get('/console/nothing').set('cookie', cookie), 404);
  });
});

describe('behind a reverse proxy (ACS_TRUST_PROXY)', () => {
  async function codePosts(env: Record<string, string>, addresses: readonly string[]): Promise<number[]> {
    const proxied = await createTestAcs({ ACS_LIMIT_CODE_POSTS_PER_ADDRESS: '2', ...env });
    try {
      const statuses: number[] = [];
      for (const address of addresses) {
        const res = await request(proxied.app)
          .post(`/3ds/challenge/${randomUUID()}/submit`)
          .set('x-forwarded-for', address)
          .type('form')
          .send({ token: 'x', code: '123456' });
        statuses.push(res.status);
      }
      return statuses;
    } finally {
      await proxied.close();
    }
  }

  const addresses = ['198.51.100.1', '198.51.100.1', '198.51.100.1', '198.51.100.2'];

  it('counts per-address limits by the forwarded client address when the proxy is trusted', async () => {
    const statuses = await codePosts({ ACS_TRUST_PROXY: '1' }, addresses);
    expect(statuses[2]).toBe(429);
    expect(statuses[3]).not.toBe(429);
  });

  it('ignores X-Forwarded-For when no proxy is configured (a client cannot pick its address)', async () => {
    const statuses = await codePosts({}, addresses);
    expect(statuses[2]).toBe(429);
    expect(statuses[3]).toBe(429);
  });
});
