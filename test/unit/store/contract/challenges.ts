/**
 * Contract: a transaction's life after ARes C or D — the challenge window opened once, its state
 * saved only over the state it was read as, one final result, and the bank app's single answer.
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
  messageOf,
  sampleTransaction,
  transaction,
} from './fixtures.ts';
import type { ContractContext } from './harness.ts';

const seeded = async (store: AcsStore) => {
  await store.seed([card], [], at(-86_400));
};

/** Challenges, results and bank-app approvals. */
export function challengeContract({ withStore }: ContractContext): void {
  describe('challenges and results', () => {
    it('opens the challenge window once, from awaiting its first CReq', () =>
      withStore(async (store) => {
        await seeded(store);
        const tx = awaitingCReq(1, at(31));
        await store.recordAuthentication(tx, []);
        const challenge = challengeOf(tx);
        const creq = messageOf(tx, 'CReq', 'in', at(10), { challengeWindowSize: '05' });
        expect(await store.startChallenge(challenge, at(610), [creq])).toBe(true);
        expect(await store.getTransaction(tx.acsTransID)).toMatchObject({
          state: 'challenging',
          deadlineAt: at(610),
          result: undefined,
        });
        expect(await store.getChallenge(tx.acsTransID)).toStrictEqual(challenge);
        expect((await store.listMessages(tx.acsTransID)).map((m) => m.body)).toEqual([creq.body]);

        const again = challengeOf(tx, { method: 'totp', startedAt: at(11), updatedAt: at(11) });
        expect(await store.startChallenge(again, at(611), [messageOf(tx, 'CReq', 'in', at(11))])).toBe(false);
        expect(await store.getChallenge(tx.acsTransID)).toStrictEqual(challenge);
        expect((await store.getTransaction(tx.acsTransID))?.deadlineAt).toBe(at(610));
        expect(await store.listMessages(tx.acsTransID)).toHaveLength(1);
      }));

    it('opens no challenge for a final, decoupled or unknown transaction', () =>
      withStore(async (store) => {
        await seeded(store);
        const final = transaction(1);
        const decoupled = awaitingDecoupled(2, at(3_600));
        await store.recordAuthentication(final, []);
        await store.recordAuthentication(decoupled, []);
        for (const tx of [final, decoupled]) {
          expect(
            await store.startChallenge(challengeOf(tx), at(610), [messageOf(tx, 'CReq', 'in', at(10))]),
          ).toBe(false);
          expect(await store.getChallenge(tx.acsTransID)).toBeUndefined();
          expect(await store.listMessages(tx.acsTransID)).toEqual([]);
        }
        expect(await store.getTransaction(final.acsTransID)).toStrictEqual(final);
        expect(await store.getTransaction(decoupled.acsTransID)).toStrictEqual(decoupled);
        const ghost = awaitingCReq(3, at(31));
        expect(await store.startChallenge(challengeOf(ghost), at(610), [])).toBe(false);
        expect(await store.getChallenge(ghost.acsTransID)).toBeUndefined();
      }));

    it('round-trips every optional challenge field, present or absent, and the method order', () =>
      withStore(async (store) => {
        await seeded(store);
        const tx = awaitingCReq(1, at(31), { scenario: 'challenge-choice', authenticationMethod: 'totp' });
        await store.recordAuthentication(tx, []);
        const bare = challengeOf(tx, {
          method: 'totp',
          methods: ['totp', 'sms', 'password'],
          windowSize: '01',
          threeDSSessionData: undefined,
          codeHash: undefined,
          codeExpiresAt: undefined,
          codesSent: 0,
        });
        expect(await store.startChallenge(bare, at(610), [])).toBe(true);
        expect(await store.getChallenge(tx.acsTransID)).toStrictEqual(bare);
        const full = { ...bare, lastTotpStep: 59_000_000, interactionCounter: 1, updatedAt: at(20) };
        expect(await store.saveChallenge(full, bare)).toBe(true);
        expect(await store.getChallenge(tx.acsTransID)).toStrictEqual(full);
        expect(await store.getChallenge('nope')).toBeUndefined();
      }));

    it('keeps an app challenge state (enc, counters, rendering) and lets one CReq claim each SDK counter', () =>
      withStore(async (store) => {
        await seeded(store);
        const tx = awaitingCReq(1, at(31), { deviceChannel: '01' });
        await store.recordAuthentication(tx, []);
        const opened = challengeOf(tx, {
          appEnc: 'A128GCM',
          sdkCounterStoA: 0,
          acsCounterAtoS: 1,
          acsInterface: '01',
          acsUiTemplate: '02',
          appScreen: 'choice',
        });
        expect(await store.startChallenge(opened, at(610), [])).toBe(true);
        expect(await store.getChallenge(tx.acsTransID)).toStrictEqual(opened);
        const second = {
          ...opened,
          sdkCounterStoA: 1,
          acsCounterAtoS: 2,
          appScreen: 'method' as const,
          updatedAt: at(20),
        };
        expect(await store.saveChallenge(second, opened)).toBe(true);
        expect(await store.getChallenge(tx.acsTransID)).toStrictEqual(second);
        // The same CReq again (same counters read): it loses, whatever else it would change.
        const replay = { ...opened, sdkCounterStoA: 1, acsCounterAtoS: 2, updatedAt: at(21) };
        expect(await store.saveChallenge(replay, opened)).toBe(false);
        expect(await store.getChallenge(tx.acsTransID)).toStrictEqual(second);
        // The enc and the rendering are fixed when the challenge opens.
        const switched = { ...second, appEnc: 'A128CBC-HS256' as const, acsUiTemplate: '01' as const };
        expect(await store.saveChallenge({ ...switched, sdkCounterStoA: 2 }, second)).toBe(true);
        expect(await store.getChallenge(tx.acsTransID)).toStrictEqual({ ...second, sdkCounterStoA: 2 });
      }));

    it('saves a challenge only over the state it was read as, while it is open', () =>
      withStore(async (store) => {
        await seeded(store);
        const tx = awaitingCReq(1, at(31));
        await store.recordAuthentication(tx, []);
        const opened = challengeOf(tx);
        await store.startChallenge(opened, at(610), []);
        const wrongCode = { ...opened, wrongAttempts: 1, interactionCounter: 1, updatedAt: at(30) };
        expect(await store.saveChallenge(wrongCode, opened)).toBe(true);
        expect(await store.getChallenge(tx.acsTransID)).toStrictEqual(wrongCode);

        // A post that read the challenge before the wrong code loses: it never overwrites.
        const staleResend = { ...opened, codeHash: 'd'.repeat(64), codesSent: 2, updatedAt: at(31) };
        expect(await store.saveChallenge(staleResend, opened)).toBe(false);
        expect(await store.getChallenge(tx.acsTransID)).toStrictEqual(wrongCode);

        const resend = { ...wrongCode, codeHash: 'd'.repeat(64), codesSent: 2, updatedAt: at(32) };
        expect(await store.saveChallenge(resend, wrongCode)).toBe(true);
        expect(await store.getChallenge(tx.acsTransID)).toStrictEqual(resend);
        // A code submitted against the challenge as it was before the resend loses too.
        const staleSubmission = { ...wrongCode, wrongAttempts: 2, interactionCounter: 2, updatedAt: at(33) };
        expect(await store.saveChallenge(staleSubmission, wrongCode)).toBe(false);
        expect(await store.getChallenge(tx.acsTransID)).toStrictEqual(resend);

        expect(await store.completeTransaction(tx.acsTransID, authenticated(at(40)), [])).toBe(true);
        const late = { ...resend, interactionCounter: 2, codeHash: undefined, updatedAt: at(41) };
        expect(await store.saveChallenge(late, resend)).toBe(false);
        expect(await store.getChallenge(tx.acsTransID)).toStrictEqual(resend);
        const ghost = challengeOf(awaitingCReq(2, at(31)));
        expect(await store.saveChallenge({ ...ghost, codesSent: 2 }, ghost)).toBe(false);
      }));

    it('writes a final result only once', () =>
      withStore(async (store) => {
        await seeded(store);
        await store.recordAuthentication(
          { ...sampleTransaction, state: 'challenging', result: undefined },
          [],
        );
        const result = authenticated(at(5));
        const rreq = messageOf(sampleTransaction, 'RReq', 'out', at(5), { transStatus: 'Y' });
        expect(await store.completeTransaction(sampleTransaction.acsTransID, result, [rreq])).toBe(true);
        const replay = messageOf(sampleTransaction, 'RReq', 'out', at(6), { transStatus: 'N' });
        expect(
          await store.completeTransaction(
            sampleTransaction.acsTransID,
            { ...result, transStatus: 'N', completedAt: at(6) },
            [replay],
          ),
        ).toBe(false);
        const stored = await store.getTransaction(sampleTransaction.acsTransID);
        expect(stored?.result?.transStatus).toBe('Y');
        expect(stored).toMatchObject({ state: 'final', result });
        expect(stored?.result).toStrictEqual(result);
        expect((await store.listMessages(sampleTransaction.acsTransID)).map((m) => m.body)).toEqual([
          rreq.body,
        ]);
        expect(await store.completeTransaction('nope', result, [])).toBe(false);
      }));

    it('ends a waiting transaction of any kind, a timeout with its optional fields absent', () =>
      withStore(async (store) => {
        await seeded(store);
        const waiting = [awaitingCReq(1, at(31)), awaitingDecoupled(2, at(3_600))];
        for (const tx of waiting) await store.recordAuthentication(tx, []);
        const timedOut = {
          transStatus: 'N' as const,
          transStatusReason: '14',
          eci: undefined,
          authenticationValue: undefined,
          challengeCancel: '05' as const,
          interactionCounter: undefined,
          completedAt: at(40),
        };
        for (const tx of waiting) {
          expect(await store.completeTransaction(tx.acsTransID, timedOut, [])).toBe(true);
          const stored = await store.getTransaction(tx.acsTransID);
          expect(stored?.state).toBe('final');
          expect(stored?.result).toStrictEqual(timedOut);
        }
      }));
  });

  describe('bank-app approvals', () => {
    it('records one bank-app answer while the transaction waits', () =>
      withStore(async (store) => {
        await seeded(store);
        await store.recordAuthentication(
          { ...sampleTransaction, state: 'awaiting-decoupled', result: undefined },
          [],
        );
        expect((await store.listPendingApprovals(10)).map((p) => p.transaction.acsTransID)).toEqual([
          sampleTransaction.acsTransID,
        ]);
        expect(await store.recordApproval(sampleTransaction.acsTransID, 'approved', at(20))).toBe(true);
        expect(await store.recordApproval(sampleTransaction.acsTransID, 'denied', at(21))).toBe(false);
        expect(await store.getApproval(sampleTransaction.acsTransID)).toBe('approved');
      }));

    it('lists out-of-band and decoupled transactions waiting in the app, oldest first, with any answer', () =>
      withStore(async (store) => {
        await seeded(store);
        const oob = awaitingCReq(2, at(32), { scenario: 'challenge-oob', authenticationMethod: 'oob' });
        const decoupled = awaitingDecoupled(1, at(3_600));
        const laterDecoupled = awaitingDecoupled(3, at(3_600));
        const sms = awaitingCReq(4, at(34));
        const final = transaction(0);
        for (const tx of [oob, decoupled, laterDecoupled, sms, final])
          await store.recordAuthentication(tx, []);
        await store.startChallenge(
          challengeOf(oob, { method: 'oob', methods: ['oob'], codeHash: undefined, codesSent: 0 }),
          at(610),
          [],
        );
        await store.startChallenge(challengeOf(sms), at(610), []);
        expect(await store.recordApproval(oob.acsTransID, 'denied', at(40))).toBe(true);

        const pending = await store.listPendingApprovals(10);
        expect(pending.map((p) => [p.transaction.acsTransID, p.approval])).toEqual([
          [decoupled.acsTransID, undefined],
          [oob.acsTransID, 'denied'],
          [laterDecoupled.acsTransID, undefined],
        ]);
        expect(pending[0]?.transaction).toStrictEqual(decoupled);
        expect((await store.listPendingApprovals(2)).map((p) => p.transaction.acsTransID)).toEqual([
          decoupled.acsTransID,
          oob.acsTransID,
        ]);

        await store.completeTransaction(oob.acsTransID, { ...authenticated(at(41)), transStatus: 'N' }, []);
        expect((await store.listPendingApprovals(10)).map((p) => p.transaction.acsTransID)).toEqual([
          decoupled.acsTransID,
          laterDecoupled.acsTransID,
        ]);
      }));

    it('takes no answer for a transaction that no longer waits, or none at all', () =>
      withStore(async (store) => {
        await seeded(store);
        const decoupled = awaitingDecoupled(1, at(3_600));
        await store.recordAuthentication(decoupled, []);
        expect(await store.getApproval(decoupled.acsTransID)).toBeUndefined();
        await store.completeTransaction(
          decoupled.acsTransID,
          { ...authenticated(at(3_600)), transStatus: 'N' },
          [],
        );
        expect(await store.recordApproval(decoupled.acsTransID, 'approved', at(3_601))).toBe(false);
        expect(await store.getApproval(decoupled.acsTransID)).toBeUndefined();
        expect(await store.recordApproval('nope', 'approved', at(1))).toBe(false);
        expect(await store.getApproval('nope')).toBeUndefined();
      }));
  });
}
