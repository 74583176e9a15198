/**
 * Primary Account Number helpers. A PAN is only ever held in memory for the length of a
 * request: at rest it is a keyed hash (lookup) and a masked form (display).
 */

/** True when `digits` passes the Luhn (mod 10) check. */
export function isLuhnValid(digits: string): boolean {
  if (!/^[0-9]+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/** The display form kept at rest: BIN (first 6) and last 4, the rest as `*`. */
export function maskPan(pan: string): string {
  if (pan.length < 10) return '*'.repeat(pan.length);
  return `${pan.slice(0, 6)}${'*'.repeat(pan.length - 10)}${pan.slice(-4)}`;
}
