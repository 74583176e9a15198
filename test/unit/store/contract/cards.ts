/**
 * Contract: cards and BIN ranges (seeding, the AReq lookup, the admin API's editing) and the
 * cardholder credentials behind TOTP and password challenges.
 */
import { describe, expect, it } from 'vitest';
import type { CardRange } from '../../../../src/domain/card.ts';
import type { NewCard } from '../../../../src/store/port.ts';
import { at, card, sampleTransaction, visaRange } from './fixtures.ts';
import type { ContractContext } from './harness.ts';

const mastercard: NewCard = {
  id: 'card-2',
  panHash: 'b'.repeat(64),
  maskedPan: '512345******0008',
  scheme: 'mastercard',
  scenario: 'frictionless-y',
  cardholderName: undefined,
  phone: undefined,
  email: undefined,
  fault: undefined,
  faultDelayMs: undefined,
};

const amex: NewCard = {
  id: 'card-3',
  panHash: 'd'.repeat(64),
  maskedPan: '340000*****0009',
  scheme: 'amex',
  scenario: 'challenge-choice',
  cardholderName: 'Amy Amex',
  phone: '+447700900123',
  email: 'amy@example.test',
  fault: 'ares-late',
  faultDelayMs: 12_000,
};

/** Cards, ranges and credentials. */
export function cardContract({ withStore }: ContractContext): void {
  describe('cards', () => {
    it('seeds cards and ranges once, keeping what is there', () =>
      withStore(async (store) => {
        expect(await store.seed([card], [visaRange], at(0))).toEqual({ cardsAdded: 1, rangesAdded: 1 });
        expect(
          await store.seed([{ ...card, id: 'card-9', scenario: 'frictionless-y' }], [visaRange], at(60)),
        ).toEqual({ cardsAdded: 0, rangesAdded: 0 });
        expect(await store.findCardByPanHash(card.panHash)).toEqual({ ...card, createdAt: at(0) });
        expect(await store.findCardByPanHash('f'.repeat(64))).toBeUndefined();
        expect(await store.listCardRanges()).toEqual([visaRange]);
      }));

    it('lists ranges ordered by their start whatever the seeding order', () =>
      withStore(async (store) => {
        const ranges: CardRange[] = [
          { startRange: '5123450000000000', endRange: '5123459999999999', scheme: 'mastercard' },
          visaRange,
          { startRange: '340000000000000', endRange: '340000999999999', scheme: 'amex' },
        ];
        expect(await store.seed([], ranges, at(0))).toEqual({ cardsAdded: 0, rangesAdded: 3 });
        expect(await store.listCardRanges()).toEqual(
          [...ranges].sort((a, b) => (a.startRange < b.startRange ? -1 : 1)),
        );
      }));

    it('round-trips every optional card field, present or absent', () =>
      withStore(async (store) => {
        await store.seed([mastercard, amex], [], at(0));
        expect(await store.getCard(mastercard.id)).toStrictEqual({ ...mastercard, createdAt: at(0) });
        expect(await store.getCard(amex.id)).toStrictEqual({ ...amex, createdAt: at(0) });
        expect(await store.findCardByPanHash(amex.panHash)).toStrictEqual({ ...amex, createdAt: at(0) });
        expect(await store.getCard('card-404')).toBeUndefined();
      }));

    it('lists cards newest first, ties in reverse insertion order', () =>
      withStore(async (store) => {
        await store.seed([card, mastercard], [], at(0));
        expect(await store.createCard(amex, at(60))).toBe(true);
        expect((await store.listCards()).map((c) => c.id)).toEqual([amex.id, mastercard.id, card.id]);
      }));

    it('creates a card once per PAN hash', () =>
      withStore(async (store) => {
        expect(await store.createCard(card, at(1))).toBe(true);
        expect(await store.createCard({ ...card, id: 'other' }, at(2))).toBe(false);
        expect(await store.getCard('other')).toBeUndefined();
        expect(await store.listCards()).toEqual([{ ...card, createdAt: at(1) }]);
      }));

    it('edits only the details named: an absent key keeps, a key with undefined clears', () =>
      withStore(async (store) => {
        await store.createCard(amex, at(0));
        expect(await store.updateCard(amex.id, { scenario: 'frictionless-n', phone: undefined })).toBe(true);
        expect(await store.getCard(amex.id)).toStrictEqual({
          ...amex,
          scenario: 'frictionless-n',
          phone: undefined,
          createdAt: at(0),
        });
        expect(
          await store.updateCard(amex.id, { cardholderName: 'Amy B. Amex', phone: '+447700900999' }),
        ).toBe(true);
        expect(await store.updateCard(amex.id, { email: undefined, cardholderName: undefined })).toBe(true);
        expect(await store.updateCard(amex.id, {})).toBe(true);
        expect(await store.getCard(amex.id)).toStrictEqual({
          ...amex,
          scenario: 'frictionless-n',
          cardholderName: undefined,
          phone: '+447700900999',
          email: undefined,
          createdAt: at(0),
        });
        expect(await store.updateCard('card-404', { scenario: 'decoupled' })).toBe(false);
      }));

    it('sets a fault with its delay, replaces both together, and clears them', () =>
      withStore(async (store) => {
        await store.createCard(amex, at(0));
        expect(await store.updateCard(amex.id, { fault: 'rreq-twice', faultDelayMs: undefined })).toBe(true);
        expect(await store.getCard(amex.id)).toMatchObject({ fault: 'rreq-twice', faultDelayMs: undefined });
        await store.updateCard(amex.id, { fault: 'rreq-late', faultDelayMs: 750 });
        await store.updateCard(amex.id, { scenario: 'challenge-sms' });
        expect(await store.getCard(amex.id)).toMatchObject({ fault: 'rreq-late', faultDelayMs: 750 });
        await store.updateCard(amex.id, { fault: undefined, faultDelayMs: undefined });
        expect(await store.getCard(amex.id)).toMatchObject({ fault: undefined, faultDelayMs: undefined });
      }));

    it('deletes a card, its transactions keeping their masked PAN', () =>
      withStore(async (store) => {
        expect(await store.createCard(card, at(0))).toBe(true);
        await store.recordAuthentication(sampleTransaction, []);
        expect(await store.deleteCard(card.id)).toBe(true);
        expect(await store.deleteCard(card.id)).toBe(false);
        expect(await store.getCard(card.id)).toBeUndefined();
        expect(await store.findCardByPanHash(card.panHash)).toBeUndefined();
        expect(await store.getCardCredentials(card.id)).toBeUndefined();
        expect(await store.getTransaction(sampleTransaction.acsTransID)).toStrictEqual({
          ...sampleTransaction,
          cardId: undefined,
        });
        // The PAN hash is free again: the same card can be added anew.
        expect(await store.createCard(card, at(60))).toBe(true);
      }));

    it('stores credentials per card, none at first', () =>
      withStore(async (store) => {
        await store.seed([card, mastercard], [], at(0));
        expect(await store.getCardCredentials(card.id)).toStrictEqual({
          totpSecretSealed: undefined,
          totpLastStep: undefined,
          passwordHash: undefined,
        });
        expect(await store.setPasswordHash(card.id, '$argon2id$v=19$pw')).toBe(true);
        expect(await store.setTotpSecret(mastercard.id, 'v1.totp-secret')).toBe(true);
        expect(await store.getCardCredentials(card.id)).toStrictEqual({
          totpSecretSealed: undefined,
          totpLastStep: undefined,
          passwordHash: '$argon2id$v=19$pw',
        });
        expect(await store.setPasswordHash(card.id, '$argon2id$v=19$pw2')).toBe(true);
        expect((await store.getCardCredentials(card.id))?.passwordHash).toBe('$argon2id$v=19$pw2');
        expect(await store.getCardCredentials(mastercard.id)).toStrictEqual({
          totpSecretSealed: 'v1.totp-secret',
          totpLastStep: undefined,
          passwordHash: undefined,
        });
        expect(
          [...(await store.listCredentialStates())].sort((x, y) => x.cardId.localeCompare(y.cardId)),
        ).toStrictEqual(
          [
            { cardId: card.id, totpEnrolled: false, passwordSet: true },
            { cardId: mastercard.id, totpEnrolled: true, passwordSet: false },
          ].sort((x, y) => x.cardId.localeCompare(y.cardId)),
        );
        expect(await store.getCardCredentials('card-404')).toBeUndefined();
        expect(await store.setPasswordHash('card-404', '$argon2id$x')).toBe(false);
        expect(await store.setTotpSecret('card-404', 'v1.x')).toBe(false);
      }));

    it('accepts each TOTP step once and only moving forward', () =>
      withStore(async (store) => {
        await store.seed([card], [], at(0));
        expect(await store.setTotpSecret(card.id, 'v1.sealed')).toBe(true);
        expect(await store.acceptTotpStep(card.id, 100)).toBe(true);
        expect(await store.acceptTotpStep(card.id, 100)).toBe(false);
        expect(await store.acceptTotpStep(card.id, 99)).toBe(false);
        expect(await store.acceptTotpStep(card.id, 101)).toBe(true);
        expect(await store.getCardCredentials(card.id)).toEqual({
          totpSecretSealed: 'v1.sealed',
          totpLastStep: 101,
          passwordHash: undefined,
        });
        expect(await store.acceptTotpStep('card-404', 102)).toBe(false);
      }));

    it('resets the TOTP replay guard when the secret is replaced', () =>
      withStore(async (store) => {
        await store.seed([card], [], at(0));
        await store.setTotpSecret(card.id, 'v1.first');
        expect(await store.acceptTotpStep(card.id, 5_000)).toBe(true);
        expect(await store.setTotpSecret(card.id, 'v1.second')).toBe(true);
        expect(await store.getCardCredentials(card.id)).toStrictEqual({
          totpSecretSealed: 'v1.second',
          totpLastStep: undefined,
          passwordHash: undefined,
        });
        expect(await store.acceptTotpStep(card.id, 10)).toBe(true);
      }));
  });
}
