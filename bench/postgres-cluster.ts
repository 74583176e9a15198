/**
 * The PostgreSQL server the benchmark measures against: BENCH_DATABASE_URL when set (its user
 * needs CREATEDB), otherwise a cluster of the benchmark's own (made and run as the tests' is,
 * test/support/postgres-cluster.ts) under the cache directory, so a seeded database survives
 * between runs, and started on a free loopback port for the run. The system's own cluster is
 * never touched. Unlike the tests' throwaway server, this one keeps PostgreSQL's durability on
 * (fsync, synchronous_commit, full_page_writes): it is a benchmark.
 *
 * Each measurement gets a database of its own: empty (the ACS migrates it) or a copy of the
 * seeded one (CREATE DATABASE ... TEMPLATE ... STRATEGY FILE_COPY), dropped afterwards.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import {
  adminQuery,
  clusterIn,
  databaseUrl,
  explainFailure,
  initCluster,
  startCluster,
  stopCluster,
  superuserClient,
} from '../test/support/postgres-cluster.ts';

/** A server the benchmark may create databases on. */
export type PostgresServer = Readonly<{
  /** A URL whose user may create databases. */
  adminUrl: string;
  /** Names the server (for cache keys and the report), never its password. */
  id: string;
  /** How it runs, for the report. */
  describe: string;
  /** Whether the benchmark owns it (and may drop leftovers of earlier runs). */
  own: boolean;
  /** The data directory of our own cluster (its CPU time is read from /proc); undefined for an external server. */
  dataDir: string | undefined;
  stop(): Promise<void>;
}>;

/**
 * The server settings of the benchmark's own cluster. Durability as PostgreSQL ships it; a
 * bigger buffer cache and WAL allowance than the defaults (128 MB, 1 GB), as any server holding
 * a few GB would be given.
 */
export const clusterSettings = [
  'fsync=on',
  'synchronous_commit=on',
  'full_page_writes=on',
  'shared_buffers=256MB',
  'max_wal_size=2GB',
  'max_connections=100',
] as const;

const role = 'acs_bench';

/** An existing server at `url`: used, never stopped. */
export function externalServer(url: string): PostgresServer {
  const parsed = new URL(url);
  return {
    adminUrl: url,
    id: `external-${parsed.hostname}-${parsed.port || '5432'}`,
    describe: `BENCH_DATABASE_URL (${parsed.hostname}:${parsed.port || '5432'}), its own settings`,
    own: false,
    dataDir: undefined,
    stop: async () => {},
  };
}

/** Starts the benchmark's own cluster in `clusterDir` (made with initdb the first time). */
export async function startOwnCluster(bin: string, clusterDir: string): Promise<PostgresServer> {
  mkdirSync(clusterDir, { recursive: true });
  const cluster = clusterIn(bin, clusterDir);
  initCluster(cluster);
  // A run that died with the server up left it running: stop it before starting on a new port.
  stopCluster(cluster);
  const stopNow = () => stopCluster(cluster);
  process.once('exit', stopNow);
  let port: number;
  try {
    port = await startCluster(cluster, clusterSettings);
  } catch (error) {
    process.removeListener('exit', stopNow);
    throw new Error(`could not start PostgreSQL in ${clusterDir}: ${explainFailure(error, cluster)}`);
  }
  const password = randomBytes(18).toString('hex');
  const admin = superuserClient(cluster, port);
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
    // The password is random hex: quoting it as a literal is safe.
    await admin.query(
      `${exists.rowCount === 0 ? 'CREATE' : 'ALTER'} ROLE ${role} LOGIN CREATEDB PASSWORD '${password}'`,
    );
  } finally {
    await admin.end();
  }
  return {
    adminUrl: `postgres://${role}:${password}@127.0.0.1:${port}/postgres`,
    id: 'own',
    describe: `${cluster.version()}, own cluster in ${clusterDir}: ${clusterSettings.join(', ')}`,
    own: true,
    dataDir: cluster.data,
    stop: async () => {
      process.removeListener('exit', stopNow);
      stopNow();
    },
  };
}

/** Creates database `name` (a copy of `template` if given) and returns its URL. Names are our own lowercase identifiers. */
export async function createDatabase(adminUrl: string, name: string, template?: string): Promise<string> {
  await adminQuery(
    adminUrl,
    template === undefined
      ? `CREATE DATABASE ${name}`
      : `CREATE DATABASE ${name} TEMPLATE ${template} STRATEGY FILE_COPY`,
  );
  return databaseUrl(adminUrl, name);
}

/** Drops database `name` if it exists, closing its connections. */
export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}
