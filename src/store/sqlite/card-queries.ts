/**
 * Cards, BIN ranges and cardholder credentials in SQLite: seeding, the card lookup every AReq
 * makes, the admin API's card editing, and the TOTP replay guard (a compare-and-set on the
 * last accepted time step).
 */
import type { CardRange } from '../../domain/card.ts';
import type { AcsStore, NewCard } from '../port.ts';
import type { SqliteDatabase } from './open.ts';
import { type CardRow, cardFromRow, type RangeRow, rangeFromRow } from './rows.ts';
import type { Runner } from './runner.ts';

type CardQueries = Pick<
  AcsStore,
  | 'seed'
  | 'findCardByPanHash'
  | 'getCard'
  | 'listCardRanges'
  | 'listCards'
  | 'createCard'
  | 'updateCard'
  | 'deleteCard'
  | 'listCredentialStates'
  | 'getCardCredentials'
  | 'setTotpSecret'
  | 'setPasswordHash'
  | 'acceptTotpStep'
>;

/** The card operations of the SQLite store. */
export function cardQueries(db: SqliteDatabase, run: Runner): CardQueries {
  const sql = {
    insertCard: db.prepare(
      `INSERT OR IGNORE INTO cards (id, pan_hash, masked_pan, scheme, scenario, cardholder_name, phone, email, created_at)
       VALUES (@id, @pan_hash, @masked_pan, @scheme, @scenario, @cardholder_name, @phone, @email, @created_at)`,
    ),
    insertRange: db.prepare(
      `INSERT OR IGNORE INTO card_ranges (start_range, end_range, scheme, three_ds_method)
       VALUES (@start_range, @end_range, @scheme, @three_ds_method)`,
    ),
    cardByHash: db.prepare('SELECT * FROM cards WHERE pan_hash = ?'),
    cardById: db.prepare('SELECT * FROM cards WHERE id = ?'),
    ranges: db.prepare('SELECT * FROM card_ranges ORDER BY start_range'),
    listCards: db.prepare('SELECT * FROM cards ORDER BY created_at DESC, rowid DESC'),
    updateCard: db.prepare(
      `UPDATE cards SET scenario = COALESCE(@scenario, scenario),
         cardholder_name = CASE WHEN @set_name THEN @cardholder_name ELSE cardholder_name END,
         phone = CASE WHEN @set_phone THEN @phone ELSE phone END,
         email = CASE WHEN @set_email THEN @email ELSE email END
       WHERE id = @id`,
    ),
    deleteCard: db.prepare('DELETE FROM cards WHERE id = ?'),
    credentialStates: db.prepare(
      'SELECT id, totp_secret_sealed IS NOT NULL AS totp, password_hash IS NOT NULL AS password FROM cards',
    ),
    credentials: db.prepare(
      'SELECT totp_secret_sealed, totp_last_step, password_hash FROM cards WHERE id = ?',
    ),
    setTotp: db.prepare('UPDATE cards SET totp_secret_sealed = ?, totp_last_step = NULL WHERE id = ?'),
    setPassword: db.prepare('UPDATE cards SET password_hash = ? WHERE id = ?'),
    acceptTotpStep: db.prepare(
      'UPDATE cards SET totp_last_step = @step WHERE id = @id AND (totp_last_step IS NULL OR totp_last_step < @step)',
    ),
  };

  /** Inserts a card unless its PAN hash is known; 1 when inserted, 0 otherwise. */
  const insertCard = (card: NewCard, now: string): number => {
    const row: CardRow = {
      id: card.id,
      pan_hash: card.panHash,
      masked_pan: card.maskedPan,
      scheme: card.scheme,
      scenario: card.scenario,
      cardholder_name: card.cardholderName ?? null,
      phone: card.phone ?? null,
      email: card.email ?? null,
      created_at: now,
    };
    return sql.insertCard.run(row).changes;
  };

  return {
    seed: (cards, ranges: readonly CardRange[], now) =>
      run.write(() => {
        let cardsAdded = 0;
        let rangesAdded = 0;
        for (const card of cards) cardsAdded += insertCard(card, now);
        for (const range of ranges) {
          rangesAdded += sql.insertRange.run({
            start_range: range.startRange,
            end_range: range.endRange,
            scheme: range.scheme,
            three_ds_method: range.threeDSMethod ?? null,
          }).changes;
        }
        return { cardsAdded, rangesAdded };
      }),
    findCardByPanHash: (panHash) =>
      run.read(() => {
        const row = sql.cardByHash.get(panHash) as CardRow | undefined;
        return row === undefined ? undefined : cardFromRow(row);
      }),
    getCard: (id) =>
      run.read(() => {
        const row = sql.cardById.get(id) as CardRow | undefined;
        return row === undefined ? undefined : cardFromRow(row);
      }),
    listCardRanges: () => run.read(() => (sql.ranges.all() as RangeRow[]).map(rangeFromRow)),
    listCards: () => run.read(() => (sql.listCards.all() as CardRow[]).map(cardFromRow)),
    createCard: (card, now) => run.write(() => insertCard(card, now) === 1),
    updateCard: (id, changes) =>
      run.write(
        () =>
          sql.updateCard.run({
            id,
            scenario: changes.scenario ?? null,
            set_name: 'cardholderName' in changes ? 1 : 0,
            cardholder_name: changes.cardholderName ?? null,
            set_phone: 'phone' in changes ? 1 : 0,
            phone: changes.phone ?? null,
            set_email: 'email' in changes ? 1 : 0,
            email: changes.email ?? null,
          }).changes === 1,
      ),
    deleteCard: (id) => run.write(() => sql.deleteCard.run(id).changes === 1),
    listCredentialStates: () =>
      run.read(() =>
        (sql.credentialStates.all() as { id: string; totp: number; password: number }[]).map((row) => ({
          cardId: row.id,
          totpEnrolled: row.totp === 1,
          passwordSet: row.password === 1,
        })),
      ),
    getCardCredentials: (cardId) =>
      run.read(() => {
        const row = sql.credentials.get(cardId) as
          | { totp_secret_sealed: string | null; totp_last_step: number | null; password_hash: string | null }
          | undefined;
        if (row === undefined) return undefined;
        return {
          totpSecretSealed: row.totp_secret_sealed ?? undefined,
          totpLastStep: row.totp_last_step ?? undefined,
          passwordHash: row.password_hash ?? undefined,
        };
      }),
    setTotpSecret: (cardId, sealed) => run.write(() => sql.setTotp.run(sealed, cardId).changes === 1),
    setPasswordHash: (cardId, hash) => run.write(() => sql.setPassword.run(hash, cardId).changes === 1),
    acceptTotpStep: (cardId, step) =>
      run.write(() => sql.acceptTotpStep.run({ id: cardId, step }).changes === 1),
  };
}
