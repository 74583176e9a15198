/**
 * Transactions, their timeline messages, challenges and bank-app approvals in SQLite: the
 * hot path of every AReq, CReq and code post. Every state change is a compare-and-set on the
 * row's state (or the challenge's counters), so a replayed or concurrent post can never write
 * a second result.
 */
import type { NewMessage } from '../../domain/transaction.ts';
import type { AcsStore, Approval } from '../port.ts';
import type { SqliteDatabase } from './open.ts';
import {
  type ChallengeRow,
  challengeFromRow,
  challengeToRow,
  type MessageRow,
  messageFromRow,
  type TransactionRow,
  transactionColumns,
  transactionFromRow,
  transactionToRow,
} from './rows.ts';
import type { Runner } from './runner.ts';

type TransactionQueries = Pick<
  AcsStore,
  | 'recordAuthentication'
  | 'recordMessages'
  | 'getTransaction'
  | 'listMessages'
  | 'startChallenge'
  | 'getChallenge'
  | 'saveChallenge'
  | 'completeTransaction'
  | 'claimOverdue'
  | 'recordApproval'
  | 'getApproval'
  | 'listPendingApprovals'
  | 'listTransactions'
  | 'outcomeCounts'
>;

/** The transaction operations of the SQLite store. */
export function transactionQueries(db: SqliteDatabase, run: Runner): TransactionQueries {
  const sql = {
    insertTransaction: db.prepare(
      `INSERT INTO transactions (${transactionColumns.join(', ')}) VALUES (${transactionColumns.map((c) => `@${c}`).join(', ')})`,
    ),
    transaction: db.prepare('SELECT * FROM transactions WHERE acs_trans_id = ?'),
    insertMessage: db.prepare(
      `INSERT INTO messages (acs_trans_id, three_ds_server_trans_id, message_type, direction, body, created_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
    ),
    messages: db.prepare('SELECT * FROM messages WHERE acs_trans_id = ? ORDER BY id'),
    openChallenge: db.prepare(
      "UPDATE transactions SET state = 'challenging', deadline_at = ?, updated_at = ? WHERE acs_trans_id = ? AND state = 'awaiting-creq'",
    ),
    insertChallenge: db.prepare(
      `INSERT INTO challenges (acs_trans_id, method, methods, window_size, three_ds_session_data, code_hash, code_expires_at,
         codes_sent, wrong_attempts, interaction_counter, last_totp_step, started_at, updated_at)
       VALUES (@acs_trans_id, @method, @methods, @window_size, @three_ds_session_data, @code_hash, @code_expires_at,
         @codes_sent, @wrong_attempts, @interaction_counter, @last_totp_step, @started_at, @updated_at)`,
    ),
    challenge: db.prepare('SELECT * FROM challenges WHERE acs_trans_id = ?'),
    saveChallenge: db.prepare(
      `UPDATE challenges SET method = @method, methods = @methods, code_hash = @code_hash, code_expires_at = @code_expires_at,
         codes_sent = @codes_sent, wrong_attempts = @wrong_attempts, interaction_counter = @interaction_counter,
         last_totp_step = @last_totp_step, updated_at = @updated_at
       WHERE acs_trans_id = @acs_trans_id
         AND codes_sent = @previous_codes_sent AND interaction_counter = @previous_interaction_counter
         AND EXISTS (SELECT 1 FROM transactions t WHERE t.acs_trans_id = @acs_trans_id AND t.state = 'challenging')`,
    ),
    complete: db.prepare(
      `UPDATE transactions SET state = 'final', result_status = @status, result_reason = @reason, result_eci = @eci,
         result_authentication_value = @av, result_challenge_cancel = @cancel, result_interaction_counter = @counter,
         result_completed_at = @completed_at, deadline_at = NULL, updated_at = @completed_at
       WHERE acs_trans_id = @acs_trans_id AND state <> 'final'`,
    ),
    overdue: db.prepare(
      "SELECT * FROM transactions WHERE state <> 'final' AND deadline_at <= ? ORDER BY deadline_at LIMIT ?",
    ),
    lease: db.prepare('UPDATE transactions SET deadline_at = ? WHERE acs_trans_id = ?'),
    challengesOf: db.prepare(
      'SELECT * FROM challenges WHERE acs_trans_id IN (SELECT value FROM json_each(?))',
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

  const insertMessages = (messages: readonly NewMessage[]) => {
    for (const m of messages) {
      sql.insertMessage.run(
        m.acsTransID ?? null,
        m.threeDSServerTransID ?? null,
        m.messageType,
        m.direction,
        JSON.stringify(m.body),
        m.createdAt,
      );
    }
  };

  return {
    recordAuthentication: (transaction, messages) => {
      const row = transactionToRow(transaction);
      return run.write(() => {
        sql.insertTransaction.run(row);
        insertMessages(messages);
      });
    },
    recordMessages: (messages) => run.write(() => insertMessages(messages)),
    getTransaction: (acsTransID) =>
      run.read(() => {
        const row = sql.transaction.get(acsTransID) as TransactionRow | undefined;
        return row === undefined ? undefined : transactionFromRow(row);
      }),
    listMessages: (acsTransID) =>
      run.read(() => (sql.messages.all(acsTransID) as MessageRow[]).map(messageFromRow)),
    startChallenge: (challenge, deadlineAt, messages) => {
      const row = challengeToRow(challenge);
      return run.write(() => {
        if (sql.openChallenge.run(deadlineAt, row.started_at, row.acs_trans_id).changes !== 1) return false;
        sql.insertChallenge.run(row);
        insertMessages(messages);
        return true;
      });
    },
    getChallenge: (acsTransID) =>
      run.read(() => {
        const row = sql.challenge.get(acsTransID) as ChallengeRow | undefined;
        return row === undefined ? undefined : challengeFromRow(row);
      }),
    saveChallenge: (challenge, previous) => {
      const row = {
        ...challengeToRow(challenge),
        previous_codes_sent: previous.codesSent,
        previous_interaction_counter: previous.interactionCounter,
      };
      return run.write(() => sql.saveChallenge.run(row).changes === 1);
    },
    completeTransaction: (acsTransID, result, messages) =>
      run.write(() => {
        const changed = sql.complete.run({
          acs_trans_id: acsTransID,
          status: result.transStatus,
          reason: result.transStatusReason ?? null,
          eci: result.eci ?? null,
          av: result.authenticationValue ?? null,
          cancel: result.challengeCancel ?? null,
          counter: result.interactionCounter ?? null,
          completed_at: result.completedAt,
        }).changes;
        if (changed !== 1) return false;
        insertMessages(messages);
        return true;
      }),
    claimOverdue: (now, leaseUntil, limit) =>
      run.write(() => {
        const rows = sql.overdue.all(now, limit) as TransactionRow[];
        if (rows.length === 0) return [];
        for (const row of rows) sql.lease.run(leaseUntil, row.acs_trans_id);
        const ids = rows.map((row) => row.acs_trans_id);
        const challenges = new Map(
          (sql.challengesOf.all(JSON.stringify(ids)) as ChallengeRow[]).map((c) => [c.acs_trans_id, c]),
        );
        return rows.map((row) => {
          const challenge = challenges.get(row.acs_trans_id);
          return {
            transaction: transactionFromRow(row),
            challenge: challenge === undefined ? undefined : challengeFromRow(challenge),
          };
        });
      }),
    recordApproval: (acsTransID, approval, now) =>
      run.write(() => sql.recordApproval.run(approval, now, now, acsTransID).changes === 1),
    getApproval: (acsTransID) =>
      run.read(() => {
        const row = sql.approval.get(acsTransID) as { approval: string | null } | undefined;
        return (row?.approval ?? undefined) as Approval | undefined;
      }),
    listPendingApprovals: (limit) =>
      run.read(() =>
        (sql.pendingApprovals.all(limit) as (TransactionRow & { approval: string | null })[]).map((row) => ({
          transaction: transactionFromRow(row),
          approval: (row.approval ?? undefined) as Approval | undefined,
        })),
      ),
    listTransactions: (filter) =>
      run.read(() =>
        (
          sql.listTransactions.all({
            id: filter.id ?? null,
            masked_pan: filter.maskedPan ?? null,
            scenario: filter.scenario ?? null,
            before: filter.before ?? null,
            limit: filter.limit,
          }) as TransactionRow[]
        ).map(transactionFromRow),
      ),
    outcomeCounts: (since) =>
      run.read(() =>
        (sql.outcomeCounts.all(since) as { scenario: string; trans_status: string; n: number }[]).map(
          (row) => ({
            scenario: row.scenario,
            transStatus: row.trans_status,
            count: row.n,
          }),
        ),
      ),
  };
}
