/**
 * Chooses the store adapter: PostgreSQL when a database URL is configured (several instances
 * may share it), otherwise the embedded SQLite file. The only place that knows both exist.
 */
import type { AcsStore } from './port.ts';
import { createPostgresStore, type PostgresOptions } from './postgres/postgres-store.ts';
import { createSqliteStore, type SqliteStoreOptions } from './sqlite/sqlite-store.ts';

/**
 * What the store needs to know (the `database` slice of the configuration): the SQLite file and
 * each adapter's own options, every SQLite one set.
 */
export type StoreSettings = Readonly<
  { path: string; postgres: PostgresOptions | undefined } & Required<SqliteStoreOptions>
>;

/** Which adapter the settings select, for logs and /readyz (never the URL: it holds a password). */
export function storeKind(settings: StoreSettings): 'postgres' | 'sqlite' {
  return settings.postgres === undefined ? 'sqlite' : 'postgres';
}

/** Opens (and migrates) the configured store. */
export async function openStore(settings: StoreSettings): Promise<AcsStore> {
  if (settings.postgres !== undefined) {
    return createPostgresStore({ ...settings.postgres, applicationName: 'acs-simulator' });
  }
  return createSqliteStore(settings.path, {
    synchronous: settings.synchronous,
    groupCommit: settings.groupCommit,
    checkpointIntervalMs: settings.checkpointIntervalMs,
  });
}
