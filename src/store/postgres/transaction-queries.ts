/**
 * Transactions, their timelines and bank-app approvals in PostgreSQL: the hot path of every
 * AReq and the console's searches. Writing a result or an approval is a conditional UPDATE
 * on the row's state: when two instances race, the second waits for the first's row lock,
 * PostgreSQL re-checks the condition on the committed row, and the second changes nothing.
 */
import type pg from 'pg';
import type { AcsStore, Approval } from '../port.ts';
import {
  type MessageRow,
  messageFromRow,
  type TransactionRow,
  transactionColumns,
  transactionFromRow,
  transactionToRow,
} from '../sqlite/rows.ts';
import { inTransaction } from './in-transaction.ts';
import { insertMessages } from './messages.ts';

type TransactionQueries = Pick<
  AcsStore,
  | 'recordAuthentication'
  | 'recordMessages'
  | 'getTransaction'
  | 'listMessages'
  | 'completeTransaction'
  | 'recordApproval'
  | 'getApproval'
  | 'listPendingApprovals'
  | 'listTransactions'
  | 'outcomeCounts'
>;

const insertTransaction = `INSERT INTO transactions (${transactionColumns.join(', ')})
  VALUES (${transactionColumns.map((_, i) => `$${i + 1}`).join(', ')})`;

/** The transaction operations of the PostgreSQL store. */
export function transactionQueries(pool: pg.Pool): TransactionQueries {
  return {
    recordAuthentication: (transaction, messages) => {
      const row = transactionToRow(transaction);
      return inTransaction(pool, async (client) => {
        await client.query(
          insertTransaction,
          transactionColumns.map((column) => row[column]),
        );
        await insertMessages(client, messages);
      });
    },
    recordMessages: async (messages) => {
      // Nothing to insert still must fail once the store is closed, as every other call does.
      if (pool.ending) throw new Error('PostgreSQL: the store is closed');
      await insertMessages(pool, messages);
    },
    getTransaction: async (acsTransID) => {
      const { rows } = await pool.query<TransactionRow>(
        'SELECT * FROM transactions WHERE acs_trans_id = $1',
        [acsTransID],
      );
      return rows[0] === undefined ? undefined : transactionFromRow(rows[0]);
    },
    listMessages: async (acsTransID) =>
      (
        await pool.query<MessageRow>('SELECT * FROM messages WHERE acs_trans_id = $1 ORDER BY id', [
          acsTransID,
        ])
      ).rows.map(messageFromRow),
    completeTransaction: (acsTransID, result, messages) =>
      inTransaction(pool, async (client) => {
        const completed = await client.query(
          `UPDATE transactions SET state = 'final', result_status = $2, result_reason = $3, result_eci = $4,
             result_authentication_value = $5, result_challenge_cancel = $6, result_interaction_counter = $7,
             result_completed_at = $8, deadline_at = NULL, updated_at = $8
           WHERE acs_trans_id = $1 AND state <> 'final'`,
          [
            acsTransID,
            result.transStatus,
            result.transStatusReason ?? null,
            result.eci ?? null,
            result.authenticationValue ?? null,
            result.challengeCancel ?? null,
            result.interactionCounter ?? null,
            result.completedAt,
          ],
        );
        if (completed.rowCount !== 1) return false;
        await insertMessages(client, messages);
        return true;
      }),
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
      return (rows[0]?.approval ?? undefined) as Approval | undefined;
    },
    listPendingApprovals: async (limit) =>
      (
        await pool.query<TransactionRow & { approval: string | null }>(
          `SELECT * FROM transactions
           WHERE state = 'awaiting-decoupled' OR (state = 'challenging' AND authentication_method = 'oob')
           ORDER BY created_at, seq LIMIT $1`,
          [limit],
        )
      ).rows.map((row) => ({
        transaction: transactionFromRow(row),
        approval: (row.approval ?? undefined) as Approval | undefined,
      })),
    listTransactions: async (filter) =>
      (
        await pool.query<TransactionRow>(
          `SELECT * FROM transactions
           WHERE ($1::text IS NULL OR acs_trans_id = $1 OR three_ds_server_trans_id = $1 OR ds_trans_id = $1)
             AND ($2::text IS NULL OR masked_pan = $2)
             AND ($3::text IS NULL OR scenario = $3)
             AND ($4::text IS NULL OR created_at < $4)
           ORDER BY created_at DESC, seq DESC LIMIT $5`,
          [
            filter.id ?? null,
            filter.maskedPan ?? null,
            filter.scenario ?? null,
            filter.before ?? null,
            filter.limit,
          ],
        )
      ).rows.map(transactionFromRow),
    outcomeCounts: async (since) =>
      (
        await pool.query<{ scenario: string; trans_status: string; n: number }>(
          `SELECT COALESCE(scenario, 'unknown-card') AS scenario, COALESCE(result_status, ares_status) AS trans_status,
             COUNT(*) AS n
           FROM transactions WHERE created_at >= $1 GROUP BY 1, 2 ORDER BY 1, 2`,
          [since],
        )
      ).rows.map((row) => ({ scenario: row.scenario, transStatus: row.trans_status, count: row.n })),
  };
}
