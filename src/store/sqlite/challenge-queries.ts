/**
 * Challenges in SQLite: opening the window once, saving a step only if nobody else saved one
 * first, and the timeout sweep's claim. Each is one write, so its compare-and-set (on the
 * transaction's state and the challenge's counters) is atomic across every instance sharing
 * the file.
 */
import type { ChallengeQueries } from '../operations.ts';
import {
  type ChallengeRow,
  challengeColumns,
  challengeFromRow,
  challengeStepColumns,
  challengeToRow,
} from '../rows/challenges.ts';
import { type TransactionRow, transactionFromRow } from '../rows/transactions.ts';
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
      `INSERT INTO challenges (${challengeColumns.join(', ')}) VALUES (${challengeColumns.map((c) => `@${c}`).join(', ')})`,
    ),
    challenge: db.prepare('SELECT * FROM challenges WHERE acs_trans_id = ?'),
    saveChallenge: db.prepare(
      `UPDATE challenges SET ${challengeStepColumns.map((c) => `${c} = @${c}`).join(', ')}
       WHERE acs_trans_id = @acs_trans_id
         AND codes_sent = @previous_codes_sent AND interaction_counter = @previous_interaction_counter
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
  };
}
