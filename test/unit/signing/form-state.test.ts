import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signFormState, verifyFormState } from '../../../src/signing/form-state.ts';
import { type AcsKeys, loadOrCreateKeys } from '../../../src/signing/keys.ts';
import { cleanUpTempDirs, tempDir, writeFixedSecretsFile } from './temp-keys.ts';

const acsTransID = '8a880dc0-d2d2-4067-bcb1-b08d1690b26e';
const otherTransID = 'a2bd0a4c-9c05-4b2e-8d4e-3f0c1d3a2b10';
const now = Date.parse('2026-11-25T10:00:00.000Z');
const state = { acsTransID, step: 'enter-code', expiresAt: now + 300_000 };

afterAll(cleanUpTempDirs);

describe('signed form state', () => {
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

  it('round-trips the state for its transaction until it expires', () => {
    const token = signFormState(keys, state);
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(verifyFormState(keys, token, acsTransID, now)).toEqual(state);
    expect(verifyFormState(keys, token, acsTransID.toUpperCase(), now)).toEqual({
      ...state,
      acsTransID: acsTransID.toUpperCase(),
    });
    expect(verifyFormState(keys, token, acsTransID, state.expiresAt - 1)).toEqual(state);
  });

  it('rejects an expired token', () => {
    const token = signFormState(keys, state);
    expect(verifyFormState(keys, token, acsTransID, state.expiresAt)).toBeUndefined();
    expect(verifyFormState(keys, token, acsTransID, state.expiresAt + 60_000)).toBeUndefined();
  });

  it('rejects a token presented for another transaction', () => {
    expect(verifyFormState(keys, signFormState(keys, state), otherTransID, now)).toBeUndefined();
  });

  it('rejects a token signed under another key', () => {
    expect(verifyFormState(keys, signFormState(otherKeys, state), acsTransID, now)).toBeUndefined();
  });

  it('rejects tampering with the state or the MAC', () => {
    const token = signFormState(keys, state);
    const [body = '', mac = ''] = token.split('.');
    const extended = Buffer.from(
      JSON.stringify({ s: 'enter-code', e: state.expiresAt + 3_600_000 }),
    ).toString('base64url');
    const otherStep = Buffer.from(JSON.stringify({ s: 'done', e: state.expiresAt })).toString('base64url');
    const lastMacChar = mac.at(-1) ?? '';
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const sameBitsOtherSpelling = `${mac.slice(0, -1)}${alphabet[alphabet.indexOf(lastMacChar) ^ 1]}`;
    expect(Buffer.from(sameBitsOtherSpelling, 'base64url')).toEqual(Buffer.from(mac, 'base64url'));
    const flippedMac = Buffer.from(mac, 'base64url');
    flippedMac[0] = (flippedMac[0] ?? 0) ^ 0x80;

    const tampered = [
      `${extended}.${mac}`,
      `${otherStep}.${mac}`,
      `${body}.${flippedMac.toString('base64url')}`,
      `${body}.${sameBitsOtherSpelling}`,
      `${body}.${mac.slice(0, -1)}`,
      `${body}.${mac}.extra`,
      `${body}${mac}`,
      `.${mac}`,
      '',
      'garbage',
    ];
    expect(tampered.map((candidate) => verifyFormState(keys, candidate, acsTransID, now))).toEqual(
      tampered.map(() => undefined),
    );
  });

  it('refuses to sign a state without a step or with a non-integer expiry', () => {
    expect(() => signFormState(keys, { ...state, step: '' })).toThrow(
      'form state step must be 1-64 characters',
    );
    expect(() => signFormState(keys, { ...state, expiresAt: Number.NaN })).toThrow(
      'form state expiresAt must be epoch milliseconds',
    );
  });
});
