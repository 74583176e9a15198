import { describe, expect, it } from 'vitest';
import { holdsCardNumber, maskCardNumbers } from '../../../src/domain/pan.ts';

describe('maskCardNumbers', () => {
  it('masks card numbers, grouped or not', () => {
    expect(maskCardNumbers('pan 4000000000000101 here')).toBe('pan 400000******0101 here');
    expect(holdsCardNumber('4000 0000 0000 0101')).toBe(true);
  });

  it('keeps a UUID whose digit groups happen to pass Luhn, and masks a card number beside it', () => {
    // 5345-3038-4519-9828 is 16 digits in dash-separated groups that pass Luhn: a real
    // dsTransID once came out of the timeline masked.
    const id = '8caf5345-3038-4519-9828-5ab595dd4667';
    expect(maskCardNumbers(id)).toBe(id);
    expect(maskCardNumbers(`/3ds/challenge/${id}/submit`)).toBe(`/3ds/challenge/${id}/submit`);
    expect(maskCardNumbers(`${id} 4000000000000101`)).toBe(`${id} 400000******0101`);
    expect(maskCardNumbers(`${id.toUpperCase()}`)).toBe(id.toUpperCase());
  });
});
