/**
 * Primary Account Number helpers. A PAN is only ever held in memory for the length of a
 * request: at rest it is a keyed hash (lookup) and a masked form (display).
 */

/** The display form kept at rest: BIN (first 6) and last 4, the rest as `*`. */
export function maskPan(pan: string): string {
  if (pan.length < 10) return '*'.repeat(pan.length);
  return `${pan.slice(0, 6)}${'*'.repeat(pan.length - 10)}${pan.slice(-4)}`;
}
