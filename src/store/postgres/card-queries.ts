/**
 * Cards, BIN ranges and cardholder credentials in PostgreSQL: seeding (one multi-row INSERT
 * per table, whatever the seed file's size), the card lookup every AReq makes, the admin
 * API's card editing, and the TOTP replay guard (a conditional UPDATE on the last accepted
 * time step, which PostgreSQL re-checks against the latest row when two posts race).
 */
import type pg from 'pg';
import type { CardQueries } from '../operations.ts';
import type { NewCard } from '../port.ts';
import * as cardRows from '../rows/cards.ts';
import { inTransaction, type Queryable } from './in-transaction.ts';
import { columnArrays } from './unnest.ts';

/** The columns of a new card sent as arrays ($1-$10; created_at, the same for all, is $11). */
const cardArrays = [
  'id',
  'pan_hash',
  'masked_pan',
  'scheme',
  'scenario',
  'cardholder_name',
  'phone',
  'email',
  'fault',
  'fault_delay_ms',
] as const satisfies readonly (keyof cardRows.CardRow)[];

/** The columns of a new card range sent as arrays ($1-$4). */
const rangeArrays = [
  'start_range',
  'end_range',
  'scheme',
  'three_ds_method',
] as const satisfies readonly (keyof cardRows.RangeRow)[];

/** Inserts the cards whose id and PAN hash are both new, in order; how many were. */
async function insertCards(q: Queryable, cards: readonly NewCard[], now: string): Promise<number> {
  if (cards.length === 0) return 0;
  const rows = cards.map((card) => cardRows.cardToRow(card, now));
  const result = await q.query(
    `INSERT INTO cards (id, pan_hash, masked_pan, scheme, scenario, cardholder_name, phone, email, fault, fault_delay_ms, created_at)
     SELECT id, pan_hash, masked_pan, scheme, scenario, cardholder_name, phone, email, fault, fault_delay_ms, $11
     FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::integer[])
       WITH ORDINALITY AS c(id, pan_hash, masked_pan, scheme, scenario, cardholder_name, phone, email, fault, fault_delay_ms, n)
     ORDER BY n
     ON CONFLICT DO NOTHING`,
    [...columnArrays(rows, cardArrays), now],
  );
  return result.rowCount ?? 0;
}

const one = (result: pg.QueryResult): boolean => result.rowCount === 1;

/** The card operations of the PostgreSQL store. */
export function cardQueries(pool: pg.Pool): CardQueries {
  const card = async (where: 'id' | 'pan_hash', value: string) => {
    const { rows } = await pool.query<cardRows.CardRow>(`SELECT * FROM cards WHERE ${where} = $1`, [value]);
    return rows[0] === undefined ? undefined : cardRows.cardFromRow(rows[0]);
  };

  return {
    seed: (cards, ranges, now) =>
      inTransaction(pool, async (client) => {
        const cardsAdded = await insertCards(client, cards, now);
        if (ranges.length === 0) return { cardsAdded, rangesAdded: 0 };
        const added = await client.query(
          `INSERT INTO card_ranges (start_range, end_range, scheme, three_ds_method)
           SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])
           ON CONFLICT DO NOTHING`,
          columnArrays(ranges.map(cardRows.rangeToRow), rangeArrays),
        );
        return { cardsAdded, rangesAdded: added.rowCount ?? 0 };
      }),
    findCardByPanHash: (panHash) => card('pan_hash', panHash),
    getCard: (id) => card('id', id),
    listCardRanges: async () =>
      (await pool.query<cardRows.RangeRow>('SELECT * FROM card_ranges ORDER BY start_range')).rows.map(
        cardRows.rangeFromRow,
      ),
    listCards: async () =>
      (await pool.query<cardRows.CardRow>('SELECT * FROM cards ORDER BY created_at DESC, seq DESC')).rows.map(
        cardRows.cardFromRow,
      ),
    createCard: async (newCard, now) => (await insertCards(pool, [newCard], now)) === 1,
    updateCard: async (id, changes) => {
      const row = cardRows.cardChangesToRow(id, changes);
      return one(
        await pool.query(
          `UPDATE cards SET scenario = COALESCE($2, scenario),
             cardholder_name = CASE WHEN $3::boolean THEN $4 ELSE cardholder_name END,
             phone = CASE WHEN $5::boolean THEN $6 ELSE phone END,
             email = CASE WHEN $7::boolean THEN $8 ELSE email END,
             fault = CASE WHEN $9::boolean THEN $10 ELSE fault END,
             fault_delay_ms = CASE WHEN $9::boolean THEN $11::integer ELSE fault_delay_ms END
           WHERE id = $1`,
          [
            row.id,
            row.scenario,
            row.set_name === 1,
            row.cardholder_name,
            row.set_phone === 1,
            row.phone,
            row.set_email === 1,
            row.email,
            row.set_fault === 1,
            row.fault,
            row.fault_delay_ms,
          ],
        ),
      );
    },
    deleteCard: async (id) => one(await pool.query('DELETE FROM cards WHERE id = $1', [id])),
    listCredentialStates: async () =>
      (
        await pool.query<cardRows.CredentialStateRow>(
          'SELECT id, totp_secret_sealed IS NOT NULL AS totp, password_hash IS NOT NULL AS password FROM cards',
        )
      ).rows.map(cardRows.credentialStateFromRow),
    getCardCredentials: async (cardId) => {
      const { rows } = await pool.query<cardRows.CredentialsRow>(
        'SELECT totp_secret_sealed, totp_last_step, password_hash FROM cards WHERE id = $1',
        [cardId],
      );
      return rows[0] === undefined ? undefined : cardRows.credentialsFromRow(rows[0]);
    },
    setTotpSecret: async (cardId, sealed) =>
      one(
        await pool.query('UPDATE cards SET totp_secret_sealed = $2, totp_last_step = NULL WHERE id = $1', [
          cardId,
          sealed,
        ]),
      ),
    setPasswordHash: async (cardId, hash) =>
      one(await pool.query('UPDATE cards SET password_hash = $2 WHERE id = $1', [cardId, hash])),
    acceptTotpStep: async (cardId, step) =>
      one(
        await pool.query(
          'UPDATE cards SET totp_last_step = $2 WHERE id = $1 AND (totp_last_step IS NULL OR totp_last_step < $2)',
          [cardId, step],
        ),
      ),
  };
}
