/**
 * Transactions, their timeline messages and bank-app approvals in SQLite: the hot path of
 * every AReq and the console's searches (challenges are in challenge-queries.ts). Writing a
 * result or an approval is a compare-and-set on the row's state, so a replayed or concurrent
 * post can never write a second one.
 */
import type { TransactionQueries } from '../operations.ts';
import * as transactionRows from '../rows/transactions.ts';
import { messageWriter } from './messages.ts';
import type { SqliteDatabase } from './open.ts';
import type { Runner } from './runner.ts';

/** The transaction operations of the SQLite store. */
export function transactionQueries(db: SqliteDatabase, run: Runner): TransactionQueries {
  const sql = {
    insertTransaction: db.prepare(
      `INSERT INTO transactions (${transactionRows.transactionColumns.join(', ')}) VALUES (${transactionRows.transactionColumns.map((c) => `@${c}`).join(', ')})`,
    ),
    transaction: db.prepare('SELECT * FROM transactions WHERE acs_trans_id = ?'),
    messages: db.prepare('SELECT * FROM messages WHERE acs_trans_id = ? ORDER BY id'),
    complete: db.prepare(
      `UPDATE transactions SET state = 'final', result_status = @result_status, result_reason = @result_reason,
         result_eci = @result_eci, result_authentication_value = @result_authentication_value,
         result_challenge_cancel = @result_challenge_cancel, result_interaction_counter = @result_interaction_counter,
         result_completed_at = @result_completed_at, deadline_at = NULL, updated_at = @result_completed_at
       WHERE acs_trans_id = @acs_trans_id AND state <> 'final'`,
    ),
    recordApproval: db.prepare(
      `UPDATE transactions SET approval = ?, approval_at = ?, updated_at = ?
       WHERE acs_trans_id = ? AND approval IS NULL AND state IN ('challenging', 'awaiting-decoupled')`,
    ),
    approval: db.prepare('SELECT approval FROM transactions WHERE acs_trans_id = ?'),
    pendingApprovals: db.prepare(
      `SELECT * FROM transactions WHERE (state = 'awaiting-decoupled' OR (state = 'challenging' AND authentication_method = 'oob'))
       ORDER BY created_at LIMIT ?`,
    ),
    listTransactions: db.prepare(
      `SELECT * FROM transactions
       WHERE (@id IS NULL OR acs_trans_id = @id OR three_ds_server_trans_id = @id OR ds_trans_id = @id)
         AND (@masked_pan IS NULL OR masked_pan = @masked_pan)
         AND (@scenario IS NULL OR scenario = @scenario)
         AND (@before IS NULL OR created_at < @before)
       ORDER BY created_at DESC, rowid DESC LIMIT @limit`,
    ),
    outcomeCounts: db.prepare(
      `SELECT COALESCE(scenario, 'unknown-card') AS scenario, COALESCE(result_status, ares_status) AS trans_status, COUNT(*) AS n
       FROM transactions WHERE created_at >= ? GROUP BY 1, 2 ORDER BY 1, 2`,
    ),
  };
  const insertMessages = messageWriter(db);

  return {
    recordAuthentication: (transaction, messages) => {
      const row = transactionRows.transactionToRow(transaction);
      return run.write(() => {
        sql.insertTransaction.run(row);
        insertMessages(messages);
      });
    },
    recordMessages: (messages) => run.write(() => insertMessages(messages)),
    getTransaction: (acsTransID) =>
      run.read(() => {
        const row = sql.transaction.get(acsTransID) as transactionRows.TransactionRow | undefined;
        return row === undefined ? undefined : transactionRows.transactionFromRow(row);
      }),
    listMessages: (acsTransID) =>
      run.read(() =>
        (sql.messages.all(acsTransID) as transactionRows.MessageRow[]).map(transactionRows.messageFromRow),
      ),
    completeTransaction: (acsTransID, result, messages) =>
      run.write(() => {
        if (
          sql.complete.run({ ...transactionRows.resultToRow(result), acs_trans_id: acsTransID }).changes !== 1
        )
          return false;
        insertMessages(messages);
        return true;
      }),
    recordApproval: (acsTransID, approval, now) =>
      run.write(() => sql.recordApproval.run(approval, now, now, acsTransID).changes === 1),
    getApproval: (acsTransID) =>
      run.read(() =>
        transactionRows.approvalFromRow(
          sql.approval.get(acsTransID) as { approval: string | null } | undefined,
        ),
      ),
    listPendingApprovals: (limit) =>
      run.read(() =>
        (sql.pendingApprovals.all(limit) as transactionRows.PendingApprovalRow[]).map(
          transactionRows.pendingApprovalFromRow,
        ),
      ),
    listTransactions: (filter) =>
      run.read(() =>
        (
          sql.listTransactions.all(
            transactionRows.transactionFilterToRow(filter),
          ) as transactionRows.TransactionRow[]
        ).map(transactionRows.transactionFromRow),
      ),
    outcomeCounts: (since) =>
      run.read(() =>
        (sql.outcomeCounts.all(since) as transactionRows.OutcomeCountRow[]).map(
          transactionRows.outcomeCountFromRow,
        ),
      ),
  };
}
