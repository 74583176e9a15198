/**
 * The database each part of the run measures: an empty SQLite file, a copy of the cached
 * seeded one, or a database of its own on the PostgreSQL server (empty, or a copy of the
 * seeded template), and how to clean up after it.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { dropDatabasesStartingWith, postgresBinDir } from '../test/support/postgres-cluster.ts';
import type { AcsThreadData } from './acs-server.ts';
import { type Context, progress } from './context.ts';
import {
  createDatabase,
  dropDatabase,
  externalServer,
  type PostgresServer,
  startOwnCluster,
} from './postgres-cluster.ts';
import { copyKeys, copySqliteSeed, seededPostgres, seededSqlite } from './seed-cache.ts';
import type { PartName } from './settings.ts';

/** How the names of the databases measured on PostgreSQL start (leftovers of a run that died are dropped). */
export const runPrefix = 'acs_bench_run_';

/** The PostgreSQL server, started on first use; undefined (with the reason kept) when there is none. */
async function postgresOf(context: Context): Promise<PostgresServer | undefined> {
  if (context.postgres !== undefined || context.postgresUnavailable !== undefined) return context.postgres;
  const { settings } = context;
  if (settings.databaseUrl !== undefined) {
    context.postgres = externalServer(settings.databaseUrl);
  } else {
    const bin = postgresBinDir();
    if (bin === undefined) {
      context.postgresUnavailable =
        'no PostgreSQL server binaries under /usr/lib/postgresql/*/bin (scripts/ensure-postgres.sh installs them) and no BENCH_DATABASE_URL';
      return undefined;
    }
    progress('starting the benchmark PostgreSQL cluster');
    context.postgres = await startOwnCluster(bin, join(settings.cacheDir, 'postgres'));
    await dropDatabasesStartingWith(context.postgres.adminUrl, runPrefix);
  }
  context.notes.push(
    `PostgreSQL: ${context.postgres.describe}; ACS_DB_POOL_SIZE ${context.overrides.ACS_DB_POOL_SIZE ?? '10 (default)'}`,
  );
  return context.postgres;
}

/** Where a part's ACS keeps its state, and how to clean up after it. */
export type PartDatabase = Readonly<{
  label: string;
  data: AcsThreadData;
  /** Our own PostgreSQL cluster's data directory, for its CPU time. */
  postgresDir?: string | undefined;
  cleanup: () => Promise<void>;
}>;

const largeLabel = (rows: number) => `${rows.toLocaleString('en-US')} transactions`;

/** Prepares `part`'s database in `dir`; undefined when PostgreSQL is unavailable (the reason is in the context). */
export async function prepareDatabase(
  context: Context,
  part: PartName,
  dir: string,
): Promise<PartDatabase | undefined> {
  const { settings } = context;
  const base = {
    dir,
    keysDir: join(dir, 'keys'),
    seedFile: context.seedFile,
    databaseUrl: undefined,
    groupCommit: true,
    overrides: context.overrides,
  };
  const none = async () => {};
  switch (part) {
    case 'sqlite':
      return { label: 'SQLite, empty', data: base, cleanup: none };
    case 'sqlite-no-group-commit':
      return {
        label: 'SQLite, empty, ACS_DB_GROUP_COMMIT=false',
        data: { ...base, groupCommit: false },
        cleanup: none,
      };
    case 'sqlite-large': {
      const seed = await seededSqlite(settings.cacheDir, settings.largeRows, progress);
      progress('copying the seeded SQLite database');
      copySqliteSeed(seed, dir);
      // The copy's pages are still dirty in the page cache: write them now, not during the measurement.
      const fd = openSync(join(dir, 'acs.db'), 'r+');
      fsyncSync(fd);
      closeSync(fd);
      return { label: `SQLite, ${largeLabel(settings.largeRows)}`, data: base, cleanup: none };
    }
    case 'postgres':
    case 'postgres-large': {
      const server = await postgresOf(context);
      if (server === undefined) return undefined;
      const large = part === 'postgres-large';
      const seed = large
        ? await seededPostgres(server, settings.cacheDir, settings.largeRows, progress)
        : undefined;
      const name = `${runPrefix}${randomBytes(4).toString('hex')}`;
      if (seed !== undefined) progress(`copying the seeded PostgreSQL database ${seed.template}`);
      const url = await createDatabase(server.adminUrl, name, seed?.template);
      if (seed !== undefined) copyKeys(seed.keysDir, join(dir, 'keys'));
      return {
        label: large ? `PostgreSQL, ${largeLabel(settings.largeRows)}` : 'PostgreSQL, empty',
        data: { ...base, databaseUrl: url },
        postgresDir: server.dataDir,
        cleanup: () => dropDatabase(server.adminUrl, name),
      };
    }
  }
}
