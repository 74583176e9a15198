import { describe, expect, it } from 'vitest';
import type { Challenge } from '../../../src/domain/challenge.ts';
import {
  afterSubmission,
  attemptsRemaining,
  judgeCode,
  resendsRemaining,
  withNewCode,
} from '../../../src/otp/challenge-rules.ts';
import { generateCode, isCodeShaped } from '../../../src/otp/code.ts';

const policy = { codeTtlSeconds: 300, maxAttempts: 3, maxResends: 3 };
const t0 = new Date('2026-11-25T10:00:00Z');
const fresh: Challenge = {
  acsTransID: 'a',
  method: 'sms',
  methods: ['sms'],
  windowSize: '05',
  threeDSSessionData: undefined,
  codeHash: undefined,
  codeExpiresAt: undefined,
  codesSent: 0,
  wrongAttempts: 0,
  interactionCounter: 0,
  lastTotpStep: undefined,
  startedAt: t0.toISOString(),
  updatedAt: t0.toISOString(),
};

describe('one-time codes', () => {
  it('pads codes to six digits and recognises only six digits', () => {
    expect(generateCode(() => 42)).toBe('000042');
    expect(generateCode(() => 999_999)).toBe('999999');
    expect(isCodeShaped('012345')).toBe(true);
    for (const bad of ['12345', '1234567', '12a456', ' 12345', 123456, undefined])
      expect(isCodeShaped(bad)).toBe(false);
  });
});

describe('challenge rules', () => {
  it('accepts the current code within its lifetime', () => {
    const c = withNewCode(fresh, 'h1', t0, policy);
    expect(c.codeExpiresAt).toBe('2026-11-25T10:05:00.000Z');
    expect(judgeCode(c, true, new Date(t0.getTime() + 299_000), policy)).toBe('accepted');
  });

  it('refuses a code at or after expiry', () => {
    const c = withNewCode(fresh, 'h1', t0, policy);
    expect(judgeCode(c, true, new Date(t0.getTime() + 300_000), policy)).toBe('expired');
  });

  it('counts wrong codes across resends and stops at the limit', () => {
    let c = withNewCode(fresh, 'h1', t0, policy);
    c = afterSubmission(c, judgeCode(c, false, t0, policy), t0);
    c = withNewCode(c, 'h2', t0, policy);
    expect(resendsRemaining(c, policy)).toBe(2);
    c = afterSubmission(c, judgeCode(c, false, t0, policy), t0);
    expect(attemptsRemaining(c, policy)).toBe(1);
    c = afterSubmission(c, judgeCode(c, false, t0, policy), t0);
    expect(c.wrongAttempts).toBe(3);
    expect(c.interactionCounter).toBe(3);
    expect(judgeCode(c, true, t0, policy)).toBe('exhausted');
  });

  it('runs out of resends after the configured number', () => {
    let c = withNewCode(fresh, 'h', t0, policy);
    for (let i = 0; i < 3; i++) c = withNewCode(c, `h${i}`, t0, policy);
    expect(resendsRemaining(c, policy)).toBe(0);
  });

  it('forgets an accepted code so it is single use', () => {
    const c = withNewCode(fresh, 'h1', t0, policy);
    const after = afterSubmission(c, 'accepted', t0);
    expect(after.codeHash).toBeUndefined();
    expect(judgeCode(after, true, t0, policy)).toBe('expired');
  });
});
