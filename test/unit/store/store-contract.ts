/**
 * The contract every AcsStore adapter must keep. An adapter's test file calls
 * `storeContract(name, factory)`; today only SQLite does.
 */
import { describe, expect, it } from 'vitest';
import type { Transaction } from '../../../src/domain/transaction.ts';
import type { AcsStore, NewCard } from '../../../src/store/port.ts';

const card: NewCard = {
  id: 'card-1',
  panHash: 'a'.repeat(64),
  maskedPan: '400000******1000',
  scheme: 'visa',
  scenario: 'challenge-sms',
  cardholderName: 'Vera Visa',
  phone: '+15555550100',
  email: undefined,
};

/** A complete transaction with every optional field filled, so round trips are checked. */
export const sampleTransaction: Transaction = {
  acsTransID: '11111111-1111-4111-8111-111111111111',
  threeDSServerTransID: '22222222-2222-4222-8222-222222222222',
  dsTransID: '33333333-3333-4333-8333-333333333333',
  sdkTransID: '44444444-4444-4444-8444-444444444444',
  messageVersion: '2.2.0',
  deviceChannel: '02',
  messageCategory: '01',
  cardId: 'card-1',
  maskedPan: '400000******1000',
  scheme: 'visa',
  scenario: 'challenge-sms',
  decisionCheck: 'scenario-challenge',
  aresStatus: 'C',
  aresStatusReason: undefined,
  authenticationMethod: 'sms',
  state: 'final',
  result: {
    transStatus: 'Y',
    transStatusReason: undefined,
    eci: '05',
    authenticationValue: 'AQAAAAAAAAAAAAAAAAAAAAAAAAA=',
    challengeCancel: undefined,
    interactionCounter: 1,
    completedAt: '2026-11-25T10:00:05.000Z',
  },
  purchase: { amount: '12345', currency: '978', exponent: '2', merchantName: 'Shop' },
  notificationURL: 'https://merchant.test/notify?x=1',
  threeDSServerURL: 'https://server.test/rreq',
  browserLanguage: 'es-ES',
  acsEphemeralKeySealed: 'v1.sealed',
  deadlineAt: '2026-11-25T10:00:30.000Z',
  createdAt: '2026-11-25T10:00:00.000Z',
  updatedAt: '2026-11-25T10:00:05.000Z',
};

