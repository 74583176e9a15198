/**
 * The console's records as both adapters store them: `operators`, `operator_sessions` and
 * `api_keys` rows, and the one mapping to and from the port's records (rate events have no
 * record: they are only counted).
 */
import type { ApiKeyRecord, OperatorRecord, SessionRecord } from '../port.ts';
import { orUndefined } from './nullable.ts';

/** An `api_keys` row. */
export type ApiKeyRow = {
  id: string;
  name: string;
  key_hash: string;
  created_at: string;
  last_used_at: string | null;
};

/** An `operators` row. */
export type OperatorRow = { id: string; username: string; password_hash: string; created_at: string };

/** An `operator_sessions` row. */
export type SessionRow = {
  token_hash: string;
  operator_id: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
};

/** A COUNT(*) read as `n`. */
export type CountRow = { n: number };

/** api_keys row -> ApiKeyRecord. */
export function apiKeyFromRow(row: ApiKeyRow): ApiKeyRecord {
  return {
    id: row.id,
    name: row.name,
    keyHash: row.key_hash,
    createdAt: row.created_at,
    lastUsedAt: orUndefined(row.last_used_at),
  };
}

/** A new API key -> api_keys row (without last_used_at: a new key has never been used). */
export function apiKeyToRow(key: ApiKeyRecord): Omit<ApiKeyRow, 'last_used_at'> {
  return { id: key.id, name: key.name, key_hash: key.keyHash, created_at: key.createdAt };
}

/** operators row (none found: undefined) -> OperatorRecord. */
export function operatorFromRow(row: OperatorRow | undefined): OperatorRecord | undefined {
  if (row === undefined) return undefined;
  return { id: row.id, username: row.username, passwordHash: row.password_hash, createdAt: row.created_at };
}

/** OperatorRecord -> operators row. */
export function operatorToRow(operator: OperatorRecord): OperatorRow {
  return {
    id: operator.id,
    username: operator.username,
    password_hash: operator.passwordHash,
    created_at: operator.createdAt,
  };
}

/** operator_sessions row (none found: undefined) -> SessionRecord. */
export function sessionFromRow(row: SessionRow | undefined): SessionRecord | undefined {
  if (row === undefined) return undefined;
  return {
    tokenHash: row.token_hash,
    operatorId: row.operator_id,
    csrfToken: row.csrf_token,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
  };
}

/** SessionRecord -> operator_sessions row. */
export function sessionToRow(session: SessionRecord): SessionRow {
  return {
    token_hash: session.tokenHash,
    operator_id: session.operatorId,
    csrf_token: session.csrfToken,
    created_at: session.createdAt,
    expires_at: session.expiresAt,
  };
}
