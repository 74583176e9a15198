/**
 * Purchase amounts as a cardholder reads them. EMV 3DS carries purchaseAmount as minor
 * units (up to 48 digits), purchaseCurrency as an ISO 4217 numeric code and
 * purchaseExponent separately; dynamic linking asks the page and the SMS to show exactly
 * that amount, so it is formatted with the purchase's own exponent (not the currency's
 * usual one) and never passes through a float. Dependency-free: callers pass the language.
 */

/** ISO 4217 numeric code -> alphabetic code, for the currencies testers commonly use. */
export const currencyAlphaByNumeric: Readonly<Record<string, string>> = {
  '032': 'ARS',
  '036': 'AUD',
  '048': 'BHD',
  '124': 'CAD',
  '152': 'CLP',
  '156': 'CNY',
  '170': 'COP',
  '203': 'CZK',
  '208': 'DKK',
  '344': 'HKD',
  '348': 'HUF',
  '352': 'ISK',
  '356': 'INR',
  '360': 'IDR',
  '376': 'ILS',
  '392': 'JPY',
  '398': 'KZT',
  '400': 'JOD',
  '404': 'KES',
  '410': 'KRW',
  '414': 'KWD',
  '458': 'MYR',
  '484': 'MXN',
  '504': 'MAD',
  '512': 'OMR',
  '554': 'NZD',
  '566': 'NGN',
  '578': 'NOK',
  '586': 'PKR',
  '604': 'PEN',
  '608': 'PHP',
  '634': 'QAR',
  '643': 'RUB',
  '682': 'SAR',
  '702': 'SGD',
  '704': 'VND',
  '710': 'ZAR',
  '752': 'SEK',
  '756': 'CHF',
  '764': 'THB',
  '784': 'AED',
  '818': 'EGP',
  '826': 'GBP',
  '840': 'USD',
  '858': 'UYU',
  '901': 'TWD',
  '946': 'RON',
  '949': 'TRY',
  '975': 'BGN',
  '978': 'EUR',
  '980': 'UAH',
  '985': 'PLN',
  '986': 'BRL',
};

/** The alphabetic ISO 4217 code for a numeric one, or undefined when not in the table. */
export function currencyAlpha(currencyNumeric: string): string | undefined {
  return Object.hasOwn(currencyAlphaByNumeric, currencyNumeric)
    ? currencyAlphaByNumeric[currencyNumeric]
    : undefined;
}

/** Minor units as an exact decimal string ("12345", 2 -> "123.45"), without leading zeros. */
export function toDecimalString(minorUnits: string, exponent: number): string {
  const digits = minorUnits.replace(/^0+(?=\d)/, '');
  if (exponent === 0) return digits;
  const padded = digits.padStart(exponent + 1, '0');
  return `${padded.slice(0, -exponent)}.${padded.slice(-exponent)}`;
}

/**
 * Formats a purchase amount for display: `formatAmount('12345', '840', 2, 'en')` gives
 * "$123.45". The purchase exponent sets the decimals; an unknown currency shows the number
 * followed by its numeric code ("123.45 999"). Throws RangeError on malformed input.
 */
export function formatAmount(
  minorUnits: string,
  currencyNumeric: string,
  exponent: string | number,
  lang: 'en' | 'es',
): string {
  if (!/^\d{1,48}$/.test(minorUnits)) throw new RangeError('purchaseAmount must be 1 to 48 digits');
  if (!/^\d{3}$/.test(currencyNumeric)) throw new RangeError('purchaseCurrency must be 3 digits');
  const digits = typeof exponent === 'number' ? exponent : /^\d$/.test(exponent) ? Number(exponent) : -1;
  if (!Number.isInteger(digits) || digits < 0 || digits > 9) {
    throw new RangeError('purchaseExponent must be one digit');
  }
  // Intl.NumberFormat formats a decimal string exactly (no float rounding), so 48 digits survive.
  const decimal = toDecimalString(minorUnits, digits) as Intl.StringNumericLiteral;
  const fraction = { minimumFractionDigits: digits, maximumFractionDigits: digits };
  const alpha = currencyAlpha(currencyNumeric);
  if (alpha === undefined) {
    return `${new Intl.NumberFormat(lang, fraction).format(decimal)} ${currencyNumeric}`;
  }
  return new Intl.NumberFormat(lang, { style: 'currency', currency: alpha, ...fraction }).format(decimal);
}
