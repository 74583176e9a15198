/**
 * Opens the SQLite database the way this ACS needs it: WAL journal, foreign keys on, a busy
 * timeout so a second process waits instead of failing, and every pending migration applied.
 * The only module (with its siblings) that imports better-sqlite3.
 */
import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { appliedMigrationRow, schemaMigrationsColumns } from '../migration.ts';
import { migrations } from './migrations.ts';

/** An open better-sqlite3 handle. */
export type SqliteDatabase = Database.Database;

/** How to open the database. */
export type OpenOptions = Readonly<{
  synchronous?: 'NORMAL' | 'FULL';
  /** False: a background checkpointer (checkpointer.ts) does it instead of the committing request. */
  autoCheckpoint?: boolean;
}>;

/** Opens (creating if needed) and migrates the database at `path` (':memory:' allowed). */
export function openDatabase(path: string, options: OpenOptions = {}): SqliteDatabase {
  const synchronous = options.synchronous ?? 'NORMAL';
  const fresh = path !== ':memory:' && !existsSync(path);
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  // Only the ACS reads its database (hashes, masked PANs, sealed secrets); SQLite gives the
  // -wal and -shm files the same mode.
  if (fresh) chmodSync(path, 0o600);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${synchronous}`);
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // 64 MiB of page cache instead of SQLite's 2 MiB: with a million transactions the indexes
  // touched by every AReq (random UUID keys) no longer fit in 2 MiB, and each miss is a read().
  db.pragma('cache_size = -65536');
  db.pragma('temp_store = MEMORY');
  if (options.autoCheckpoint === false) db.pragma('wal_autocheckpoint = 0');
  migrate(db);
  return db;
}

function migrate(db: SqliteDatabase): void {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (${schemaMigrationsColumns}) STRICT`);
  const applied = db.prepare('SELECT 1 FROM schema_migrations WHERE version = ?');
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  for (const migration of migrations) {
    // IMMEDIATE takes the write lock before looking: a second process starting at the same
    // moment waits (busy_timeout), then sees the migration applied and skips it.
    db.transaction(() => {
      if (applied.get(migration.version) !== undefined) return;
      db.exec(migration.sql);
      record.run(...appliedMigrationRow(migration));
    }).immediate();
  }
}
