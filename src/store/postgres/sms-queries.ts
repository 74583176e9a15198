/**
 * The SMS outbox in PostgreSQL. A message is recorded before it is handed to the provider,
 * under a unique idempotency key, so a retried or concurrent send on any instance is
 * recorded, and sent, once: the unique index decides, not a read before the write.
 */
import type pg from 'pg';
import type { SmsQueries } from '../operations.ts';
import * as smsRows from '../rows/sms.ts';

/** The SMS operations of the PostgreSQL store. */
export function smsQueries(pool: pg.Pool): SmsQueries {
  return {
    recordSms: async (sms, idempotencyKey) => {
      const row = smsRows.smsToRow(sms);
      // No conflict target: like SQLite's INSERT OR IGNORE, a clash on the id is ignored too.
      const recorded = await pool.query(
        `INSERT INTO sms_messages (id, acs_trans_id, to_phone, sealed_body, status, error_code, provider_id,
           created_at, updated_at, idempotency_key)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         ON CONFLICT DO NOTHING`,
        [
          row.id,
          row.acs_trans_id,
          row.to_phone,
          row.sealed_body,
          row.status,
          row.error_code,
          row.provider_id,
          row.created_at,
          row.updated_at,
          idempotencyKey,
        ],
      );
      return recorded.rowCount === 1;
    },
    hasSms: async (idempotencyKey) =>
      (await pool.query('SELECT 1 FROM sms_messages WHERE idempotency_key = $1', [idempotencyKey]))
        .rowCount === 1,
    updateSmsStatusByProviderId: async (providerId, status, errorCode, now) =>
      // Delivery reports can arrive out of order: a status only moves forward (queued, sent,
      // then a final delivered / undelivered / failed), so a late "sent" never undoes "delivered".
      ((
        await pool.query(
          `UPDATE sms_messages SET status = $2, error_code = $3, updated_at = $4
           WHERE provider_id = $1
             AND (CASE status WHEN 'queued' THEN 0 WHEN 'sent' THEN 1 ELSE 2 END)
               < (CASE $2::text WHEN 'queued' THEN 0 WHEN 'sent' THEN 1 ELSE 2 END)`,
          [providerId, status, errorCode ?? null, now],
        )
      ).rowCount ?? 0) > 0,
    updateSmsStatus: async (id, status, errorCode, now, providerId) =>
      (
        await pool.query(
          `UPDATE sms_messages SET status = $2, error_code = $3, updated_at = $4,
             provider_id = COALESCE($5, provider_id) WHERE id = $1`,
          [id, status, errorCode ?? null, now, providerId ?? null],
        )
      ).rowCount === 1,
    listSms: async (filter) =>
      (
        await pool.query<smsRows.SmsRow>(
          `SELECT * FROM sms_messages
           WHERE ($1::text IS NULL OR to_phone = $1) AND ($2::text IS NULL OR acs_trans_id = $2)
           ORDER BY created_at DESC, seq DESC LIMIT $3`,
          [filter.to ?? null, filter.acsTransID ?? null, filter.limit],
        )
      ).rows.map(smsRows.smsFromRow),
  };
}
