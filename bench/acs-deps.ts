/**
 * The ACS's dependencies composed as src/main.ts composes them, for the benchmark: the
 * configuration parsed by loadConfig from ACS_* settings, keys from a keys directory, the
 * store opened by openStore with the `database` slice (so SQLite runs with group commit and
 * the background checkpointer, the defaults of `npm start`, or PostgreSQL when a URL is given),
 * the seed cards loaded under the start-up lock, the outbox sender and the one outbound client.
 * Only the log level differs from `npm start` (warn: no per-request lines), and the abuse
 * limits a load test would trip are raised (benchAcsEnv). Shared by the load benchmark, the
 * step timings and the seeder.
 */
import { randomInt, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../src/config/load.ts';
import { createOutboundClient } from '../src/delivery/outbound-client.ts';
import { createOutboxSender } from '../src/delivery/outbox.ts';
import { parseSeedFile } from '../src/domain/seed-file.ts';
import type { FlowDeps } from '../src/flows/common/deps.ts';
import { seedTestCards } from '../src/flows/common/seed-test-cards.ts';
import { createLogger } from '../src/log/logger.ts';
import { createAcsMetrics } from '../src/metrics/acs-metrics.ts';
import { loadOrCreateKeys } from '../src/signing/keys.ts';
import { openStore } from '../src/store/open-store.ts';

/** The repository's seed file (the frictionless-y and challenge-sms cards are in it). */
export const repositorySeedFile = fileURLToPath(new URL('../data/test-cards.json', import.meta.url));

/** Where the ACS keeps its state, which database it uses and how it is reached. */
export type BenchAcsOptions = Readonly<{
  /** The SQLite file is `dir/acs.db` (unless `databaseUrl` is set). */
  dir: string;
  /** Default `dir/keys`. A seeded database needs the keys it was seeded with (PAN hashes). */
  keysDir?: string;
  port: number;
  seedFile: string;
  /** PostgreSQL instead of SQLite (ACS_DATABASE_URL). */
  databaseUrl?: string | undefined;
  /** ACS_DB_GROUP_COMMIT (default true, as `npm start`). */
  groupCommit?: boolean;
  /** Other ACS_* settings for a what-if (benchOverrides), applied last. */
  overrides?: Readonly<Record<string, string>>;
}>;

/** ACS_* settings that say where the bench's ACS runs and keeps its state: the bench sets them. */
const placement = new Set([
  'ACS_HOST',
  'ACS_PORT',
  'ACS_PUBLIC_URL',
  'ACS_DB_PATH',
  'ACS_DATABASE_URL',
  'ACS_KEYS_DIR',
  'ACS_SEED_FILE',
]);

/**
 * The ACS_* variables of `env` that the bench passes on to its ACS, for what-ifs such as
 * `ACS_DB_POOL_SIZE=50 npm run bench`; placement settings are left out (the bench's own).
 */
export function benchOverrides(env: Readonly<Record<string, string | undefined>>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter(
      (entry): entry is [string, string] =>
        entry[0].startsWith('ACS_') && !placement.has(entry[0]) && entry[1] !== undefined && entry[1] !== '',
    ),
  );
}

/**
 * The ACS_* settings of a benchmark ACS. The three abuse limits are set to the highest values
 * the configuration accepts: a load test from one address with a few cards is exactly what
 * they exist to stop, and a refused request would measure the limit, not the ACS.
 */
export function benchAcsEnv(options: BenchAcsOptions): Record<string, string> {
  return {
    ACS_HOST: '127.0.0.1',
    ACS_PORT: String(options.port),
    ACS_PUBLIC_URL: `http://127.0.0.1:${options.port}`,
    ACS_DB_PATH: join(options.dir, 'acs.db'),
    ...(options.databaseUrl === undefined ? {} : { ACS_DATABASE_URL: options.databaseUrl }),
    ...(options.groupCommit === false ? { ACS_DB_GROUP_COMMIT: 'false' } : {}),
    ACS_KEYS_DIR: options.keysDir ?? join(options.dir, 'keys'),
    ACS_SEED_FILE: options.seedFile,
    ACS_LOG_LEVEL: 'warn',
    ACS_LIMIT_SMS_PER_PHONE: '1000',
    ACS_LIMIT_CHALLENGES_PER_CARD: '100000',
    ACS_LIMIT_CODE_POSTS_PER_ADDRESS: '100000',
    ...options.overrides,
  };
}

/** Builds seeded ACS dependencies; the caller closes the store. */
export async function createBenchAcsDeps(options: BenchAcsOptions): Promise<FlowDeps> {
  const config = loadConfig(benchAcsEnv(options));
  const keys = await loadOrCreateKeys({
    keysDir: config.keys.dir,
    resultSigningAlg: config.keys.resultSigningAlg,
    publicUrl: config.publicUrl,
  });
  const store = await openStore(config.database);
  const deps: FlowDeps = {
    config,
    store,
    keys,
    logger: createLogger(config.logLevel),
    metrics: createAcsMetrics(),
    clock: () => new Date(),
    newId: randomUUID,
    sleep: (ms) => sleep(ms),
    randomInt: (max) => randomInt(max),
    codeSender: createOutboxSender(),
    postJson: createOutboundClient({ allow: config.outbound.allow, sandbox: config.sandbox }),
  };
  try {
    await store.withStartupLock(() =>
      seedTestCards(deps, parseSeedFile(readFileSync(config.seedFile, 'utf8'))),
    );
  } catch (error) {
    await store.close();
    throw error;
  }
  return deps;
}
