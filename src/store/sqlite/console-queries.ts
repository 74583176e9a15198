/**
 * Console operators and sessions, admin API keys and rate-limit events in SQLite. Each
 * operation that reads then writes (using an API key, starting a session, counting a rate
 * event) is one write, so it is atomic across every instance sharing the file.
 */
import type { ConsoleQueries } from '../operations.ts';
import * as consoleRows from '../rows/console.ts';
import type { SqliteDatabase } from './open.ts';
import type { Runner } from './runner.ts';

/** The console, API key and rate-limit operations of the SQLite store. */
export function consoleQueries(db: SqliteDatabase, run: Runner): ConsoleQueries {
  const sql = {
    insertRateEvent: db.prepare('INSERT INTO rate_events (kind, subject, at) VALUES (?, ?, ?)'),
    countRateEvents: db.prepare(
      'SELECT COUNT(*) AS n FROM rate_events WHERE kind = ? AND subject = ? AND at > ?',
    ),
    pruneRateEvents: db.prepare('DELETE FROM rate_events WHERE kind = ? AND subject = ? AND at <= ?'),
    insertApiKey: db.prepare(
      'INSERT INTO api_keys (id, name, key_hash, created_at, last_used_at) VALUES (@id, @name, @key_hash, @created_at, NULL)',
    ),
    useApiKey: db.prepare('UPDATE api_keys SET last_used_at = ? WHERE key_hash = ? RETURNING *'),
    countApiKeys: db.prepare('SELECT COUNT(*) AS n FROM api_keys'),
    listApiKeys: db.prepare('SELECT * FROM api_keys ORDER BY created_at, rowid'),
    deleteApiKey: db.prepare('DELETE FROM api_keys WHERE id = ?'),
    createOperator: db.prepare(
      'INSERT OR IGNORE INTO operators (id, username, password_hash, created_at) VALUES (@id, @username, @password_hash, @created_at)',
    ),
    operatorByName: db.prepare('SELECT * FROM operators WHERE username = ?'),
    operatorById: db.prepare('SELECT * FROM operators WHERE id = ?'),
    countOperators: db.prepare('SELECT COUNT(*) AS n FROM operators'),
    createSession: db.prepare(
      `INSERT INTO operator_sessions (token_hash, operator_id, csrf_token, created_at, expires_at)
       VALUES (@token_hash, @operator_id, @csrf_token, @created_at, @expires_at)`,
    ),
    pruneSessions: db.prepare('DELETE FROM operator_sessions WHERE expires_at <= ?'),
    findSession: db.prepare('SELECT * FROM operator_sessions WHERE token_hash = ? AND expires_at > ?'),
    deleteSession: db.prepare('DELETE FROM operator_sessions WHERE token_hash = ?'),
  };

  return {
    countRateEvent: (kind, subject, at, since) =>
      run.write(() => {
        sql.pruneRateEvents.run(kind, subject, since);
        sql.insertRateEvent.run(kind, subject, at);
        return (sql.countRateEvents.get(kind, subject, since) as consoleRows.CountRow).n;
      }),
    createApiKey: (key) =>
      run.write(() => {
        sql.insertApiKey.run(consoleRows.apiKeyToRow(key));
      }),
    useApiKey: (keyHash, now) =>
      run.write(() => {
        const row = sql.useApiKey.get(now, keyHash) as consoleRows.ApiKeyRow | undefined;
        return row === undefined ? undefined : consoleRows.apiKeyFromRow(row);
      }),
    countApiKeys: () => run.read(() => (sql.countApiKeys.get() as consoleRows.CountRow).n),
    listApiKeys: () =>
      run.read(() => (sql.listApiKeys.all() as consoleRows.ApiKeyRow[]).map(consoleRows.apiKeyFromRow)),
    deleteApiKey: (id) => run.write(() => sql.deleteApiKey.run(id).changes === 1),
    createOperator: (newOperator) =>
      run.write(() => sql.createOperator.run(consoleRows.operatorToRow(newOperator)).changes === 1),
    findOperatorByUsername: (username) =>
      run.read(() =>
        consoleRows.operatorFromRow(sql.operatorByName.get(username) as consoleRows.OperatorRow | undefined),
      ),
    getOperator: (id) =>
      run.read(() =>
        consoleRows.operatorFromRow(sql.operatorById.get(id) as consoleRows.OperatorRow | undefined),
      ),
    countOperators: () => run.read(() => (sql.countOperators.get() as consoleRows.CountRow).n),
    createSession: (session) =>
      run.write(() => {
        sql.pruneSessions.run(session.createdAt);
        sql.createSession.run(consoleRows.sessionToRow(session));
      }),
    findSession: (tokenHash, now) =>
      run.read(() =>
        consoleRows.sessionFromRow(sql.findSession.get(tokenHash, now) as consoleRows.SessionRow | undefined),
      ),
    deleteSession: (tokenHash) =>
      run.write(() => {
        sql.deleteSession.run(tokenHash);
      }),
  };
}
