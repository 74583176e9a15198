/**
 * Transactions, their timelines and bank-app approvals in PostgreSQL: the hot path of every
 * AReq and the console's searches. Writing a result or an approval is a conditional UPDATE
 * on the row's state: when two instances race, the second waits for the first's row lock,
 * PostgreSQL re-checks the condition on the committed row, and the second changes nothing.
 */
import type pg from 'pg';
import { InternalError } from '../../errors/index.ts';
import type { TransactionQueries } from '../operations.ts';
import * as transactionRows from '../rows/transactions.ts';
import { inTransaction } from './in-transaction.ts';
import { insertMessages } from './messages.ts';

const insertTransaction = `INSERT INTO transactions (${transactionRows.transactionColumns.join(', ')})
  VALUES (${transactionRows.transactionColumns.map((_, i) => `$${i + 1}`).join(', ')})`;

/** The transaction operations of the PostgreSQL store. */
export function transactionQueries(pool: pg.Pool): TransactionQueries {
  return {
    recordAuthentication: (transaction, messages) => {
      const row = transactionRows.transactionToRow(transaction);
      return inTransaction(pool, async (client) => {
        await client.query(
          insertTransaction,
          transactionRows.transactionColumns.map((column) => row[column]),
        );
        await insertMessages(client, messages);
      });
    },
    recordMessages: async (messages) => {
      // Nothing to insert still must fail once the store is closed, as every other call does.
      if (pool.ending) throw new InternalError('invariant_broken', 'PostgreSQL: the store is closed');
      await insertMessages(pool, messages);
    },
    getTransaction: async (acsTransID) => {
      const { rows } = await pool.query<transactionRows.TransactionRow>(
        'SELECT * FROM transactions WHERE acs_trans_id = $1',
        [acsTransID],
      );
      return rows[0] === undefined ? undefined : transactionRows.transactionFromRow(rows[0]);
    },
    listMessages: async (acsTransID) =>
      (
        await pool.query<transactionRows.MessageRow>(
          'SELECT * FROM messages WHERE acs_trans_id = $1 ORDER BY id',
          [acsTransID],
        )
      ).rows.map(transactionRows.messageFromRow),
    completeTransaction: (acsTransID, result, messages) => {
      const row = transactionRows.resultToRow(result);
      return inTransaction(pool, async (client) => {
        const completed = await client.query(
          `UPDATE transactions SET state = 'final', result_status = $2, result_reason = $3, result_eci = $4,
             result_authentication_value = $5, result_challenge_cancel = $6, result_interaction_counter = $7,
             result_completed_at = $8, deadline_at = NULL, updated_at = $8
           WHERE acs_trans_id = $1 AND state <> 'final'`,
          [
            acsTransID,
            row.result_status,
            row.result_reason,
            row.result_eci,
            row.result_authentication_value,
            row.result_challenge_cancel,
            row.result_interaction_counter,
            row.result_completed_at,
          ],
        );
        if (completed.rowCount !== 1) return false;
        await insertMessages(client, messages);
        return true;
      });
    },
    recordApproval: async (acsTransID, approval, now) =>
      (
        await pool.query(
          `UPDATE transactions SET approval = $2, approval_at = $3, updated_at = $3
           WHERE acs_trans_id = $1 AND approval IS NULL AND state IN ('challenging', 'awaiting-decoupled')`,
          [acsTransID, approval, now],
        )
      ).rowCount === 1,
    getApproval: async (acsTransID) => {
      const { rows } = await pool.query<{ approval: string | null }>(
        'SELECT approval FROM transactions WHERE acs_trans_id = $1',
        [acsTransID],
      );
      return transactionRows.approvalFromRow(rows[0]);
    },
    listPendingApprovals: async (limit) =>
      (
        await pool.query<transactionRows.PendingApprovalRow>(
          `SELECT * FROM transactions
           WHERE state = 'awaiting-decoupled' OR (state = 'challenging' AND authentication_method = 'oob')
           ORDER BY created_at, seq LIMIT $1`,
          [limit],
        )
      ).rows.map(transactionRows.pendingApprovalFromRow),
    listTransactions: async (filter) => {
      const row = transactionRows.transactionFilterToRow(filter);
      const { rows } = await pool.query<transactionRows.TransactionRow>(
        `SELECT * FROM transactions
         WHERE ($1::text IS NULL OR acs_trans_id = $1 OR three_ds_server_trans_id = $1 OR ds_trans_id = $1)
           AND ($2::text IS NULL OR masked_pan = $2)
           AND ($3::text IS NULL OR scenario = $3)
           AND ($4::text IS NULL OR created_at < $4)
         ORDER BY created_at DESC, seq DESC LIMIT $5`,
        [row.id, row.masked_pan, row.scenario, row.before, row.limit],
      );
      return rows.map(transactionRows.transactionFromRow);
    },
    outcomeCounts: async (since) =>
      (
        await pool.query<transactionRows.OutcomeCountRow>(
          `SELECT COALESCE(scenario, 'unknown-card') AS scenario, COALESCE(result_status, ares_status) AS trans_status,
             COUNT(*) AS n
           FROM transactions WHERE created_at >= $1 GROUP BY 1, 2 ORDER BY 1, 2`,
          [since],
        )
      ).rows.map(transactionRows.outcomeCountFromRow),
  };
}
