/**
 * A test card as the ACS holds it: never the PAN itself, only a keyed lookup hash and the
 * masked form, plus the cardholder details a challenge needs.
 */
import type { Scenario } from './scenario.ts';
import type { Scheme } from './scheme.ts';

/** A stored card. */
export type Card = Readonly<{
  id: string;
  panHash: string;
  maskedPan: string;
  scheme: Scheme;
  scenario: Scenario;
  cardholderName: string | undefined;
  phone: string | undefined;
  email: string | undefined;
  createdAt: string;
}>;

/** A BIN range the ACS serves (PReq/PRes), inclusive, as full-length PAN bounds. */
export type CardRange = Readonly<{
  startRange: string;
  endRange: string;
  scheme: Scheme;
}>;

/** True when `pan` falls inside `range` (same length, numeric order). */
export function rangeContains(range: CardRange, pan: string): boolean {
  return pan.length === range.startRange.length && pan >= range.startRange && pan <= range.endRange;
}
