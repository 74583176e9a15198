/**
 * Console operators and sessions, admin API keys and rate-limit events in SQLite. Each
 * operation that reads then writes (using an API key, starting a session, counting a rate
 * event) is one write, so it is atomic across every instance sharing the file.
 */
import type { AcsStore, ApiKeyRecord, OperatorRecord, SessionRecord } from '../port.ts';
import type { SqliteDatabase } from './open.ts';
import type { Runner } from './runner.ts';

type ConsoleQueries = Pick<
  AcsStore,
  | 'countRateEvent'
  | 'createApiKey'
  | 'useApiKey'
  | 'countApiKeys'
  | 'listApiKeys'
  | 'deleteApiKey'
  | 'createOperator'
  | 'findOperatorByUsername'
  | 'getOperator'
  | 'countOperators'
  | 'createSession'
  | 'findSession'
  | 'deleteSession'
>;

type ApiKeyRow = {
  id: string;
  name: string;
  key_hash: string;
  created_at: string;
  last_used_at: string | null;
};
type OperatorRow = { id: string; username: string; password_hash: string; created_at: string };
type SessionRow = {
  token_hash: string;
  operator_id: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
};

function apiKeyFromRow(row: ApiKeyRow): ApiKeyRecord {
  return {
    id: row.id,
    name: row.name,
    keyHash: row.key_hash,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at ?? undefined,
  };
}

function operatorFromRow(row: OperatorRow | undefined): OperatorRecord | undefined {
  if (row === undefined) return undefined;
  return { id: row.id, username: row.username, passwordHash: row.password_hash, createdAt: row.created_at };
}

function sessionFromRow(row: SessionRow | undefined): SessionRecord | undefined {
  if (row === undefined) return undefined;
  return {
    tokenHash: row.token_hash,
    operatorId: row.operator_id,
    csrfToken: row.csrf_token,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
  };
}

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
        return (sql.countRateEvents.get(kind, subject, since) as { n: number }).n;
      }),
    createApiKey: (key) =>
      run.write(() => {
        sql.insertApiKey.run({
          id: key.id,
          name: key.name,
          key_hash: key.keyHash,
          created_at: key.createdAt,
        });
      }),
    useApiKey: (keyHash, now) =>
      run.write(() => {
        const row = sql.useApiKey.get(now, keyHash) as ApiKeyRow | undefined;
        return row === undefined ? undefined : apiKeyFromRow(row);
      }),
    countApiKeys: () => run.read(() => (sql.countApiKeys.get() as { n: number }).n),
    listApiKeys: () => run.read(() => (sql.listApiKeys.all() as ApiKeyRow[]).map(apiKeyFromRow)),
    deleteApiKey: (id) => run.write(() => sql.deleteApiKey.run(id).changes === 1),
    createOperator: (o) =>
      run.write(
        () =>
          sql.createOperator.run({
            id: o.id,
            username: o.username,
            password_hash: o.passwordHash,
            created_at: o.createdAt,
          }).changes === 1,
      ),
    findOperatorByUsername: (username) =>
      run.read(() => operatorFromRow(sql.operatorByName.get(username) as OperatorRow | undefined)),
    getOperator: (id) => run.read(() => operatorFromRow(sql.operatorById.get(id) as OperatorRow | undefined)),
    countOperators: () => run.read(() => (sql.countOperators.get() as { n: number }).n),
    createSession: (session) =>
      run.write(() => {
        sql.pruneSessions.run(session.createdAt);
        sql.createSession.run({
          token_hash: session.tokenHash,
          operator_id: session.operatorId,
          csrf_token: session.csrfToken,
          created_at: session.createdAt,
          expires_at: session.expiresAt,
        });
      }),
    findSession: (tokenHash, now) =>
      run.read(() => sessionFromRow(sql.findSession.get(tokenHash, now) as SessionRow | undefined)),
    deleteSession: (tokenHash) =>
      run.write(() => {
        sql.deleteSession.run(tokenHash);
      }),
  };
}
