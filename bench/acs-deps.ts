/**
 * The ACS's dependencies composed as src/main.ts composes them, for the benchmark: real clock
 * and randomUUID, keys created in a temporary directory, a SQLite file there (WAL,
 * synchronous NORMAL), the repository's seed cards and the outbox sender. Only the log level
 * differs (warn: no per-request lines). Shared by the load benchmark and the step timings.
 */
import { randomInt, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../src/config/load.ts';
import { createOutboxSender } from '../src/delivery/outbox.ts';
import { postJson } from '../src/delivery/post-json.ts';
import { parseSeedFile } from '../src/domain/seed-file.ts';
import type { FlowDeps } from '../src/flows/deps.ts';
import { seedTestCards } from '../src/flows/seed-test-cards.ts';
import { createLogger } from '../src/log/logger.ts';
import { createAcsMetrics } from '../src/metrics/acs-metrics.ts';
import { loadOrCreateKeys } from '../src/signing/keys.ts';
import { createSqliteStore } from '../src/store/sqlite/sqlite-store.ts';

/** The repository's seed file (the frictionless-y card is in it). */
export const repositorySeedFile = fileURLToPath(new URL('../data/test-cards.json', import.meta.url));

/** Where the ACS keeps its state and how it is reached. */
export type BenchAcsOptions = Readonly<{ dir: string; port: number; seedFile: string }>;

/** Builds seeded ACS dependencies under `options.dir`; the caller closes the store. */
export async function createBenchAcsDeps(options: BenchAcsOptions): Promise<FlowDeps> {
  const config = loadConfig({
    ACS_HOST: '127.0.0.1',
    ACS_PORT: String(options.port),
    ACS_PUBLIC_URL: `http://127.0.0.1:${options.port}`,
    ACS_DB_PATH: join(options.dir, 'acs.db'),
    ACS_DB_SYNCHRONOUS: 'NORMAL',
    ACS_KEYS_DIR: join(options.dir, 'keys'),
    ACS_SEED_FILE: options.seedFile,
    ACS_LOG_LEVEL: 'warn',
  });
  const keys = await loadOrCreateKeys({
    keysDir: config.keys.dir,
    resultSigningAlg: config.keys.resultSigningAlg,
    publicUrl: config.publicUrl,
  });
  const deps: FlowDeps = {
    config,
    store: createSqliteStore(config.database.path, { synchronous: config.database.synchronous }),
    keys,
    logger: createLogger(config.logLevel),
    metrics: createAcsMetrics(),
    clock: () => new Date(),
    newId: randomUUID,
    sleep: (ms) => sleep(ms),
    randomInt: (max) => randomInt(max),
    codeSender: createOutboxSender(),
    postJson,
  };
  await seedTestCards(deps, parseSeedFile(readFileSync(config.seedFile, 'utf8')));
  return deps;
}
