/**
 * The benchmark's settings, read once from BENCH_* environment variables (the bench is a
 * tool, not the product: its settings are not ACS_* configuration). docs/performance.md lists
 * them; an invalid value stops the run before anything starts.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** One part of the run: a database and what is measured on it. */
export const partNames = [
  'sqlite',
  'sqlite-no-group-commit',
  'sqlite-large',
  'postgres',
  'postgres-large',
] as const;

/** A part of the run. */
export type PartName = (typeof partNames)[number];

/** Everything the run needs to know. */
export type BenchSettings = Readonly<{
  durationSeconds: number;
  warmupSeconds: number;
  /** autocannon connections for the frictionless AReq and the echo. */
  connections: number;
  /** Concurrent browser challenge flows (virtual users). */
  flowUsers: number;
  /** Stored transactions in the large database. */
  largeRows: number;
  parts: readonly PartName[];
  /** Where seeded databases (and the bench's own PostgreSQL cluster) are kept between runs. */
  cacheDir: string;
  /** An existing PostgreSQL server to use instead of a cluster of our own (its user needs CREATEDB). */
  databaseUrl: string | undefined;
}>;

type Env = Readonly<Record<string, string | undefined>>;

function positiveInt(env: Env, name: string, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > max)
    throw new Error(`${name} must be a whole number from 1 to ${max}`);
  return value;
}

function flag(env: Env, name: string): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '' || raw === '0' || raw === 'false') return false;
  if (raw === '1' || raw === 'true') return true;
  throw new Error(`${name} must be 1 or 0`);
}

function parts(env: Env): readonly PartName[] {
  const raw = env.BENCH_PARTS;
  if (raw === undefined || raw === '') {
    const base: PartName[] = ['sqlite', 'sqlite-no-group-commit', 'postgres'];
    // The large database is opt-in: seeding it the first time takes minutes, and each run copies it.
    return flag(env, 'BENCH_LARGE')
      ? ['sqlite', 'sqlite-no-group-commit', 'sqlite-large', 'postgres', 'postgres-large']
      : base;
  }
  const names = raw
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  for (const name of names) {
    if (!(partNames as readonly string[]).includes(name))
      throw new Error(`BENCH_PARTS: unknown part "${name}" (known: ${partNames.join(', ')})`);
  }
  // Always in the canonical order, so a large part runs right after its empty twin.
  return partNames.filter((name) => names.includes(name));
}

/** Reads and checks the BENCH_* variables of `env`. */
export function readSettings(env: Env): BenchSettings {
  const databaseUrl = env.BENCH_DATABASE_URL;
  return {
    durationSeconds: positiveInt(env, 'BENCH_DURATION_SECONDS', 10, 600),
    warmupSeconds: positiveInt(env, 'BENCH_WARMUP_SECONDS', 3, 120),
    connections: positiveInt(env, 'BENCH_CONNECTIONS', 50, 1000),
    flowUsers: positiveInt(env, 'BENCH_FLOW_USERS', 50, 100),
    largeRows: positiveInt(env, 'BENCH_ROWS', 1_000_000, 20_000_000),
    parts: parts(env),
    cacheDir:
      env.BENCH_CACHE_DIR === undefined || env.BENCH_CACHE_DIR === ''
        ? join(tmpdir(), 'acs-bench-cache')
        : env.BENCH_CACHE_DIR,
    databaseUrl: databaseUrl === undefined || databaseUrl === '' ? undefined : databaseUrl,
  };
}
