/**
 * Challenges in PostgreSQL: opening the window once, saving a step only if nobody else saved
 * one first, and the timeout sweep's claim. Several instances share the database, so each
 * compare-and-set is decided by PostgreSQL's row locks, never in memory: a racing writer
 * waits for the row, and its condition is re-checked against what the winner committed.
 */
import type pg from 'pg';
import type { AcsStore } from '../port.ts';
import {
  type ChallengeRow,
  challengeFromRow,
  challengeToRow,
  type TransactionRow,
  transactionFromRow,
} from '../sqlite/rows.ts';
import { inTransaction } from './in-transaction.ts';
import { insertMessages } from './messages.ts';

type ChallengeQueries = Pick<AcsStore, 'startChallenge' | 'getChallenge' | 'saveChallenge' | 'claimOverdue'>;

type ClaimedRow = TransactionRow & { claimed_deadline: string; challenge: ChallengeRow | null };

/** The challenge operations of the PostgreSQL store. */
export function challengeQueries(pool: pg.Pool): ChallengeQueries {
  return {
    startChallenge: (challenge, deadlineAt, messages) => {
      const c = challengeToRow(challenge);
      return inTransaction(pool, async (client) => {
        const opened = await client.query(
          `UPDATE transactions SET state = 'challenging', deadline_at = $2, updated_at = $3
           WHERE acs_trans_id = $1 AND state = 'awaiting-creq'`,
          [c.acs_trans_id, deadlineAt, c.started_at],
        );
        if (opened.rowCount !== 1) return false;
        await client.query(
          `INSERT INTO challenges (acs_trans_id, method, methods, window_size, three_ds_session_data, code_hash,
             code_expires_at, codes_sent, wrong_attempts, interaction_counter, last_totp_step, started_at, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
          [
            c.acs_trans_id,
            c.method,
            c.methods,
            c.window_size,
            c.three_ds_session_data,
            c.code_hash,
            c.code_expires_at,
            c.codes_sent,
            c.wrong_attempts,
            c.interaction_counter,
            c.last_totp_step,
            c.started_at,
            c.updated_at,
          ],
        );
        await insertMessages(client, messages);
        return true;
      });
    },
    getChallenge: async (acsTransID) => {
      const { rows } = await pool.query<ChallengeRow>('SELECT * FROM challenges WHERE acs_trans_id = $1', [
        acsTransID,
      ]);
      return rows[0] === undefined ? undefined : challengeFromRow(rows[0]);
    },
    saveChallenge: async (challenge, previous) => {
      const c = challengeToRow(challenge);
      // FOR SHARE: a result being written (completeTransaction holds the transaction's row)
      // is waited for and then seen, so no step is saved to a challenge that just ended.
      const saved = await pool.query(
        `WITH still_open AS (
           SELECT 1 FROM transactions WHERE acs_trans_id = $1 AND state = 'challenging' FOR SHARE
         )
         UPDATE challenges SET method = $2, methods = $3, code_hash = $4, code_expires_at = $5, codes_sent = $6,
           wrong_attempts = $7, interaction_counter = $8, last_totp_step = $9, updated_at = $10
         WHERE acs_trans_id = $1 AND codes_sent = $11 AND interaction_counter = $12
           AND EXISTS (SELECT 1 FROM still_open)`,
        [
          c.acs_trans_id,
          c.method,
          c.methods,
          c.code_hash,
          c.code_expires_at,
          c.codes_sent,
          c.wrong_attempts,
          c.interaction_counter,
          c.last_totp_step,
          c.updated_at,
          previous.codesSent,
          previous.interactionCounter,
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
        transaction: transactionFromRow({ ...row, deadline_at: row.claimed_deadline }),
        challenge: row.challenge === null ? undefined : challengeFromRow(row.challenge),
      }));
    },
  };
}
