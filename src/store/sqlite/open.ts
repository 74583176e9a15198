/**
 * Opens the SQLite database the way this ACS needs it: WAL journal, foreign keys on, a busy
 * timeout so a second process waits instead of failing, and every pending migration applied.
 * The only module (with its siblings) that imports better-sqlite3.
 */
import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { migrations } from './migrations.ts';

/** An open better-sqlite3 handle. */
export type SqliteDatabase = Database.Database;

/** Opens (creating if needed) and migrates the database at `path` (':memory:' allowed). */
export function openDatabase(path: string, synchronous: 'NORMAL' | 'FULL' = 'NORMAL'): SqliteDatabase {
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
  migrate(db);
  return db;
}

function migrate(db: SqliteDatabase): void {
  db.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT',
  );
  const applied = new Set(
    (db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map(
      (row) => row.version,
    ),
  );
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  for (const migration of migrations) {
    if (applied.has(migration.version)) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      record.run(migration.version, migration.name, new Date().toISOString());
    })();
  }
}
