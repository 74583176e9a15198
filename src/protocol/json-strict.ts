/**
 * JSON for EMV messages: JSON.parse semantics, but a duplicated key anywhere in the document is
 * Erro 204 (EMV 3DS 2.2.0 Table A.4, "Duplicate Data Element") instead of last-one-wins, and a
 * nesting deeper than any EMV message needs is refused before it can cost anything.
 *
 * How: one linear scan over the text tracks nesting and the keys of each object (comparing keys
 * after unescaping, so "a" and "\u0061" collide), then the engine's own JSON.parse builds the
 * value. The result therefore always agrees with JSON.parse, and `__proto__` stays an ordinary
 * own property, as JSON.parse makes it. No parser message or input text reaches the error.
 */
import { ProtocolError } from '../errors/index.ts';

/** Deepest nesting of objects and arrays accepted (an AReq needs about five). */
export const maxJsonDepth = 64;

const quote = 0x22;
const backslash = 0x5c;
const openBrace = 0x7b;
const closeBrace = 0x7d;
const openBracket = 0x5b;
const closeBracket = 0x5d;
const comma = 0x2c;

/** Key names shown in an errorDetail; anything else (a number that could be a PAN, markup) is not echoed. */
const printableName = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

type Frame = {
  readonly keys: Set<string> | undefined; // undefined for arrays
  expectKey: boolean;
  label: string;
  index: number;
};

type ScanResult = Readonly<{ tooDeep: boolean; duplicate: string | undefined }>;

/** Parses `text` as JSON, rejecting duplicated keys (204) and invalid or too deep input (101). */
export function parseJsonStrict(text: string): unknown {
  if (typeof text !== 'string') throw invalidJson();
  const scan = scanKeys(text);
  if (scan.tooDeep) throw invalidJson();
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw invalidJson();
  }
  if (scan.duplicate !== undefined) throw new ProtocolError('204', scan.duplicate);
  return value;
}

function invalidJson(): ProtocolError {
  return new ProtocolError('101', 'message is not valid JSON');
}

/**
 * Walks the text once. On valid JSON it finds the first duplicated key and its path; on invalid
 * JSON its findings are never used (JSON.parse rejects the text), except the depth limit.
 */
function scanKeys(text: string): ScanResult {
  const stack: Frame[] = [];
  let duplicate: string | undefined;
  let tracking = true; // stops after the first duplicate or an undecodable key
  const length = text.length;

  for (let i = 0; i < length; i++) {
    const c = text.charCodeAt(i);
    if (c === quote) {
      const start = i;
      i = closingQuote(text, i + 1);
      const top = stack[stack.length - 1];
      if (!tracking || top?.keys === undefined || !top.expectKey) continue;
      top.expectKey = false;
      const raw = text.slice(start + 1, i);
      const key = raw.includes('\\') ? decodeKey(text.slice(start, i + 1)) : raw;
      if (key === undefined) {
        tracking = false;
        continue;
      }
      if (top.keys.has(key)) {
        duplicate = pathOf(stack, key);
        tracking = false;
        continue;
      }
      top.keys.add(key);
      top.label = key;
    } else if (c === openBrace || c === openBracket) {
      if (stack.length >= maxJsonDepth) return { tooDeep: true, duplicate };
      stack.push({
        keys: c === openBrace ? new Set() : undefined,
        expectKey: c === openBrace,
        label: '',
        index: 0,
      });
    } else if (c === closeBrace || c === closeBracket) {
      stack.pop();
    } else if (c === comma) {
      const top = stack[stack.length - 1];
      if (top === undefined) continue;
      if (top.keys === undefined) top.index++;
      else top.expectKey = true;
    }
  }
  return { tooDeep: false, duplicate };
}

/** Index of the quote that ends the string starting at `from` (or the text's length if none). */
function closingQuote(text: string, from: number): number {
  let at = text.indexOf('"', from);
  while (at !== -1) {
    let backslashes = 0;
    while (text.charCodeAt(at - 1 - backslashes) === backslash) backslashes++;
    if (backslashes % 2 === 0) return at;
    at = text.indexOf('"', at + 1);
  }
  return text.length;
}

function decodeKey(quoted: string): string | undefined {
  try {
    const key: unknown = JSON.parse(quoted);
    return typeof key === 'string' ? key : undefined;
  } catch {
    return undefined;
  }
}

/** `messageExtension[0].id`: the enclosing members and indexes, then the duplicated key. */
function pathOf(stack: readonly Frame[], key: string): string {
  let path = '';
  for (let depth = 0; depth < stack.length - 1; depth++) {
    const frame = stack[depth] as Frame;
    path += frame.keys === undefined ? `[${frame.index}]` : `${path === '' ? '' : '.'}${shown(frame.label)}`;
  }
  return `${path}${path === '' ? '' : '.'}${shown(key)}`;
}

function shown(name: string): string {
  return printableName.test(name) ? name : '(unnamed)';
}
