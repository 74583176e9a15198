/**
 * The PostgreSQL store: the shared contract (each store on a database of its own, peers on the
 * same database standing for a second ACS instance), then what only this adapter has to
 * show: migrations under a lock, TLS settings, errors without secrets, the start-up lock
 * across connections, and timeline messages kept as written.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import type { AcsStore } from '../../../src/store/port.ts';
import { migrations } from '../../../src/store/postgres/migrations.ts';
import { connectionConfig, type PostgresOptions } from '../../../src/store/postgres/open.ts';
import { createPostgresStore } from '../../../src/store/postgres/postgres-store.ts';
import {
  cleanPostgresDatabase,
  dropCleanPostgresDatabases,
  type FreshDatabase,
  freshPostgresDatabase,
} from '../../support/postgres.ts';
import { storeContract } from './store-contract.ts';

const databases: FreshDatabase[] = [];
/** The database URL of each store the contract factory made, so a peer can open it too. */
const urls = new WeakMap<AcsStore, string>();

afterAll(async () => {
  await Promise.all([...databases.map((db) => db.drop()), dropCleanPostgresDatabases()]);
});

async function database(options: { migrated?: boolean } = {}): Promise<FreshDatabase> {
  const db = await freshPostgresDatabase(options);
  databases.push(db);
  return db;
}

const open = (url: string, poolSize = 4) =>
  createPostgresStore({ url, poolSize, ssl: 'disable', applicationName: 'acs-tests' });

storeContract(
  'postgres',
  async () => {
    const db = await cleanPostgresDatabase();
    const store = await open(db.url);
    // Emptied for the next case as soon as the contract closes this store (it closes the
    // peers first): the contract opens some seventy stores, and a new database costs ~300 ms.
    const owned: AcsStore = {
      ...store,
      close: async () => {
        await store.close();
        await db.release();
      },
    };
    urls.set(owned, db.url);
    return owned;
  },
  async (store) => {
    const url = urls.get(store);
    if (url === undefined) throw new Error('not a store of this suite');
    return await open(url);
  },
);

