import { describe, expect, it } from 'vitest';
import {
  currentTotp,
  generateTotpSecret,
  otpauthUri,
  totpParameters,
  totpStepAt,
  verifyTotp,
} from '../../../src/otp/totp.ts';

/** RFC 6238 Appendix B's SHA-1 seed, the 20 ASCII bytes "12345678901234567890", in base32. */
const rfcSecret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

/**
 * RFC 6238 Appendix B, SHA-1 rows: unix time and the 8-digit TOTP. A 6-digit code is the same
 * truncated value mod 10^6, i.e. the last six digits.
 */
const rfcVectors = [
  { time: 59, totp8: '94287082' },
  { time: 1111111109, totp8: '07081804' },
  { time: 1111111111, totp8: '14050471' },
  { time: 1234567890, totp8: '89005924' },
  { time: 2000000000, totp8: '69279037' },
  { time: 20000000000, totp8: '65353130' },
] as const;

const period = 30;
const stepStartMs = (step: number) => step * period * 1000;
/** A moment in the middle of time step 40_000_000 (2008-01-21), far from the RFC rows. */
const step = 40_000_000;
const nowMs = stepStartMs(step) + 12_345;

/** A well-formed code that matches none of the given codes. */
function codeOtherThan(...codes: string[]): string {
  for (let n = 0; ; n++) {
    const candidate = String(n).padStart(6, '0');
    if (!codes.includes(candidate)) return candidate;
  }
}

describe('RFC 6238 known answers (SHA-1)', () => {
  it('encodes the RFC seed as the base32 secret authenticator apps take', () => {
    const seed = new TextEncoder().encode('12345678901234567890');
    const asked: number[] = [];
    const secret = generateTotpSecret((n) => {
      asked.push(n);
      return seed;
    });
    expect(secret).toBe(rfcSecret);
    expect(asked).toEqual([20]);
  });

  for (const { time, totp8 } of rfcVectors) {
    it(`generates and accepts the code at T=${time}`, () => {
      const code = totp8.slice(-6);
      expect(currentTotp(rfcSecret, time * 1000)).toBe(code);
      expect(
        verifyTotp({ secret: rfcSecret, code, nowMs: time * 1000, lastAcceptedStep: undefined }),
      ).toEqual({ valid: true, step: Math.floor(time / period) });
    });
  }

  it('reports the RFC time step T = floor(unix seconds / 30)', () => {
    expect(totpStepAt(59_000)).toBe(1);
    expect(totpStepAt(1111111109_000)).toBe(37037036);
    expect(totpStepAt(1111111111_000)).toBe(37037037);
    expect(totpStepAt(20000000000_999)).toBe(666666666);
  });
});

describe('generateTotpSecret', () => {
  it('returns 32 unpadded base32 characters for 20 random bytes', () => {
    const secret = generateTotpSecret((n) => new Uint8Array(n).fill(0xff));
    expect(secret).toBe('7'.repeat(32));
    expect(totpParameters.secretBytes).toBe(20);
  });

  it('refuses a random source that returns the wrong number of bytes', () => {
    expect(() => generateTotpSecret(() => new Uint8Array(19))).toThrow(RangeError);
  });
});

describe('verifyTotp window', () => {
  const current = currentTotp(rfcSecret, nowMs);
  const previous = currentTotp(rfcSecret, stepStartMs(step - 1));
  const twoBack = currentTotp(rfcSecret, stepStartMs(step - 2));
  const next = currentTotp(rfcSecret, stepStartMs(step + 1));

  it('uses codes that differ between neighbouring steps (so the cases below mean something)', () => {
    expect(new Set([current, previous, twoBack, next]).size).toBe(4);
  });

  it('accepts the current step', () => {
    expect(verifyTotp({ secret: rfcSecret, code: current, nowMs, lastAcceptedStep: undefined })).toEqual({
      valid: true,
      step,
    });
  });

  it('accepts the previous step, even at the very end of the current one', () => {
    for (const at of [stepStartMs(step), stepStartMs(step) + 29_999]) {
      expect(
        verifyTotp({ secret: rfcSecret, code: previous, nowMs: at, lastAcceptedStep: undefined }),
      ).toEqual({
        valid: true,
        step: step - 1,
      });
    }
  });

  it('refuses a code two steps old', () => {
    expect(verifyTotp({ secret: rfcSecret, code: twoBack, nowMs, lastAcceptedStep: undefined })).toEqual({
      valid: false,
      reason: 'wrong',
    });
  });

  it('refuses the next (future) step, even in the last millisecond of the current one', () => {
    const lastMs = stepStartMs(step) + 29_999;
    expect(verifyTotp({ secret: rfcSecret, code: next, nowMs: lastMs, lastAcceptedStep: undefined })).toEqual(
      {
        valid: false,
        reason: 'wrong',
      },
    );
  });

  it('refuses a wrong code', () => {
    const wrong = codeOtherThan(current, previous);
    expect(verifyTotp({ secret: rfcSecret, code: wrong, nowMs, lastAcceptedStep: undefined })).toEqual({
      valid: false,
      reason: 'wrong',
    });
  });

  it('treats the secret case-insensitively', () => {
    expect(
      verifyTotp({ secret: rfcSecret.toLowerCase(), code: current, nowMs, lastAcceptedStep: undefined }),
    ).toEqual({ valid: true, step });
  });
});

