import { describe, expect, it } from 'vitest';
import {
  hashPassword,
  passwordHashParameters,
  passwordPolicyProblem,
  verifyPassword,
} from '../../../src/signing/password-hash.ts';

/** Splits `$argon2id$v=19$m=..,t=..,p=..$salt$hash` into its named parts. */
function phcParts(phc: string) {
  const [empty, id, version, params, salt, digest, ...rest] = phc.split('$');
  expect(empty).toBe('');
  expect(rest).toEqual([]);
  const parameters = Object.fromEntries((params ?? '').split(',').map((kv) => kv.split('=')));
  return { id, version, parameters, salt, digest };
}

describe('hashPassword / verifyPassword', () => {
  it('round-trips: the right password verifies, a wrong one does not', async () => {
    const stored = await hashPassword('correct horse battery');
    expect(await verifyPassword(stored, 'correct horse battery')).toBe(true);
    expect(await verifyPassword(stored, 'correct horse batterY')).toBe(false);
    expect(await verifyPassword(stored, '')).toBe(false);
  });

  it('writes an argon2id PHC string with m=19456, t=2, p=1 and a 16-byte salt', async () => {
    const parts = phcParts(await hashPassword('static-pass-1406'));
    expect(parts.id).toBe('argon2id');
    expect(parts.version).toBe('v=19');
    expect(parts.parameters).toEqual({ m: '19456', t: '2', p: '1' });
    expect(Buffer.from(parts.salt ?? '', 'base64').length).toBe(16);
    expect(Buffer.from(parts.digest ?? '', 'base64').length).toBe(32);
    expect(passwordHashParameters).toEqual({ memoryCost: 19_456, timeCost: 2, parallelism: 1 });
  });

  it('salts every hash', async () => {
    const [a, b] = await Promise.all([hashPassword('same password'), hashPassword('same password')]);
    expect(a).not.toBe(b);
    expect(phcParts(a).salt).not.toBe(phcParts(b).salt);
  });

  it('returns false, never throws, for malformed hashes', async () => {
    const malformed = [
      '',
      'not a hash',
      '$argon2id$',
      '$argon2id$v=19$m=19456,t=2,p=1$xx$yy',
      '$argon2id$v=19$m=abc,t=2,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
      '$2b$12$abcdefghijklmnopqrstuuOxHzGzX8G/1l3tP0h0c0a3F2WdE8s5G',
    ];
    for (const hash of malformed) await expect(verifyPassword(hash, 'password1')).resolves.toBe(false);
  });

  it('matches the same password typed in another Unicode form (NFKC)', async () => {
    const stored = await hashPassword('caf\u00e9 au lait');
    expect(await verifyPassword(stored, 'cafe\u0301 au lait')).toBe(true);
  });
});

describe('passwordPolicyProblem', () => {
  it('accepts 8 to 64 characters', () => {
    for (const ok of ['12345678', 'a'.repeat(64), 'pass word', '\u00e9'.repeat(8), '😀'.repeat(8)])
      expect(passwordPolicyProblem(ok)).toBeUndefined();
  });

  it('explains what is wrong', () => {
    expect(passwordPolicyProblem(undefined)).toBe('Enter a password.');
    expect(passwordPolicyProblem(12345678)).toBe('Enter a password.');
    expect(passwordPolicyProblem('')).toBe('Enter a password.');
    expect(passwordPolicyProblem('1234567')).toBe('The password must be at least 8 characters long.');
    expect(passwordPolicyProblem('a'.repeat(65))).toBe('The password must be at most 64 characters long.');
    expect(passwordPolicyProblem('        ')).toBe('The password must not be only spaces.');
    expect(passwordPolicyProblem(' \t\n ')).toBe('The password must not be only spaces.');
  });

  it('counts characters, not UTF-16 units', () => {
    expect(passwordPolicyProblem('😀'.repeat(64))).toBeUndefined();
    expect(passwordPolicyProblem('😀'.repeat(7))).toBe('The password must be at least 8 characters long.');
  });
});
