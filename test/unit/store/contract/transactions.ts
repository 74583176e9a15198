/**
 * Contract: transactions and their timelines (the AReq/ARes write, later messages, the
 * unattached Erro log) and the console's reads of them (search, dashboard counts).
 */
import { describe, expect, it } from 'vitest';
import type { Transaction } from '../../../../src/domain/transaction.ts';
import type { AcsStore } from '../../../../src/store/port.ts';
import { at, authenticated, card, messageOf, sampleTransaction, transaction } from './fixtures.ts';
import type { ContractContext } from './harness.ts';

/** A 2.1.0 transaction of an unknown card with every optional field absent. */
const bare: Transaction = {
  acsTransID: '66666666-6666-4666-8666-666666666666',
  threeDSServerTransID: '77777777-7777-4777-8777-777777777777',
  dsTransID: '88888888-8888-4888-8888-888888888888',
  sdkTransID: undefined,
  messageVersion: '2.1.0',
  deviceChannel: '03',
  messageCategory: '02',
  cardId: undefined,
  maskedPan: '999999******9999',
  scheme: undefined,
  scenario: undefined,
  decisionCheck: 'unknown-card',
  fault: undefined,
  faultDelayMs: undefined,
  aresStatus: 'U',
  aresStatusReason: '08',
  authenticationMethod: undefined,
  state: 'final',
  result: undefined,
  purchase: { amount: undefined, currency: undefined, exponent: undefined, merchantName: undefined },
  notificationURL: undefined,
  threeDSServerURL: undefined,
  browserLanguage: undefined,
  acsEphemeralKeySealed: undefined,
  deadlineAt: undefined,
  createdAt: at(0),
  updatedAt: at(0),
};

const seeded = async (store: AcsStore) => {
  await store.seed([card], [], at(-86_400));
};

