/**
 * The admin API over HTTP: every route refuses a request without a valid API key; cards are
 * listed without secrets; an authenticator app is enrolled with a secret shown once and
 * sealed at rest; a static password is stored only as an argon2id hash; bad input is refused
 * with stable error codes.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { Express } from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maskPan } from '../../src/domain/pan.ts';
import { scenarios } from '../../src/domain/scenario.ts';
import { openTotpSecret } from '../../src/flows/admin/card-credentials.ts';
import { apiKeyPattern, ensureAdminKey } from '../../src/flows/admin/keys.ts';
import { adminOpenApiDocument } from '../../src/http/admin/openapi.ts';
import { currentTotp, totpStepAt, verifyTotp } from '../../src/otp/totp.ts';
import { isLuhnValid } from '../../src/protocol/formats.ts';
import { verifyPassword } from '../../src/signing/password-hash.ts';
import { validAReq } from '../support/areq-fixtures.ts';
import { expectDocumented } from '../support/openapi-conformance.ts';
import { createTestAcs, seedFile, type TestAcs } from '../support/test-acs.ts';

/** A card the seed gives no credentials (challenge-sms, Mastercard). */
const plainPan = '5200000000001005';
const unknownCardId = '3f1c2a4e-9b7d-4c1e-8a2f-6d5e4c3b2a19';
const configuredKey = 'configured-admin-key-0123456789-abcdefghij';

/** The app under test: createApp mounts the admin routes. */
function appUnderTest(acs: TestAcs): Express {
  return acs.app;
}

/** Every byte SQLite holds on disk for the test database (main file, WAL and shared memory). */
function databaseBytes(acs: TestAcs): string {
  const path = acs.deps.config.database.path;
  return [path, `${path}-wal`, `${path}-shm`]
    .filter((file) => existsSync(file))
    .map((file) => readFileSync(file).toString('latin1'))
    .join('\n');
}

async function cardIdOf(acs: TestAcs, pan: string): Promise<string> {
  const card = (await acs.deps.store.listCards()).find((c) => c.maskedPan === maskPan(pan));
  if (card === undefined) throw new Error(`seed card ${maskPan(pan)} missing`);
  return card.id;
}

describe('admin API keys', () => {
  let acs: TestAcs;
  beforeAll(async () => {
    acs = await createTestAcs();
  });
  afterAll(() => acs.close());

  it('creates one key at first start when none is configured, and none after that', async () => {
    const first = await ensureAdminKey(acs.deps, undefined);
    expect(first.createdKey).toMatch(apiKeyPattern);
    expect(await acs.deps.store.countApiKeys()).toBe(1);
    expect(await ensureAdminKey(acs.deps, undefined)).toEqual({});
    expect(await acs.deps.store.countApiKeys()).toBe(1);

    const key = first.createdKey as string;
    const res = await request(appUnderTest(acs))
      .get('/api/admin/cards')
      .set('Authorization', `Bearer ${key}`);
    expect(res.status).toBe(200);
    expect(databaseBytes(acs)).not.toContain(key);
    expect(databaseBytes(acs)).not.toContain(key.slice(4));
  });

  it('stores a configured key once and accepts it, as Bearer token or X-API-Key', async () => {
    expect(await ensureAdminKey(acs.deps, configuredKey)).toEqual({});
    expect(await ensureAdminKey(acs.deps, configuredKey)).toEqual({});
    expect(await acs.deps.store.countApiKeys()).toBe(2);

    const app = appUnderTest(acs);
    const bearer = await request(app).get('/api/admin/cards').set('Authorization', `Bearer ${configuredKey}`);
    expect(bearer.status).toBe(200);
    const header = await request(app).get('/api/admin/cards').set('X-API-Key', configuredKey);
    expect(header.status).toBe(200);
    expect(databaseBytes(acs)).not.toContain(configuredKey);
  });

  it('refuses a configured key that is too weak, without quoting it', async () => {
    await expect(ensureAdminKey(acs.deps, 'short-key')).rejects.toMatchObject({
      name: 'StartupError',
      code: 'config_invalid',
      message: 'the configured admin API key must be at least 32 printable characters without spaces',
    });
    await expect(ensureAdminKey(acs.deps, `${'x'.repeat(40)} with spaces`)).rejects.toThrow(
      /printable characters/,
    );
  });
});

