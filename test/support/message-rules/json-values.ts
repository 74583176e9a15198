/**
 * Small helpers for judging untyped message JSON: narrowing, safe display of values in
 * violation sentences, and the spec's rule that no element is sent empty.
 *
 * EMV 3DS (all versions, "Message Format"): a data element with no value is omitted, never
 * sent as "", null, [] or {}. The rule applies at every depth, so it is checked recursively.
 */

/** A JSON message or sub-object as the checkers see it. */
export type JsonObject = Record<string, unknown>;

/** True when `value` is a plain JSON object (not null, not an array). */
export function isRecord(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** True when the message carries the element at all (any value, even an empty one). */
export function has(message: JsonObject, name: string): boolean {
  return Object.hasOwn(message, name);
}

// Values of these elements are secrets or cryptograms: sentences name them, never print them.
const unprintable = new Set([
  'acctNumber',
  'authenticationValue',
  'acsSignedContent',
  'sdkEphemPubKey',
  'acsEphemPubKey',
  'challengeDataEntry',
]);

/** A short, safe rendering of an element's value for a violation sentence. */
export function show(name: string, value: unknown): string {
  if (unprintable.has(name)) return '(value withheld)';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** One sentence per element, at any depth, whose value is "", null, [] or {}. */
export function emptyValueViolations(message: unknown, path = ''): string[] {
  const violations: string[] = [];
  if (Array.isArray(message)) {
    message.forEach((item, index) => {
      violations.push(...emptyValueViolations(item, `${path}[${index}]`));
    });
    return violations;
  }
  if (!isRecord(message)) return violations;
  for (const [name, value] of Object.entries(message)) {
    const where = path === '' ? name : `${path}.${name}`;
    const emptiness = describeEmpty(value);
    if (emptiness !== undefined) {
      violations.push(`${where} is ${emptiness}: an element without a value must be omitted`);
    } else {
      violations.push(...emptyValueViolations(value, where));
    }
  }
  return violations;
}

function describeEmpty(value: unknown): string | undefined {
  if (value === null) return 'null';
  if (value === '') return 'an empty string';
  if (Array.isArray(value) && value.length === 0) return 'an empty array';
  if (isRecord(value) && Object.keys(value).length === 0) return 'an empty object';
  return undefined;
}
