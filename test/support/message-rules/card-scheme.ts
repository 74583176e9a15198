/**
 * Which scheme a PAN belongs to and the ECI that scheme expects, on the test side
 * (docs/flows.md, step 4 of "Authentication": Mastercard 02 for Y / 01 for A; Visa, American
 * Express, Discover and JCB 05 / 06). Written independently of src/domain/scheme.ts on purpose.
 */

/** The schemes the simulator serves. */
export type CardScheme = 'visa' | 'mastercard' | 'amex' | 'discover' | 'jcb';

/** The scheme of a PAN from its leading digits (IIN ranges), or undefined when none of ours. */
export function cardSchemeOf(pan: string): CardScheme | undefined {
  if (!/^[0-9]{12,19}$/.test(pan)) return undefined;
  const two = Number(pan.slice(0, 2));
  const three = Number(pan.slice(0, 3));
  const four = Number(pan.slice(0, 4));
  if (pan.startsWith('4')) return 'visa';
  if ((two >= 51 && two <= 55) || (four >= 2221 && four <= 2720)) return 'mastercard';
  if (two === 34 || two === 37) return 'amex';
  if (four === 6011 || two === 65 || (three >= 644 && three <= 649)) return 'discover';
  if (four >= 3528 && four <= 3589) return 'jcb';
  return undefined;
}

/** The ECI a scheme expects for an authenticated (Y) or attempted (A) result. */
export function expectedEci(scheme: CardScheme, status: 'Y' | 'A'): string {
  if (scheme === 'mastercard') return status === 'Y' ? '02' : '01';
  return status === 'Y' ? '05' : '06';
}