describe('admin API', () => {
  let acs: TestAcs;
  let app: Express;
  const auth = { Authorization: `Bearer ${configuredKey}` };

  beforeAll(async () => {
    acs = await createTestAcs({ ACS_ISSUER_NAME: 'Test Bank: QA' });
    await ensureAdminKey(acs.deps, configuredKey);
    app = appUnderTest(acs);
  });
  afterAll(() => acs.close());

  describe('authentication', () => {
    /**
     * Every operation of the OpenAPI document (so a new route is covered as soon as it is
     * documented, and admin-openapi.test.ts makes sure every route is), with real ids filled in,
     * plus a path that does not exist.
     */
    const routes = async () => {
      const cardId = await cardIdOf(acs, plainPan);
      const keyId = (await acs.deps.store.listApiKeys())[0]?.id ?? '';
      const fill = (path: string) =>
        path
          .replace('/cards/{id}', `/cards/${cardId}`)
          .replace('/api-keys/{id}', `/api-keys/${keyId}`)
          .replace('{acsTransID}', knownAcsTransID);
      const documented = Object.entries(adminOpenApiDocument.paths).flatMap(([path, item]) =>
        (['get', 'post', 'put', 'patch', 'delete'] as const)
          .filter((method) => item[method] !== undefined)
          .map((method) => [method, fill(path)] as const),
      );
      return [...documented, ['get', '/api/admin/no-such-route'] as const];
    };
    let knownAcsTransID = '';

    beforeAll(async () => {
      const areq = validAReq({ version: '2.2.0', channel: '02', acctNumber: '4000000000000101' });
      const res = await request(app).post('/3ds/areq').set('content-type', 'application/json').send(areq);
      knownAcsTransID = String(res.body.acsTransID);
    });

    /** What an unauthenticated request must leave unchanged. */
    const snapshot = async () => ({
      cards: await acs.deps.store.listCards(),
      credentials: await acs.deps.store.getCardCredentials(await cardIdOf(acs, plainPan)),
      keys: (await acs.deps.store.listApiKeys()).map((k) => ({ id: k.id, keyHash: k.keyHash })),
      rreqAttempts: await acs.deps.store.listRReqAttempts(knownAcsTransID),
      messages: (await acs.deps.store.listMessages(knownAcsTransID)).length,
    });

    it('covers every documented operation', async () => {
      expect((await routes()).length).toBeGreaterThanOrEqual(16);
      expect((await routes()).every(([, path]) => !path.includes('{'))).toBe(true);
    });

    it('refuses every route without a key: 401, WWW-Authenticate, no-store, nothing changed', async () => {
      const before = await snapshot();
      for (const [method, path] of await routes()) {
        const res = await request(app)
          [method](path)
          .send(method === 'get' || method === 'delete' ? undefined : { password: 'long-enough-1' });
        expect({ method, path, status: res.status, body: res.body }).toEqual({
          method,
          path,
          status: 401,
          body: {
            error: 'unauthorized',
            message: 'an admin API key is required (Authorization: Bearer <key>)',
          },
        });
        expect(res.headers['www-authenticate']).toBe('Bearer realm="acs-admin"');
        expect(res.headers['cache-control']).toBe('no-store');
      }
      expect(await snapshot()).toEqual(before);
    });

    it('refuses every route with a wrong key, in either header, and changes nothing', async () => {
      const before = await snapshot();
      const wrong = `acs_${'A'.repeat(43)}`;
      for (const [method, path] of await routes()) {
        for (const header of [{ Authorization: `Bearer ${wrong}` }, { 'X-API-Key': wrong }]) {
          const res = await request(app)
            [method](path)
            .set(header)
            .send(method === 'get' || method === 'delete' ? undefined : { password: 'long-enough-1' });
          expect({ method, path, status: res.status, body: res.body }).toEqual({
            method,
            path,
            status: 401,
            body: { error: 'unauthorized', message: 'the admin API key is not valid' },
          });
          expect(res.headers['www-authenticate']).toBe('Bearer realm="acs-admin", error="invalid_token"');
        }
      }
      expect(await snapshot()).toEqual(before);
      expect(await acs.deps.store.getCardCredentials(await cardIdOf(acs, plainPan))).toEqual({
        totpSecretSealed: undefined,
        totpLastStep: undefined,
        passwordHash: undefined,
      });
    });

    it('refuses a malformed Authorization header even when X-API-Key is valid', async () => {
      const res = await request(app)
        .get('/api/admin/cards')
        .set('Authorization', 'Basic abc')
        .set('X-API-Key', configuredKey);
      expect(res.status).toBe(401);
      const noToken = await request(app).get('/api/admin/cards').set('Authorization', 'Bearer ');
      expect(noToken.status).toBe(401);
    });

    it('does not guard routes outside /api/admin', async () => {
      const res = await request(app).get('/healthz');
      expect(res.status).toBe(200);
    });
  });

  describe('cards', () => {
    it('lists every seeded card, without secrets', async () => {
      const res = await request(app).get('/api/admin/cards').set(auth);
      expect(res.status).toBe(200);
      expect(res.headers['cache-control']).toBe('no-store');
      const cards = res.body.cards as Record<string, unknown>[];
      expect(cards).toHaveLength(seedFile.cards.length);
      expect(cards.map((c) => c.maskedPan).sort()).toEqual(seedFile.cards.map((c) => maskPan(c.pan)).sort());
      const plain = cards.find((c) => c.maskedPan === maskPan(plainPan));
      expect(plain).toEqual({
        id: await cardIdOf(acs, plainPan),
        maskedPan: '520000******1005',
        scheme: 'mastercard',
        scenario: 'challenge-sms',
        cardholderName: 'Max Mastercard',
        phone: '+15555550206',
        email: 'max.mastercard@example.test',
        totpEnrolled: false,
        passwordSet: false,
        fault: null,
        faultDelayMs: null,
        createdAt: '2026-11-25T10:00:00.000Z',
      });
      // Seeded credentials show as flags only (data/test-cards.json gives these two cards one each).
      const flags = (pan: string) => {
        const card = cards.find((c) => c.maskedPan === maskPan(pan));
        return { totpEnrolled: card?.totpEnrolled, passwordSet: card?.passwordSet };
      };
      expect(flags('5200000000001104')).toEqual({ totpEnrolled: true, passwordSet: false });
      expect(flags('5200000000001401')).toEqual({ totpEnrolled: false, passwordSet: true });
      expect(JSON.stringify(res.body)).not.toMatch(/argon2|JBSWY3DP|panHash|v1\./);
      for (const card of cards) {
        expect(Object.keys(card).sort()).toEqual(
          [
            'cardholderName',
            'createdAt',
            'email',
            'fault',
            'faultDelayMs',
            'id',
            'maskedPan',
            'passwordSet',
            'phone',
            'scenario',
            'scheme',
            'totpEnrolled',
          ].sort(),
        );
      }
    });

    it('shows one card, the same as in the list', async () => {
      const list = await request(app).get('/api/admin/cards').set(auth);
      const id = await cardIdOf(acs, plainPan);
      const res = await request(app).get(`/api/admin/cards/${id}`).set(auth);
      expect(res.status).toBe(200);
      expect(res.body).toEqual((list.body.cards as { id: string }[]).find((c) => c.id === id));
    });

    it('answers 404 for an unknown card on every card route', async () => {
      const notFound = { error: 'not_found', message: 'no such card' };
      for (const id of [unknownCardId, 'not-a-uuid']) {
        const get = await request(app).get(`/api/admin/cards/${id}`).set(auth);
        expect({ status: get.status, body: get.body }).toEqual({ status: 404, body: notFound });
        const totp = await request(app).post(`/api/admin/cards/${id}/totp`).set(auth);
        expect({ status: totp.status, body: totp.body }).toEqual({ status: 404, body: notFound });
        const password = await request(app)
          .put(`/api/admin/cards/${id}/password`)
          .set(auth)
          .send({ password: 'long-enough-1' });
        expect({ status: password.status, body: password.body }).toEqual({ status: 404, body: notFound });
      }
    });
  });

  describe('authenticator app enrolment', () => {
    it('returns a fresh base32 secret, its otpauth URI and a QR code once, and seals the secret', async () => {
      const id = await cardIdOf(acs, plainPan);
      const res = await request(app).post(`/api/admin/cards/${id}/totp`).set(auth);
      expect(res.status).toBe(200);
      expect(res.headers['cache-control']).toBe('no-store');
      const { secret, otpauthUri, qrSvg } = res.body as { secret: string; otpauthUri: string; qrSvg: string };
      expect(Object.keys(res.body).sort()).toEqual(['otpauthUri', 'qrSvg', 'secret']);
      expect(secret).toMatch(/^[A-Z2-7]{32}$/);
      expect(otpauthUri).toBe(
        `otpauth://totp/Test%20Bank%3A%20QA:1005%20Max%20Mastercard?secret=${secret}` +
          '&issuer=Test%20Bank%3A%20QA&algorithm=SHA1&digits=6&period=30',
      );
      expect(qrSvg.startsWith('<svg ')).toBe(true);
      expect(qrSvg.endsWith('</svg>')).toBe(true);

      // Sealed at rest: the database never holds the secret in clear, the ACS can still open it.
      expect(databaseBytes(acs)).not.toContain(secret);
      expect(await openTotpSecret(acs.deps, id)).toBe(secret);
      const nowMs = acs.deps.clock().getTime();
      expect(
        verifyTotp({ secret, code: currentTotp(secret, nowMs), nowMs, lastAcceptedStep: undefined }),
      ).toEqual({
        valid: true,
        step: totpStepAt(nowMs),
      });

      const card = await request(app).get(`/api/admin/cards/${id}`).set(auth);
      expect(card.body.totpEnrolled).toBe(true);
      expect(JSON.stringify(card.body)).not.toContain(secret);
      expect(acs.logs.join('\n')).not.toContain(secret);
    });

    it('re-enrols with a new secret and resets the replay guard', async () => {
      const id = await cardIdOf(acs, plainPan);
      const first = await request(app).post(`/api/admin/cards/${id}/totp`).set(auth).send({});
      expect(await acs.deps.store.acceptTotpStep(id, 1000)).toBe(true);
      const second = await request(app).post(`/api/admin/cards/${id}/totp`).set(auth);
      expect(second.status).toBe(200);
      expect(second.body.secret).not.toBe(first.body.secret);
      expect(await openTotpSecret(acs.deps, id)).toBe(second.body.secret);
      expect((await acs.deps.store.getCardCredentials(id))?.totpLastStep).toBeUndefined();
    });

    it('refuses a body with fields', async () => {
      const id = await cardIdOf(acs, plainPan);
      const res = await request(app)
        .post(`/api/admin/cards/${id}/totp`)
        .set(auth)
        .send({ secret: 'JBSWY3DPEHPK3PXP' });
      expect({ status: res.status, body: res.body }).toEqual({
        status: 400,
        body: { error: 'bad_request', message: 'invalid or missing: secret (unknown)' },
      });
    });
  });

  describe('static password', () => {
    const password = 'correct horse battery staple 7';

    it('stores an argon2id hash that verifies, answers 204, and never echoes or logs it', async () => {
      const id = await cardIdOf(acs, plainPan);
      const res = await request(app).put(`/api/admin/cards/${id}/password`).set(auth).send({ password });
      expect(res.status).toBe(204);
      expect(res.text).toBe('');
      const hash = (await acs.deps.store.getCardCredentials(id))?.passwordHash as string;
      expect(hash).toMatch(/^\$argon2id\$/);
      expect(await verifyPassword(hash, password)).toBe(true);
      expect(await verifyPassword(hash, 'correct horse battery staple 8')).toBe(false);
      expect(databaseBytes(acs)).not.toContain(password);
      expect(acs.logs.join('\n')).not.toContain(password);

      const card = await request(app).get(`/api/admin/cards/${id}`).set(auth);
      expect(card.body.passwordSet).toBe(true);
    });

    it('refuses a password the policy refuses, with its message', async () => {
      const id = await cardIdOf(acs, plainPan);
      for (const [candidate, message] of [
        ['short', 'The password must be at least 8 characters long.'],
        ['', 'Enter a password.'],
        ['          ', 'The password must not be only spaces.'],
        ['x'.repeat(65), 'The password must be at most 64 characters long.'],
      ] as const) {
        const res = await request(app)
          .put(`/api/admin/cards/${id}/password`)
          .set(auth)
          .send({ password: candidate });
        expect({ status: res.status, body: res.body }).toEqual({
          status: 400,
          body: { error: 'bad_request', message },
        });
      }
      const hash = (await acs.deps.store.getCardCredentials(id))?.passwordHash as string;
      expect(await verifyPassword(hash, password)).toBe(true);
    });

    it('refuses bad bodies with stable codes', async () => {
      const path = `/api/admin/cards/${await cardIdOf(acs, plainPan)}/password`;
      const cases: [string, (r: request.Test) => request.Test, number, Record<string, string>][] = [
        ['no body', (r) => r, 400, { error: 'bad_request', message: 'invalid or missing: body' }],
        [
          'empty object',
          (r) => r.send({}),
          400,
          { error: 'bad_request', message: 'invalid or missing: password' },
        ],
        [
          'not a string',
          (r) => r.send({ password: 12345678 }),
          400,
          { error: 'bad_request', message: 'invalid or missing: password' },
        ],
        [
          'unknown field',
          (r) => r.send({ password, role: 'admin' }),
          400,
          { error: 'bad_request', message: 'invalid or missing: role (unknown)' },
        ],
        [
          'an array',
          (r) => r.send([password]),
          400,
          { error: 'bad_request', message: 'invalid or missing: body' },
        ],
        [
          'malformed JSON',
          (r) => r.set('content-type', 'application/json').send('{"password": '),
          400,
          { error: 'bad_request', message: 'request body is not valid JSON' },
        ],
        [
          'a form',
          (r) => r.type('form').send({ password }),
          415,
          { error: 'unsupported_media_type', message: 'the request body must be application/json' },
        ],
        [
          'too large',
          (r) => r.send({ password: 'x'.repeat(9000) }),
          413,
          { error: 'payload_too_large', message: 'request body too large' },
        ],
      ];
      for (const [name, build, status, body] of cases) {
        const res = await build(request(app).put(path).set(auth));
        expect({ name, status: res.status, body: res.body }).toEqual({ name, status, body });
        expect(JSON.stringify(res.body)).not.toContain(password);
      }
    });
  });

  describe('creating, changing and deleting cards', () => {
    const newPan = withCheckDigit('400000000000300');
    const spacedPan = withCheckDigit('520000000000300');
    let cardId = '';

    it('creates a card from a PAN it never returns or logs', async () => {
      const res = await request(app).post('/api/admin/cards').set(auth).send({
        pan: newPan,
        scenario: 'frictionless-y',
        cardholderName: 'Nia New',
        phone: '+447700900123',
        email: 'nia.new@example.test',
      });
      expect(res.status).toBe(201);
      expectDocumented('post', '/api/admin/cards', res);
      cardId = String(res.body.id);
      expect(res.body).toEqual({
        id: cardId,
        maskedPan: maskPan(newPan),
        scheme: 'visa',
        scenario: 'frictionless-y',
        cardholderName: 'Nia New',
        phone: '+447700900123',
        email: 'nia.new@example.test',
        totpEnrolled: false,
        passwordSet: false,
        fault: null,
        faultDelayMs: null,
        createdAt: acs.deps.clock().toISOString(),
      });
      expect(res.headers.location).toBe(`/api/admin/cards/${cardId}`);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.text).not.toContain(newPan);
      expect(acs.logs.join('\n')).not.toContain(newPan);

      const got = await request(app).get(`/api/admin/cards/${cardId}`).set(auth);
      expect(got.body).toEqual(res.body);
      expectDocumented('get', '/api/admin/cards/{id}', got);
      const list = await request(app).get('/api/admin/cards').set(auth);
      expectDocumented('get', '/api/admin/cards', list);
      expect((list.body.cards as { id: string }[])[0]?.id).toBe(cardId);
    });

    it('authenticates the new card as its scenario says', async () => {
      expect(await authenticate(app, newPan)).toMatchObject({ transStatus: 'Y', eci: '05' });
    });

    it('accepts a PAN grouped with spaces, and refuses a card that exists (409)', async () => {
      const grouped = spacedPan.replace(/(\d{4})(?=\d)/g, '$1 ');
      const res = await request(app)
        .post('/api/admin/cards')
        .set(auth)
        .send({ pan: grouped, scenario: 'challenge-sms' });
      expect({ status: res.status, maskedPan: res.body.maskedPan, scheme: res.body.scheme }).toEqual({
        status: 201,
        maskedPan: maskPan(spacedPan),
        scheme: 'mastercard',
      });
      expect(res.body).toMatchObject({ cardholderName: null, phone: null, email: null });

      for (const pan of [spacedPan, grouped, plainPan]) {
        const again = await request(app)
          .post('/api/admin/cards')
          .set(auth)
          .send({ pan, scenario: 'frictionless-n' });
        expect({ status: again.status, body: again.body }).toEqual({
          status: 409,
          body: { error: 'conflict', message: 'a card with this PAN exists already' },
        });
        expectDocumented('post', '/api/admin/cards', again);
      }
      expect(
        (await acs.deps.store.listCards()).filter((c) => c.maskedPan === maskPan(spacedPan)),
      ).toHaveLength(1);
    });

    it('refuses bad cards, naming the fields and never quoting the PAN', async () => {
      const noScheme = withCheckDigit('900000000000000');
      const badLuhn = `${newPan.slice(0, -1)}${(Number(newPan.slice(-1)) + 1) % 10}`;
      const fresh = withCheckDigit('400000000000301');
      const valid = { pan: fresh, scenario: 'challenge-sms' };
      const scenarioList = scenarios.join(', ');
      const cases: [Record<string, unknown>, string][] = [
        [{}, 'invalid or missing: pan, scenario'],
        [{ ...valid, pan: '4000 0000' }, 'invalid or missing: pan (expected 13 to 19 digits)'],
        [{ ...valid, pan: `${fresh}0000` }, 'invalid or missing: pan (expected 13 to 19 digits)'],
        [{ ...valid, pan: '4000-0000-0000-1000' }, 'invalid or missing: pan (expected 13 to 19 digits)'],
        [{ ...valid, pan: badLuhn }, 'invalid or missing: pan (fails the Luhn check)'],
        [
          { ...valid, pan: noScheme },
          'invalid or missing: pan (belongs to no supported scheme (Visa, Mastercard, American Express, Discover, JCB))',
        ],
        [{ ...valid, pan: Number(fresh) }, 'invalid or missing: pan'],
        [
          { ...valid, scenario: 'frictionless-z' },
          `invalid or missing: scenario (expected one of ${scenarioList})`,
        ],
        [
          { ...valid, phone: '07700900123' },
          'invalid or missing: phone (expected an E.164 phone number, like +447700900123)',
        ],
        [{ ...valid, phone: null }, 'invalid or missing: phone'],
        [{ ...valid, email: 'not-an-email' }, 'invalid or missing: email (expected an email address)'],
        [{ ...valid, cardholderName: '  ' }, 'invalid or missing: cardholderName (must not be empty)'],
        [
          { ...valid, cardholderName: 'x'.repeat(46) },
          'invalid or missing: cardholderName (must be at most 45 characters)',
        ],
        [
          { ...valid, cardholderName: 'Bell\u0007' },
          'invalid or missing: cardholderName (must not contain control characters)',
        ],
        [{ ...valid, cvv: '123' }, 'invalid or missing: cvv (unknown)'],
      ];
      for (const [body, message] of cases) {
        const res = await request(app).post('/api/admin/cards').set(auth).send(body);
        expect({ body, status: res.status, answer: res.body }).toEqual({
          body,
          status: 400,
          answer: { error: 'bad_request', message },
        });
        expectDocumented('post', '/api/admin/cards', res);
        for (const pan of [fresh, badLuhn, noScheme]) expect(res.text).not.toContain(pan);
      }
      const form = await request(app).post('/api/admin/cards').set(auth).type('form').send(valid);
      expect({ status: form.status, body: form.body }).toEqual({
        status: 415,
        body: { error: 'unsupported_media_type', message: 'the request body must be application/json' },
      });
      const broken = await request(app)
        .post('/api/admin/cards')
        .set(auth)
        .set('content-type', 'application/json')
        .send(`{"pan":"${fresh}",`);
      expect({ status: broken.status, body: broken.body }).toEqual({
        status: 400,
        body: { error: 'bad_request', message: 'request body is not valid JSON' },
      });
      expect(broken.text).not.toContain(fresh);
      expect((await acs.deps.store.listCards()).some((c) => c.maskedPan === maskPan(fresh))).toBe(false);
      expect(acs.logs.join('\n')).not.toContain(fresh);
    });

    it('changes the scenario and details; null clears a detail, absent leaves it', async () => {
      const res = await request(app)
        .patch(`/api/admin/cards/${cardId}`)
        .set(auth)
        .send({ scenario: 'frictionless-n', cardholderName: 'Nia Changed', phone: null });
      expect(res.status).toBe(200);
      expectDocumented('patch', '/api/admin/cards/{id}', res);
      expect(res.body).toMatchObject({
        id: cardId,
        maskedPan: maskPan(newPan),
        scenario: 'frictionless-n',
        cardholderName: 'Nia Changed',
        phone: null,
        email: 'nia.new@example.test',
      });
      const got = await request(app).get(`/api/admin/cards/${cardId}`).set(auth);
      expect(got.body).toEqual(res.body);
      expect(await authenticate(app, newPan)).toMatchObject({ transStatus: 'N', transStatusReason: '01' });

      const unchanged = await request(app).patch(`/api/admin/cards/${cardId}`).set(auth).send({});
      expect({ status: unchanged.status, body: unchanged.body }).toEqual({ status: 200, body: res.body });
    });

    it('refuses bad changes, and unknown cards', async () => {
      const cases: [Record<string, unknown>, string][] = [
        [{ scenario: null }, `invalid or missing: scenario (expected one of ${scenarios.join(', ')})`],
        [{ pan: newPan }, 'invalid or missing: pan (unknown)'],
        [
          { phone: '+0123' },
          'invalid or missing: phone (expected an E.164 phone number, like +447700900123)',
        ],
        [{ email: 42 }, 'invalid or missing: email'],
        [{ cardholderName: '' }, 'invalid or missing: cardholderName (must not be empty)'],
      ];
      for (const [body, message] of cases) {
        const res = await request(app).patch(`/api/admin/cards/${cardId}`).set(auth).send(body);
        expect({ body, status: res.status, answer: res.body }).toEqual({
          body,
          status: 400,
          answer: { error: 'bad_request', message },
        });
        expect(res.text).not.toContain(newPan);
      }
      const noBody = await request(app).patch(`/api/admin/cards/${cardId}`).set(auth);
      expect(noBody.body).toEqual({ error: 'bad_request', message: 'invalid or missing: body' });
      for (const id of [unknownCardId, 'not-a-uuid']) {
        const res = await request(app)
          .patch(`/api/admin/cards/${id}`)
          .set(auth)
          .send({ scenario: 'frictionless-y' });
        expect({ status: res.status, body: res.body }).toEqual({
          status: 404,
          body: { error: 'not_found', message: 'no such card' },
        });
        expectDocumented('patch', '/api/admin/cards/{id}', res);
      }
    });

    it('deletes a card: 204, then it is unknown, and its PAN has no card record', async () => {
      const res = await request(app).delete(`/api/admin/cards/${cardId}`).set(auth);
      expect({ status: res.status, text: res.text }).toEqual({ status: 204, text: '' });
      expectDocumented('delete', '/api/admin/cards/{id}', res);
      const got = await request(app).get(`/api/admin/cards/${cardId}`).set(auth);
      expect(got.status).toBe(404);
      for (const id of [cardId, unknownCardId, 'not-a-uuid']) {
        const again = await request(app).delete(`/api/admin/cards/${id}`).set(auth);
        expect({ status: again.status, body: again.body }).toEqual({
          status: 404,
          body: { error: 'not_found', message: 'no such card' },
        });
      }
      expect(await authenticate(app, newPan)).toMatchObject({ transStatus: 'N', transStatusReason: '08' });
    });
  });

  describe('API keys', () => {
    it('lists every key without its hash', async () => {
      const res = await request(app).get('/api/admin/api-keys').set(auth);
      expect(res.status).toBe(200);
      expectDocumented('get', '/api/admin/api-keys', res);
      const stored = await acs.deps.store.listApiKeys();
      expect(res.body).toEqual({
        apiKeys: stored.map((k) => ({
          id: k.id,
          name: k.name,
          createdAt: k.createdAt,
          lastUsedAt: k.lastUsedAt ?? null,
        })),
      });
      expect(res.body.apiKeys[0]).toMatchObject({ name: 'configured (ACS_ADMIN_API_KEY)' });
      expect(res.body.apiKeys[0].lastUsedAt).not.toBeNull();
      for (const k of stored) expect(res.text).not.toContain(k.keyHash);
    });

    it('issues a key shown once, that works at once and is stored only as a hash', async () => {
      const res = await request(app).post('/api/admin/api-keys').set(auth).send({ name: '  CI pipeline  ' });
      expect(res.status).toBe(201);
      expectDocumented('post', '/api/admin/api-keys', res);
      const { id, name, key } = res.body as { id: string; name: string; key: string };
      expect(Object.keys(res.body).sort()).toEqual(['id', 'key', 'name']);
      expect({ name, key: apiKeyPattern.test(key) }).toEqual({ name: 'CI pipeline', key: true });
      expect(res.headers.location).toBe(`/api/admin/api-keys/${id}`);
      expect(databaseBytes(acs)).not.toContain(key);
      expect(acs.logs.join('\n')).not.toContain(key);

      const used = await request(app).get('/api/admin/api-keys').set('X-API-Key', key);
      expect(used.status).toBe(200);
      const listed = (used.body.apiKeys as { id: string; lastUsedAt: string | null }[]).find(
        (k) => k.id === id,
      );
      expect(listed).toEqual({
        id,
        name: 'CI pipeline',
        createdAt: acs.deps.clock().toISOString(),
        lastUsedAt: acs.deps.clock().toISOString(),
      });
      expect(used.text).not.toContain(key);
    });

    it('revokes a key with another one, and a key cannot revoke itself', async () => {
      const issued = await request(app).post('/api/admin/api-keys').set(auth).send({ name: 'short-lived' });
      const { id, key } = issued.body as { id: string; key: string };
      const self = await request(app)
        .delete(`/api/admin/api-keys/${id}`)
        .set('Authorization', `Bearer ${key}`);
      expect({ status: self.status, body: self.body }).toEqual({
        status: 409,
        body: { error: 'conflict', message: 'an API key cannot revoke itself: revoke it with another key' },
      });
      expectDocumented('delete', '/api/admin/api-keys/{id}', self);

      const revoked = await request(app).delete(`/api/admin/api-keys/${id}`).set(auth);
      expect({ status: revoked.status, text: revoked.text }).toEqual({ status: 204, text: '' });
      expectDocumented('delete', '/api/admin/api-keys/{id}', revoked);
      const refused = await request(app).get('/api/admin/cards').set('Authorization', `Bearer ${key}`);
      expect(refused.status).toBe(401);
      for (const unknown of [id, unknownCardId, 'not-a-uuid']) {
        const again = await request(app).delete(`/api/admin/api-keys/${unknown}`).set(auth);
        expect({ status: again.status, body: again.body }).toEqual({
          status: 404,
          body: { error: 'not_found', message: 'no such API key' },
        });
      }
      const configuredId = (await acs.deps.store.listApiKeys()).find((k) =>
        k.name.startsWith('configured'),
      )?.id;
      const selfConfigured = await request(app).delete(`/api/admin/api-keys/${configuredId}`).set(auth);
      expect(selfConfigured.status).toBe(409);
      expect((await request(app).get('/api/admin/cards').set(auth)).status).toBe(200);
    });

    it('refuses bad key names', async () => {
      const before = await acs.deps.store.countApiKeys();
      const cases: [unknown, string][] = [
        [{}, 'invalid or missing: name'],
        [{ name: 7 }, 'invalid or missing: name'],
        [{ name: '   ' }, 'invalid or missing: name (must not be empty)'],
        [{ name: 'x'.repeat(101) }, 'invalid or missing: name (must be at most 100 characters)'],
        [{ name: 'tab\there' }, 'invalid or missing: name (must not contain control characters)'],
        [{ name: 'ok', scope: 'all' }, 'invalid or missing: scope (unknown)'],
        [['ok'], 'invalid or missing: body'],
      ];
      for (const [body, message] of cases) {
        const res = await request(app)
          .post('/api/admin/api-keys')
          .set(auth)
          .send(body as object);
        expect({ body, status: res.status, answer: res.body }).toEqual({
          body,
          status: 400,
          answer: { error: 'bad_request', message },
        });
      }
      expect(await acs.deps.store.countApiKeys()).toBe(before);
    });
  });
});

