import { describe, expect, it } from 'vitest';
import { cardSchemeOf } from '../../support/message-rules/card-scheme.ts';
import { scenarios, testCardFor, testCards } from '../../support/message-rules/test-cards.ts';

// Luhn written here again, so a mistake in a PAN cannot hide behind a shared helper.
function luhnValid(pan: string): boolean {
  const digits = [...pan].reverse().map(Number);
  const sum = digits.reduce((total, digit, index) => {
    if (index % 2 === 0) return total + digit;
    const doubled = digit * 2;
    return total + (doubled > 9 ? doubled - 9 : doubled);
  }, 0);
  return sum % 10 === 0;
}

describe('testCards', () => {
  it('every PAN passes Luhn, is unique and lies in its scheme range', () => {
    for (const card of testCards) {
      expect({ pan: card.pan, luhn: luhnValid(card.pan), scheme: cardSchemeOf(card.pan) }).toEqual({
        pan: card.pan,
        luhn: true,
        scheme: card.scheme,
      });
    }
    expect(new Set(testCards.map((card) => card.pan)).size).toBe(testCards.length);
  });

  it("has a Visa and a Mastercard card for every scenario of README.md's test-card table", () => {
    for (const scenario of scenarios) {
      expect(testCardFor('visa', scenario)?.pan.startsWith('4')).toBe(true);
      expect(testCardFor('mastercard', scenario)?.pan.startsWith('5')).toBe(true);
    }
    expect(testCardFor('visa', 'decoupled')?.pan).toBe('4000000000001505');
    expect(testCardFor('mastercard', 'acs-slow')?.pan).toBe('5200000000009206');
  });

  it('proposes one frictionless-y card for American Express, Discover and JCB', () => {
    expect(testCards.filter((card) => !['visa', 'mastercard'].includes(card.scheme))).toEqual([
      { pan: '340000000000108', scheme: 'amex', scenario: 'frictionless-y' },
      { pan: '6011000000000103', scheme: 'discover', scenario: 'frictionless-y' },
      { pan: '3528000000000106', scheme: 'jcb', scenario: 'frictionless-y' },
    ]);
    expect(testCards).toHaveLength(37);
  });

  it('knows no scheme for a PAN outside the ranges', () => {
    expect(cardSchemeOf('9999000000000007')).toBeUndefined();
    expect(cardSchemeOf('12345')).toBeUndefined();
  });
});
