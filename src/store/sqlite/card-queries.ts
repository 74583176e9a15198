/**
 * Cards, BIN ranges and cardholder credentials in SQLite: seeding, the card lookup every AReq
 * makes, the admin API's card editing, and the TOTP replay guard (a compare-and-set on the
 * last accepted time step).
 */
import type { CardQueries } from '../operations.ts';
import type { NewCard } from '../port.ts';
import * as cardRows from '../rows/cards.ts';
import type { SqliteDatabase } from './open.ts';
import type { Runner } from './runner.ts';

/** The card operations of the SQLite store. */
export function cardQueries(db: SqliteDatabase, run: Runner): CardQueries {
  const sql = {
    insertCard: db.prepare(
      `INSERT OR IGNORE INTO cards (id, pan_hash, masked_pan, scheme, scenario, cardholder_name, phone, email, fault, fault_delay_ms, created_at)
       VALUES (@id, @pan_hash, @masked_pan, @scheme, @scenario, @cardholder_name, @phone, @email, @fault, @fault_delay_ms, @created_at)`,
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
         email = CASE WHEN @set_email THEN @email ELSE email END,
         fault = CASE WHEN @set_fault THEN @fault ELSE fault END,
         fault_delay_ms = CASE WHEN @set_fault THEN @fault_delay_ms ELSE fault_delay_ms END
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
  const insertCard = (card: NewCard, now: string): number =>
    sql.insertCard.run(cardRows.cardToRow(card, now)).changes;

  return {
    seed: (cards, ranges, now) =>
      run.write(() => {
        let cardsAdded = 0;
        let rangesAdded = 0;
        for (const card of cards) cardsAdded += insertCard(card, now);
        for (const range of ranges) rangesAdded += sql.insertRange.run(cardRows.rangeToRow(range)).changes;
        return { cardsAdded, rangesAdded };
      }),
    findCardByPanHash: (panHash) =>
      run.read(() => {
        const row = sql.cardByHash.get(panHash) as cardRows.CardRow | undefined;
        return row === undefined ? undefined : cardRows.cardFromRow(row);
      }),
    getCard: (id) =>
      run.read(() => {
        const row = sql.cardById.get(id) as cardRows.CardRow | undefined;
        return row === undefined ? undefined : cardRows.cardFromRow(row);
      }),
    listCardRanges: () =>
      run.read(() => (sql.ranges.all() as cardRows.RangeRow[]).map(cardRows.rangeFromRow)),
    listCards: () => run.read(() => (sql.listCards.all() as cardRows.CardRow[]).map(cardRows.cardFromRow)),
    createCard: (card, now) => run.write(() => insertCard(card, now) === 1),
    updateCard: (id, changes) =>
      run.write(() => sql.updateCard.run(cardRows.cardChangesToRow(id, changes)).changes === 1),
    deleteCard: (id) => run.write(() => sql.deleteCard.run(id).changes === 1),
    listCredentialStates: () =>
      run.read(() =>
        (sql.credentialStates.all() as cardRows.CredentialStateRow[]).map(cardRows.credentialStateFromRow),
      ),
    getCardCredentials: (cardId) =>
      run.read(() => {
        const row = sql.credentials.get(cardId) as cardRows.CredentialsRow | undefined;
        return row === undefined ? undefined : cardRows.credentialsFromRow(row);
      }),
    setTotpSecret: (cardId, sealed) => run.write(() => sql.setTotp.run(sealed, cardId).changes === 1),
    setPasswordHash: (cardId, hash) => run.write(() => sql.setPassword.run(hash, cardId).changes === 1),
    acceptTotpStep: (cardId, step) =>
      run.write(() => sql.acceptTotpStep.run({ id: cardId, step }).changes === 1),
  };
}
