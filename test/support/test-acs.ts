/**
 * A complete ACS for tests: real keys in a temporary directory, a real database, the
 * repository's seed cards, a controllable clock and instant sleeps. Integration tests drive
 * `app` over HTTP with supertest. The database is a SQLite file in the temporary directory,
 * or, in the test project that sets ACS_TEST_STORE=postgres (vitest.config.ts), a fresh
 * database of its own on the test PostgreSQL server, so the same suite runs on both adapters.
 * Tests never set process.env; they pass ACS_* settings in `env`.
 */
import { randomInt, randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Express } from 'express';
import pg from 'pg';
import { createApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config/load.ts';
import { createOutboundClient } from '../../src/delivery/outbound-client.ts';
import { createOutboxSender } from '../../src/delivery/outbox.ts';
import { parseSeedFile } from '../../src/domain/seed-file.ts';
import type { FlowDeps } from '../../src/flows/common/deps.ts';
import { withSealedCardData } from '../../src/flows/common/sealed-card-data.ts';
import { seedTestCards } from '../../src/flows/common/seed-test-cards.ts';
import { createLogger } from '../../src/log/logger.ts';
import { createAcsMetrics } from '../../src/metrics/acs-metrics.ts';
import { loadOrCreateKeys } from '../../src/signing/keys.ts';
import { openStore } from '../../src/store/open-store.ts';
import { freshPostgresDatabase } from './postgres.ts';

/** The repository's seed file, parsed. */
export const seedFile = parseSeedFile(
  readFileSync(new URL('../../data/test-cards.json', import.meta.url), 'utf8'),
);

/** A running test ACS. */
export type TestAcs = {
  app: Express;
  deps: FlowDeps;
  dir: string;
  /** Every log line written, as text. */
  logs: string[];
  /** Moves the test clock forward. */
  advance(ms: number): void;
  /** Sleeps the acs-slow scenario asked for, in order. */
  sleeps: number[];
  /** Which adapter the test runs on. */
  storeKind: 'sqlite' | 'postgres';
  /**
   * Everything the database holds, as text: on SQLite the bytes of the database file and its
   * WAL (what a stolen disk would show), on PostgreSQL every row of every table. Tests look
   * in it for what must never be stored in clear.
   */
  storedText(): Promise<string>;
  close(): Promise<void>;
};

/** The adapter this test project runs on (vitest.config.ts sets it per project). */
export const testStoreKind: 'sqlite' | 'postgres' =
  process.env.ACS_TEST_STORE === 'postgres' ? 'postgres' : 'sqlite';

/** Starts a test ACS; `env` sets ACS_* variables exactly as the environment would. */
export async function createTestAcs(env: Record<string, string> = {}): Promise<TestAcs> {
  const dir = mkdtempSync(join(tmpdir(), 'acs-test-'));
  const postgres = testStoreKind === 'postgres' ? await freshPostgresDatabase({ migrated: true }) : undefined;
  const config = loadConfig({
    ACS_DB_PATH: join(dir, 'acs.db'),
    ...(postgres === undefined ? {} : { ACS_DATABASE_URL: postgres.url, ACS_DB_POOL_SIZE: '4' }),
    ACS_KEYS_DIR: join(dir, 'keys'),
    ACS_PUBLIC_URL: 'http://acs.test',
    ACS_LOG_LEVEL: 'debug',
    ...env,
  });
  const keys = await loadOrCreateKeys({
    keysDir: config.keys.dir,
    resultSigningAlg: config.keys.resultSigningAlg,
    publicUrl: config.publicUrl,
    tls: config.tls,
  });
  const logs: string[] = [];
  let now = Date.parse('2026-11-25T10:00:00.000Z');
  const sleeps: number[] = [];
  const store = withSealedCardData(await openStore(config.database), keys);
  const deps: FlowDeps = {
    config,
    store,
    keys,
    logger: createLogger(config.logLevel, (line) => logs.push(line)),
    metrics: createAcsMetrics(),
    clock: () => new Date(now),
    newId: randomUUID,
    randomInt: (max) => randomInt(max),
    codeSender: createOutboxSender(),
    postJson: createOutboundClient({ allow: config.outbound.allow, sandbox: config.sandbox }),
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
    },
  };
  await seedTestCards(deps, seedFile);
  return {
    app: createApp(deps),
    deps,
    dir,
    logs,
    sleeps,
    advance: (ms) => {
      now += ms;
    },
    storeKind: testStoreKind,
    storedText: () => (postgres === undefined ? sqliteFilesText(dir) : postgresRowsText(postgres.url)),
    close: async () => {
      await store.close();
      await postgres?.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function sqliteFilesText(dir: string): Promise<string> {
  return Promise.resolve(
    readdirSync(dir)
      .filter((name) => name.startsWith('acs.db'))
      .map((name) => readFileSync(join(dir, name)).toString('latin1'))
      .join('\n'),
  );
}

async function postgresRowsText(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const tables = await client.query<{ name: string }>(
      "SELECT quote_ident(table_name) AS name FROM information_schema.tables WHERE table_schema = 'public'",
    );
    const parts: string[] = [];
    for (const { name } of tables.rows) {
      const rows = await client.query<{ text: string | null }>(
        `SELECT string_agg(t::text, E'\\n') AS text FROM ${name} t`,
      );
      parts.push(rows.rows[0]?.text ?? '');
    }
    return parts.join('\n');
  } finally {
    await client.end();
  }
}
