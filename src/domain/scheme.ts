/**
 * Card schemes (payment networks) this ACS serves, recognised by the PAN's leading digits,
 * with the display name of each scheme's 3-D Secure programme and its ECI values.
 */

/** Schemes this ACS serves. */
export const schemes = ['visa', 'mastercard', 'amex', 'discover', 'jcb'] as const;

/** One scheme. */
export type Scheme = (typeof schemes)[number];

/** The cardholder-facing name of each scheme's 3DS programme (text only: no trademark images). */
export const schemeProgrammeNames: Readonly<Record<Scheme, string>> = {
  visa: 'Visa Secure',
  mastercard: 'Mastercard Identity Check',
  amex: 'American Express SafeKey',
  discover: 'Discover ProtectBuy',
  jcb: 'JCB J/Secure',
};

/** The scheme a PAN belongs to, from its IIN prefix, or undefined when none of ours. */
export function schemeOfPan(pan: string): Scheme | undefined {
  const two = Number(pan.slice(0, 2));
  const four = Number(pan.slice(0, 4));
  const three = Number(pan.slice(0, 3));
  if (pan.startsWith('4')) return 'visa';
  if ((two >= 51 && two <= 55) || (four >= 2221 && four <= 2720)) return 'mastercard';
  if (two === 34 || two === 37) return 'amex';
  if (four === 6011 || two === 65 || (three >= 644 && three <= 649)) return 'discover';
  if (four >= 3528 && four <= 3589) return 'jcb';
  return undefined;
}

/**
 * Electronic Commerce Indicator per scheme for a fully authenticated (Y) or attempted (A)
 * result. Mastercard uses 02 / 01; Visa, American Express, Discover and JCB use 05 / 06.
 */
export function eciFor(scheme: Scheme, outcome: 'Y' | 'A'): string {
  if (scheme === 'mastercard') return outcome === 'Y' ? '02' : '01';
  return outcome === 'Y' ? '05' : '06';
}
