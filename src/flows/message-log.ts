/**
 * Messages kept for the timeline must never hold a PAN: acctNumber is masked, and any other
 * string that carries a Luhn-valid run of 13-19 digits has that run masked too (a requestor
 * can put anything in merchantName or a message extension).
 */
import { maskPan } from '../domain/pan.ts';
import type { NewMessage } from '../domain/transaction.ts';
import { isJsonObject, isLuhnValid } from '../protocol/formats.ts';

const digitRun = /\d{13,19}/g;
const shortestPan = 13;
const acctNumberDigits = /^\d{10,}$/;

/** `value` with every Luhn-valid run of 13-19 digits masked (a PAN typed into a free-text field). */
export function maskPansIn(value: string): string {
  // Most message strings are short codes and IDs: skip the regex for those that cannot hold a PAN.
  if (value.length < shortestPan) return value;
  return value.replace(digitRun, (run) => (isLuhnValid(run) ? maskPan(run) : run));
}

function maskValue(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return maskPansIn(value);
  if (depth > 32 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => maskValue(item, depth + 1));
  const source = value as Record<string, unknown>;
  // No prototype: a member named __proto__ is kept as data, as JSON.parse gave it.
  const out: Record<string, unknown> = Object.create(null);
  // Object.keys, not Object.entries: this runs for every message in and out (no pair arrays).
  for (const key of Object.keys(source)) {
    const inner = source[key];
    out[key] =
      key === 'acctNumber' && typeof inner === 'string'
        ? acctNumberDigits.test(inner)
          ? maskPan(inner)
          : '[masked]'
        : maskValue(inner, depth + 1);
  }
  return out;
}

/** A copy of a protocol message safe to store: PANs masked wherever they appear. */
export function maskMessage(message: unknown): Record<string, unknown> {
  const masked = maskValue(message, 0);
  return isJsonObject(masked) ? masked : { unparsed: masked };
}

/** A timeline entry for `body`, masked. */
export function timelineEntry(
  direction: 'in' | 'out',
  messageType: string,
  body: unknown,
  ids: { acsTransID?: string | undefined; threeDSServerTransID?: string | undefined },
  at: Date,
): NewMessage {
  return {
    acsTransID: ids.acsTransID,
    threeDSServerTransID: ids.threeDSServerTransID,
    messageType,
    direction,
    body: maskMessage(body),
    createdAt: at.toISOString(),
  };
}
