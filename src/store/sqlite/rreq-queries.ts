/**
 * RReq delivery in SQLite: every attempt recorded for the timeline, and the next retry kept
 * in the database (not in a timer of one process), so whichever instance sweeps first makes
 * it, exactly once, and a restart does not forget it.
 */
import type { RReqQueries } from '../operations.ts';
import * as rreqRows from '../rows/rreq.ts';
import * as transactionRows from '../rows/transactions.ts';
import type { SqliteDatabase } from './open.ts';
import type { Runner } from './runner.ts';

/** The RReq operations of the SQLite store. */
export function rreqQueries(db: SqliteDatabase, run: Runner): RReqQueries {
  const sql = {
    insertAttempt: db.prepare(
      `INSERT INTO rreq_attempts (acs_trans_id, attempt, outcome, http_status, detail, verdict, at)
       VALUES (@acs_trans_id, @attempt, @outcome, @http_status, @detail, @verdict, @at)`,
    ),
    attempts: db.prepare('SELECT * FROM rreq_attempts WHERE acs_trans_id = ? ORDER BY id'),
    undelivered: db.prepare(
      `SELECT t.* FROM transactions t
       JOIN rreq_attempts a ON a.acs_trans_id = t.acs_trans_id
         AND a.id = (SELECT MAX(id) FROM rreq_attempts WHERE acs_trans_id = t.acs_trans_id)
       WHERE a.outcome <> 'delivered'
       ORDER BY a.at DESC LIMIT ?`,
    ),
    schedule: db.prepare(
      `INSERT INTO rreq_retries (acs_trans_id, rreq, attempt, due_at) VALUES (@acs_trans_id, @rreq, @attempt, @due_at)
       ON CONFLICT (acs_trans_id) DO UPDATE SET rreq = excluded.rreq, attempt = excluded.attempt, due_at = excluded.due_at`,
    ),
    due: db.prepare('SELECT * FROM rreq_retries WHERE due_at <= ? ORDER BY due_at LIMIT ?'),
    lease: db.prepare('UPDATE rreq_retries SET due_at = ? WHERE acs_trans_id = ?'),
    cancel: db.prepare('DELETE FROM rreq_retries WHERE acs_trans_id = ?'),
  };

  return {
    recordRReqAttempt: (attempt) =>
      run.write(() => {
        sql.insertAttempt.run(rreqRows.rreqAttemptToRow(attempt));
      }),
    listRReqAttempts: (acsTransID) =>
      run.read(() =>
        (sql.attempts.all(acsTransID) as rreqRows.RReqAttemptRow[]).map(rreqRows.rreqAttemptFromRow),
      ),
    listUndeliveredRReqs: (limit) =>
      run.read(() =>
        (sql.undelivered.all(limit) as transactionRows.TransactionRow[]).map(
          transactionRows.transactionFromRow,
        ),
      ),
    scheduleRReqRetry: (retry) =>
      run.write(() => {
        sql.schedule.run(rreqRows.rreqRetryToRow(retry));
      }),
    claimRReqRetries: (now, leaseUntil, limit) =>
      run.write(() =>
        (sql.due.all(now, limit) as rreqRows.RReqRetryRow[]).map((row) => {
          sql.lease.run(leaseUntil, row.acs_trans_id);
          return rreqRows.rreqRetryFromRow(row);
        }),
      ),
    cancelRReqRetry: (acsTransID) =>
      run.write(() => {
        sql.cancel.run(acsTransID);
      }),
  };
}
