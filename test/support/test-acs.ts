/**
 * A complete ACS for tests: real keys in a temporary directory, a real SQLite file, the
 * repository's seed cards, a controllable clock and instant sleeps. Integration tests drive
 * `app` over HTTP with supertest; nothing here touches process.env.
 */
import { randomInt, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Express } from 'express';
import { createApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config/load.ts';
import { createOutboxSender } from '../../src/delivery/outbox.ts';
import { postJson } from '../../src/delivery/post-json.ts';
import { parseSeedFile } from '../../src/domain/seed-file.ts';
import type { FlowDeps } from '../../src/flows/deps.ts';
import { seedTestCards } from '../../src/flows/seed-test-cards.ts';
import { createLogger } from '../../src/log/logger.ts';
import { createAcsMetrics } from '../../src/metrics/acs-metrics.ts';
import { loadOrCreateKeys } from '../../src/signing/keys.ts';
import { createSqliteStore } from '../../src/store/sqlite/sqlite-store.ts';

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
  close(): void;
};

/** Starts a test ACS; `env` sets ACS_* variables exactly as the environment would. */
export async function createTestAcs(env: Record<string, string> = {}): Promise<TestAcs> {
  const dir = mkdtempSync(join(tmpdir(), 'acs-test-'));
  const config = loadConfig({
    ACS_DB_PATH: join(dir, 'acs.db'),
    ACS_KEYS_DIR: join(dir, 'keys'),
    ACS_PUBLIC_URL: 'http://acs.test',
    ACS_LOG_LEVEL: 'debug',
    ...env,
  });
  const keys = await loadOrCreateKeys({
    keysDir: config.keys.dir,
    resultSigningAlg: config.keys.resultSigningAlg,
    publicUrl: config.publicUrl,
  });
  const logs: string[] = [];
  let now = Date.parse('2026-11-25T10:00:00.000Z');
  const sleeps: number[] = [];
  const store = createSqliteStore(config.database.path);
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
    postJson,
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
    close: () => {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
