import path from 'node:path';
import { compactVerify, createLocalJWKSet, decodeProtectedHeader, errors, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jwks } from '../../../src/signing/jwks.ts';
import { type AcsKeys, loadOrCreateKeys } from '../../../src/signing/keys.ts';
import { signResult } from '../../../src/signing/result-jws.ts';
import { cleanUpTempDirs, tempDir } from './temp-keys.ts';

const acsTransID = '8a880dc0-d2d2-4067-bcb1-b08d1690b26e';
const now = new Date('2026-11-25T10:00:00.000Z');
const result = { acsTransID, transStatus: 'Y', eci: '05', messageVersion: '2.2.0' };

afterAll(cleanUpTempDirs);

describe('signResult', () => {
  let es256: AcsKeys;
  let ps256: AcsKeys;

  beforeAll(async () => {
    const keysDir = path.join(tempDir(), 'keys');
    es256 = await loadOrCreateKeys({ keysDir, resultSigningAlg: 'ES256', now: () => now });
    ps256 = await loadOrCreateKeys({ keysDir, resultSigningAlg: 'PS256', now: () => now });
  });

  for (const alg of ['ES256', 'PS256'] as const) {
    it(`signs a ${alg} JWT that the published JWKS verifies`, async () => {
      const keys = alg === 'ES256' ? es256 : ps256;
      const jws = await signResult(keys, result);

      const verified = await jwtVerify(jws, createLocalJWKSet(jwks(keys)), {
        algorithms: [alg],
        currentDate: now,
        typ: 'JWT',
      });

      expect(verified.protectedHeader).toEqual({ alg, kid: keys.resultKid, typ: 'JWT' });
      expect(verified.payload).toEqual({ ...result, iat: now.getTime() / 1000 });
    });
  }

  it('is verified by the JWKS of a later start (same kid, same key)', async () => {
    const jws = await signResult(es256, result);
    const restarted = await loadOrCreateKeys({
      keysDir: path.join(tempDir(), 'other'),
      resultSigningAlg: 'ES256',
    });
    await expect(compactVerify(jws, createLocalJWKSet(jwks(restarted)))).rejects.toBeInstanceOf(
      errors.JWKSNoMatchingKey,
    );
    const { payload } = await compactVerify(jws, createLocalJWKSet(jwks(es256)));
    expect(JSON.parse(new TextDecoder().decode(payload))).toEqual({ ...result, iat: 1795600800 });
  });

  it('takes iat from options.now over the keys clock, replacing a caller-supplied iat', async () => {
    const at = new Date('2027-01-01T00:00:00.000Z');
    const jws = await signResult(es256, { ...result, iat: 1 }, { now: at });
    const { payload } = await compactVerify(jws, createLocalJWKSet(jwks(es256)));
    expect(JSON.parse(new TextDecoder().decode(payload))).toEqual({ ...result, iat: 1798761600 });
    expect(decodeProtectedHeader(jws).kid).toBe(es256.resultKid);
  });

  it('is rejected once a byte of the payload changes', async () => {
    const jws = await signResult(ps256, result);
    const [header, payload, signature] = jws.split('.');
    const forged = Buffer.from(JSON.stringify({ ...result, transStatus: 'N', iat: 1795600800 })).toString(
      'base64url',
    );
    expect(forged).not.toBe(payload);
    await expect(
      compactVerify(`${header}.${forged}.${signature}`, createLocalJWKSet(jwks(ps256))),
    ).rejects.toBeInstanceOf(errors.JWSSignatureVerificationFailed);
  });
});
