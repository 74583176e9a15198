/**
 * A test card as the ACS holds it: never the PAN itself, only a keyed lookup hash and the
 * masked form, plus the cardholder details a challenge needs.
 */
import type { Fault } from './fault.ts';
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
  /** The requestor fault this card rehearses on top of its scenario (docs/faults.md), if any. */
  fault: Fault | undefined;
  /** The delay of a delayed fault (src/domain/fault.ts), when not the fault's default. */
  faultDelayMs: number | undefined;
  createdAt: string;
}>;

/**
 * How the 3DS Method of a range behaves (docs/flows.md, "3DS Method"): `late` posts back to the
 * threeDSMethodNotificationURL only after `lateMethodDelayMs`, `never` never posts back. Absent:
 * at once. These let requestors rehearse threeDSCompInd N.
 */
export type MethodBehaviour = 'late' | 'never';

/** Every MethodBehaviour. */
export const methodBehaviours = ['late', 'never'] as const satisfies readonly MethodBehaviour[];

/**
 * How long a `late` 3DS Method waits before it posts back: 15 s, beyond the 10 s a 3DS
 * Requestor usually waits for the notification before it sends threeDSCompInd N.
 */
export const lateMethodDelayMs = 15_000;

/** A BIN range the ACS serves (PReq/PRes), inclusive, as full-length PAN bounds. */
export type CardRange = Readonly<{
  startRange: string;
  endRange: string;
  scheme: Scheme;
  /** The range's 3DS Method behaviour; absent: it posts back at once. */
  threeDSMethod?: MethodBehaviour;
}>;

/** True when `pan` falls inside `range` (same length, numeric order). */
export function rangeContains(range: CardRange, pan: string): boolean {
  return pan.length === range.startRange.length && pan >= range.startRange && pan <= range.endRange;
}
