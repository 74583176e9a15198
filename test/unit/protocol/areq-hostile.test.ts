import { describe, expect, it } from 'vitest';
import { ProtocolError } from '../../../src/errors/index.ts';
import { parseAReq } from '../../../src/protocol/areq.ts';
import { parseJsonStrict } from '../../../src/protocol/json-strict.ts';
import { supportedVersions } from '../../../src/protocol/version.ts';
import { validAReq } from '../../support/areq-fixtures.ts';

/** Values a hostile or broken sender might put anywhere. */
const hostileValues: readonly unknown[] = [
  null,
  '',
  0,
  -1,
  1e308,
  Number.NaN,
  true,
  false,
  [],
  {},
  [null],
  [[[[[]]]]],
  { __proto__: 'x' },
  'x'.repeat(200_000),
  '\u0000',
  '\ud800',
  '😀'.repeat(100),
  '<script>alert(1)</script>',
  '4000000000000101',
  '../../etc/passwd',
  ['01', 2, null],
  { cc: 44, subscriber: [] },
  { kty: 'EC', crv: 'P-256', x: 1, y: null },
  [{ name: 'n', id: 'i', criticalityIndicator: 'yes', data: {} }],
];

/** A small deterministic PRNG (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Runs `fn`; anything thrown must be a ProtocolError with a code, never a TypeError or a crash. */
function onlyProtocolErrors(fn: () => unknown): void {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ProtocolError);
    expect((error as ProtocolError).errorDetail.length).toBeLessThan(4096);
  }
}

describe('parseAReq on hostile input', () => {
  it('answers every element replaced by every hostile value with a ProtocolError or a parse', () => {
    for (const version of supportedVersions) {
      for (const channel of ['01', '02', '03'] as const) {
        const body = validAReq({ version, channel });
        for (const name of Object.keys(body)) {
          for (const value of hostileValues) onlyProtocolErrors(() => parseAReq({ ...body, [name]: value }));
        }
      }
    }
  });

  it('survives random mutations of serialised fixtures through the whole text path', () => {
    const next = random(20261125);
    const bodies = supportedVersions.flatMap((version) =>
      (['01', '02', '03'] as const).map((channel) => JSON.stringify(validAReq({ version, channel }))),
    );
    const alphabet = '{}[]",:\\0123456789abcdefAReqtrufalsn \u0000\ud800';
    for (let round = 0; round < 3000; round++) {
      const text = bodies[Math.floor(next() * bodies.length)] as string;
      const chars = [...text];
      const edits = 1 + Math.floor(next() * 4);
      for (let e = 0; e < edits; e++) {
        const at = Math.floor(next() * chars.length);
        const pick = alphabet[Math.floor(next() * alphabet.length)] as string;
        const mode = next();
        if (mode < 0.4) chars[at] = pick;
        else if (mode < 0.7) chars.splice(at, 1);
        else chars.splice(at, 0, pick);
      }
      onlyProtocolErrors(() => parseAReq(parseJsonStrict(chars.join(''))));
    }
  });

  it('ignores __proto__, constructor and other prototype names without polluting anything', () => {
    const body = validAReq({ version: '2.2.0', channel: '02' });
    const text = JSON.stringify(body).replace(
      /^\{/,
      '{"__proto__":{"acctNumber":"4111111111111111","polluted":1},"constructor":{"prototype":{"x":1}},"toString":5,',
    );
    const areq = parseAReq(parseJsonStrict(text));
    expect(areq.acctNumber).toBe('4000000000000101');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('reads only own elements, never ones inherited from a prototype', () => {
    const { merchantName: _, browserIP: __, ...rest } = validAReq({ version: '2.2.0', channel: '02' });
    const inherited = { merchantName: 'Inherited Shop', browserIP: 'not an address' };
    const withoutName = Object.assign(Object.create(inherited) as Record<string, unknown>, rest);
    let error: unknown;
    try {
      parseAReq(withoutName);
    } catch (e) {
      error = e;
    }
    expect(error instanceof ProtocolError ? [error.errorCode, error.errorDetail] : error).toEqual([
      '201',
      'merchantName',
    ]);
    const withName = Object.assign(Object.create(inherited) as Record<string, unknown>, rest, {
      merchantName: 'Own',
    });
    const areq = parseAReq(withName);
    expect([areq.merchantName, areq.browserIP]).toEqual(['Own', undefined]);
  });

  it('handles huge and unicode values as format errors, quickly', () => {
    const started = Date.now();
    const body = validAReq({
      version: '2.3.1',
      channel: '02',
      overrides: {
        merchantName: '😀'.repeat(1_000_000),
        browserUserAgent: 'a'.repeat(5_000_000),
        email: `${'a'.repeat(1_000_000)}@b`,
        cardholderName: 'Zoë Ångström',
      },
    });
    let detail = '';
    try {
      parseAReq(parseJsonStrict(JSON.stringify(body)));
    } catch (error) {
      detail = error instanceof ProtocolError ? `${error.errorCode} ${error.errorDetail}` : String(error);
    }
    expect(detail).toBe('203 email, merchantName, browserUserAgent');
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('accepts unicode where the version allows it (2.3.1 cardholderName) and refuses it where it wants ASCII', () => {
    const name = { cardholderName: 'Zoë Ångström' };
    expect(parseAReq(validAReq({ version: '2.3.1', channel: '02', overrides: name })).cardholderName).toBe(
      'Zoë Ångström',
    );
    expect(() => parseAReq(validAReq({ version: '2.2.0', channel: '02', overrides: name }))).toThrow(
      ProtocolError,
    );
  });
});
