/**
 * Requestor faults (docs/faults.md): misbehaviours the ACS commits on purpose, on top of a card's
 * normal outcome, so a 3DS Server can rehearse what breaks in production. A fault never changes
 * the transaction's stored outcome: it changes what is sent (a second RReq, a CRes that is not
 * base64url) or when (a late RReq, a slow ARes), and the timeline records each one as a fault.
 *
 * A card carries at most one fault; a transaction keeps the fault its card had at AReq time, so
 * changing the card later never alters a transaction under way.
 */

/** The faults that act on the RReq (ACS -> 3DS Server) after a challenge or decoupled authentication. */
export const rreqFaults = [
  'rreq-twice',
  'rreq-conflicting',
  'rreq-late',
  'rreq-never',
  'rreq-wrong-id',
  'rreq-missing-element',
] as const;

/** Every fault, by the part of the exchange it touches. */
export const faults = [
  ...rreqFaults,
  // The final CRes the cardholder's browser posts to the notificationURL.
  'cres-twice',
  'cres-unknown-version',
  'cres-not-base64url',
  // Timing of the ACS's answers.
  'challenge-slow',
  'ares-late',
] as const;

/** One fault's name. */
export type Fault = (typeof faults)[number];

/** True when `value` names a fault. */
export function isFault(value: unknown): value is Fault {
  return typeof value === 'string' && (faults as readonly string[]).includes(value);
}

/** A fault that acts on the RReq. */
export type RReqFault = (typeof rreqFaults)[number];

/** True when `fault` acts on the RReq. */
export function isRReqFault(fault: Fault | undefined): fault is RReqFault {
  return fault !== undefined && (rreqFaults as readonly string[]).includes(fault);
}

/** The faults that wait: their delay is configurable per card (`faultDelayMs`). */
export const delayedFaults = ['rreq-late', 'challenge-slow', 'ares-late'] as const satisfies readonly Fault[];

/** A fault that waits. */
export type DelayedFault = (typeof delayedFaults)[number];

/** True when `fault` waits before acting, so a delay applies to it. */
export function isDelayedFault(fault: Fault): fault is DelayedFault {
  return (delayedFaults as readonly string[]).includes(fault);
}

/**
 * Default delays, when the card names none:
 * - rreq-late: 5 s after the final CRes page, long enough that the 3DS Server has the CRes first;
 * - challenge-slow: 8 s before the challenge page answers;
 * - ares-late: 15 s, beyond the 10 s a 3DS Server commonly allows the DS and ACS for an ARes.
 */
export const defaultFaultDelayMs: Readonly<Record<DelayedFault, number>> = {
  'rreq-late': 5_000,
  'challenge-slow': 8_000,
  'ares-late': 15_000,
};

/** The longest delay a card may set (2 minutes): longer would only hold sockets open. */
export const maxFaultDelayMs = 120_000;

/**
 * How long `fault` waits: the card's `delayMs` (kept with the transaction), else the fault's
 * default; 0 for faults that do not wait.
 */
export function faultDelayOf(fault: Fault, delayMs: number | undefined): number {
  if (!isDelayedFault(fault)) return 0;
  return delayMs ?? defaultFaultDelayMs[fault];
}

/**
 * The faults that act on the browser's post to the notificationURL, which an app (01-APP) never
 * makes: there the CRes is the answer to the SDK's CReq. On the app channel they are not applied,
 * and the timeline says so.
 */
export const browserOnlyFaults = [
  'cres-twice',
  'cres-not-base64url',
  'challenge-slow',
] as const satisfies readonly Fault[];

/** True when `fault` can act on a transaction of `deviceChannel`. */
export function faultAppliesTo(fault: Fault, deviceChannel: '01' | '02' | '03'): boolean {
  return deviceChannel === '02' || !(browserOnlyFaults as readonly string[]).includes(fault);
}

/** One line per fault, for the console, the admin API's documentation and the timeline. */
export const faultDescriptions: Readonly<Record<Fault, string>> = {
  'rreq-twice': 'The RReq is sent twice, with the same content.',
  'rreq-conflicting':
    'The RReq is sent twice; the second carries a different transStatus than the true result.',
  'rreq-late': 'The RReq is sent only after a delay, once the final CRes has reached the notificationURL.',
  'rreq-never': 'No RReq is ever sent.',
  'rreq-wrong-id': 'The RReq carries a threeDSServerTransID that is not the transaction’s.',
  'rreq-missing-element': 'The RReq lacks a required element (transStatus).',
  'cres-twice': 'The browser posts the final CRes twice to the notificationURL.',
  'cres-unknown-version': 'The final CRes carries a messageVersion no specification defines (2.9.0).',
  'cres-not-base64url': 'The browser posts a cres value that is not base64url (the CRes JSON unencoded).',
  'challenge-slow': 'The challenge page answers the first CReq only after a delay.',
  'ares-late': 'The ARes is answered only after a delay, past a 3DS Server’s usual timeout.',
};
