import { describe, expect, it } from 'vitest';
import { maskMessage } from '../../../src/flows/common/message-log.ts';

describe('maskMessage', () => {
  it('masks the acctNumber and any Luhn-valid card number in free text, at any depth', () => {
    const masked = maskMessage({
      acctNumber: '4000000000001000',
      merchantName: 'Shop 5200000000001005',
      messageExtension: [{ data: { note: 'card 340000000000108, ref 1234567890123' } }],
    });
    expect(masked).toEqual({
      acctNumber: '400000******1000',
      merchantName: 'Shop 520000******1005',
      messageExtension: [{ data: { note: 'card 340000*****0108, ref 1234567890123' } }],
    });
  });

  it('keeps a member named __proto__ as data instead of turning it into a prototype', () => {
    const parsed = JSON.parse('{"__proto__":{"x":"4000000000001000"},"messageType":"AReq"}') as unknown;
    const stored = JSON.parse(JSON.stringify(maskMessage(parsed)));
    expect(stored).toEqual(JSON.parse('{"__proto__":{"x":"400000******1000"},"messageType":"AReq"}'));
  });
});
