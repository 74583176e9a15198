/**
 * RReq delivery in PostgreSQL: every attempt recorded for the timeline, and the next retry
 * kept in the database (not in a timer of one process), so whichever instance sweeps first
 * makes it, exactly once (FOR UPDATE SKIP LOCKED plus a lease), and a restart does not
 * forget it.
 */
import type pg from 'pg';
import type { RReqQueries } from '../operations.ts';
import * as rreqRows from '../rows/rreq.ts';
import * as transactionRows from '../rows/transactions.ts';

/** A claimed retry: its due time in the database is the lease, `claimed_due` the one it had. */
type ClaimedRetryRow = Omit<rreqRows.RReqRetryRow, 'due_at'> & { claimed_due: string };

/** The RReq operations of the PostgreSQL store. */
export function rreqQueries(pool: pg.Pool): RReqQueries {
  return {
    recordRReqAttempt: async (attempt) => {
      const row = rreqRows.rreqAttemptToRow(attempt);
      await pool.query(
        'INSERT INTO rreq_attempts (acs_trans_id, attempt, outcome, http_status, detail, verdict, at) VALUES ($1, $2, $3, $4, $5, $6, $7)',
        [row.acs_trans_id, row.attempt, row.outcome, row.http_status, row.detail, row.verdict, row.at],
      );
    },
    listRReqAttempts: async (acsTransID) =>
      (
        await pool.query<rreqRows.RReqAttemptRow>(
          'SELECT * FROM rreq_attempts WHERE acs_trans_id = $1 ORDER BY id',
          [acsTransID],
        )
      ).rows.map(rreqRows.rreqAttemptFromRow),
    listUndeliveredRReqs: async (limit) =>
      (
        await pool.query<transactionRows.TransactionRow>(
          `SELECT t.* FROM transactions t
           JOIN rreq_attempts a ON a.acs_trans_id = t.acs_trans_id
             AND a.id = (SELECT MAX(id) FROM rreq_attempts WHERE acs_trans_id = t.acs_trans_id)
           WHERE a.outcome <> 'delivered'
           ORDER BY a.at DESC LIMIT $1`,
          [limit],
        )
      ).rows.map(transactionRows.transactionFromRow),
    scheduleRReqRetry: async (retry) => {
      const row = rreqRows.rreqRetryToRow(retry);
      await pool.query(
        `INSERT INTO rreq_retries (acs_trans_id, rreq, attempt, due_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (acs_trans_id) DO UPDATE SET rreq = excluded.rreq, attempt = excluded.attempt, due_at = excluded.due_at`,
        [row.acs_trans_id, row.rreq, row.attempt, row.due_at],
      );
    },
    claimRReqRetries: async (now, leaseUntil, limit) => {
      const { rows } = await pool.query<ClaimedRetryRow>(
        `WITH due AS (
           SELECT acs_trans_id, due_at FROM rreq_retries WHERE due_at <= $1
           ORDER BY due_at LIMIT $3
           FOR UPDATE SKIP LOCKED
         )
         UPDATE rreq_retries r SET due_at = $2 FROM due WHERE r.acs_trans_id = due.acs_trans_id
         RETURNING r.acs_trans_id, r.rreq, r.attempt, due.due_at AS claimed_due`,
        [now, leaseUntil, limit],
      );
      // RETURNING has no order: earliest due first, as the port promises.
      return rows
        .map((row) => rreqRows.rreqRetryFromRow({ ...row, due_at: row.claimed_due }))
        .sort((a, b) => (a.dueAt < b.dueAt ? -1 : a.dueAt > b.dueAt ? 1 : 0));
    },
    cancelRReqRetry: async (acsTransID) => {
      await pool.query('DELETE FROM rreq_retries WHERE acs_trans_id = $1', [acsTransID]);
    },
  };
}
