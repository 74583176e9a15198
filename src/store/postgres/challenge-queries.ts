/**
 * Challenges in PostgreSQL: opening the window once, saving a step only if nobody else saved
 * one first, and the timeout sweep's claim. Several instances share the database, so each
 * compare-and-set is decided by PostgreSQL's row locks, never in memory: a racing writer
 * waits for the row, and its condition is re-checked against what the winner committed.
 */
import type pg from 'pg';
import type { ChallengeQueries } from '../operations.ts';
import * as challengeRows from '../rows/challenges.ts';
import * as transactionRows from '../rows/transactions.ts';
import { inTransaction } from './in-transaction.ts';
import { insertMessages } from './messages.ts';

type ClaimedRow = transactionRows.TransactionRow & {
  claimed_deadline: string;
  challenge: challengeRows.ChallengeRow | null;
};

/** Opening the window writes every column of the challenge. */
const insertChallenge = `INSERT INTO challenges (${challengeRows.challengeColumns.join(', ')})
  VALUES (${challengeRows.challengeColumns.map((_, i) => `$${i + 1}`).join(', ')})`;

/** `column = $n` for each column a step changes, from $5 on ($1-$4 are the WHERE clause's). */
const stepAssignments = challengeRows.challengeStepColumns
  .map((column, i) => `${column} = $${i + 5}`)
  .join(', ');

/** The challenge operations of the PostgreSQL store. */
export function challengeQueries(pool: pg.Pool): ChallengeQueries {
  return {
    startChallenge: (challenge, deadlineAt, messages) => {
      const c = challengeRows.challengeToRow(challenge);
      return inTransaction(pool, async (client) => {
        const opened = await client.query(
          `UPDATE transactions SET state = 'challenging', deadline_at = $2, updated_at = $3
           WHERE acs_trans_id = $1 AND state = 'awaiting-creq'`,
          [c.acs_trans_id, deadlineAt, c.started_at],
        );
        if (opened.rowCount !== 1) return false;
        await client.query(
          insertChallenge,
          challengeRows.challengeColumns.map((column) => c[column]),
        );
        await insertMessages(client, messages);
        return true;
      });
    },
    getChallenge: async (acsTransID) => {
      const { rows } = await pool.query<challengeRows.ChallengeRow>(
        'SELECT * FROM challenges WHERE acs_trans_id = $1',
        [acsTransID],
      );
      return rows[0] === undefined ? undefined : challengeRows.challengeFromRow(rows[0]);
    },
    saveChallenge: async (challenge, previous) => {
      const c = challengeRows.challengeToRow(challenge);
      // FOR SHARE: a result being written (completeTransaction holds the transaction's row)
      // is waited for and then seen, so no step is saved to a challenge that just ended.
      const saved = await pool.query(
        `WITH still_open AS (
           SELECT 1 FROM transactions WHERE acs_trans_id = $1 AND state = 'challenging' FOR SHARE
         )
         UPDATE challenges SET ${stepAssignments}
         WHERE acs_trans_id = $1 AND codes_sent = $2 AND interaction_counter = $3
           AND sdk_counter_sto_a IS NOT DISTINCT FROM $4::integer
           AND EXISTS (SELECT 1 FROM still_open)`,
        [
          c.acs_trans_id,
          previous.codesSent,
          previous.interactionCounter,
          // App channel: each CReq claims its sdkCounterStoA, so a replayed one loses (NULL for the browser).
          previous.sdkCounterStoA ?? null,
          ...challengeRows.challengeStepColumns.map((column) => c[column]),
        ],
      );
      return saved.rowCount === 1;
    },
    claimOverdue: async (now, leaseUntil, limit) => {
      // One statement: pick the overdue rows no other sweeper holds (SKIP LOCKED), move their
      // deadline to the lease, and return them with their challenges, oldest deadline first.
      const { rows } = await pool.query<ClaimedRow>(
        `WITH due AS (
           SELECT acs_trans_id, deadline_at FROM transactions
           WHERE state <> 'final' AND deadline_at <= $1
           ORDER BY deadline_at LIMIT $3
           FOR UPDATE SKIP LOCKED
         ), claimed AS (
           UPDATE transactions t SET deadline_at = $2 FROM due WHERE t.acs_trans_id = due.acs_trans_id
           RETURNING t.*, due.deadline_at AS claimed_deadline
         )
         SELECT claimed.*, row_to_json(c) AS challenge
         FROM claimed LEFT JOIN challenges c ON c.acs_trans_id = claimed.acs_trans_id
         ORDER BY claimed.claimed_deadline, claimed.seq`,
        [now, leaseUntil, limit],
      );
      return rows.map((row) => ({
        transaction: transactionRows.transactionFromRow({ ...row, deadline_at: row.claimed_deadline }),
        challenge: row.challenge === null ? undefined : challengeRows.challengeFromRow(row.challenge),
      }));
    },
  };
}
