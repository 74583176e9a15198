/**
 * Cards, BIN ranges and cardholder credentials in PostgreSQL: seeding (one multi-row INSERT
 * per table, whatever the seed file's size), the card lookup every AReq makes, the admin
 * API's card editing, and the TOTP replay guard (a conditional UPDATE on the last accepted
 * time step, which PostgreSQL re-checks against the latest row when two posts race).
 */
import type pg from 'pg';
import type { AcsStore, NewCard } from '../port.ts';
import { type CardRow, cardFromRow, type RangeRow, rangeFromRow } from '../sqlite/rows.ts';
import { inTransaction, type Queryable } from './in-transaction.ts';

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

type CredentialsRow = {
  totp_secret_sealed: string | null;
  totp_last_step: number | null;
  password_hash: string | null;
};

/** Inserts the cards whose id and PAN hash are both new, in order; how many were. */
async function insertCards(q: Queryable, cards: readonly NewCard[], now: string): Promise<number> {
  if (cards.length === 0) return 0;
  const result = await q.query(
    `INSERT INTO cards (id, pan_hash, masked_pan, scheme, scenario, cardholder_name, phone, email, created_at)
     SELECT id, pan_hash, masked_pan, scheme, scenario, cardholder_name, phone, email, $9
     FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])
       WITH ORDINALITY AS c(id, pan_hash, masked_pan, scheme, scenario, cardholder_name, phone, email, n)
     ORDER BY n
     ON CONFLICT DO NOTHING`,
    [
      cards.map((c) => c.id),
      cards.map((c) => c.panHash),
      cards.map((c) => c.maskedPan),
      cards.map((c) => c.scheme),
      cards.map((c) => c.scenario),
      cards.map((c) => c.cardholderName ?? null),
      cards.map((c) => c.phone ?? null),
      cards.map((c) => c.email ?? null),
      now,
    ],
  );
  return result.rowCount ?? 0;
}

const one = (result: pg.QueryResult): boolean => result.rowCount === 1;

/** The card operations of the PostgreSQL store. */
export function cardQueries(pool: pg.Pool): CardQueries {
  const card = async (where: 'id' | 'pan_hash', value: string) => {
    const { rows } = await pool.query<CardRow>(`SELECT * FROM cards WHERE ${where} = $1`, [value]);
    return rows[0] === undefined ? undefined : cardFromRow(rows[0]);
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
          [
            ranges.map((r) => r.startRange),
            ranges.map((r) => r.endRange),
            ranges.map((r) => r.scheme),
            ranges.map((r) => r.threeDSMethod ?? null),
          ],
        );
        return { cardsAdded, rangesAdded: added.rowCount ?? 0 };
      }),
    findCardByPanHash: (panHash) => card('pan_hash', panHash),
    getCard: (id) => card('id', id),
    listCardRanges: async () =>
      (await pool.query<RangeRow>('SELECT * FROM card_ranges ORDER BY start_range')).rows.map(rangeFromRow),
    listCards: async () =>
      (await pool.query<CardRow>('SELECT * FROM cards ORDER BY created_at DESC, seq DESC')).rows.map(
        cardFromRow,
      ),
    createCard: async (newCard, now) => (await insertCards(pool, [newCard], now)) === 1,
    updateCard: async (id, changes) =>
      one(
        await pool.query(
          `UPDATE cards SET scenario = COALESCE($2, scenario),
             cardholder_name = CASE WHEN $3::boolean THEN $4 ELSE cardholder_name END,
             phone = CASE WHEN $5::boolean THEN $6 ELSE phone END,
             email = CASE WHEN $7::boolean THEN $8 ELSE email END
           WHERE id = $1`,
          [
            id,
            changes.scenario ?? null,
            'cardholderName' in changes,
            changes.cardholderName ?? null,
            'phone' in changes,
            changes.phone ?? null,
            'email' in changes,
            changes.email ?? null,
          ],
        ),
      ),
    deleteCard: async (id) => one(await pool.query('DELETE FROM cards WHERE id = $1', [id])),
    listCredentialStates: async () =>
      (
        await pool.query<{ id: string; totp: boolean; password: boolean }>(
          'SELECT id, totp_secret_sealed IS NOT NULL AS totp, password_hash IS NOT NULL AS password FROM cards',
        )
      ).rows.map((row) => ({ cardId: row.id, totpEnrolled: row.totp, passwordSet: row.password })),
    getCardCredentials: async (cardId) => {
      const { rows } = await pool.query<CredentialsRow>(
        'SELECT totp_secret_sealed, totp_last_step, password_hash FROM cards WHERE id = $1',
        [cardId],
      );
      const row = rows[0];
      if (row === undefined) return undefined;
      return {
        totpSecretSealed: row.totp_secret_sealed ?? undefined,
        totpLastStep: row.totp_last_step ?? undefined,
        passwordHash: row.password_hash ?? undefined,
      };
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