describe("a created card's PAN at rest", () => {
  it('is in neither the database files nor the logs, only its masked form', async () => {
    const acs = await createTestAcs();
    try {
      await ensureAdminKey(acs.deps, configuredKey);
      const pans = [withCheckDigit('400000000000500'), withCheckDigit('520000000000500')];
      for (const pan of pans) {
        const res = await request(acs.app)
          .post('/api/admin/cards')
          .set('Authorization', `Bearer ${configuredKey}`)
          .send({ pan, scenario: 'frictionless-y', cardholderName: `Card ${pan.slice(-4)}` });
        expect(res.status).toBe(201);
        expect(await authenticate(acs.app, pan)).toMatchObject({ transStatus: 'Y' });
      }
      const stored = await acs.storedText();
      const logs = acs.logs.join('\n');
      expect(pans.filter((pan) => stored.includes(pan) || logs.includes(pan))).toEqual([]);
      for (const pan of pans) expect(stored).toContain(maskPan(pan));
    } finally {
      // Closes the store (and its checkpointer) before removing its files.
      await acs.close();
    }
  });
});

/** `body` followed by the digit that makes it pass the Luhn check. */
function withCheckDigit(body: string): string {
  const digit = [...'0123456789'].find((d) => isLuhnValid(`${body}${d}`));
  if (digit === undefined) throw new Error('no Luhn digit');
  return `${body}${digit}`;
}

/** Sends a 2.2.0 browser AReq for `pan` and returns the answer. */
async function authenticate(app: Express, pan: string): Promise<Record<string, unknown>> {
  const areq = validAReq({ version: '2.2.0', channel: '02', acctNumber: pan });
  const res = await request(app).post('/3ds/areq').set('content-type', 'application/json').send(areq);
  return res.body as Record<string, unknown>;
}
