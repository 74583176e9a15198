/**
 * Seeds the benchmark's large database ahead of a run (the bench does it itself when the cache
 * has none; this only moves the wait):
 *
 *   node --import tsx bench/seed-transactions.ts sqlite [rows]
 *   node --import tsx bench/seed-transactions.ts postgres [rows]
 *
 * rows defaults to BENCH_ROWS or 1 000 000. The seed goes to the cache directory
 * (BENCH_CACHE_DIR, default <tmpdir>/acs-bench-cache); PostgreSQL seeds go to the bench's own
 * cluster there, or to BENCH_DATABASE_URL's server. Nothing happens if the seed exists.
 */
import { join } from 'node:path';
import { postgresBinDir } from '../test/support/postgres-cluster.ts';
import { externalServer, startOwnCluster } from './postgres-cluster.ts';
import { seededPostgres, seededSqlite } from './seed-cache.ts';
import { readSettings } from './settings.ts';

const progress = (line: string) => process.stderr.write(`seed: ${line}\n`);

async function main(kind: string | undefined, rowsArg: string | undefined): Promise<number> {
  const settings = readSettings(process.env);
  const rows = rowsArg === undefined ? settings.largeRows : Number(rowsArg);
  if (!Number.isInteger(rows) || rows < 1) {
    progress('rows must be a positive whole number');
    return 1;
  }
  if (kind === 'sqlite') {
    const seed = await seededSqlite(settings.cacheDir, rows, progress);
    progress(`ready: ${seed.dbFile}`);
    return 0;
  }
  if (kind === 'postgres') {
    const bin = postgresBinDir();
    if (settings.databaseUrl === undefined && bin === undefined) {
      progress(
        'no PostgreSQL binaries under /usr/lib/postgresql (scripts/ensure-postgres.sh) and no BENCH_DATABASE_URL',
      );
      return 1;
    }
    const server =
      settings.databaseUrl !== undefined
        ? externalServer(settings.databaseUrl)
        : await startOwnCluster(bin as string, join(settings.cacheDir, 'postgres'));
    try {
      const seed = await seededPostgres(server, settings.cacheDir, rows, progress);
      progress(`ready: database ${seed.template}`);
    } finally {
      await server.stop();
    }
    return 0;
  }
  progress('usage: seed-transactions.ts sqlite|postgres [rows]');
  return 1;
}

process.exitCode = await main(process.argv[2], process.argv[3]).catch((error: unknown) => {
  progress(`failed: ${error instanceof Error ? error.message : String(error)}`);
  return 1;
});