/** Runs the store contract against stores made by `create`. */
export function storeContract(name: string, create: () => AcsStore): void {
  describe(`${name} store contract`, () => {
    it('answers ping', () => {
      const store = create();
      expect(store.ping()).toBe(true);
      store.close();
    });

    it('seeds cards and ranges once, keeping what is there', () => {
      const store = create();
      const range = { startRange: '4000000000000000', endRange: '4000000000009999', scheme: 'visa' } as const;
      expect(store.seed([card], [range], '2026-11-25T00:00:00.000Z')).toEqual({
        cardsAdded: 1,
        rangesAdded: 1,
      });
      expect(store.seed([{ ...card, id: 'card-2', scenario: 'frictionless-y' }], [range], 'later')).toEqual({
        cardsAdded: 0,
        rangesAdded: 0,
      });
      expect(store.findCardByPanHash(card.panHash)).toEqual({
        ...card,
        createdAt: '2026-11-25T00:00:00.000Z',
      });
      expect(store.findCardByPanHash('b'.repeat(64))).toBeUndefined();
      expect(store.listCardRanges()).toEqual([range]);
      store.close();
    });

    it('stores a transaction with its messages atomically and reads it back whole', () => {
      const store = create();
      store.seed([card], [], 'now');
      const message = {
        acsTransID: sampleTransaction.acsTransID,
        threeDSServerTransID: sampleTransaction.threeDSServerTransID,
        messageType: 'AReq',
        direction: 'in' as const,
        body: { messageType: 'AReq', nested: { a: [1, 2] } },
        createdAt: '2026-11-25T10:00:00.000Z',
      };
      store.recordAuthentication(sampleTransaction, [
        message,
        { ...message, messageType: 'ARes', direction: 'out' },
      ]);
      expect(store.getTransaction(sampleTransaction.acsTransID)).toEqual(sampleTransaction);
      const messages = store.listMessages(sampleTransaction.acsTransID);
      expect(messages.map((m) => [m.messageType, m.direction])).toEqual([
        ['AReq', 'in'],
        ['ARes', 'out'],
      ]);
      expect(messages[0]?.body).toEqual(message.body);
      store.close();
    });

    it('keeps nothing of a transaction whose recording failed', () => {
      const store = create();
      store.seed([card], [], 'now');
      store.recordAuthentication(sampleTransaction, []);
      const duplicate = { ...sampleTransaction };
      const message = {
        ...sampleTransaction,
        messageType: 'AReq',
        direction: 'in' as const,
        body: {},
        createdAt: 'x',
      };
      expect(() => store.recordAuthentication(duplicate, [message])).toThrow();
      expect(store.listMessages(sampleTransaction.acsTransID)).toEqual([]);
      expect(store.getTransaction(sampleTransaction.acsTransID)).toEqual(sampleTransaction);
      store.close();
    });

    it('keeps unattached messages (Erro to an unreadable AReq)', () => {
      const store = create();
      store.recordMessages([
        {
          acsTransID: undefined,
          threeDSServerTransID: undefined,
          messageType: 'Erro',
          direction: 'out',
          body: { errorCode: '101' },
          createdAt: 'now',
        },
      ]);
      expect(store.getTransaction('nope')).toBeUndefined();
      store.close();
    });

    it('writes a final result only once', () => {
      const store = create();
      store.seed([card], [], 'now');
      store.recordAuthentication({ ...sampleTransaction, state: 'challenging', result: undefined }, []);
      const result = { ...(sampleTransaction.result as NonNullable<Transaction['result']>) };
      expect(store.completeTransaction(sampleTransaction.acsTransID, result, [])).toBe(true);
      expect(
        store.completeTransaction(sampleTransaction.acsTransID, { ...result, transStatus: 'N' }, []),
      ).toBe(false);
      expect(store.getTransaction(sampleTransaction.acsTransID)?.result?.transStatus).toBe('Y');
      store.close();
    });

    it('accepts each TOTP step once and only moving forward', () => {
      const store = create();
      store.seed([card], [], 'now');
      expect(store.setTotpSecret(card.id, 'v1.sealed')).toBe(true);
      expect(store.acceptTotpStep(card.id, 100)).toBe(true);
      expect(store.acceptTotpStep(card.id, 100)).toBe(false);
      expect(store.acceptTotpStep(card.id, 99)).toBe(false);
      expect(store.acceptTotpStep(card.id, 101)).toBe(true);
      expect(store.getCardCredentials(card.id)).toEqual({
        totpSecretSealed: 'v1.sealed',
        totpLastStep: 101,
        passwordHash: undefined,
      });
      store.close();
    });

    it('records one bank-app answer while the transaction waits', () => {
      const store = create();
      store.seed([card], [], 'now');
      store.recordAuthentication(
        { ...sampleTransaction, state: 'awaiting-decoupled', result: undefined },
        [],
      );
      expect(store.listPendingApprovals(10).map((p) => p.transaction.acsTransID)).toEqual([
        sampleTransaction.acsTransID,
      ]);
      expect(store.recordApproval(sampleTransaction.acsTransID, 'approved', 't')).toBe(true);
      expect(store.recordApproval(sampleTransaction.acsTransID, 'denied', 't')).toBe(false);
      expect(store.getApproval(sampleTransaction.acsTransID)).toBe('approved');
      store.close();
    });

    it('counts rate events inside their window only', () => {
      const store = create();
      expect(store.countRateEvent('sms', '+1555', '2026-01-01T00:00:01Z', '2026-01-01T00:00:00Z')).toBe(1);
      expect(store.countRateEvent('sms', '+1555', '2026-01-01T00:00:02Z', '2026-01-01T00:00:00Z')).toBe(2);
      expect(store.countRateEvent('sms', '+1555', '2026-01-01T00:10:03Z', '2026-01-01T00:00:02Z')).toBe(1);
      expect(store.countRateEvent('sms', '+1666', '2026-01-01T00:10:03Z', '2026-01-01T00:00:02Z')).toBe(1);
      store.close();
    });

    it('records a text message once per idempotency key', () => {
      const store = create();
      const sms = {
        id: 'sms-1',
        acsTransID: undefined,
        to: '+15555550100',
        sealedBody: 'v1.x',
        status: 'queued' as const,
        errorCode: undefined,
        providerId: 'SM1',
        createdAt: 't',
        updatedAt: 't',
      };
      expect(store.recordSms(sms, 'k1')).toBe(true);
      expect(store.recordSms({ ...sms, id: 'sms-2' }, 'k1')).toBe(false);
      expect(store.hasSms('k1')).toBe(true);
      expect(store.updateSmsStatusByProviderId('SM1', 'sent', undefined, 't2')).toBe(true);
      expect(store.updateSmsStatusByProviderId('SM1', 'delivered', undefined, 't2')).toBe(true);
      expect(store.updateSmsStatusByProviderId('SM1', 'sent', undefined, 't3')).toBe(false);
      expect(store.updateSmsStatusByProviderId('SM1', 'queued', undefined, 't3')).toBe(false);
      expect(store.listSms({ limit: 10 }).map((m) => [m.id, m.status])).toEqual([['sms-1', 'delivered']]);
      store.close();
    });

    it('creates, edits and deletes cards, keeping transactions', () => {
      const store = create();
      expect(store.createCard(card, 't1')).toBe(true);
      expect(store.createCard({ ...card, id: 'other' }, 't2')).toBe(false);
      expect(store.updateCard(card.id, { scenario: 'frictionless-n', phone: undefined })).toBe(true);
      expect(store.getCard(card.id)).toMatchObject({
        scenario: 'frictionless-n',
        phone: undefined,
        cardholderName: 'Vera Visa',
      });
      store.recordAuthentication(sampleTransaction, []);
      expect(store.deleteCard(card.id)).toBe(true);
      expect(store.deleteCard(card.id)).toBe(false);
      expect(store.getTransaction(sampleTransaction.acsTransID)).toMatchObject({
        cardId: undefined,
        maskedPan: '400000******1000',
      });
      store.close();
    });

    it('searches transactions by any ID, masked PAN or scenario, newest first', () => {
      const store = create();
      store.seed([card], [], 'now');
      store.recordAuthentication(sampleTransaction, []);
      const later = {
        ...sampleTransaction,
        acsTransID: '55555555-5555-4555-8555-555555555555',
        createdAt: '2026-11-25T11:00:00.000Z',
      };
      store.recordAuthentication(later, []);
      expect(store.listTransactions({ limit: 10 }).map((t) => t.acsTransID)).toEqual([
        later.acsTransID,
        sampleTransaction.acsTransID,
      ]);
      expect(store.listTransactions({ id: sampleTransaction.dsTransID, limit: 10 })).toHaveLength(2);
      expect(store.listTransactions({ id: later.acsTransID, limit: 10 })).toHaveLength(1);
      expect(
        store.listTransactions({ maskedPan: '400000******1000', before: later.createdAt, limit: 10 }),
      ).toHaveLength(1);
      expect(store.listTransactions({ scenario: 'frictionless-y', limit: 10 })).toHaveLength(0);
      expect(store.outcomeCounts('2026-01-01')).toEqual([
        { scenario: 'challenge-sms', transStatus: 'Y', count: 2 },
      ]);
      store.close();
    });

    it('keeps operators and sessions until they expire or end', () => {
      const store = create();
      const operator = { id: 'op-1', username: 'admin', passwordHash: '$argon2id$x', createdAt: 't' };
      expect(store.createOperator(operator)).toBe(true);
      expect(store.createOperator({ ...operator, id: 'op-2' })).toBe(false);
      expect(store.findOperatorByUsername('admin')).toEqual(operator);
      expect(store.countOperators()).toBe(1);
      const session = {
        tokenHash: 'h1',
        operatorId: 'op-1',
        csrfToken: 'c1',
        createdAt: '2026-01-01T00:00:00Z',
        expiresAt: '2026-01-01T01:00:00Z',
      };
      store.createSession(session);
      expect(store.findSession('h1', '2026-01-01T00:30:00Z')).toEqual(session);
      expect(store.findSession('h1', '2026-01-01T01:00:00Z')).toBeUndefined();
      store.deleteSession('h1');
      expect(store.findSession('h1', '2026-01-01T00:30:00Z')).toBeUndefined();
      store.close();
    });
  });
}
