/**
 * The SMS outbox in SQLite. A message is recorded before it is handed to the provider, under
 * a unique idempotency key, so a retried or concurrent send (on any instance sharing the
 * database) is recorded, and sent, once.
 */
import type { SmsQueries } from '../operations.ts';
import * as smsRows from '../rows/sms.ts';
import type { SqliteDatabase } from './open.ts';
import type { Runner } from './runner.ts';

/** The SMS operations of the SQLite store. */
export function smsQueries(db: SqliteDatabase, run: Runner): SmsQueries {
  const sql = {
    insertSms: db.prepare(
      `INSERT OR IGNORE INTO sms_messages (id, acs_trans_id, to_phone, sealed_body, status, error_code, provider_id, created_at, updated_at, idempotency_key)
       VALUES (@id, @acs_trans_id, @to_phone, @sealed_body, @status, @error_code, @provider_id, @created_at, @updated_at, @idempotency_key)`,
    ),
    hasSms: db.prepare('SELECT 1 AS found FROM sms_messages WHERE idempotency_key = ?'),
    statusByProvider: db.prepare(
      // Delivery reports can arrive out of order: a status only moves forward (queued, sent, then
      // a final delivered / undelivered / failed), so a late "sent" never undoes "delivered".
      `UPDATE sms_messages SET status = @status, error_code = @error_code, updated_at = @now
       WHERE provider_id = @provider_id
         AND (CASE status WHEN 'queued' THEN 0 WHEN 'sent' THEN 1 ELSE 2 END)
           < (CASE @status WHEN 'queued' THEN 0 WHEN 'sent' THEN 1 ELSE 2 END)`,
    ),
    status: db.prepare(
      'UPDATE sms_messages SET status = ?, error_code = ?, updated_at = ?, provider_id = COALESCE(?, provider_id) WHERE id = ?',
    ),
    // One statement per filter: with `(@x IS NULL OR col = @x)` SQLite cannot use the column's
    // index and scans every message ever sent (39 ms at 100,000 rows, docs/performance.md).
    list: db.prepare('SELECT * FROM sms_messages ORDER BY created_at DESC, rowid DESC LIMIT @limit'),
    listByTransaction: db.prepare(
      'SELECT * FROM sms_messages WHERE acs_trans_id = @acs_trans_id ORDER BY created_at DESC, rowid DESC LIMIT @limit',
    ),
    listByPhone: db.prepare(
      'SELECT * FROM sms_messages WHERE to_phone = @to ORDER BY created_at DESC, rowid DESC LIMIT @limit',
    ),
    listByBoth: db.prepare(
      `SELECT * FROM sms_messages WHERE acs_trans_id = @acs_trans_id AND to_phone = @to
       ORDER BY created_at DESC, rowid DESC LIMIT @limit`,
    ),
  };

  return {
    recordSms: (sms, idempotencyKey) =>
      run.write(
        () => sql.insertSms.run({ ...smsRows.smsToRow(sms), idempotency_key: idempotencyKey }).changes === 1,
      ),
    hasSms: (idempotencyKey) => run.read(() => sql.hasSms.get(idempotencyKey) !== undefined),
    updateSmsStatusByProviderId: (providerId, status, errorCode, now) =>
      run.write(
        () =>
          sql.statusByProvider.run({ status, error_code: errorCode ?? null, now, provider_id: providerId })
            .changes > 0,
      ),
    updateSmsStatus: (id, status, errorCode, now, providerId) =>
      run.write(() => sql.status.run(status, errorCode ?? null, now, providerId ?? null, id).changes === 1),
    listSms: (filter) =>
      run.read(() => {
        const to = filter.to ?? null;
        const acsTransID = filter.acsTransID ?? null;
        const statement =
          to === null
            ? acsTransID === null
              ? sql.list
              : sql.listByTransaction
            : acsTransID === null
              ? sql.listByPhone
              : sql.listByBoth;
        const params = {
          limit: filter.limit,
          ...(to === null ? {} : { to }),
          ...(acsTransID === null ? {} : { acs_trans_id: acsTransID }),
        };
        return (statement.all(params) as smsRows.SmsRow[]).map(smsRows.smsFromRow);
      }),
  };
}
