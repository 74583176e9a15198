/**
 * Console operators and sessions, admin API keys and rate-limit events in PostgreSQL. Each
 * operation that reads then writes is one statement or one transaction, so it is atomic
 * across every instance: using a key is one UPDATE ... RETURNING, and a rate count holds a
 * transaction-scoped advisory lock on its kind and subject, so parallel posts (on any
 * instance) count one after the other instead of each missing the others' uncommitted rows.
 */
import type pg from 'pg';
import type { ConsoleQueries } from '../operations.ts';
import * as consoleRows from '../rows/console.ts';
import { inTransaction } from './in-transaction.ts';

/** The console, API key and rate-limit operations of the PostgreSQL store. */
export function consoleQueries(pool: pg.Pool): ConsoleQueries {
  const count = async (table: 'api_keys' | 'operators') =>
    (await pool.query<consoleRows.CountRow>(`SELECT COUNT(*) AS n FROM ${table}`)).rows[0]?.n ?? 0;
  const operator = async (where: 'id' | 'username', value: string) =>
    consoleRows.operatorFromRow(
      (await pool.query<consoleRows.OperatorRow>(`SELECT * FROM operators WHERE ${where} = $1`, [value]))
        .rows[0],
    );

  return {
    countRateEvent: (kind, subject, at, since) =>
      inTransaction(pool, async (client) => {
        // Two-key form: a key space of its own, apart from the migration and start-up locks.
        await client.query(
          "SELECT pg_advisory_xact_lock(hashtext('acs-simulator/rate-events'), hashtext($1 || '/' || $2))",
          [kind, subject],
        );
        await client.query('DELETE FROM rate_events WHERE kind = $1 AND subject = $2 AND at <= $3', [
          kind,
          subject,
          since,
        ]);
        await client.query('INSERT INTO rate_events (kind, subject, at) VALUES ($1, $2, $3)', [
          kind,
          subject,
          at,
        ]);
        const { rows } = await client.query<consoleRows.CountRow>(
          'SELECT COUNT(*) AS n FROM rate_events WHERE kind = $1 AND subject = $2 AND at > $3',
          [kind, subject, since],
        );
        return rows[0]?.n ?? 0;
      }),
    createApiKey: async (key) => {
      const row = consoleRows.apiKeyToRow(key);
      await pool.query(
        'INSERT INTO api_keys (id, name, key_hash, created_at, last_used_at) VALUES ($1, $2, $3, $4, NULL)',
        [row.id, row.name, row.key_hash, row.created_at],
      );
    },
    useApiKey: async (keyHash, now) => {
      const { rows } = await pool.query<consoleRows.ApiKeyRow>(
        'UPDATE api_keys SET last_used_at = $2 WHERE key_hash = $1 RETURNING *',
        [keyHash, now],
      );
      return rows[0] === undefined ? undefined : consoleRows.apiKeyFromRow(rows[0]);
    },
    countApiKeys: () => count('api_keys'),
    listApiKeys: async () =>
      (await pool.query<consoleRows.ApiKeyRow>('SELECT * FROM api_keys ORDER BY created_at, seq')).rows.map(
        consoleRows.apiKeyFromRow,
      ),
    deleteApiKey: async (id) => (await pool.query('DELETE FROM api_keys WHERE id = $1', [id])).rowCount === 1,
    createOperator: async (newOperator) => {
      const row = consoleRows.operatorToRow(newOperator);
      const created = await pool.query(
        `INSERT INTO operators (id, username, password_hash, created_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT DO NOTHING`,
        [row.id, row.username, row.password_hash, row.created_at],
      );
      return created.rowCount === 1;
    },
    findOperatorByUsername: (username) => operator('username', username),
    getOperator: (id) => operator('id', id),
    countOperators: () => count('operators'),
    createSession: (session) => {
      const row = consoleRows.sessionToRow(session);
      return inTransaction(pool, async (client) => {
        await client.query('DELETE FROM operator_sessions WHERE expires_at <= $1', [row.created_at]);
        await client.query(
          `INSERT INTO operator_sessions (token_hash, operator_id, csrf_token, created_at, expires_at)
           VALUES ($1, $2, $3, $4, $5)`,
          [row.token_hash, row.operator_id, row.csrf_token, row.created_at, row.expires_at],
        );
      });
    },
    findSession: async (tokenHash, now) =>
      consoleRows.sessionFromRow(
        (
          await pool.query<consoleRows.SessionRow>(
            'SELECT * FROM operator_sessions WHERE token_hash = $1 AND expires_at > $2',
            [tokenHash, now],
          )
        ).rows[0],
      ),
    deleteSession: async (tokenHash) => {
      await pool.query('DELETE FROM operator_sessions WHERE token_hash = $1', [tokenHash]);
    },
  };
}
