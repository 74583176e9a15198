import { describe, expect, it } from 'vitest';
import { maxJsonDepth, parseJsonStrict } from '../../../src/protocol/json-strict.ts';
import { validAReq } from '../../support/areq-fixtures.ts';
import { protocolErrorOf } from './protocol-error-of.ts';

const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

describe('parseJsonStrict on valid JSON', () => {
  const corpus = [
    '{}',
    '[]',
    '0',
    '-0',
    '1e400',
    '123456789012345678901234567890',
    '-1.5E-3',
    'true',
    'false',
    'null',
    '""',
    '"plain"',
    '"\\u0000\\n\\t\\"\\\\\\/\\b\\f\\r"',
    '"\\ud83d\\ude00 \\ud800 lone"',
    '"😀 é ü 中文"',
    ' \n\t\r{ "a" : [ 1 , 2 , { "b" : null } ] } \n',
    '{"a":1,"A":2,"a ":3," a":4}',
    '{"a":{"a":{"a":1}}}',
    '[{"a":1},{"a":2},{"a":3}]',
    '{"x":[{"id":"1"},{"id":"2"}],"y":{"id":"3"}}',
    '{"a\\"b":1,"a\\\\b":2,"a\\u0062":3}',
    '{"constructor":1,"toString":2,"hasOwnProperty":3,"valueOf":4}',
    '{"":1,"  ":2}',
    '{"k":"value with \\"quotes\\" and \\\\ backslashes \\\\"}',
    '{"k":"ends with backslash \\\\","l":"x"}',
    '[[[[[[[[[[1]]]]]]]]]]',
    nested(maxJsonDepth),
  ];

  it.each(corpus)('agrees with JSON.parse on %s', (text) => {
    expect(parseJsonStrict(text)).toStrictEqual(JSON.parse(text));
  });

  it('agrees with JSON.parse on every AReq fixture', () => {
    for (const version of ['2.1.0', '2.2.0', '2.3.1'] as const) {
      for (const channel of ['01', '02', '03'] as const) {
        const text = JSON.stringify(validAReq({ version, channel }), null, 2);
        expect(parseJsonStrict(text)).toStrictEqual(JSON.parse(text));
      }
    }
  });

  it('keeps __proto__ an own data property, as JSON.parse does, without touching any prototype', () => {
    const value = parseJsonStrict('{"__proto__":{"polluted":true},"a":1}') as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.hasOwn(value, '__proto__')).toBe(true);
    expect(Object.keys(value)).toEqual(['__proto__', 'a']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('parseJsonStrict on duplicated keys', () => {
  it.each([
    ['{"a":1,"a":2}', 'a'],
    ['{"a":1,"b":2,"a":1}', 'a'],
    ['{"acctInfo":{"chAccDate":"20200101","chAccDate":"20200101"}}', 'acctInfo.chAccDate'],
    ['{"messageExtension":[{"id":"x","name":"n","id":"y"}]}', 'messageExtension[0].id'],
    ['{"messageExtension":[{"id":"x"},{"id":"y","id":"z"}]}', 'messageExtension[1].id'],
    ['[{},{"x":1,"x":1}]', '[1].x'],
    ['{"a":[[{"b":{"c":1,"c":2}}]]}', 'a[0][0].b.c'],
    ['{"a":1,"\\u0061":2}', 'a'],
    ['{"messageType":"AReq","messageType":"ARes"}', 'messageType'],
  ])('%s is Erro 204 naming %s', (text, path) => {
    const error = protocolErrorOf(() => parseJsonStrict(text));
    expect([error.errorCode, error.errorDetail]).toEqual(['204', path]);
  });

  it('does not echo a key that is not an element name (it could be a PAN)', () => {
    const error = protocolErrorOf(() => parseJsonStrict('{"4000000000000101":1,"4000000000000101":2}'));
    expect([error.errorCode, error.errorDetail]).toEqual(['204', '(unnamed)']);
  });

  it('names a duplicate inside a deep document by its path', () => {
    const text = `{"a":${'{"b":'.repeat(10)}{"c":1,"c":2}${'}'.repeat(10)}}`;
    const error = protocolErrorOf(() => parseJsonStrict(text));
    expect(error.errorDetail).toBe(`a${'.b'.repeat(10)}.c`);
  });

  it('prefers 101 when the document with a duplicate is not valid JSON either', () => {
    const error = protocolErrorOf(() => parseJsonStrict('{"a":1,"a":2'));
    expect([error.errorCode, error.errorDetail]).toEqual(['101', 'message is not valid JSON']);
  });
});

describe('parseJsonStrict on invalid or hostile input', () => {
  it.each([
    '',
    ' ',
    '{',
    '}',
    '{"a":1,}',
    '[1,]',
    "{'a':1}",
    '{"a" 1}',
    '{a:1}',
    'NaN',
    'undefined',
    '01',
    '"\\x41"',
    '"unterminated',
    '\ufeff{}',
    '{"a":1}x',
    '{"a":"\\',
    '{"a":"4000000000000101" "b"}',
  ])('%j is Erro 101 without echoing the input', (text) => {
    const error = protocolErrorOf(() => parseJsonStrict(text));
    expect([error.errorCode, error.errorDetail, error.ids]).toEqual(['101', 'message is not valid JSON', {}]);
  });

  it(`accepts ${maxJsonDepth} levels of nesting and refuses ${maxJsonDepth + 1}`, () => {
    expect(() => parseJsonStrict(nested(maxJsonDepth))).not.toThrow();
    expect(protocolErrorOf(() => parseJsonStrict(nested(maxJsonDepth + 1))).errorCode).toBe('101');
  });

  it('refuses 10k levels of arrays and objects, and a million unclosed brackets, quickly', () => {
    const started = Date.now();
    expect(protocolErrorOf(() => parseJsonStrict(nested(10_000))).errorCode).toBe('101');
    expect(
      protocolErrorOf(() => parseJsonStrict(`${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`)).errorCode,
    ).toBe('101');
    expect(protocolErrorOf(() => parseJsonStrict('['.repeat(1_000_000))).errorCode).toBe('101');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('parses a huge string value and many keys', () => {
    const big = 'x'.repeat(2_000_000);
    expect(parseJsonStrict(`{"merchantName":"${big}"}`)).toEqual({ merchantName: big });
    const keys = Array.from({ length: 50_000 }, (_, i) => `"k${i}":${i}`).join(',');
    expect(Object.keys(parseJsonStrict(`{${keys}}`) as object)).toHaveLength(50_000);
  });

  it('stays linear on long runs of backslashes and quotes', () => {
    const started = Date.now();
    expect(parseJsonStrict(`"${'\\\\'.repeat(500_000)}"`)).toBe('\\'.repeat(500_000));
    expect(parseJsonStrict(`["${'\\"'.repeat(500_000)}"]`)).toEqual(['"'.repeat(500_000)]);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('answers 101 for a value that is not a string at all', () => {
    expect(protocolErrorOf(() => parseJsonStrict(undefined as unknown as string)).errorCode).toBe('101');
    expect(protocolErrorOf(() => parseJsonStrict({} as unknown as string)).errorCode).toBe('101');
  });
});
