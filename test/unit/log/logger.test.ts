import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/log/logger.ts';

const fixedNow = () => new Date('2026-01-01T00:00:00Z');

function capture(level: Parameters<typeof createLogger>[0] = 'debug') {
  const lines: string[] = [];
  const logger = createLogger(level, (line) => lines.push(line), { now: fixedNow });
  const parsed = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  return { lines, logger, parsed };
}

/** `{ a: { a: ... { leaf } } }`, `levels` objects deep around `leaf`. */
function nested(levels: number, leaf: Record<string, unknown>): Record<string, unknown> {
  let value: Record<string, unknown> = leaf;
  for (let i = 0; i < levels; i++) value = { a: value };
  return value;
}

describe('logger', () => {
  it('writes one JSON line per entry at or above the level', () => {
    const { lines, logger, parsed } = capture('info');
    logger.debug('hidden');
    logger.info('shown', { route: '/3ds/areq' });
    expect(lines).toHaveLength(1);
    expect(lines[0]?.endsWith('\n')).toBe(true);
    expect(parsed()[0]).toEqual({
      time: '2026-01-01T00:00:00.000Z',
      level: 'info',
      msg: 'shown',
      route: '/3ds/areq',
    });
  });

  it('writes nothing when silent', () => {
    const { lines, logger } = capture('silent');
    logger.error('nothing', { err: new Error('x') });
    expect(lines).toEqual([]);
  });

  it('keeps the message as written (no format directives) and the line its own time, level and msg', () => {
    const { logger, parsed } = capture();
    logger.warn('100% done %s %d', { msg: 'field', level: 'field', time: 'field' });
    expect(parsed()[0]).toMatchObject({
      level: 'warn',
      msg: '100% done %s %d',
      field_msg: 'field',
      field_level: 'field',
    });
  });

  it('redacts secrets by key and card numbers by shape, in messages, fields and child fields', () => {
    const { lines, logger, parsed } = capture();
    logger.child({ component: 'test', sessionToken: 'tok-secret-1' }).warn('card 4000000000001000 seen', {
      acctNumber: '4000000000001000',
      nested: { otpCode: '123456', note: 'pan 5200 0000 0000 1005 here', list: ['340000000000108'] },
      password: 'hunter2',
      asNumber: 5200000000000106,
      status: 200,
    });
    const text = lines.join('');
    for (const secret of [
      '4000000000001000',
      '5200 0000 0000 1005',
      '340000000000108',
      '5200000000000106',
      '123456',
      'hunter2',
      'tok-secret-1',
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(parsed()[0]).toMatchObject({
      component: 'test',
      status: 200,
      acctNumber: '[redacted]',
      asNumber: '[redacted-digits]',
    });
  });

  it('redacts at depth 10 and writes a placeholder, never the raw value, past the depth limit', () => {
    const { lines, logger } = capture();
    for (const depth of [6, 7, 8, 10, 40]) {
      logger.info('deep', { deep: nested(depth, { password: 'hunter2', note: 'pan 5200000000000106' }) });
    }
    logger.info('deep array', { deep: [[[[[[[[[[['5200000000000106', { password: 'hunter2' }]]]]]]]]]]] });
    const text = lines.join('');
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('5200000000000106');
    expect(text).toContain('[too deep]');
    // Within the limit the structure is kept.
    expect(JSON.parse(lines[0] as string).deep.a.a.a.a.a.a).toEqual({
      password: '[redacted]',
      note: 'pan [redacted-digits]',
    });
  });

  it('logs errors with type, message, stack, code and cause, all redacted', () => {
    const { logger, parsed, lines } = capture();
    const root = Object.assign(new Error('lookup of 5200000000000106 failed'), { code: 'ENOTFOUND' });
    const err = Object.assign(new TypeError('request for card 4000000000001000 failed', { cause: root }), {
      status: 400,
      body: '{"acctNumber":"4000000000001000","password":"hunter2"}',
    });
    logger.error('unexpected failure', { err });
    const line = parsed()[0] as { err: Record<string, unknown> };
    expect(line.err).toMatchObject({
      type: 'TypeError',
      message: 'request for card [redacted-digits] failed',
      status: 400,
      body: '[redacted]',
    });
    expect(line.err.stack).toMatch(/^TypeError: request for card \[redacted-digits\] failed\n\s+at /);
    expect(line.err.cause).toMatchObject({
      type: 'Error',
      message: 'lookup of [redacted-digits] failed',
      code: 'ENOTFOUND',
    });
    expect((line.err.cause as { stack: string }).stack).toMatch(/\n\s+at /);
    expect(lines.join('')).not.toMatch(/4000000000001000|5200000000000106|hunter2/);
  });

  it('survives cycles, throwing getters, a __proto__ member, maps, dates and binary data', () => {
    const { logger, parsed } = capture();
    const cycle: Record<string, unknown> = { name: 'loop' };
    cycle.self = cycle;
    const getter = Object.defineProperty({}, 'boom', {
      enumerable: true,
      get() {
        throw new Error('no');
      },
    });
    const proto = JSON.parse('{"__proto__":{"polluted":"4000000000001000"}}') as unknown;
    logger.info('odd values', {
      cycle,
      getter,
      proto,
      map: new Map([['5200000000000106', { password: 'x' }]]),
      at: new Date('2026-02-03T04:05:06Z'),
      bytes: Buffer.from('4000000000001000'),
      big: 4000000000001000n,
    });
    const line = parsed()[0] as Record<string, unknown>;
    expect(line.cycle).toEqual({ name: 'loop', self: '[circular]' });
    expect(line.getter).toEqual({ boom: '[unreadable]' });
    expect(JSON.stringify(line.proto)).toBe('{"__proto__":{"polluted":"[redacted-digits]"}}');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(line.map).toEqual({ '[redacted-digits]': { password: '[redacted]' } });
    expect(line.at).toBe('2026-02-03T04:05:06.000Z');
    expect(line.bytes).toBe('[binary 16 bytes]');
    expect(line.big).toBe('[redacted-digits]');
  });
});
