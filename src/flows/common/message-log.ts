/**
 * Messages kept for the timeline must never hold a PAN (docs/security.md). Every stored
 * message passes through `maskMessage` (via `timelineEntry`), which masks card numbers whatever
 * their JSON type or place: acctNumber itself, any string, any number (a PAN sent as a JSON
 * number, `5200000000000106.0` included), array items, object keys, message extension data, at
 * any depth. Only the parsed value is ever stored, never the raw request text.
 */
import { maskCardNumbers, maskPan } from '../../domain/pan.ts';
import type { NewMessage } from '../../domain/transaction.ts';
import { isJsonObject } from '../../protocol/formats.ts';

const acctNumberDigits = /^\d{10,}$/;
/** Deeper than any EMV message nests (the parser refuses past 64): what lies below is dropped. */
const maxDepth = 64;
/** purchaseDate as the spec formats it (YYYYMMDDHHMMSS, 2.2.0 Table A.1): 14 digits that are no PAN. */
const timestamp14 = /^\d{4}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])([01]\d|2[0-3])[0-5]\d[0-5]\d$/;

/** `value` with every card number in it masked (a PAN typed into a free-text field). */
export function maskPansIn(value: string): string {
  return maskCardNumbers(value);
}

/**
 * A JSON number that could be a PAN becomes its masked digits, as a string: `JSON.parse` keeps
 * a 16-digit number exactly (it is below 2^53) and a longer one nearly so, so its text is what
 * the requestor sent.
 */
function maskNumber(value: number): number | string {
  const text = String(value);
  const masked = maskCardNumbers(text);
  return masked === text ? value : masked;
}

function maskAcctNumber(value: unknown): unknown {
  if (typeof value === 'string' && acctNumberDigits.test(value)) return maskPan(value);
  return '[masked]';
}

function maskValue(value: unknown, key: string, depth: number): unknown {
  if (key === 'acctNumber') return maskAcctNumber(value);
  if (typeof value === 'string') {
    if (key === 'purchaseDate' && timestamp14.test(value)) return value;
    return maskCardNumbers(value);
  }
  if (typeof value === 'number') return maskNumber(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth >= maxDepth) return '[too deep]';
  if (Array.isArray(value)) return value.map((item) => maskValue(item, '', depth + 1));
  const source = value as Record<string, unknown>;
  // No prototype: a member named __proto__ is kept as data, as JSON.parse gave it.
  const out: Record<string, unknown> = Object.create(null);
  // Object.keys, not Object.entries: this runs for every message in and out (no pair arrays).
  for (const name of Object.keys(source)) {
    out[uniqueKey(out, maskCardNumbers(name))] = maskValue(source[name], name, depth + 1);
  }
  return out;
}

/** Two keys that mask alike (same BIN and last 4) both stay, the second one numbered. */
function uniqueKey(out: Record<string, unknown>, key: string): string {
  if (!Object.hasOwn(out, key)) return key;
  let n = 2;
  while (Object.hasOwn(out, `${key} (${n})`)) n++;
  return `${key} (${n})`;
}

/** A copy of a protocol message safe to store: PANs masked wherever they appear. */
export function maskMessage(message: unknown): Record<string, unknown> {
  const masked = maskValue(message, '', 0);
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
