import { describe, expect, it } from 'vitest';
import { currencyAlpha, formatAmount, toDecimalString } from '../../../src/domain/money.ts';

describe('formatAmount', () => {
  it('formats USD with the purchase exponent in English and Spanish', () => {
    expect(formatAmount('12345', '840', '2', 'en')).toBe('$123.45');
    expect(formatAmount('12345', '840', 2, 'es')).toBe('123,45\u00a0US$');
  });

  it('formats JPY with exponent 0 and BHD with exponent 3', () => {
    expect(formatAmount('1234', '392', '0', 'en')).toBe('¥1,234');
    expect(formatAmount('1234', '048', '3', 'en')).toBe('BHD\u00a01.234');
    expect(formatAmount('1234', '048', '3', 'es')).toBe('1,234\u00a0BHD');
  });

  it('uses the purchase exponent, not the currency default', () => {
    expect(formatAmount('1234', '392', '2', 'en')).toBe('¥12.34');
    expect(formatAmount('1234', '840', '0', 'en')).toBe('$1,234');
  });

  it('groups thousands per language', () => {
    expect(formatAmount('123456789', '978', '2', 'en')).toBe('€1,234,567.89');
    expect(formatAmount('123456789', '978', '2', 'es')).toBe('1.234.567,89\u00a0€');
  });

  it('pads small amounts and strips leading zeros', () => {
    expect(formatAmount('5', '978', '2', 'en')).toBe('€0.05');
    expect(formatAmount('000100', '826', '2', 'en')).toBe('£1.00');
    expect(formatAmount('0', '840', '2', 'en')).toBe('$0.00');
  });

  it('shows an unknown currency as the amount followed by its numeric code', () => {
    expect(formatAmount('12345', '999', '2', 'en')).toBe('123.45 999');
    expect(formatAmount('1234567', '999', '2', 'es')).toBe('12.345,67 999');
  });

  it('keeps every digit of a 48-digit amount (no float rounding)', () => {
    const amount = '123456789012345678901234567890123456789012345678';
    expect(formatAmount(amount, '840', '2', 'en')).toBe(
      '$1,234,567,890,123,456,789,012,345,678,901,234,567,890,123,456.78',
    );
    expect(formatAmount(amount, '999', '0', 'en').replace(/\D/g, '')).toBe(`${amount}999`);
  });

  it('rejects malformed input with a RangeError', () => {
    expect(() => formatAmount('12.5', '840', '2', 'en')).toThrow(RangeError);
    expect(() => formatAmount('1'.repeat(49), '840', '2', 'en')).toThrow(RangeError);
    expect(() => formatAmount('100', '84', '2', 'en')).toThrow(RangeError);
    expect(() => formatAmount('100', '840', '10', 'en')).toThrow(RangeError);
    expect(() => formatAmount('100', '840', -1, 'en')).toThrow(RangeError);
  });
});

describe('currency helpers', () => {
  it('maps ISO 4217 numeric codes to alphabetic ones', () => {
    const codes = ['840', '978', '826', '392', '036', '032', '048', '400', '414', '986', '949'];
    expect(codes.map(currencyAlpha)).toEqual([
      'USD',
      'EUR',
      'GBP',
      'JPY',
      'AUD',
      'ARS',
      'BHD',
      'JOD',
      'KWD',
      'BRL',
      'TRY',
    ]);
    expect(currencyAlpha('999')).toBeUndefined();
    expect(currencyAlpha('toString')).toBeUndefined();
  });

  it('turns minor units into an exact decimal string', () => {
    expect([toDecimalString('12345', 2), toDecimalString('7', 3), toDecimalString('00', 0)]).toEqual([
      '123.45',
      '0.007',
      '0',
    ]);
  });
});