describe('postgres store', () => {
  it('applies the migrations once when two instances open a new database together', async () => {
    const db = await database();
    const stores = await Promise.all([open(db.url), open(db.url)]);
    await Promise.all(stores.map((store) => store.close()));
    await (await open(db.url)).close();
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      const { rows } = await client.query('SELECT version, name FROM schema_migrations ORDER BY version');
      expect(rows).toEqual(migrations.map((m) => ({ version: m.version, name: m.name })));
    } finally {
      await client.end();
    }
  });

  it('reports not ready after close instead of throwing, and closes once', async () => {
    const db = await database({ migrated: true });
    const store = await open(db.url);
    expect(await store.ping()).toBe(true);
    await store.close();
    await store.close();
    expect(await store.ping()).toBe(false);
  });

  it('never puts the password or the URL in an error', async () => {
    const password = 'Wr0ng-s3cret-pa55';
    const wrong = new URL(inject('postgresAdminUrl'));
    wrong.password = password;
    const urls = {
      'wrong password': wrong.toString(),
      'nobody listening': `postgres://acs:${password}@127.0.0.1:1/acs`,
      unparsable: `postgres://acs:${password}@[::1/acs`,
    };
    const codes: Record<string, string | undefined> = {};
    for (const [what, url] of Object.entries(urls)) {
      const error = await open(url).then(
        () => undefined,
        (e: unknown) => e as Error & { code?: string },
      );
      expect(error, what).toBeInstanceOf(Error);
      const shown = `${error?.message} ${error?.stack} ${JSON.stringify(error)}`;
      expect(shown, what).not.toContain(password);
      expect(shown, what).not.toContain(url);
      codes[what] = error?.code;
    }
    // The cause stays visible: invalid_password, connection refused.
    expect(codes).toMatchObject({ 'wrong password': '28P01', 'nobody listening': 'ECONNREFUSED' });
  });

  it('lets one instance at a time hold the start-up lock, and releases it when the work fails', async () => {
    const db = await database({ migrated: true });
    // Pools of one: the lock's own connection must not starve the work that runs under it.
    const [first, second] = await Promise.all([open(db.url, 1), open(db.url, 1)]);
    if (first === undefined || second === undefined) throw new Error('two stores expected');
    try {
      const events: string[] = [];
      let release = () => {};
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      const firstRun = first.withStartupLock(async () => {
        events.push('first in');
        await held;
        events.push('first out');
        return 1;
      });
      while (!events.includes('first in')) await sleep(5);
      const secondRun = second.withStartupLock(async () => {
        events.push('second in');
        return (await second.countApiKeys()) + 2;
      });
      await sleep(150);
      expect(events).toEqual(['first in']);
      release();
      expect(await Promise.all([firstRun, secondRun])).toEqual([1, 2]);
      expect(events).toEqual(['first in', 'first out', 'second in']);

      await expect(
        first.withStartupLock(async () => {
          throw new Error('seed failed');
        }),
      ).rejects.toThrow('seed failed');
      expect(await second.withStartupLock(async () => 'free again')).toBe('free again');
    } finally {
      await Promise.all([first.close(), second.close()]);
    }
  });

  it('keeps a timeline message exactly as written, key order included', async () => {
    const db = await database({ migrated: true });
    const store = await open(db.url);
    try {
      const body = { messageType: 'AReq', zeta: 1, alpha: { y: [2, { b: 1, a: 0 }], x: 'é\u2028' } };
      await store.recordMessages([
        {
          acsTransID: 'tx-1',
          threeDSServerTransID: undefined,
          messageType: 'AReq',
          direction: 'in',
          body,
          createdAt: '2026-12-01T00:00:00.000Z',
        },
      ]);
      const [stored] = await store.listMessages('tx-1');
      expect(JSON.stringify(stored?.body)).toBe(JSON.stringify(body));
    } finally {
      await store.close();
    }
  });

  const caPath = inject('postgresCaPath');

  it.skipIf(caPath === '')(
    'connects over TLS: encrypted only, or verifying the server against its CA',
    async () => {
      const db = await database({ migrated: true });
      for (const ssl of ['require', 'verify-full'] as const) {
        const store = await createPostgresStore({ url: db.url, poolSize: 1, ssl, sslCaPath: caPath });
        expect(await store.ping()).toBe(true);
        await store.close();
      }
      // The certificate is self-signed: without its CA, verify-full refuses the server.
      const refused = await createPostgresStore({ url: db.url, poolSize: 1, ssl: 'verify-full' }).then(
        () => undefined,
        (e: unknown) => e as Error,
      );
      expect(refused?.message).toMatch(/self[- ]signed/i);
      expect(refused?.message).not.toContain(new URL(db.url).password);
    },
  );

  it('maps the TLS settings and refuses TLS parameters in the URL', () => {
    const dir = mkdtempSync(join(tmpdir(), 'acs-pg-ca-'));
    try {
      const pem = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
      writeFileSync(join(dir, 'ca.pem'), pem);
      const url = 'postgres://acs:secret@db.internal:5432/acs';
      const ssl = (options: Partial<PostgresOptions>) =>
        connectionConfig({ url, poolSize: 1, ssl: 'disable', ...options }).ssl;
      expect(ssl({ ssl: 'disable' })).toBe(false);
      expect(ssl({ ssl: 'require' })).toEqual({ rejectUnauthorized: false });
      expect(ssl({ ssl: 'verify-full' })).toEqual({ rejectUnauthorized: true });
      expect(ssl({ ssl: 'verify-full', sslCaPath: join(dir, 'ca.pem') })).toEqual({
        rejectUnauthorized: true,
        ca: pem,
      });
      // sslmode in the URL would override the setting inside pg: refused, without echoing the URL.
      const error = (() => {
        try {
          ssl({ url: `${url}?sslmode=disable`, ssl: 'verify-full' });
        } catch (e) {
          return e as Error;
        }
      })();
      expect(error?.message).toMatch(/ACS_DB_SSL/);
      expect(error?.message).not.toContain('secret');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
