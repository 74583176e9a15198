/**
 * Contract: the text-message outbox — one record per idempotency key, delivery reports that only
 * move a status forward, and the sandbox phone's listing.
 */
import { describe, expect, it } from 'vitest';
import type { AcsStore } from '../../../../src/store/port.ts';
import { at, awaitingCReq, card, smsOf } from './fixtures.ts';
import type { ContractContext } from './harness.ts';

const seeded = async (store: AcsStore) => {
  await store.seed([card], [], at(-86_400));
};

/** Text messages. */
export function smsContract({ withStore }: ContractContext): void {
  describe('text messages', () => {
    it('records a text message once per idempotency key', () =>
      withStore(async (store) => {
        const sms = smsOf(1, { providerId: 'SM1' });
        expect(await store.hasSms('k1')).toBe(false);
        expect(await store.recordSms(sms, 'k1')).toBe(true);
        expect(await store.recordSms({ ...sms, id: 'sms-2' }, 'k1')).toBe(false);
        expect(await store.hasSms('k1')).toBe(true);
        expect(await store.hasSms('k2')).toBe(false);
        expect(await store.updateSmsStatusByProviderId('SM1', 'sent', undefined, at(2))).toBe(true);
        expect(await store.updateSmsStatusByProviderId('SM1', 'delivered', undefined, at(3))).toBe(true);
        expect(await store.updateSmsStatusByProviderId('SM1', 'sent', undefined, at(4))).toBe(false);
        expect(await store.updateSmsStatusByProviderId('SM1', 'queued', undefined, at(4))).toBe(false);
        expect((await store.listSms({ limit: 10 })).map((m) => [m.id, m.status])).toEqual([
          ['sms-1', 'delivered'],
        ]);
        expect(await store.listSms({ limit: 10 })).toStrictEqual([
          { ...sms, status: 'delivered', updatedAt: at(3) },
        ]);
      }));

    it('round-trips every optional field, present or absent', () =>
      withStore(async (store) => {
        await seeded(store);
        const tx = awaitingCReq(1, at(31));
        await store.recordAuthentication(tx, []);
        const bare = smsOf(1, { providerId: undefined });
        const full = smsOf(2, { acsTransID: tx.acsTransID, status: 'failed', errorCode: '21211' });
        expect(await store.recordSms(bare, 'k-bare')).toBe(true);
        expect(await store.recordSms(full, 'k-full')).toBe(true);
        expect(await store.listSms({ limit: 10 })).toStrictEqual([full, bare]);
      }));

    it('moves a status forward on delivery reports, with the error code, and never past a final one', () =>
      withStore(async (store) => {
        const failing = smsOf(1, { providerId: 'SM-failing' });
        const delivered = smsOf(2, { providerId: 'SM-delivered' });
        await store.recordSms(failing, 'k1');
        await store.recordSms(delivered, 'k2');
        expect(await store.updateSmsStatusByProviderId('SM-failing', 'failed', '30003', at(5))).toBe(true);
        expect(await store.updateSmsStatusByProviderId('SM-delivered', 'delivered', undefined, at(6))).toBe(
          true,
        );
        // Two final reports for one message: the first one stands.
        expect(await store.updateSmsStatusByProviderId('SM-delivered', 'undelivered', '30005', at(7))).toBe(
          false,
        );
        expect(await store.updateSmsStatusByProviderId('SM-unknown', 'delivered', undefined, at(8))).toBe(
          false,
        );
        expect(await store.listSms({ limit: 10 })).toStrictEqual([
          { ...delivered, status: 'delivered', updatedAt: at(6) },
          { ...failing, status: 'failed', errorCode: '30003', updatedAt: at(5) },
        ]);
      }));

    it('updates a status by message id, false for an unknown message', () =>
      withStore(async (store) => {
        const sms = smsOf(1, { providerId: undefined });
        await store.recordSms(sms, 'k1');
        expect(await store.updateSmsStatus(sms.id, 'sent', undefined, at(2))).toBe(true);
        expect(await store.listSms({ limit: 1 })).toStrictEqual([
          { ...sms, status: 'sent', errorCode: undefined, updatedAt: at(2) },
        ]);
        expect(await store.updateSmsStatus(sms.id, 'failed', '21610', at(3))).toBe(true);
        expect(await store.listSms({ limit: 1 })).toStrictEqual([
          { ...sms, status: 'failed', errorCode: '21610', updatedAt: at(3) },
        ]);
        expect(await store.updateSmsStatus('sms-404', 'sent', undefined, at(4))).toBe(false);
        // Recorded before it was sent: the provider's id comes with the first status update, and
        // delivery reports then find the message by it.
        expect(await store.updateSmsStatus(sms.id, 'sent', undefined, at(5), 'SM-late')).toBe(true);
        expect((await store.listSms({ limit: 1 }))[0]?.providerId).toBe('SM-late');
        expect(await store.updateSmsStatusByProviderId('SM-late', 'delivered', undefined, at(6))).toBe(true);
        expect((await store.listSms({ limit: 1 }))[0]?.status).toBe('delivered');
      }));

    it('lists messages newest first, ties newest-inserted first, by phone and by transaction', () =>
      withStore(async (store) => {
        await seeded(store);
        const one = awaitingCReq(1, at(31));
        const two = awaitingCReq(2, at(32));
        for (const tx of [one, two]) await store.recordAuthentication(tx, []);
        const messages = [
          smsOf(1, { acsTransID: one.acsTransID }),
          smsOf(2, { acsTransID: two.acsTransID, to: '+447700900123' }),
          smsOf(3, { acsTransID: one.acsTransID, createdAt: at(2), updatedAt: at(2) }),
          smsOf(4, { to: '+447700900123', createdAt: at(0), updatedAt: at(0) }),
        ];
        for (const [i, sms] of messages.entries()) await store.recordSms(sms, `key-${i}`);
        const ids = async (filter: Parameters<AcsStore['listSms']>[0]) =>
          (await store.listSms(filter)).map((m) => m.id);
        expect(await ids({ limit: 10 })).toEqual(['sms-3', 'sms-2', 'sms-1', 'sms-4']);
        expect(await ids({ limit: 2 })).toEqual(['sms-3', 'sms-2']);
        expect(await ids({ to: '+447700900123', limit: 10 })).toEqual(['sms-2', 'sms-4']);
        expect(await ids({ acsTransID: one.acsTransID, limit: 10 })).toEqual(['sms-3', 'sms-1']);
        expect(await ids({ acsTransID: one.acsTransID, to: '+447700900123', limit: 10 })).toEqual([]);
        expect(await ids({ to: '+15555550100', acsTransID: undefined, limit: 10 })).toEqual([
          'sms-3',
          'sms-1',
        ]);
      }));
  });
}
