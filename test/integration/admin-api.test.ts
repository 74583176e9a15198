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
import { apiKeyPattern, ensureAdminKey } from '../../src/flows/admin-keys.ts';
import { openTotpSecret } from '../../src/flows/card-credentials.ts';
import { currentTotp, totpStepAt, verifyTotp } from '../../src/otp/totp.ts';
import { verifyPassword } from '../../src/signing/password-hash.ts';
import { createTestAcs, seedFile, type TestAcs } from '../support/test-acs.ts';

/** A card the seed gives no credentials (challenge-sms, Mastercard). */
const plainPan = '5200000000001005';
const unknownCardId = '3f1c2a4e-9b7d-4c1e-8a2f-6d5e4c3b2a19';
const configuredKey = 'configured-admin-key-0123456789-abcdefghij';

/**
 * The app under test. Until src/app.ts mounts adminRoutes, the admin router is put in front of
 * createApp's app (with the one error handler behind it); once it is mounted this is just
 * `acs.app` and the tests run unchanged.
 */
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

function cardIdOf(acs: TestAcs, pan: string): string {
  const card = acs.deps.store.listCards().find((c) => c.maskedPan === maskPan(pan));
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
    const first = ensureAdminKey(acs.deps, undefined);
    expect(first.createdKey).toMatch(apiKeyPattern);
    expect(acs.deps.store.countApiKeys()).toBe(1);
    expect(ensureAdminKey(acs.deps, undefined)).toEqual({});
    expect(acs.deps.store.countApiKeys()).toBe(1);

    const key = first.createdKey as string;
    const res = await request(appUnderTest(acs))
      .get('/api/admin/cards')
      .set('Authorization', `Bearer ${key}`);
    expect(res.status).toBe(200);
    expect(databaseBytes(acs)).not.toContain(key);
    expect(databaseBytes(acs)).not.toContain(key.slice(4));
  });

  it('stores a configured key once and accepts it, as Bearer token or X-API-Key', async () => {
    expect(ensureAdminKey(acs.deps, configuredKey)).toEqual({});
    expect(ensureAdminKey(acs.deps, configuredKey)).toEqual({});
    expect(acs.deps.store.countApiKeys()).toBe(2);

    const app = appUnderTest(acs);
    const bearer = await request(app).get('/api/admin/cards').set('Authorization', `Bearer ${configuredKey}`);
    expect(bearer.status).toBe(200);
    const header = await request(app).get('/api/admin/cards').set('X-API-Key', configuredKey);
    expect(header.status).toBe(200);
    expect(databaseBytes(acs)).not.toContain(configuredKey);
  });

  it('refuses a configured key that is too weak, without quoting it', () => {
    expect(() => ensureAdminKey(acs.deps, 'short-key')).toThrow(
      new Error('the configured admin API key must be at least 32 printable characters without spaces'),
    );
    expect(() => ensureAdminKey(acs.deps, `${'x'.repeat(40)} with spaces`)).toThrow(/printable characters/);
  });
});

describe('admin API', () => {
  let acs: TestAcs;
  let app: Express;
  const auth = { Authorization: `Bearer ${configuredKey}` };

  beforeAll(async () => {
    acs = await createTestAcs({ ACS_ISSUER_NAME: 'Test Bank: QA' });
    ensureAdminKey(acs.deps, configuredKey);
    app = appUnderTest(acs);
  });
  afterAll(() => acs.close());

  describe('authentication', () => {
    const routes = () => {
      const id = cardIdOf(acs, plainPan);
      return [
        ['get', '/api/admin/cards'],
        ['get', `/api/admin/cards/${id}`],
        ['post', `/api/admin/cards/${id}/totp`],
        ['put', `/api/admin/cards/${id}/password`],
        ['get', '/api/admin/no-such-route'],
      ] as const;
    };

    it('refuses every route without a key: 401, WWW-Authenticate, no-store', async () => {
      for (const [method, path] of routes()) {
        const res = await request(app)
          [method](path)
          .send(method === 'put' ? { password: 'long-enough-1' } : undefined);
        expect({ path, status: res.status, body: res.body }).toEqual({
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
    });

    it('refuses every route with a wrong key, in either header, and changes nothing', async () => {
      const wrong = `acs_${'A'.repeat(43)}`;
      for (const [method, path] of routes()) {
        for (const header of [{ Authorization: `Bearer ${wrong}` }, { 'X-API-Key': wrong }]) {
          const res = await request(app)
            [method](path)
            .set(header)
            .send(method === 'put' ? { password: 'long-enough-1' } : undefined);
          expect({ path, status: res.status, body: res.body }).toEqual({
            path,
            status: 401,
            body: { error: 'unauthorized', message: 'the admin API key is not valid' },
          });
          expect(res.headers['www-authenticate']).toBe('Bearer realm="acs-admin", error="invalid_token"');
        }
      }
      expect(acs.deps.store.getCardCredentials(cardIdOf(acs, plainPan))).toEqual({
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
        id: cardIdOf(acs, plainPan),
        maskedPan: '520000******1005',
        scheme: 'mastercard',
        scenario: 'challenge-sms',
        cardholderName: 'Max Mastercard',
        phone: '+15555550206',
        email: 'max.mastercard@example.test',
        totpEnrolled: false,
        passwordSet: false,
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
      const id = cardIdOf(acs, plainPan);
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
      const id = cardIdOf(acs, plainPan);
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
      expect(openTotpSecret(acs.deps, id)).toBe(secret);
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
      const id = cardIdOf(acs, plainPan);
      const first = await request(app).post(`/api/admin/cards/${id}/totp`).set(auth).send({});
      expect(acs.deps.store.acceptTotpStep(id, 1000)).toBe(true);
      const second = await request(app).post(`/api/admin/cards/${id}/totp`).set(auth);
      expect(second.status).toBe(200);
      expect(second.body.secret).not.toBe(first.body.secret);
      expect(openTotpSecret(acs.deps, id)).toBe(second.body.secret);
      expect(acs.deps.store.getCardCredentials(id)?.totpLastStep).toBeUndefined();
    });

    it('refuses a body with fields', async () => {
      const id = cardIdOf(acs, plainPan);
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
      const id = cardIdOf(acs, plainPan);
      const res = await request(app).put(`/api/admin/cards/${id}/password`).set(auth).send({ password });
      expect(res.status).toBe(204);
      expect(res.text).toBe('');
      const hash = acs.deps.store.getCardCredentials(id)?.passwordHash as string;
      expect(hash).toMatch(/^\$argon2id\$/);
      expect(await verifyPassword(hash, password)).toBe(true);
      expect(await verifyPassword(hash, 'correct horse battery staple 8')).toBe(false);
      expect(databaseBytes(acs)).not.toContain(password);
      expect(acs.logs.join('\n')).not.toContain(password);

      const card = await request(app).get(`/api/admin/cards/${id}`).set(auth);
      expect(card.body.passwordSet).toBe(true);
    });

    it('refuses a password the policy refuses, with its message', async () => {
      const id = cardIdOf(acs, plainPan);
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
      const hash = acs.deps.store.getCardCredentials(id)?.passwordHash as string;
      expect(await verifyPassword(hash, password)).toBe(true);
    });

    it('refuses bad bodies with stable codes', async () => {
      const path = `/api/admin/cards/${cardIdOf(acs, plainPan)}/password`;
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
});
