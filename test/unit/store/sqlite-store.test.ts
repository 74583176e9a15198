import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../../src/store/sqlite/migrations.ts';
import { createSqliteStore } from '../../../src/store/sqlite/sqlite-store.ts';
import { storeContract } from './store-contract.ts';

const dir = mkdtempSync(join(tmpdir(), 'acs-store-'));
let n = 0;

storeContract('sqlite', () => createSqliteStore(join(dir, `store-${n++}.db`)));

describe('sqlite store', () => {
  it('uses WAL and records each migration once across reopenings', () => {
    const path = join(dir, 'reopen.db');
    createSqliteStore(path).close();
    createSqliteStore(path).close();
    const db = new Database(path, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    const versions = db.prepare('SELECT version FROM schema_migrations').all();
    expect(versions).toEqual(migrations.map((m) => ({ version: m.version })));
    db.close();
  });

  it('creates the database readable by its owner only', () => {
    const path = join(dir, 'private.db');
    createSqliteStore(path).close();
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it('reports not ready after close instead of throwing', () => {
    const store = createSqliteStore(join(dir, 'closed.db'));
    store.close();
    expect(store.ping()).toBe(false);
  });
});