describe('verifyTotp replay protection', () => {
  const current = currentTotp(rfcSecret, nowMs);
  const previous = currentTotp(rfcSecret, stepStartMs(step - 1));

  it('refuses the same code twice once its step is stored', () => {
    const first = verifyTotp({ secret: rfcSecret, code: current, nowMs, lastAcceptedStep: undefined });
    expect(first).toEqual({ valid: true, step });
    const again = verifyTotp({
      secret: rfcSecret,
      code: current,
      nowMs: nowMs + 1_000,
      lastAcceptedStep: step,
    });
    expect(again).toEqual({ valid: false, reason: 'replayed' });
  });

  it('refuses the previous step after the current one was accepted', () => {
    expect(verifyTotp({ secret: rfcSecret, code: previous, nowMs, lastAcceptedStep: step })).toEqual({
      valid: false,
      reason: 'replayed',
    });
  });

  it('accepts the current step after the previous one was accepted', () => {
    expect(verifyTotp({ secret: rfcSecret, code: current, nowMs, lastAcceptedStep: step - 1 })).toEqual({
      valid: true,
      step,
    });
  });

  it('still calls a non-matching code wrong when a step is stored', () => {
    const wrong = codeOtherThan(current, previous);
    expect(verifyTotp({ secret: rfcSecret, code: wrong, nowMs, lastAcceptedStep: step })).toEqual({
      valid: false,
      reason: 'wrong',
    });
  });

  it('accepts nothing when the stored step lies ahead of the clock (clock went back), without throwing', () => {
    expect(verifyTotp({ secret: rfcSecret, code: current, nowMs, lastAcceptedStep: step + 5 })).toEqual({
      valid: false,
      reason: 'replayed',
    });
    expect(
      verifyTotp({
        secret: rfcSecret,
        code: codeOtherThan(current, previous),
        nowMs,
        lastAcceptedStep: step + 5,
      }),
    ).toEqual({ valid: false, reason: 'wrong' });
  });

  it('refuses a stored step that is not a non-negative integer', () => {
    for (const bad of [-1, 1.5, Number.NaN])
      expect(() => verifyTotp({ secret: rfcSecret, code: current, nowMs, lastAcceptedStep: bad })).toThrow(
        'lastAcceptedStep must be a non-negative integer',
      );
  });
});

describe('verifyTotp input checks', () => {
  it('calls anything but six ASCII digits malformed', () => {
    for (const code of [
      '',
      '12345',
      '1234567',
      '12a456',
      ' 123456',
      '123456 ',
      '123 456',
      '１２３４５６',
      '-12345',
    ])
      expect(verifyTotp({ secret: rfcSecret, code, nowMs, lastAcceptedStep: undefined })).toEqual({
        valid: false,
        reason: 'malformed',
      });
  });

  it('refuses secrets that are not base32 of at least 16 bytes, without quoting them', () => {
    const short = 'JBSWY3DPEHPK3PXP'; // the usual tutorial secret: 10 bytes
    for (const secret of [short, 'NOT-BASE32!', '', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJ1']) {
      let message = '';
      try {
        verifyTotp({ secret, code: '123456', nowMs, lastAcceptedStep: undefined });
      } catch (error) {
        expect(error).toBeInstanceOf(RangeError);
        message = (error as Error).message;
      }
      expect(message).toBe('TOTP secret must be base32 of at least 16 bytes');
      expect(() => currentTotp(secret, nowMs)).toThrow('TOTP secret must be base32 of at least 16 bytes');
    }
  });

  it('refuses a clock reading that is not a non-negative finite number', () => {
    for (const bad of [-1, Number.NaN, Number.POSITIVE_INFINITY])
      expect(() => currentTotp(rfcSecret, bad)).toThrow('nowMs must be a non-negative finite number');
  });
});

describe('otpauthUri', () => {
  it('spells out every parameter and percent-encodes spaces and colons in the names', () => {
    const uri = otpauthUri({ secret: rfcSecret, issuer: 'Test Bank: EU', accountName: 'Jane Doe:Visa 0101' });
    expect(uri).toBe(
      'otpauth://totp/Test%20Bank%3A%20EU:Jane%20Doe%3AVisa%200101' +
        `?secret=${rfcSecret}&issuer=Test%20Bank%3A%20EU&algorithm=SHA1&digits=6&period=30`,
    );
  });

  it('round-trips through a URI parser to the original names', () => {
    const issuer = "Bank & Co (test)! 100% 'ok'?/#";
    const accountName = 'tester+1@example.com';
    const uri = otpauthUri({ secret: rfcSecret, issuer, accountName });
    const parsed = new URL(uri);
    expect(parsed.protocol).toBe('otpauth:');
    expect(parsed.searchParams.get('issuer')).toBe(issuer);
    expect(parsed.searchParams.get('secret')).toBe(rfcSecret);
    const label = uri.slice('otpauth://totp/'.length, uri.indexOf('?'));
    expect(label.split(':').map(decodeURIComponent)).toEqual([issuer, accountName]);
    expect(label).not.toMatch(/[ !'()*&?#/]/);
  });

  it('refuses an empty issuer or account and an invalid secret', () => {
    expect(() => otpauthUri({ secret: rfcSecret, issuer: ' ', accountName: 'a' })).toThrow(RangeError);
    expect(() => otpauthUri({ secret: rfcSecret, issuer: 'Bank', accountName: '' })).toThrow(RangeError);
    expect(() => otpauthUri({ secret: 'JBSWY3DPEHPK3PXP', issuer: 'Bank', accountName: 'a' })).toThrow(
      'TOTP secret must be base32 of at least 16 bytes',
    );
  });
});
