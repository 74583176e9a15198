/**
 * Contract: the sweep that ends transactions whose deadline passed (no CReq, an abandoned
 * challenge window, an unanswered decoupled request). Claims are leases, so instances sweeping
 * together never take the same transaction, and one that dies leaves it to the next sweep.
 */
import { describe, expect, it } from 'vitest';
import type { AcsStore } from '../../../../src/store/port.ts';
import {
  at,
  authenticated,
  awaitingCReq,
  awaitingDecoupled,
  card,
  challengeOf,
  transaction,
} from './fixtures.ts';
import type { ContractContext } from './harness.ts';

const seeded = async (store: AcsStore) => {
  await store.seed([card], [], at(-86_400));
};

/** Claiming overdue transactions. */
export function overdueContract({ withStore }: ContractContext): void {
  describe('overdue transactions', () => {
    it('claims waiting transactions past their deadline, oldest deadline first, with their challenge', () =>
      withStore(async (store) => {
        await seeded(store);
        const noCReq = awaitingCReq(1, at(40));
        const challenging = awaitingCReq(2, at(32));
        const decoupled = awaitingDecoupled(3, at(100));
        const notYet = awaitingCReq(4, at(101));
        const noDeadline = awaitingCReq(5, at(0), { deadlineAt: undefined });
        const final = transaction(6, { deadlineAt: at(36) });
        for (const tx of [noCReq, challenging, decoupled, notYet, noDeadline, final]) {
          await store.recordAuthentication(tx, []);
        }
        const challenge = challengeOf(challenging);
        await store.startChallenge(challenge, at(35), []);

        const claimed = await store.claimOverdue(at(100), at(130), 10);
        expect(claimed.map((o) => o.transaction.acsTransID)).toEqual([
          challenging.acsTransID,
          noCReq.acsTransID,
          decoupled.acsTransID,
        ]);
        expect(claimed.map((o) => o.challenge)).toStrictEqual([challenge, undefined, undefined]);
        expect(claimed[0]?.transaction).toMatchObject({ state: 'challenging', scenario: 'challenge-sms' });
        expect(claimed[2]?.transaction).toMatchObject({ state: 'awaiting-decoupled', aresStatus: 'D' });
        for (const o of claimed) {
          expect((await store.getTransaction(o.transaction.acsTransID))?.deadlineAt).toBe(at(130));
        }
        // Another instance sweeping at the same moment finds nothing.
        expect(await store.claimOverdue(at(100), at(130), 10)).toEqual([]);
        expect(await store.getTransaction(final.acsTransID)).toStrictEqual(final);
      }));

    it('claims at most `limit`, and claims again once the lease has passed', () =>
      withStore(async (store) => {
        await seeded(store);
        const [first, second, third] = [
          awaitingCReq(1, at(33)),
          awaitingCReq(2, at(31)),
          awaitingCReq(3, at(32)),
        ];
        for (const tx of [first, second, third]) await store.recordAuthentication(tx, []);
        const ids = async (now: string, leaseUntil: string, limit: number) =>
          (await store.claimOverdue(now, leaseUntil, limit)).map((o) => o.transaction.acsTransID);
        const [a, b, c] = [first.acsTransID, second.acsTransID, third.acsTransID];
        expect(await ids(at(40), at(70), 2)).toEqual([b, c]);
        expect(await ids(at(40), at(70), 2)).toEqual([a]);
        expect(await ids(at(40), at(70), 2)).toEqual([]);
        expect(await ids(at(69), at(99), 10)).toEqual([]);
        // The claimer died: at the end of the lease the next sweep takes them over.
        expect(await ids(at(70), at(100), 10)).toHaveLength(3);
        expect(await store.completeTransaction(b, authenticated(at(71)), [])).toBe(true);
        expect((await ids(at(101), at(131), 10)).sort()).toEqual([a, c]);
      }));
  });
}
