/**
 * The console's records as both adapters store them: `operators`, `operator_sessions` and
 * `api_keys` rows, and the one mapping to and from the port's records (rate events have no
 * record: they are only counted).
 */
import type { ApiKeyRecord, OperatorRecord, SessionRecord } from '../port.ts';
import { columnTable, type TableRow } from './columns.ts';

/** ApiKeyRecord in `api_keys`. */
const apiKeyTable = columnTable<ApiKeyRecord>()({
  id: 'id',
  name: 'name',
  keyHash: 'key_hash',
  createdAt: 'created_at',
  lastUsedAt: 'last_used_at',
});

/** OperatorRecord in `operators`. */
const operatorTable = columnTable<OperatorRecord>()({
  id: 'id',
  username: 'username',
  passwordHash: 'password_hash',
  createdAt: 'created_at',
});

/** SessionRecord in `operator_sessions`. */
const sessionTable = columnTable<SessionRecord>()({
  tokenHash: 'token_hash',
  operatorId: 'operator_id',
  csrfToken: 'csrf_token',
  createdAt: 'created_at',
  expiresAt: 'expires_at',
});

/** An `api_keys` row. */
export type ApiKeyRow = TableRow<typeof apiKeyTable>;

/** An `operators` row. */
export type OperatorRow = TableRow<typeof operatorTable>;

/** An `operator_sessions` row. */
export type SessionRow = TableRow<typeof sessionTable>;

/** A COUNT(*) read as `n`. */
export type CountRow = { n: number };

/** api_keys row -> ApiKeyRecord. */
export const apiKeyFromRow = apiKeyTable.fromRow;

/** A new API key -> api_keys row (last_used_at NULL: a new key has never been used). */
export function apiKeyToRow(key: ApiKeyRecord): ApiKeyRow {
  return apiKeyTable.toRow({ ...key, lastUsedAt: undefined });
}

/** operators row (none found: undefined) -> OperatorRecord. */
export function operatorFromRow(row: OperatorRow | undefined): OperatorRecord | undefined {
  return row === undefined ? undefined : operatorTable.fromRow(row);
}

/** OperatorRecord -> operators row. */
export const operatorToRow = operatorTable.toRow;

/** operator_sessions row (none found: undefined) -> SessionRecord. */
export function sessionFromRow(row: SessionRow | undefined): SessionRecord | undefined {
  return row === undefined ? undefined : sessionTable.fromRow(row);
}

/** SessionRecord -> operator_sessions row. */
export const sessionToRow = sessionTable.toRow;
