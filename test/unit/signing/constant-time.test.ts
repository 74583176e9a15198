/**
 * The one constant-time comparison (src/signing/constant-time.ts): equal only for the same
 * bytes, and simply unequal, never a throw, when the lengths differ.
 */
import { describe, expect, it } from 'vitest';
import { sameBytes, sameText } from '../../../src/signing/constant-time.ts';

const digest = 'af7c7141f73e90f063ed0f9e76ef96b8c4047441b6c6c992f65f6a805b618077';

describe('sameText', () => {
  it('is true only for identical strings, false on any length mismatch', () => {
    expect(sameText(digest, `${digest}`)).toBe(true);
    expect(sameText(digest, digest.slice(0, -1))).toBe(false);
    expect(sameText(digest, `${digest}0`)).toBe(false);
    expect(sameText(digest, `${digest.slice(0, -1)}8`)).toBe(false);
    expect(sameText('', '')).toBe(true);
    // Same length in characters, not in UTF-8 bytes: unequal, never a throw.
    expect(sameText('é', 'ab')).toBe(false);
    expect(sameText('é', 'e')).toBe(false);
  });
});

describe('sameBytes', () => {
  it('compares bytes, and is false for different lengths instead of throwing', () => {
    expect(sameBytes(Buffer.from([1, 2, 3]), Uint8Array.from([1, 2, 3]))).toBe(true);
    expect(sameBytes(Buffer.from([1, 2, 3]), Buffer.from([1, 2, 4]))).toBe(false);
    expect(sameBytes(Buffer.from([1, 2, 3]), Buffer.from([1, 2]))).toBe(false);
    expect(sameBytes(Buffer.alloc(0), Buffer.alloc(0))).toBe(true);
  });
});
