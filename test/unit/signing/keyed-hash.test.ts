import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sameText } from '../../../src/signing/constant-time.ts';
import { keyedHash, otpCodeHash, panLookupHash } from '../../../src/signing/keyed-hash.ts';
import { type AcsKeys, loadOrCreateKeys } from '../../../src/signing/keys.ts';
import { cleanUpTempDirs, fixedSecretBase64, tempDir, writeFixedSecretsFile } from './temp-keys.ts';

const fixedKey = Buffer.from(fixedSecretBase64, 'base64');
const acsTransID = '8a880dc0-d2d2-4067-bcb1-b08d1690b26e';

afterAll(cleanUpTempDirs);

describe('keyedHash', () => {
  it('matches the known-answer vectors: HMAC-SHA256(key, len32(purpose) || purpose || value)', () => {
    expect(keyedHash(fixedKey, 'example', 'value')).toBe(
      'af7c7141f73e90f063ed0f9e76ef96b8c4047441b6c6c992f65f6a805b618077',
    );
    expect(keyedHash(fixedKey, 'pan-lookup/v1', '4000000000000101')).toBe(
      'a50684bf9893e3a413abb2a0d9a0bf22d2d68306918aee891b7621ffc54d3dea',
    );
  });

  it('separates purposes, even when purpose and value could be re-split', () => {
    expect(keyedHash(fixedKey, 'a', 'bc')).not.toBe(keyedHash(fixedKey, 'ab', 'c'));
    expect(keyedHash(fixedKey, 'pan-lookup/v1', '1')).not.toBe(keyedHash(fixedKey, 'otp-code/v1', '1'));
  });
});

describe('panLookupHash and otpCodeHash', () => {
  let keys: AcsKeys;
  let fixedKeys: AcsKeys;

  beforeAll(async () => {
    const dir = tempDir();
    keys = await loadOrCreateKeys({ keysDir: path.join(dir, 'keys'), resultSigningAlg: 'ES256' });
    fixedKeys = await loadOrCreateKeys({
      keysDir: path.join(dir, 'keys'),
      resultSigningAlg: 'ES256',
      paths: { secretsFile: writeFixedSecretsFile(dir) },
    });
  });

  it('hashes a PAN under the panHash secret with the pan-lookup purpose', () => {
    expect(panLookupHash(fixedKeys, '4000000000000101')).toBe(
      'a50684bf9893e3a413abb2a0d9a0bf22d2d68306918aee891b7621ffc54d3dea',
    );
    expect(panLookupHash(keys, '4000000000000101')).toMatch(/^[0-9a-f]{64}$/);
    expect(panLookupHash(keys, '4000000000000101')).not.toBe(panLookupHash(fixedKeys, '4000000000000101'));
    expect(panLookupHash(keys, '4000000000000101')).not.toContain('4000000000000101');
  });

  it('binds a one-time code hash to its transaction', () => {
    const hash = otpCodeHash(fixedKeys, acsTransID, '123456');
    expect(hash).toBe(keyedHash(fixedKey, 'otp-code/v1', JSON.stringify([acsTransID, '123456'])));
    expect(sameText(hash, otpCodeHash(fixedKeys, acsTransID, '123456'))).toBe(true);
    expect(sameText(hash, otpCodeHash(fixedKeys, acsTransID, '123457'))).toBe(false);
    expect(sameText(hash, otpCodeHash(fixedKeys, 'a2bd0a4c-9c05-4b2e-8d4e-3f0c1d3a2b10', '123456'))).toBe(
      false,
    );
  });
});
