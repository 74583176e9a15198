/**
 * What may reach a log line. Secrets are removed before anything is written, at every depth:
 * by key (any field whose name says it holds a PAN, code, key, token, password, secret or a raw
 * body) and by shape (13 or more digits in a row, possibly grouped, in any string, key or
 * number, are masked as a possible PAN), so a careless call site cannot leak a card number.
 * Past `maxLogDepth` an object or array becomes a placeholder, never its raw value. Errors
 * become plain objects with their type, message, stack, code and cause, redacted the same way.
 */

/** How deep a log field may nest before it is replaced by a placeholder. */
export const maxLogDepth = 8;
/** Array items and object members written per level; the rest are counted, not written. */
const maxItems = 100;
/** Longest string written; longer ones are cut (a stray body must not flood the log). */
const maxStringLength = 4000;

/** What a redacted secret becomes. */
export const redactedPlaceholder = '[redacted]';
/** What a run of digits that could be a PAN becomes. */
export const redactedDigits = '[redacted-digits]';

const secretKeyPattern =
  /(pan|acctnumber|accountnumber|code|otp|password|passwd|pwd|secret|token|key|authorization|cookie|creq|cres|authenticationvalue|jwe|jws|signature|credential|session|^body$|rawbody)/i;
/** Keys that match the pattern above but are known to hold no secret. */
const safeKeys = new Set([
  'errorCode',
  'statusCode',
  'status',
  'kid',
  'keyId',
  'apiKeyId',
  'transStatusReason',
  'code_kind',
  'company',
  'span',
]);
/** 13 or more digits, possibly grouped by single spaces or dashes: a possible PAN. */
const digitRun = /\d(?:[ -]?\d){12,}/g;
/** Numbers this large could be a PAN sent as a JSON number. */
const smallestPanNumber = 1e12;

/** True when a field called `key` is a secret whatever it holds. */
export function isSecretKey(key: string): boolean {
  return key !== '' && !safeKeys.has(key) && secretKeyPattern.test(key);
}

/** `text` with every possible PAN replaced (and cut to a sane length). */
export function redactText(text: string): string {
  const cut = text.length > maxStringLength ? `${text.slice(0, maxStringLength)}...[cut]` : text;
  return cut.length < 13 ? cut : cut.replace(digitRun, redactedDigits);
}

/** Replaces secrets in a log field value, at every depth. */
export function redact(value: unknown, key = '', depth = 0): unknown {
  return redactValue(value, key, depth, new Set());
}

function redactValue(value: unknown, key: string, depth: number, ancestors: Set<object>): unknown {
  if (isSecretKey(key)) return redactedPlaceholder;
  switch (typeof value) {
    case 'string':
      return redactText(value);
    case 'number':
      return Math.abs(value) >= smallestPanNumber ? redactedDigits : value;
    case 'bigint':
      return value >= 1_000_000_000_000n || value <= -1_000_000_000_000n ? redactedDigits : value.toString();
    case 'boolean':
    case 'undefined':
      return value;
    case 'symbol':
      return value.toString();
    case 'function':
      return '[function]';
  }
  if (value === null) return null;
  const object = value as object;
  if (ancestors.has(object)) return '[circular]';
  if (object instanceof Date) return Number.isNaN(object.getTime()) ? 'Invalid Date' : object.toISOString();
  if (ArrayBuffer.isView(object) || object instanceof ArrayBuffer)
    return `[binary ${object.byteLength} bytes]`;
  if (depth >= maxLogDepth) return object instanceof Error ? '[error: too deep]' : '[too deep]';
  ancestors.add(object);
  try {
    if (object instanceof Error) return redactError(object, depth, ancestors);
    if (Array.isArray(object)) return redactArray(object, depth, ancestors);
    if (object instanceof Map)
      return redactEntries(
        [...object.entries()].map(([k, v]) => [String(k), v]),
        depth,
        ancestors,
      );
    if (object instanceof Set) return redactArray([...object], depth, ancestors);
    return redactEntries(ownEntries(object), depth, ancestors);
  } finally {
    ancestors.delete(object);
  }
}

function redactArray(items: readonly unknown[], depth: number, ancestors: Set<object>): unknown[] {
  const out = items.slice(0, maxItems).map((item) => redactValue(item, '', depth + 1, ancestors));
  if (items.length > maxItems) out.push(`[${items.length - maxItems} more]`);
  return out;
}

function redactEntries(
  entries: readonly (readonly [string, unknown])[],
  depth: number,
  ancestors: Set<object>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, inner] of entries.slice(0, maxItems)) {
    // defineProperty: a member named __proto__ stays data instead of replacing the prototype.
    Object.defineProperty(out, redactText(name), {
      value: redactValue(inner, name, depth + 1, ancestors),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  if (entries.length > maxItems) out['[more]'] = entries.length - maxItems;
  return out;
}

/** Own enumerable members; a getter that throws is written as a placeholder. */
function ownEntries(object: object): [string, unknown][] {
  const entries: [string, unknown][] = [];
  for (const name of Object.keys(object)) {
    try {
      entries.push([name, (object as Record<string, unknown>)[name]]);
    } catch {
      entries.push([name, '[unreadable]']);
    }
  }
  return entries;
}

/**
 * An error as a plain object: its type, message, stack (the message line included, so both
 * are redacted), code, cause and any other own fields (an HTTP status, a body-parser `type`).
 */
function redactError(error: Error, depth: number, ancestors: Set<object>): Record<string, unknown> {
  const fields: [string, unknown][] = [
    ['type', error.constructor?.name ?? error.name],
    ['message', error.message],
  ];
  if (error.name !== fields[0]?.[1]) fields.push(['name', error.name]);
  if (typeof error.stack === 'string') fields.push(['stack', error.stack]);
  for (const [name, inner] of ownEntries(error)) {
    if (!errorOwnFields.has(name)) fields.push([name, inner]);
  }
  if ('cause' in error && error.cause !== undefined) fields.push(['cause', error.cause]);
  if (error instanceof AggregateError) fields.push(['errors', error.errors]);
  const out = redactEntries(fields, depth, ancestors);
  // An error's own code (ECONNREFUSED, not_found) starts with a letter: no one-time code, keep it.
  const code: unknown = (error as { code?: unknown }).code;
  if (typeof code === 'string' && systemErrorCode.test(code)) out.code = code;
  return out;
}

const errorOwnFields = new Set(['message', 'stack', 'name', 'cause', 'code']);
const systemErrorCode = /^[A-Za-z][A-Za-z0-9_.-]{1,63}$/;
