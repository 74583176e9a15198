/**
 * One-time codes: drawn uniformly from a CSPRNG (crypto.randomInt, no modulo bias) and
 * compared only as keyed hashes. The random source is injected so tests can fix it.
 */

/** Draws an integer uniformly from [0, maxExclusive). */
export type RandomInt = (maxExclusive: number) => number;

/** A `digits`-long numeric code, leading zeros kept. */
export function generateCode(randomInt: RandomInt, digits = 6): string {
  return String(randomInt(10 ** digits)).padStart(digits, '0');
}

/** True when `value` looks like a code the cardholder could have typed (digits only). */
export function isCodeShaped(value: unknown, digits = 6): value is string {
  return typeof value === 'string' && value.length === digits && /^[0-9]+$/.test(value);
}
