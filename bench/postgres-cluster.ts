/**
 * The PostgreSQL server the benchmark measures against: BENCH_DATABASE_URL when set (its user
 * needs CREATEDB), otherwise a cluster of the benchmark's own, made with Debian's binaries
 * under the cache directory (so a seeded database survives between runs) and started on a free
 * loopback port for the run. As in the test setup (test/support/postgres-global-setup.ts),
 * every server command runs as the `postgres` OS user when we are root, and the system's own
 * cluster is never touched. Unlike the tests' throwaway server, this one keeps PostgreSQL's
 * durability on (fsync, synchronous_commit, full_page_writes): it is a benchmark.
 *
 * Each measurement gets a database of its own: empty (the ACS migrates it) or a copy of the
 * seeded one (CREATE DATABASE ... TEMPLATE ... STRATEGY FILE_COPY), dropped afterwards.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import pg from 'pg';

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

/** The bin directory of the newest PostgreSQL installed by Debian's packages, if any. */
export function postgresBinDir(): string | undefined {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  return versions[0] === undefined ? undefined : join(root, versions[0], 'bin');
}

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
  const asRoot = process.getuid?.() === 0;
  const data = join(clusterDir, 'data');
  const run = (tool: string, args: readonly string[]) =>
    asRoot
      ? execFileSync('runuser', ['-u', 'postgres', '--', join(bin, tool), ...args], { stdio: 'pipe' })
      : execFileSync(join(bin, tool), [...args], { stdio: 'pipe' });
  mkdirSync(clusterDir, { recursive: true });
  if (asRoot) {
    const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(clusterDir, id('-u'), id('-g'));
  }
  if (!existsSync(join(data, 'PG_VERSION'))) {
    // Trust on the socket (only this directory's owner can reach it), passwords over TCP.
    run('initdb', [
      '-D',
      data,
      '-U',
      'postgres',
      '--auth-local=trust',
      '--auth-host=scram-sha-256',
      '-E',
      'UTF8',
    ]);
  }
  // A run that died with the server up left it running: stop it before starting on a new port.
  try {
    run('pg_ctl', ['-D', data, 'status']);
    run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
  } catch {
    // Not running: the usual case.
  }
  const port = await freePort();
  const options = [
    `-p ${port}`,
    `-k ${clusterDir}`,
    '-c listen_addresses=127.0.0.1',
    ...clusterSettings.map((s) => `-c ${s}`),
  ];
  const stopNow = () => {
    try {
      run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
    } catch {
      // Already stopped.
    }
  };
  process.once('exit', stopNow);
  try {
    run('pg_ctl', ['-D', data, '-l', join(clusterDir, 'server.log'), '-o', options.join(' '), '-w', 'start']);
  } catch (error) {
    process.removeListener('exit', stopNow);
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim() ?? '';
    throw new Error(`could not start PostgreSQL in ${clusterDir} (see server.log there): ${stderr}`);
  }
  const password = randomBytes(18).toString('hex');
  const admin = new pg.Client({ host: clusterDir, port, user: 'postgres', database: 'postgres' });
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
  const version = execFileSync(join(bin, 'postgres'), ['--version'], { encoding: 'utf8' }).trim();
  return {
    adminUrl: `postgres://${role}:${password}@127.0.0.1:${port}/postgres`,
    id: 'own',
    describe: `${version}, own cluster in ${clusterDir}: ${clusterSettings.join(', ')}`,
    own: true,
    dataDir: data,
    stop: async () => {
      process.removeListener('exit', stopNow);
      stopNow();
    },
  };
}

/** The URL of database `name` on the server of `adminUrl`. */
export function databaseUrl(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Runs `sql` on the server's admin database. */
export async function adminQuery<R extends pg.QueryResultRow>(
  adminUrl: string,
  sql: string,
  values: unknown[] = [],
): Promise<R[]> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return (await client.query<R>(sql, values)).rows;
  } finally {
    await client.end();
  }
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

/** Drops what earlier runs that died left behind (databases named `prefix...`). */
export async function dropLeftovers(adminUrl: string, prefix: string): Promise<void> {
  const rows = await adminQuery<{ datname: string }>(
    adminUrl,
    'SELECT datname FROM pg_database WHERE starts_with(datname, $1)',
    [prefix],
  );
  for (const { datname } of rows) await dropDatabase(adminUrl, pg.escapeIdentifier(datname));
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address !== null
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}
