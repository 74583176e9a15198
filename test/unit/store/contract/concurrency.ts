/**
 * Contract: races. Every compare-and-set of the port is decided by the database, so it holds
 * for calls in flight together on one store and, when the adapter can open a peer, across two
 * stores (two ACS instances) on one database. Call `i` of a race goes to store `i % stores`.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import type { Challenge } from '../../../../src/domain/challenge.ts';
import type { AcsStore, OperatorRecord } from '../../../../src/store/port.ts';
import {
  apiKeyOf,
  at,
  authenticated,
  awaitingCReq,
  awaitingDecoupled,
  card,
  challengeOf,
  messageOf,
  operator,
  retryOf,
  smsOf,
  transaction,
  visaRange,
} from './fixtures.ts';
import { type ContractContext, nth, together, winners } from './harness.ts';

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

/** `count` calls, the i-th made on store `i % stores.length`. */
const race = <T>(
  stores: readonly AcsStore[],
  count: number,
  call: (store: AcsStore, i: number) => Promise<T>,
) => together(range(count).map((i) => () => call(nth(stores, i % stores.length), i)));

const seeded = async (store: AcsStore) => {
  await store.seed([card], [], at(-86_400));
};

/** Races on every compare-and-set, lease and lock of the port. */
export function concurrencyContract({ withStores, topologies }: ContractContext): void {
  for (const topology of topologies) {
    describe(`races (${topology})`, () => {
      it('saves exactly one of 20 challenge updates made from the same state, of either kind', () =>
        withStores(topology, async (stores) => {
          const store = nth(stores, 0);
          await seeded(store);
          // One challenge gets 20 code submissions at once (a double-clicked submit, many times
          // over), the other 20 resends: each kind changes one counter only, so a store that
          // compared only the other counter would let several through.
          const kinds = [
            (opened: Challenge, i: number): Challenge => ({
              ...opened,
              wrongAttempts: 1,
              interactionCounter: 1,
              updatedAt: at(20 + i),
            }),
            (opened: Challenge, i: number): Challenge => ({
              ...opened,
              codeHash: `${i}`.padStart(64, '0'),
              codeExpiresAt: at(620 + i),
              codesSent: 2,
              updatedAt: at(20 + i),
            }),
          ];
          const races = await Promise.all(
            kinds.map(async (update, k) => {
              const tx = awaitingCReq(k + 1, at(31));
              await store.recordAuthentication(tx, []);
              const opened = challengeOf(tx);
              await store.startChallenge(opened, at(610), []);
              return { tx, opened, updates: range(20).map((i) => update(opened, i)) };
            }),
          );
          const saved = await race(stores, 40, (s, i) => {
            const { opened, updates } = nth(races, i % 2);
            return s.saveChallenge(nth(updates, Math.floor(i / 2)), opened);
          });
          for (const [k, { tx, updates }] of races.entries()) {
            const ofKind = saved.filter((_, i) => i % 2 === k);
            expect(winners(ofKind)).toHaveLength(1);
            expect(await store.getChallenge(tx.acsTransID)).toStrictEqual(
              nth(updates, nth(winners(ofKind), 0)),
            );
          }
        }));

      it('writes exactly one of 10 results, and only the winner’s messages', () =>
        withStores(topology, async (stores) => {
          const store = nth(stores, 0);
          await seeded(store);
          const tx = awaitingCReq(1, at(31));
          await store.recordAuthentication(tx, []);
          await store.startChallenge(challengeOf(tx), at(610), []);
          const results = range(10).map((i) => ({
            ...authenticated(at(40 + i)),
            transStatus: i % 2 === 0 ? ('Y' as const) : ('N' as const),
            interactionCounter: i + 1,
          }));
          const rreqs = range(10).map((i) =>
            messageOf(tx, 'RReq', 'out', at(40 + i), {
              transStatus: nth(results, i).transStatus,
              contender: i,
            }),
          );
          const written = await race(stores, 10, (s, i) =>
            s.completeTransaction(tx.acsTransID, nth(results, i), [nth(rreqs, i)]),
          );
          expect(winners(written)).toHaveLength(1);
          const winner = nth(winners(written), 0);
          expect((await store.getTransaction(tx.acsTransID))?.result).toStrictEqual(results[winner]);
          expect((await store.listMessages(tx.acsTransID)).map((m) => m.body)).toEqual([rreqs[winner]?.body]);
        }));

      it('records one of 10 sends with one idempotency key', () =>
        withStores(topology, async (stores) => {
          const store = nth(stores, 0);
          const recorded = await race(stores, 10, (s, i) => s.recordSms(smsOf(i + 1), 'areq-1:code-1'));
          expect(winners(recorded)).toHaveLength(1);
          expect((await store.listSms({ limit: 20 })).map((m) => m.id)).toEqual([
            `sms-${nth(winners(recorded), 0) + 1}`,
          ]);
          expect(await store.hasSms('areq-1:code-1')).toBe(true);
        }));

      it('accepts a TOTP step once when it is replayed in parallel, and never an older one', () =>
        withStores(topology, async (stores) => {
          const store = nth(stores, 0);
          await seeded(store);
          await store.setTotpSecret(card.id, 'v1.sealed');
          expect(winners(await race(stores, 2, (s) => s.acceptTotpStep(card.id, 100)))).toHaveLength(1);
          expect(await race(stores, 2, (s) => s.acceptTotpStep(card.id, 99))).toEqual([false, false]);
          // Ten different steps at once: whatever the order, the latest is accepted and kept.
          const accepted = await race(stores, 10, (s, i) => s.acceptTotpStep(card.id, 101 + i));
          expect(accepted[9]).toBe(true);
          expect((await store.getCardCredentials(card.id))?.totpLastStep).toBe(110);
          expect(await store.acceptTotpStep(card.id, 105)).toBe(false);
        }));

      it('counts 30 events for one subject as exactly 1 to 30, another subject apart', () =>
        withStores(topology, async (stores) => {
          const store = nth(stores, 0);
          const counts = await race(stores, 40, (s, i) =>
            i % 4 === 3
              ? s.countRateEvent('sms', '+447700900123', at(i), at(-600))
              : s.countRateEvent('sms', '+15555550100', at(i), at(-600)),
          );
          const ofSubject = (other: boolean) =>
            counts.filter((_, i) => (i % 4 === 3) === other).sort((a, b) => a - b);
          expect(ofSubject(false)).toEqual(range(30).map((i) => i + 1));
          expect(ofSubject(true)).toEqual(range(10).map((i) => i + 1));
          expect(await store.countRateEvent('sms', '+15555550100', at(100), at(-600))).toBe(31);
        }));

      it('opens the challenge window once for 10 first CReqs', () =>
        withStores(topology, async (stores) => {
          const store = nth(stores, 0);
          await seeded(store);
          const tx = awaitingCReq(1, at(31));
          await store.recordAuthentication(tx, []);
          const challenges = range(10).map((i) =>
            challengeOf(tx, {
              windowSize: i % 2 === 0 ? '05' : '02',
              startedAt: at(10 + i),
              updatedAt: at(10 + i),
            }),
          );
          const creqs = range(10).map((i) => messageOf(tx, 'CReq', 'in', at(10 + i), { contender: i }));
          const started = await race(stores, 10, (s, i) =>
            s.startChallenge(nth(challenges, i), at(610 + i), [nth(creqs, i)]),
          );
          expect(winners(started)).toHaveLength(1);
          const winner = nth(winners(started), 0);
          expect(await store.getChallenge(tx.acsTransID)).toStrictEqual(challenges[winner]);
          expect((await store.getTransaction(tx.acsTransID))?.deadlineAt).toBe(at(610 + winner));
          expect((await store.listMessages(tx.acsTransID)).map((m) => m.body)).toEqual([creqs[winner]?.body]);
        }));

      it('records one of 10 bank-app answers', () =>
        withStores(topology, async (stores) => {
          const store = nth(stores, 0);
          await seeded(store);
          const tx = awaitingDecoupled(1, at(3_600));
          await store.recordAuthentication(tx, []);
          const answers = range(10).map((i) => (i % 2 === 0 ? ('approved' as const) : ('denied' as const)));
          const recorded = await race(stores, 10, (s, i) =>
            s.recordApproval(tx.acsTransID, nth(answers, i), at(60 + i)),
          );
          expect(winners(recorded)).toHaveLength(1);
          expect(await store.getApproval(tx.acsTransID)).toBe(nth(answers, nth(winners(recorded), 0)));
        }));

      it('gives each overdue transaction to exactly one of several sweeps', () =>
        withStores(topology, async (stores) => {
          const store = nth(stores, 0);
          await seeded(store);
          const overdue = range(12).map((i) => awaitingCReq(i + 1, at(31 + i)));
          for (const tx of overdue) await store.recordAuthentication(tx, []);
          await store.recordAuthentication(transaction(100, { deadlineAt: at(30) }), []);
          const sweeps = await race(stores, 6, (s) => s.claimOverdue(at(100), at(130), 4));
          const claimed = sweeps.flat().map((o) => o.transaction.acsTransID);
          expect(new Set(claimed).size).toBe(claimed.length);
          // Whatever a sweep missed is still there for the next one: nothing lost, nothing twice.
          const rest = (await store.claimOverdue(at(100), at(130), 100)).map((o) => o.transaction.acsTransID);
          expect([...claimed, ...rest].sort()).toEqual(overdue.map((tx) => tx.acsTransID).sort());
        }));

      it('gives each due RReq retry to exactly one of several claims', () =>
        withStores(topology, async (stores) => {
          const store = nth(stores, 0);
          await seeded(store);
          const txs = range(12).map((i) => transaction(i + 1));
          for (const [i, tx] of txs.entries()) {
            await store.recordAuthentication(tx, []);
            await store.scheduleRReqRetry(retryOf(tx, 2, at(20 + i)));
          }
          const claims = await race(stores, 6, (s) => s.claimRReqRetries(at(100), at(130), 4));
          const claimed = claims.flat().map((r) => r.acsTransID);
          expect(new Set(claimed).size).toBe(claimed.length);
          const rest = (await store.claimRReqRetries(at(100), at(130), 100)).map((r) => r.acsTransID);
          expect([...claimed, ...rest].sort()).toEqual(txs.map((tx) => tx.acsTransID).sort());
        }));

      it('creates one of 10 operators with the same username', () =>
        withStores(topology, async (stores) => {
          const store = nth(stores, 0);
          const operators: OperatorRecord[] = range(10).map((i) => ({ ...operator, id: `op-${i}` }));
          const created = await race(stores, 10, (s, i) => s.createOperator(nth(operators, i)));
          expect(winners(created)).toHaveLength(1);
          expect(await store.countOperators()).toBe(1);
          expect(await store.findOperatorByUsername(operator.username)).toStrictEqual(
            nth(operators, nth(winners(created), 0)),
          );
        }));

      it('never runs two start-ups under the lock at once', () =>
        withStores(topology, async (stores) => {
          const store = nth(stores, 0);
          const events: string[] = [];
          // What main.ts does at start-up: seed, then create the first API key if there is none.
          // Without the lock both instances would see no key and create one each.
          const startUp = (s: AcsStore, i: number) =>
            s.withStartupLock(async () => {
              events.push(`enter ${i}`);
              const report = await s.seed([card], [visaRange], at(i));
              await sleep(20);
              if ((await s.countApiKeys()) === 0) await s.createApiKey(apiKeyOf(i, at(i)));
              events.push(`exit ${i}`);
              return report.cardsAdded;
            });
          const added = await race(stores, 4, startUp);
          expect(added.reduce((sum, n) => sum + n, 0)).toBe(1);
          expect(await store.countApiKeys()).toBe(1);
          expect(events).toHaveLength(8);
          for (let k = 0; k < events.length; k += 2) {
            const entered = nth(events, k);
            expect(entered).toMatch(/^enter \d$/);
            expect(events[k + 1]).toBe(entered.replace('enter', 'exit'));
          }
        }));
    });
  }
}
