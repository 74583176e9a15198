import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decryptAtRest, encryptAtRest } from '../../../src/signing/at-rest.ts';
import { type AcsKeys, loadOrCreateKeys } from '../../../src/signing/keys.ts';
import { cleanUpTempDirs, tempDir, writeFixedSecretsFile } from './temp-keys.ts';

const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const aad = 'totp-secret:card-42';
const malformed = 'at-rest value is malformed or of an unknown version';
const unauthentic = 'at-rest value failed authentication (tampered, or bound to other associated data)';

afterAll(cleanUpTempDirs);

describe('encryption at rest', () => {
  let keys: AcsKeys;
  let otherKeys: AcsKeys;

  beforeAll(async () => {
    const dir = tempDir();
    keys = await loadOrCreateKeys({ keysDir: path.join(dir, 'keys'), resultSigningAlg: 'ES256' });
    otherKeys = await loadOrCreateKeys({
      keysDir: path.join(dir, 'keys'),
      resultSigningAlg: 'ES256',
      paths: { secretsFile: writeFixedSecretsFile(dir) },
    });
  });

  it('round-trips, with a fresh IV every time and the v1 prefix', () => {
    const first = encryptAtRest(keys, secret, aad);
    const second = encryptAtRest(keys, secret, aad);
    expect(first).toMatch(/^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{22}$/);
    expect(first).not.toBe(second);
    expect(first).not.toContain(secret);
    expect([decryptAtRest(keys, first, aad), decryptAtRest(keys, second, aad)]).toEqual([secret, secret]);
    expect(decryptAtRest(keys, encryptAtRest(keys, '', aad), aad)).toBe('');
    expect(decryptAtRest(keys, encryptAtRest(keys, 'ünïcödé ✓', aad), aad)).toBe('ünïcödé ✓');
  });

  it('throws a clear error when the ciphertext, IV or tag is tampered with', () => {
    const value = encryptAtRest(keys, secret, aad);
    const [, iv = '', ciphertext = '', tag = ''] = value.split('.');
    const flip = (part: string) => {
      const bytes = Buffer.from(part, 'base64url');
      bytes[0] = (bytes[0] ?? 0) ^ 0x01;
      return bytes.toString('base64url');
    };
    for (const tampered of [
      `v1.${flip(iv)}.${ciphertext}.${tag}`,
      `v1.${iv}.${flip(ciphertext)}.${tag}`,
      `v1.${iv}.${ciphertext}.${flip(tag)}`,
    ]) {
      expect(() => decryptAtRest(keys, tampered, aad)).toThrow(unauthentic);
    }
  });

  it('throws when the value is moved to other associated data or read under another key', () => {
    const value = encryptAtRest(keys, secret, aad);
    expect(() => decryptAtRest(keys, value, 'totp-secret:card-43')).toThrow(unauthentic);
    expect(() => decryptAtRest(otherKeys, value, aad)).toThrow(unauthentic);
  });

  it('throws on malformed values and unknown versions, never echoing the value', () => {
    const value = encryptAtRest(keys, secret, aad);
    const [, iv = '', ciphertext = '', tag = ''] = value.split('.');
    for (const bad of [
      `v2.${iv}.${ciphertext}.${tag}`,
      `v1.${iv}.${ciphertext}`,
      `v1.${iv.slice(2)}.${ciphertext}.${tag}`,
      `v1.${iv}.${ciphertext}.${tag.slice(2)}`,
      `v1.${iv}.${ciphertext}.${tag}.x`,
      `v1.${iv}.${ciphertext}+.${tag}`,
      '',
      secret,
    ]) {
      expect(() => decryptAtRest(keys, bad, aad)).toThrow(malformed);
    }
  });
});
