/**
 * Challenges in SQLite: opening the window once, saving a step only if nobody else saved one
 * first, and the timeout sweep's claim. Each is one write, so its compare-and-set (on the
 * transaction's state and the challenge's counters) is atomic across every instance sharing
 * the file.
 */
import type { ChallengeQueries } from '../operations.ts';
import * as challengeRows from '../rows/challenges.ts';
import * as transactionRows from '../rows/transactions.ts';
import { messageWriter } from './messages.ts';
import type { SqliteDatabase } from './open.ts';
import type { Runner } from './runner.ts';

/** The challenge operations of the SQLite store. */
export function challengeQueries(db: SqliteDatabase, run: Runner): ChallengeQueries {
  const sql = {
    openChallenge: db.prepare(
      "UPDATE transactions SET state = 'challenging', deadline_at = ?, updated_at = ? WHERE acs_trans_id = ? AND state = 'awaiting-creq'",
    ),
    insertChallenge: db.prepare(
      `INSERT INTO challenges (${challengeRows.challengeColumns.join(', ')}) VALUES (${challengeRows.challengeColumns.map((c) => `@${c}`).join(', ')})`,
    ),
    challenge: db.prepare('SELECT * FROM challenges WHERE acs_trans_id = ?'),
    saveChallenge: db.prepare(
      `UPDATE challenges SET ${challengeRows.challengeStepColumns.map((c) => `${c} = @${c}`).join(', ')}
       WHERE acs_trans_id = @acs_trans_id
         AND codes_sent = @previous_codes_sent AND interaction_counter = @previous_interaction_counter
         AND sdk_counter_sto_a IS @previous_sdk_counter_sto_a
         AND EXISTS (SELECT 1 FROM transactions t WHERE t.acs_trans_id = @acs_trans_id AND t.state = 'challenging')`,
    ),
    overdue: db.prepare(
      "SELECT * FROM transactions WHERE state <> 'final' AND deadline_at <= ? ORDER BY deadline_at LIMIT ?",
    ),
    lease: db.prepare('UPDATE transactions SET deadline_at = ? WHERE acs_trans_id = ?'),
    challengesOf: db.prepare(
      'SELECT * FROM challenges WHERE acs_trans_id IN (SELECT value FROM json_each(?))',
    ),
  };
  const insertMessages = messageWriter(db);

  return {
    startChallenge: (challenge, deadlineAt, messages) => {
      const row = challengeRows.challengeToRow(challenge);
      return run.write(() => {
        if (sql.openChallenge.run(deadlineAt, row.started_at, row.acs_trans_id).changes !== 1) return false;
        sql.insertChallenge.run(row);
        insertMessages(messages);
        return true;
      });
    },
    getChallenge: (acsTransID) =>
      run.read(() => {
        const row = sql.challenge.get(acsTransID) as challengeRows.ChallengeRow | undefined;
        return row === undefined ? undefined : challengeRows.challengeFromRow(row);
      }),
    saveChallenge: (challenge, previous) => {
      const row = {
        ...challengeRows.challengeToRow(challenge),
        previous_codes_sent: previous.codesSent,
        previous_interaction_counter: previous.interactionCounter,
        // App channel: each CReq claims its sdkCounterStoA, so a replayed one loses (NULL for the browser).
        previous_sdk_counter_sto_a: previous.sdkCounterStoA ?? null,
      };
      return run.write(() => sql.saveChallenge.run(row).changes === 1);
    },
    claimOverdue: (now, leaseUntil, limit) =>
      run.write(() => {
        const rows = sql.overdue.all(now, limit) as transactionRows.TransactionRow[];
        if (rows.length === 0) return [];
        for (const row of rows) sql.lease.run(leaseUntil, row.acs_trans_id);
        const ids = rows.map((row) => row.acs_trans_id);
        const challenges = new Map(
          (sql.challengesOf.all(JSON.stringify(ids)) as challengeRows.ChallengeRow[]).map((c) => [
            c.acs_trans_id,
            c,
          ]),
        );
        return rows.map((row) => {
          const challenge = challenges.get(row.acs_trans_id);
          return {
            transaction: transactionRows.transactionFromRow(row),
            challenge: challenge === undefined ? undefined : challengeRows.challengeFromRow(challenge),
          };
        });
      }),
  };
}
