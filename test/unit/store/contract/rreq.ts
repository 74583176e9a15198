/**
 * Contract: delivering the RReq to the 3DS Server — the log of attempts, the console's list of
 * transactions whose RReq never arrived, and the retry schedule that one instance claims at a time.
 */
import { describe, expect, it } from 'vitest';
import type { AcsStore, RReqRetry } from '../../../../src/store/port.ts';
import { at, card, retryOf, rreqAttemptOf, transaction } from './fixtures.ts';
import type { ContractContext } from './harness.ts';

const seeded = async (store: AcsStore) => {
  await store.seed([card], [], at(-86_400));
};

/** What a claim returns, without its due time (which the claim may have moved to the lease). */
const withoutDue = (retries: readonly RReqRetry[]) =>
  retries
    .map(({ acsTransID, rreq, attempt }) => ({ acsTransID, rreq, attempt }))
    .sort((x, y) => x.acsTransID.localeCompare(y.acsTransID));

/** RReq attempts and retries. */
export function rreqContract({ withStore }: ContractContext): void {
  describe('RReq delivery', () => {
    it('keeps the attempts of each transaction in order, optional fields present or absent', () =>
      withStore(async (store) => {
        await seeded(store);
        const one = transaction(1);
        const two = transaction(2);
        for (const tx of [one, two]) await store.recordAuthentication(tx, []);
        const attempts = [
          rreqAttemptOf(one, 1, 'network-error', 6, { httpStatus: undefined, detail: 'ECONNREFUSED' }),
          rreqAttemptOf(two, 1, 'delivered', 7, { detail: undefined }),
          rreqAttemptOf(one, 2, 'http-error', 16, { httpStatus: 503, detail: 'Service Unavailable' }),
          rreqAttemptOf(one, 3, 'timeout', 46, { httpStatus: undefined, detail: undefined }),
        ];
        for (const attempt of attempts) await store.recordRReqAttempt(attempt);
        expect(await store.listRReqAttempts(one.acsTransID)).toStrictEqual([
          attempts[0],
          attempts[2],
          attempts[3],
        ]);
        expect(await store.listRReqAttempts(two.acsTransID)).toStrictEqual([attempts[1]]);
        expect(await store.listRReqAttempts('nope')).toEqual([]);
      }));

    it('lists transactions whose latest attempt failed, newest first', () =>
      withStore(async (store) => {
        await seeded(store);
        const recovered = transaction(1);
        const relapsed = transaction(2);
        const neverDelivered = transaction(3);
        const invalid = transaction(4);
        const notTried = transaction(5);
        for (const tx of [recovered, relapsed, neverDelivered, invalid, notTried]) {
          await store.recordAuthentication(tx, []);
        }
        await store.recordRReqAttempt(rreqAttemptOf(recovered, 1, 'network-error', 6));
        await store.recordRReqAttempt(rreqAttemptOf(recovered, 2, 'delivered', 16));
        await store.recordRReqAttempt(rreqAttemptOf(relapsed, 1, 'delivered', 7));
        await store.recordRReqAttempt(rreqAttemptOf(relapsed, 2, 'http-error', 17));
        await store.recordRReqAttempt(rreqAttemptOf(neverDelivered, 1, 'timeout', 18));
        await store.recordRReqAttempt(rreqAttemptOf(invalid, 1, 'invalid-rres', 19));
        const ids = async (limit: number) =>
          (await store.listUndeliveredRReqs(limit)).map((t) => t.acsTransID);
        expect(await ids(10)).toEqual([invalid, neverDelivered, relapsed].map((t) => t.acsTransID));
        expect(await ids(2)).toEqual([invalid, neverDelivered].map((t) => t.acsTransID));
        expect(await store.listUndeliveredRReqs(1)).toStrictEqual([invalid]);
        await store.recordRReqAttempt(rreqAttemptOf(invalid, 2, 'delivered', 49));
        expect(await ids(10)).toEqual([neverDelivered, relapsed].map((t) => t.acsTransID));
      }));

    it('claims retries that are due, at most `limit`, each hidden from a second claim until its lease ends', () =>
      withStore(async (store) => {
        await seeded(store);
        for (const n of [1, 2, 3, 4]) await store.recordAuthentication(transaction(n), []);
        const [one, two, three, four] = [
          retryOf(transaction(1), 2, at(10)),
          retryOf(transaction(2), 2, at(11)),
          retryOf(transaction(3), 2, at(12)),
          retryOf(transaction(4), 2, at(13)),
        ];
        for (const retry of [one, two, three, four]) await store.scheduleRReqRetry(retry);

        expect(await store.claimRReqRetries(at(9), at(40), 10)).toEqual([]);
        const first = await store.claimRReqRetries(at(12), at(40), 2);
        expect(first).toHaveLength(2);
        const second = await store.claimRReqRetries(at(12), at(40), 10);
        // Three were due at 12: two in the first claim, the third in the second, none twice.
        expect(withoutDue([...first, ...second])).toStrictEqual(withoutDue([one, two, three]));
        expect(await store.claimRReqRetries(at(12), at(40), 10)).toEqual([]);
        // The fourth fell due at 13; the first three are still leased at 39.
        expect(withoutDue(await store.claimRReqRetries(at(39), at(70), 10))).toStrictEqual(
          withoutDue([four]),
        );

        // Their claimers died: at the end of the lease the next claim takes them over.
        const takeover = await store.claimRReqRetries(at(40), at(70), 10);
        expect(withoutDue(takeover)).toStrictEqual(withoutDue([one, two, three]));
      }));

    it('keeps one scheduled retry per transaction, the latest scheduled, until cancelled', () =>
      withStore(async (store) => {
        await seeded(store);
        const tx = transaction(1);
        const other = transaction(2);
        for (const t of [tx, other]) await store.recordAuthentication(t, []);
        await store.scheduleRReqRetry(retryOf(tx, 2, at(10)));
        await store.scheduleRReqRetry(retryOf(other, 2, at(10)));
        // Attempt 2 failed before its claim expired: attempt 3 replaces it, later.
        const third = retryOf(tx, 3, at(40));
        await store.scheduleRReqRetry(third);
        expect(withoutDue(await store.claimRReqRetries(at(20), at(30), 10))).toStrictEqual(
          withoutDue([retryOf(other, 2, at(10))]),
        );
        expect(withoutDue(await store.claimRReqRetries(at(40), at(70), 10))).toStrictEqual(
          withoutDue([third, retryOf(other, 2, at(10))]),
        );

        await store.cancelRReqRetry(other.acsTransID);
        await store.cancelRReqRetry(other.acsTransID);
        await store.cancelRReqRetry('nope');
        expect(withoutDue(await store.claimRReqRetries(at(1_000), at(1_030), 10))).toStrictEqual(
          withoutDue([third]),
        );
        await store.cancelRReqRetry(tx.acsTransID);
        expect(await store.claimRReqRetries(at(2_000), at(2_030), 10)).toEqual([]);
      }));

    it('hands back the RReq exactly as scheduled', () =>
      withStore(async (store) => {
        await seeded(store);
        const tx = transaction(1, { messageVersion: '2.3.1' });
        await store.recordAuthentication(tx, []);
        const retry: RReqRetry = {
          acsTransID: tx.acsTransID,
          rreq: {
            messageType: 'RReq',
            messageVersion: '2.3.1',
            acsTransID: tx.acsTransID,
            transStatus: 'N',
            transStatusReason: '01',
            interactionCounter: '03',
            messageExtension: [
              { name: 'x', id: 'y', criticalityIndicator: false, data: { nested: [1, 'ü'] } },
            ],
          },
          attempt: 7,
          dueAt: at(10),
        };
        await store.scheduleRReqRetry(retry);
        const [claimed] = await store.claimRReqRetries(at(10), at(40), 1);
        expect(claimed).toMatchObject({ acsTransID: tx.acsTransID, attempt: 7 });
        expect(claimed?.rreq).toStrictEqual(retry.rreq);
      }));
  });
}
