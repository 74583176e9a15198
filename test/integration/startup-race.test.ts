/**
 * Two instances starting at the same moment on one new database and one new keys directory
 * (src/main.ts: seeding, the first operator and the first admin API key run under
 * store.withStartupLock; key files are created without overwriting, src/signing/key-files.ts):
 * both come up, exactly one creates the operator and the API key, and the seed cards exist
 * once. On SQLite both open the same file; on PostgreSQL the database starts empty, so they
 * race to migrate it too.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { getText, spawnAcsProcess, stopAllAcsProcesses } from '../support/acs-process.ts';
import { type FreshDatabase, freshPostgresDatabase } from '../support/postgres.ts';
import { seedFile, testStoreKind } from '../support/test-acs.ts';

const dir = mkdtempSync(join(tmpdir(), 'acs-startup-race-'));
let database: FreshDatabase | undefined;

afterAll(async () => {
  await stopAllAcsProcesses();
  await database?.drop();
  rmSync(dir, { recursive: true, force: true });
});

async function storeEnv(): Promise<Record<string, string>> {
  if (testStoreKind === 'sqlite') return { ACS_DB_PATH: join(dir, 'acs.db') };
  database = await freshPostgresDatabase();
  return { ACS_DATABASE_URL: database.url };
}

const operatorLine = /created console operator "admin"/;
const apiKeyLine = /created the first admin API key \(shown once; keep it safe\): (\S+)/;

describe(`two instances starting together on a new database (${testStoreKind})`, () => {
  it('both come up, one creates the operator and the API key, the seed cards exist once', async () => {
    const env = { ...(await storeEnv()), ACS_KEYS_DIR: join(dir, 'keys') };
    const both = await Promise.all([
      spawnAcsProcess(env, { name: 'A' }),
      spawnAcsProcess(env, { name: 'B' }),
    ]);
    const [a, b] = both;
    await Promise.all(both.map((acs) => acs.listening));
    for (const acs of both) expect(acs.exitCode(), `${acs.name} still runs`).toBeNull();

    expect(both.filter((acs) => operatorLine.test(acs.err()))).toHaveLength(1);
    expect(both.filter((acs) => apiKeyLine.test(acs.err()))).toHaveLength(1);

    for (const acs of both) {
      const ready = await getText(`${acs.baseURL}/readyz`);
      expect(ready.status, `${acs.name} /readyz`).toBe(200);
      expect(ready.body).toMatchObject({ status: 'ready', database: testStoreKind });
    }

    const adminKey = (a?.adminKey() ?? b?.adminKey()) as string;
    for (const acs of both) {
      // The one key works on both: they share the database and the keys directory's secrets.
      const cards = await getText(`${acs.baseURL}/api/admin/cards`, adminKey);
      expect(cards.status, `${acs.name} admin API`).toBe(200);
      expect(cards.body.cards).toHaveLength(seedFile.cards.length);
    }

    // The same keys: both publish one JWKS.
    const jwks = await Promise.all(both.map((acs) => getText(`${acs.baseURL}/.well-known/jwks.json`)));
    expect(jwks[0]?.body).toEqual(jwks[1]?.body);
    for (const acs of both) expect(acs.problems(), `${acs.name} logged`).toEqual([]);
  }, 60_000);
});
