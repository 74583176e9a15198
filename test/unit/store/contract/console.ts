/**
 * Contract: what the operators' side needs — readiness, closing, admin API keys, console
 * operators and sessions, rate-limit counters, and the start-up lock.
 */
import { describe, expect, it } from 'vitest';
import { apiKeyOf, at, card, operator, sessionOf, visaRange } from './fixtures.ts';
import type { ContractContext } from './harness.ts';

/** Readiness, API keys, operators, sessions, rate events and the start-up lock. */
export function consoleContract({ withStore, openStore }: ContractContext): void {
  describe('readiness', () => {
    it('answers ping', () =>
      withStore(async (store) => {
        expect(await store.ping()).toBe(true);
      }));

    it('fails every call after close, except ping, which reports not ready', async () => {
      const store = await openStore();
      await store.seed([card], [visaRange], at(0));
      await store.close();
      expect(await store.ping()).toBe(false);
      await expect(store.getCard(card.id)).rejects.toThrow();
      await expect(store.recordMessages([])).rejects.toThrow();
    });
  });

  describe('admin API keys', () => {
    it('stores keys by hash, oldest first, marking each use', () =>
      withStore(async (store) => {
        expect(await store.countApiKeys()).toBe(0);
        expect(await store.listApiKeys()).toEqual([]);
        const first = apiKeyOf(1, at(0));
        const second = apiKeyOf(2, at(60));
        const third = apiKeyOf(3, at(60));
        for (const key of [first, second, third]) await store.createApiKey(key);
        expect(await store.countApiKeys()).toBe(3);
        expect(await store.listApiKeys()).toStrictEqual([first, second, third]);

        expect(await store.useApiKey(second.keyHash, at(120))).toStrictEqual({
          ...second,
          lastUsedAt: at(120),
        });
        expect(await store.useApiKey(second.keyHash, at(180))).toStrictEqual({
          ...second,
          lastUsedAt: at(180),
        });
        expect(await store.useApiKey('0'.repeat(64), at(180))).toBeUndefined();
        expect(await store.listApiKeys()).toStrictEqual([first, { ...second, lastUsedAt: at(180) }, third]);
      }));

    it('revokes a key, which then authenticates nothing', () =>
      withStore(async (store) => {
        const key = apiKeyOf(1, at(0));
        const other = apiKeyOf(2, at(1));
        await store.createApiKey(key);
        await store.createApiKey(other);
        expect(await store.deleteApiKey(key.id)).toBe(true);
        expect(await store.deleteApiKey(key.id)).toBe(false);
        expect(await store.deleteApiKey('key-404')).toBe(false);
        expect(await store.useApiKey(key.keyHash, at(5))).toBeUndefined();
        expect(await store.countApiKeys()).toBe(1);
        expect(await store.listApiKeys()).toStrictEqual([other]);
      }));
  });

  describe('console operators and sessions', () => {
    it('keeps operators and sessions until they expire or end', () =>
      withStore(async (store) => {
        expect(await store.countOperators()).toBe(0);
        expect(await store.createOperator(operator)).toBe(true);
        expect(await store.createOperator({ ...operator, id: 'op-2' })).toBe(false);
        expect(await store.findOperatorByUsername('admin')).toEqual(operator);
        expect(await store.countOperators()).toBe(1);
        const session = {
          tokenHash: 'h1',
          operatorId: 'op-1',
          csrfToken: 'c1',
          createdAt: '2026-01-01T00:00:00Z',
          expiresAt: '2026-01-01T01:00:00Z',
        };
        await store.createSession(session);
        expect(await store.findSession('h1', '2026-01-01T00:30:00Z')).toEqual(session);
        expect(await store.findSession('h1', '2026-01-01T01:00:00Z')).toBeUndefined();
        await store.deleteSession('h1');
        expect(await store.findSession('h1', '2026-01-01T00:30:00Z')).toBeUndefined();
      }));

    it('finds operators by username and by id', () =>
      withStore(async (store) => {
        const second = { ...operator, id: 'op-2', username: 'auditor', createdAt: at(60) };
        await store.createOperator(operator);
        expect(await store.createOperator(second)).toBe(true);
        expect(await store.countOperators()).toBe(2);
        expect(await store.getOperator('op-2')).toStrictEqual(second);
        expect(await store.findOperatorByUsername('auditor')).toStrictEqual(second);
        expect(await store.getOperator('op-404')).toBeUndefined();
        expect(await store.findOperatorByUsername('nobody')).toBeUndefined();
      }));

    it('finds a session only before it expires, and forgets expired ones when another starts', () =>
      withStore(async (store) => {
        await store.createOperator(operator);
        const short = sessionOf(1, at(0), at(600));
        const long = sessionOf(2, at(0), at(3_600));
        await store.createSession(short);
        await store.createSession(long);
        expect(await store.findSession(short.tokenHash, at(599))).toStrictEqual(short);
        expect(await store.findSession(short.tokenHash, at(600))).toBeUndefined();
        expect(await store.findSession('0'.repeat(64), at(1))).toBeUndefined();

        const next = sessionOf(3, at(700), at(4_300));
        await store.createSession(next);
        // Asked about a moment when it was still valid: gone all the same, it was pruned.
        expect(await store.findSession(short.tokenHash, at(1))).toBeUndefined();
        expect(await store.findSession(long.tokenHash, at(701))).toStrictEqual(long);
        expect(await store.findSession(next.tokenHash, at(701))).toStrictEqual(next);
        await store.deleteSession(long.tokenHash);
        await store.deleteSession('0'.repeat(64));
        expect(await store.findSession(long.tokenHash, at(702))).toBeUndefined();
        expect(await store.findSession(next.tokenHash, at(702))).toStrictEqual(next);
      }));
  });

  describe('rate events', () => {
    it('counts rate events inside their window only', () =>
      withStore(async (store) => {
        expect(
          await store.countRateEvent('sms', '+1555', '2026-01-01T00:00:01Z', '2026-01-01T00:00:00Z'),
        ).toBe(1);
        expect(
          await store.countRateEvent('sms', '+1555', '2026-01-01T00:00:02Z', '2026-01-01T00:00:00Z'),
        ).toBe(2);
        expect(
          await store.countRateEvent('sms', '+1555', '2026-01-01T00:10:03Z', '2026-01-01T00:00:02Z'),
        ).toBe(1);
        expect(
          await store.countRateEvent('sms', '+1666', '2026-01-01T00:10:03Z', '2026-01-01T00:00:02Z'),
        ).toBe(1);
      }));

    it('counts each kind of event apart for the same subject', () =>
      withStore(async (store) => {
        expect(await store.countRateEvent('sms', card.id, at(1), at(-60))).toBe(1);
        expect(await store.countRateEvent('sms', card.id, at(2), at(-60))).toBe(2);
        expect(await store.countRateEvent('login', card.id, at(3), at(-60))).toBe(1);
        expect(await store.countRateEvent('sms', card.id, at(4), at(-60))).toBe(3);
      }));
  });

  describe('start-up lock', () => {
    it('runs the work under the lock and returns its value', () =>
      withStore(async (store) => {
        const report = await store.withStartupLock(async () => {
          const seeded = await store.seed([card], [visaRange], at(0));
          if ((await store.countOperators()) === 0) await store.createOperator(operator);
          return seeded;
        });
        expect(report).toEqual({ cardsAdded: 1, rangesAdded: 1 });
        expect(await store.countOperators()).toBe(1);
      }));

    it('releases the lock when the work throws, so the next start-up runs', () =>
      withStore(async (store) => {
        const failure = new Error('seed file unreadable');
        await expect(
          store.withStartupLock(async () => {
            throw failure;
          }),
        ).rejects.toBe(failure);
        expect(await store.withStartupLock(async () => 'second start')).toBe('second start');
      }));
  });
}
