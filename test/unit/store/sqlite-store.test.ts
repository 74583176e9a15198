import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { AcsStore } from '../../../src/store/port.ts';
import { migrations } from '../../../src/store/sqlite/migrations.ts';
import { createSqliteStore } from '../../../src/store/sqlite/sqlite-store.ts';
import { storeContract } from './store-contract.ts';

const dir = mkdtempSync(join(tmpdir(), 'acs-store-'));
let n = 0;

/** The file each contract store was opened on, so a peer (a second ACS instance) can open it too. */
const paths = new WeakMap<AcsStore, string>();

storeContract(
  'sqlite',
  async () => {
    const path = join(dir, `store-${n++}.db`);
    const store = await createSqliteStore(path);
    paths.set(store, path);
    return store;
  },
  async (store) => {
    const path = paths.get(store);
    if (path === undefined) throw new Error('not a store of this suite');
    return await createSqliteStore(path);
  },
);

describe('sqlite store', () => {
  it('uses WAL and records each migration once across reopenings', async () => {
    const path = join(dir, 'reopen.db');
    await (await createSqliteStore(path)).close();
    await (await createSqliteStore(path)).close();
    const db = new Database(path, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    const versions = db.prepare('SELECT version FROM schema_migrations').all();
    expect(versions).toEqual(migrations.map((m) => ({ version: m.version })));
    db.close();
  });

  it('creates the database readable by its owner only', async () => {
    const path = join(dir, 'private.db');
    await (await createSqliteStore(path)).close();
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it('reports not ready after close instead of throwing', async () => {
    const store = await createSqliteStore(join(dir, 'closed.db'));
    await store.close();
    expect(await store.ping()).toBe(false);
  });
});
