import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/log/logger.ts';

describe('logger', () => {
  it('writes one JSON line per entry at or above the level', () => {
    const lines: string[] = [];
    const logger = createLogger(
      'info',
      (line) => lines.push(line),
      {},
      () => new Date('2026-01-01T00:00:00Z'),
    );
    logger.debug('hidden');
    logger.info('shown', { route: '/3ds/areq' });
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] as string)).toEqual({
      time: '2026-01-01T00:00:00.000Z',
      level: 'info',
      msg: 'shown',
      route: '/3ds/areq',
    });
  });

  it('redacts secrets by key and card numbers by shape, at any depth', () => {
    const lines: string[] = [];
    const logger = createLogger('debug', (line) => lines.push(line)).child({ component: 'test' });
    logger.warn('card 4000000000001000 seen', {
      acctNumber: '4000000000001000',
      nested: { otpCode: '123456', note: 'pan 5200000000001005 here', list: ['340000000000108'] },
      password: 'hunter2',
      status: 200,
    });
    const text = lines.join('');
    for (const secret of ['4000000000001000', '5200000000001005', '340000000000108', '123456', 'hunter2']) {
      expect(text).not.toContain(secret);
    }
    expect(JSON.parse(text)).toMatchObject({ component: 'test', status: 200, acctNumber: '[redacted]' });
  });
});