/** Transactions, messages and their listings. */
export function transactionContract({ withStore }: ContractContext): void {
  describe('transactions', () => {
    it('stores a transaction with its messages atomically and reads it back whole', () =>
      withStore(async (store) => {
        await seeded(store);
        const areq = messageOf(sampleTransaction, 'AReq', 'in', at(0), { nested: { a: [1, 2] } });
        const ares = messageOf(sampleTransaction, 'ARes', 'out', at(0), { transStatus: 'C' });
        await store.recordAuthentication(sampleTransaction, [areq, ares]);
        expect(await store.getTransaction(sampleTransaction.acsTransID)).toStrictEqual(sampleTransaction);
        const messages = await store.listMessages(sampleTransaction.acsTransID);
        expect(messages.map((m) => [m.messageType, m.direction])).toEqual([
          ['AReq', 'in'],
          ['ARes', 'out'],
        ]);
        expect(messages[0]?.body).toEqual(areq.body);
        expect(messages).toStrictEqual([
          { ...areq, id: expect.any(Number) },
          { ...ares, id: expect.any(Number) },
        ]);
      }));

    it('round-trips a transaction with every optional field absent', () =>
      withStore(async (store) => {
        await store.recordAuthentication(bare, []);
        expect(await store.getTransaction(bare.acsTransID)).toStrictEqual(bare);
        expect(await store.listMessages(bare.acsTransID)).toEqual([]);
      }));

    it('round-trips a result with every optional field filled, zero included', () =>
      withStore(async (store) => {
        await seeded(store);
        const cancelled = transaction(1, {
          aresStatusReason: '14',
          result: {
            transStatus: 'N',
            transStatusReason: '14',
            eci: '07',
            authenticationValue: undefined,
            challengeCancel: '04',
            interactionCounter: 0,
            completedAt: at(301),
          },
        });
        const attempted = transaction(2, {
          result: { ...authenticated(at(7)), transStatus: 'A', eci: '06', interactionCounter: undefined },
        });
        await store.recordAuthentication(cancelled, []);
        await store.recordAuthentication(attempted, []);
        expect(await store.getTransaction(cancelled.acsTransID)).toStrictEqual(cancelled);
        expect(await store.getTransaction(attempted.acsTransID)).toStrictEqual(attempted);
      }));

    it('keeps nothing of a transaction whose recording failed', () =>
      withStore(async (store) => {
        await seeded(store);
        await store.recordAuthentication(sampleTransaction, []);
        const duplicate = { ...sampleTransaction, createdAt: at(9) };
        await expect(
          store.recordAuthentication(duplicate, [messageOf(duplicate, 'AReq', 'in', at(9))]),
        ).rejects.toThrow();
        expect(await store.listMessages(sampleTransaction.acsTransID)).toEqual([]);
        expect(await store.getTransaction(sampleTransaction.acsTransID)).toStrictEqual(sampleTransaction);
      }));

    it('appends messages to timelines, oldest first, and keeps unattached ones apart', () =>
      withStore(async (store) => {
        await seeded(store);
        const first = transaction(1);
        const second = transaction(2);
        await store.recordAuthentication(first, [messageOf(first, 'AReq', 'in', at(1))]);
        await store.recordAuthentication(second, [messageOf(second, 'AReq', 'in', at(2))]);
        const creq = messageOf(first, 'CReq', 'in', at(20), { challengeWindowSize: '05' });
        const cres = messageOf(first, 'CRes', 'out', at(20), { challengeCompletionInd: 'N' });
        const erro = {
          acsTransID: undefined,
          threeDSServerTransID: undefined,
          messageType: 'Erro',
          direction: 'out' as const,
          body: { messageType: 'Erro', errorCode: '101', errorDescription: 'unreadable AReq: ü €' },
          createdAt: at(21),
        };
        // An Erro about a CReq whose threeDSServerTransID was unreadable: still on the timeline.
        const creqErro = {
          ...messageOf(first, 'Erro', 'out', at(22), { errorCode: '203' }),
          threeDSServerTransID: undefined,
        };
        await store.recordMessages([creq, erro, cres, creqErro]);
        await store.recordMessages([]);
        const timeline = await store.listMessages(first.acsTransID);
        expect(timeline).toStrictEqual([
          { ...messageOf(first, 'AReq', 'in', at(1)), id: expect.any(Number) },
          { ...creq, id: expect.any(Number) },
          { ...cres, id: expect.any(Number) },
          { ...creqErro, id: expect.any(Number) },
        ]);
        const ids = timeline.map((m) => m.id);
        expect([...ids].sort((a, b) => a - b)).toEqual(ids);
        expect(new Set(ids).size).toBe(4);
        expect((await store.listMessages(second.acsTransID)).map((m) => m.messageType)).toEqual(['AReq']);
        expect(await store.getTransaction('nope')).toBeUndefined();
        expect(await store.listMessages('nope')).toEqual([]);
      }));

    it('searches transactions by any ID, masked PAN or scenario, newest first', () =>
      withStore(async (store) => {
        await seeded(store);
        await store.recordAuthentication(sampleTransaction, []);
        const later = {
          ...sampleTransaction,
          acsTransID: '55555555-5555-4555-8555-555555555555',
          createdAt: '2026-11-25T11:00:00.000Z',
        };
        await store.recordAuthentication(later, []);
        expect((await store.listTransactions({ limit: 10 })).map((t) => t.acsTransID)).toEqual([
          later.acsTransID,
          sampleTransaction.acsTransID,
        ]);
        expect(await store.listTransactions({ id: sampleTransaction.dsTransID, limit: 10 })).toHaveLength(2);
        expect(await store.listTransactions({ id: later.acsTransID, limit: 10 })).toHaveLength(1);
        expect(
          await store.listTransactions({ maskedPan: '400000******1000', before: later.createdAt, limit: 10 }),
        ).toHaveLength(1);
        expect(await store.listTransactions({ scenario: 'frictionless-y', limit: 10 })).toHaveLength(0);
        expect(await store.outcomeCounts('2026-01-01')).toEqual([
          { scenario: 'challenge-sms', transStatus: 'Y', count: 2 },
        ]);
      }));

    it('lists transactions newest first, ties newest-inserted first, each filter alone and together', () =>
      withStore(async (store) => {
        await seeded(store);
        const a = transaction(1);
        const b = transaction(2, { scenario: 'frictionless-y', decisionCheck: 'scenario-frictionless' });
        const c = transaction(7, { threeDSServerTransID: a.threeDSServerTransID, createdAt: at(2) });
        const d = transaction(3, { maskedPan: '512345******0008', scheme: 'mastercard', cardId: undefined });
        const e = transaction(0, { dsTransID: b.dsTransID });
        for (const t of [a, b, c, d, e]) await store.recordAuthentication(t, []);
        const ids = async (filter: Parameters<AcsStore['listTransactions']>[0]) =>
          (await store.listTransactions(filter)).map((t) => t.acsTransID);
        expect(await ids({ limit: 10 })).toEqual([d, c, b, a, e].map((t) => t.acsTransID));
        expect(await ids({ limit: 2 })).toEqual([d, c].map((t) => t.acsTransID));
        expect(await ids({ id: a.acsTransID, limit: 10 })).toEqual([a.acsTransID]);
        expect(await ids({ id: a.threeDSServerTransID, limit: 10 })).toEqual([c, a].map((t) => t.acsTransID));
        expect(await ids({ id: b.dsTransID, limit: 10 })).toEqual([b, e].map((t) => t.acsTransID));
        expect(await ids({ id: 'no-such-id', limit: 10 })).toEqual([]);
        expect(await ids({ maskedPan: '512345******0008', limit: 10 })).toEqual([d.acsTransID]);
        expect(await ids({ scenario: 'frictionless-y', limit: 10 })).toEqual([b.acsTransID]);
        expect(await ids({ before: at(2), limit: 10 })).toEqual([a, e].map((t) => t.acsTransID));
        expect(
          await ids({ maskedPan: card.maskedPan, scenario: 'challenge-sms', before: at(3), limit: 10 }),
        ).toEqual([c, a, e].map((t) => t.acsTransID));
        expect(
          await ids({
            id: undefined,
            maskedPan: undefined,
            scenario: undefined,
            before: undefined,
            limit: 1,
          }),
        ).toEqual([d.acsTransID]);
        expect(await store.listTransactions({ id: d.acsTransID, limit: 10 })).toStrictEqual([d]);
      }));

    it('counts outcomes by scenario and final status since a time', () =>
      withStore(async (store) => {
        await seeded(store);
        const outcomes: Transaction[] = [
          // An hour before `since`: not counted.
          transaction(6, { createdAt: at(-3_600), updatedAt: at(-3_590), result: authenticated(at(-3_590)) }),
          transaction(1),
          transaction(2),
          transaction(3, { result: { ...authenticated(at(60)), transStatus: 'N', eci: '07' } }),
          transaction(4, {
            scenario: 'frictionless-y',
            aresStatus: 'Y',
            result: { ...authenticated(at(4)), interactionCounter: undefined },
          }),
          transaction(5, {
            scenario: 'frictionless-n',
            aresStatus: 'N',
            result: { ...authenticated(at(5)), transStatus: 'N', eci: '07', authenticationValue: undefined },
          }),
        ];
        for (const t of outcomes) await store.recordAuthentication(t, []);
        const counts = await store.outcomeCounts(at(0));
        const sorted = [...counts].sort((x, y) =>
          `${x.scenario}/${x.transStatus}`.localeCompare(`${y.scenario}/${y.transStatus}`),
        );
        expect(sorted).toEqual([
          { scenario: 'challenge-sms', transStatus: 'N', count: 1 },
          { scenario: 'challenge-sms', transStatus: 'Y', count: 2 },
          { scenario: 'frictionless-n', transStatus: 'N', count: 1 },
          { scenario: 'frictionless-y', transStatus: 'Y', count: 1 },
        ]);
        expect(await store.outcomeCounts(at(86_400))).toEqual([]);
      }));
  });
}
