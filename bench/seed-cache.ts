/**
 * Seeded databases are made once and kept under the cache directory (BENCH_CACHE_DIR), then
 * copied before each run, so every run starts from the same state and only the first pays
 * for seeding. An entry's name holds the row count, the adapter's newest migration and the
 * seeder's version: a schema change or a seeder change makes a new entry instead of reusing a
 * stale one. An entry is complete only once seeding finished (SQLite: the directory is
 * renamed into place; PostgreSQL: a marker row), so a run that died half-way is started over.
 */
import { copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { migrations as postgresMigrations } from '../src/store/postgres/migrations.ts';
import { migrations as sqliteMigrations } from '../src/store/sqlite/migrations.ts';
import { adminQuery, databaseUrl } from '../test/support/postgres-cluster.ts';
import { createDatabase, dropDatabase, type PostgresServer } from './postgres-cluster.ts';
import { isSeeded, seedPostgresDatabase } from './seed-postgres.ts';
import { seedSqliteDatabase } from './seed-sqlite.ts';

/** Bump when the seeded rows change, so cached seeds are made again. */
const seederVersion = 1;

const newest = (list: readonly { version: number }[]) => Math.max(...list.map((m) => m.version));

/** A seeded SQLite database in the cache: the file and the keys its PAN hashes were made with. */
export type SqliteSeed = Readonly<{ dbFile: string; keysDir: string }>;

/** The cached SQLite seed of `rows` transactions, seeding it first if there is none. */
export async function seededSqlite(
  cacheDir: string,
  rows: number,
  progress: (line: string) => void,
): Promise<SqliteSeed> {
  const dir = join(cacheDir, `sqlite-${rows}-m${newest(sqliteMigrations)}-s${seederVersion}`);
  if (!existsSync(join(dir, 'acs.db'))) {
    removeStaleSqliteSeeds(cacheDir, rows, dir);
    const partial = `${dir}.partial`;
    rmSync(partial, { recursive: true, force: true });
    mkdirSync(partial, { recursive: true });
    progress(`seeding a SQLite database with ${rows} transactions in ${dir} (once; later runs copy it)`);
    const began = Date.now();
    await seedSqliteDatabase(partial, rows, progress);
    renameSync(partial, dir);
    progress(`seeded in ${((Date.now() - began) / 1000).toFixed(0)} s`);
  }
  return { dbFile: join(dir, 'acs.db'), keysDir: join(dir, 'keys') };
}

/** Removes cached SQLite seeds of `rows` made for an older schema or seeder (a few GB each). */
function removeStaleSqliteSeeds(cacheDir: string, rows: number, current: string): void {
  if (!existsSync(cacheDir)) return;
  const pattern = new RegExp(`^sqlite-${rows}-m[0-9]+-s[0-9]+(\\.partial)?$`);
  for (const entry of readdirSync(cacheDir)) {
    if (pattern.test(entry) && join(cacheDir, entry) !== current)
      rmSync(join(cacheDir, entry), { recursive: true, force: true });
  }
}

/** Copies the seed into `runDir` (acs.db and keys/), as the run's starting state. */
export function copySqliteSeed(seed: SqliteSeed, runDir: string): void {
  copyFileSync(seed.dbFile, join(runDir, 'acs.db'));
  copyKeys(seed.keysDir, join(runDir, 'keys'));
}

/** Copies a seed's keys directory (the run's ACS must hash PANs as the seeder did). */
export function copyKeys(from: string, to: string): void {
  cpSync(from, to, { recursive: true });
}

/** A seeded PostgreSQL database (used as a template) and the keys it was seeded with. */
export type PostgresSeed = Readonly<{ template: string; keysDir: string }>;

/** The seeded template database of `rows` transactions on `server`, seeding it first if there is none. */
export async function seededPostgres(
  server: PostgresServer,
  cacheDir: string,
  rows: number,
  progress: (line: string) => void,
): Promise<PostgresSeed> {
  const template = `acs_bench_seed_${rows}_m${newest(postgresMigrations)}_s${seederVersion}`;
  const keysDir = join(cacheDir, `keys-${server.id}-${template}`);
  const url = databaseUrl(server.adminUrl, template);
  const exists = async () => {
    try {
      return await isSeeded(url, rows);
    } catch {
      return false;
    }
  };
  if (existsSync(join(keysDir, 'secrets.json')) && (await exists())) return { template, keysDir };
  progress(`seeding a PostgreSQL database ${template} with ${rows} transactions (once; later runs copy it)`);
  const began = Date.now();
  // Seeds of `rows` made for an older schema or seeder are dropped: a few GB each.
  const stale = await adminQuery<{ datname: string }>(
    server.adminUrl,
    'SELECT datname FROM pg_database WHERE starts_with(datname, $1) AND datname <> $2',
    [`acs_bench_seed_${rows}_`, template],
  );
  for (const { datname } of stale) {
    await dropDatabase(server.adminUrl, datname);
    rmSync(join(cacheDir, `keys-${server.id}-${datname}`), { recursive: true, force: true });
  }
  await dropDatabase(server.adminUrl, template);
  rmSync(keysDir, { recursive: true, force: true });
  mkdirSync(keysDir, { recursive: true });
  await createDatabase(server.adminUrl, template);
  await seedPostgresDatabase(url, keysDir, rows, progress);
  progress(`seeded in ${((Date.now() - began) / 1000).toFixed(0)} s`);
  return { template, keysDir };
}
