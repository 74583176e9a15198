/**
 * What the ACS signs can be verified by outsiders: the result JWS against the JWKS, and the
 * authenticationValue at authorisation time, which must fail for any changed detail.
 */
import { compactVerify, createLocalJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validAReq } from '../support/areq-fixtures.ts';
import { createTestAcs, type TestAcs } from '../support/test-acs.ts';

describe.each(['ES256', 'PS256'] as const)('signed results (%s)', (alg) => {
  let acs: TestAcs;
  beforeAll(async () => {
    acs = await createTestAcs({ ACS_RESULT_SIGNING_ALG: alg });
  });
  afterAll(() => acs.close());

  async function authenticate(pan: string) {
    const areq = validAReq({ version: '2.2.0', channel: '02', acctNumber: pan });
    const res = await request(acs.app)
      .post('/3ds/areq')
      .set('content-type', 'application/json')
      .send(JSON.stringify(areq));
    return { areq, ares: res.body as Record<string, string> };
  }

  it('publishes a JWKS that verifies the result JWS', async () => {
    const { areq, ares } = await authenticate('5200000000000106');
    const jwksRes = await request(acs.app).get('/.well-known/jwks.json');
    expect(jwksRes.status).toBe(200);
    const keys = jwksRes.body.keys as { kid: string; alg: string; d?: unknown }[];
    // Both result keys are published (and the app channel's content-signing key beside them).
    expect(keys.map((k) => k.alg)).toEqual(expect.arrayContaining(['ES256', 'PS256']));
    expect(keys.every((k) => k.d === undefined)).toBe(true);

    const res = await request(acs.app).get(`/3ds/transactions/${ares.acsTransID}/result`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/application\/jwt/);
    const header = decodeProtectedHeader(res.text);
    expect(header.alg).toBe(alg);
    expect(keys.map((k) => k.kid)).toContain(header.kid);

    const { payload } = await jwtVerify(res.text, createLocalJWKSet(jwksRes.body), {
      issuer: 'http://acs.test',
    });
    expect(payload).toMatchObject({
      acsTransID: ares.acsTransID,
      threeDSServerTransID: areq.threeDSServerTransID,
      dsTransID: ares.dsTransID,
      transStatus: 'Y',
      eci: '02',
      authenticationValue: ares.authenticationValue,
      maskedPan: '520000******0106',
    });
    expect(JSON.stringify(payload)).not.toContain('5200000000000106');
  });

  it('refuses a result JWS whose payload was changed', async () => {
    const { ares } = await authenticate('4000000000000101');
    const token = (await request(acs.app).get(`/3ds/transactions/${ares.acsTransID}/result`)).text;
    const [h, p, s] = token.split('.') as [string, string, string];
    const payload = JSON.parse(Buffer.from(p, 'base64url').toString());
    payload.transStatus = 'Y';
    payload.eci = '07';
    const forged = `${h}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${s}`;
    const jwks = (await request(acs.app).get('/.well-known/jwks.json')).body;
    await expect(compactVerify(forged, createLocalJWKSet(jwks))).rejects.toThrow();
  });

  it('answers unknown or malformed transaction IDs with 404', async () => {
    for (const id of ['00000000-0000-4000-8000-000000000000', 'nope', '%00']) {
      const res = await request(acs.app).get(`/3ds/transactions/${id}/result`);
      expect(res.status).toBe(404);
      expect(res.body.error).toBe('not_found');
    }
  });

  it('answers 409 while a challenge has no result yet', async () => {
    const { ares } = await authenticate('4000000000001000');
    expect(ares.transStatus).toBe('C');
    const res = await request(acs.app).get(`/3ds/transactions/${ares.acsTransID}/result`);
    expect(res.status).toBe(409);
  });

  describe('authenticationValue verification', () => {
    async function verify(body: unknown) {
      return request(acs.app)
        .post('/3ds/av/verify')
        .send(body as object);
    }

    it('accepts a genuine value and rejects changed details or a flipped byte', async () => {
      const { areq, ares } = await authenticate('4000000000000309');
      expect(ares.transStatus).toBe('A');
      const genuine = {
        authenticationValue: ares.authenticationValue,
        acsTransID: ares.acsTransID,
        threeDSServerTransID: areq.threeDSServerTransID,
        dsTransID: ares.dsTransID,
        eci: ares.eci,
        purchaseAmount: areq.purchaseAmount,
        purchaseCurrency: areq.purchaseCurrency,
        purchaseExponent: areq.purchaseExponent,
      };
      expect((await verify(genuine)).body).toEqual({ valid: true });
      expect((await verify({ ...genuine, purchaseAmount: '12346' })).body).toEqual({ valid: false });
      expect((await verify({ ...genuine, purchaseCurrency: '840' })).body).toEqual({ valid: false });
      expect((await verify({ ...genuine, eci: '05' })).body).toEqual({ valid: false });
      expect((await verify({ ...genuine, acsTransID: areq.threeDSServerTransID })).body).toEqual({
        valid: false,
      });
      const bytes = Buffer.from(String(ares.authenticationValue), 'base64');
      bytes[7] = (bytes[7] ?? 0) ^ 0x01;
      expect((await verify({ ...genuine, authenticationValue: bytes.toString('base64') })).body).toEqual({
        valid: false,
      });
      expect((await verify({ ...genuine, authenticationValue: 'AAAA' })).body).toEqual({ valid: false });
    });

    it('answers malformed requests with 400 naming the fields', async () => {
      const res = await verify({ authenticationValue: 'x', acsTransID: 'not-a-uuid' });
      expect(res.status).toBe(400);
      expect(res.body.error).toBe('bad_request');
      expect(res.body.message).toContain('acsTransID');
      expect(res.body.message).toContain('eci');
      const notJson = await request(acs.app)
        .post('/3ds/av/verify')
        .set('content-type', 'application/json')
        .send('{');
      expect(notJson.status).toBe(400);
    });
  });
});
