/**
 * A PostgreSQL cluster of our own, run with Debian's server binaries (scripts/ensure-postgres.sh
 * installs them), for the two places that need a real server and must never touch the
 * machine's own cluster: the tests' throwaway server (test/support/postgres-global-setup.ts)
 * and the benchmark's server (bench/postgres-cluster.ts). Each chooses its directory, its
 * settings and its users; this module knows how to make, start and stop the cluster, and how
 * to run a statement on a server's admin database.
 *
 * PostgreSQL refuses to run as root, so as root every server command runs as the `postgres` OS
 * user, which then owns the cluster's directory. The server listens on a free loopback port
 * (with passwords over TCP) and on a socket in the cluster's directory (trusted: only the
 * directory's owner can reach it), through which the caller creates its users.
 */
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import pg from 'pg';

/** A cluster directory: `data` in it, with the socket and server.log beside. */
export type Cluster = Readonly<{
  dir: string;
  data: string;
  /** The `postgres` OS user's ids when we are root (the files the server reads must be its own). */
  owner: Readonly<{ uid: number; gid: number }> | undefined;
  /** Runs one of the server's binaries (initdb, pg_ctl, ...), as `postgres` when we are root. */
  run(tool: string, args: readonly string[]): Buffer;
  /** The server's version line, e.g. "postgres (PostgreSQL) 15.8". */
  version(): string;
}>;

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

/** The cluster in `dir` (an existing directory), run with the binaries in `bin`. */
export function clusterIn(bin: string, dir: string): Cluster {
  const asRoot = process.getuid?.() === 0;
  const idOf = (flag: '-u' | '-g') =>
    Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  const owner = asRoot ? { uid: idOf('-u'), gid: idOf('-g') } : undefined;
  if (owner !== undefined) chownSync(dir, owner.uid, owner.gid);
  return {
    dir,
    data: join(dir, 'data'),
    owner,
    run: (tool, args) =>
      asRoot
        ? execFileSync('runuser', ['-u', 'postgres', '--', join(bin, tool), ...args], { stdio: 'pipe' })
        : execFileSync(join(bin, tool), [...args], { stdio: 'pipe' }),
    version: () => execFileSync(join(bin, 'postgres'), ['--version'], { encoding: 'utf8' }).trim(),
  };
}

/** Makes the data directory (initdb) unless it exists: superuser `postgres`, UTF8. */
export function initCluster(cluster: Cluster): void {
  if (existsSync(join(cluster.data, 'PG_VERSION'))) return;
  // Trust on the socket (only this directory's owner can reach it), passwords over TCP.
  cluster.run('initdb', [
    '-D',
    cluster.data,
    '-U',
    'postgres',
    '--auth-local=trust',
    '--auth-host=scram-sha-256',
    '-E',
    'UTF8',
  ]);
}

/**
 * Starts the server on a free loopback port with `settings` (`name=value` each), trying another
 * port if a process took the first one meanwhile; returns the port.
 */
export async function startCluster(cluster: Cluster, settings: readonly string[]): Promise<number> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const options = [
      `-p ${port}`,
      `-k ${cluster.dir}`,
      '-c listen_addresses=127.0.0.1',
      ...settings.map((setting) => `-c ${setting}`),
    ].join(' ');
    try {
      cluster.run('pg_ctl', [
        '-D',
        cluster.data,
        '-l',
        join(cluster.dir, 'server.log'),
        '-o',
        options,
        '-w',
        'start',
      ]);
      return port;
    } catch (error) {
      if (attempt >= 3) throw error;
    }
  }
}

/** Stops the server if it runs (fast shutdown); a server already gone is fine. */
export function stopCluster(cluster: Cluster): void {
  // postmaster.pid exists from the moment the server starts, even if `pg_ctl start` then failed.
  if (!existsSync(join(cluster.data, 'postmaster.pid'))) return;
  try {
    cluster.run('pg_ctl', ['-D', cluster.data, '-m', 'fast', '-w', 'stop']);
  } catch {
    // Already gone: nothing left to stop.
  }
}

/** A client of the superuser `postgres` over the cluster's socket (to create the caller's users). */
export function superuserClient(cluster: Cluster, port: number): pg.Client {
  return new pg.Client({ host: cluster.dir, port, user: 'postgres', database: 'postgres' });
}

/** The error with the command's output and the server log's tail, for a readable failure. */
export function explainFailure(error: unknown, cluster: Cluster): string {
  const parts = [error instanceof Error ? error.message : String(error)];
  const stderr = (error as { stderr?: Buffer }).stderr;
  if (stderr !== undefined && stderr.length > 0) parts.push(stderr.toString().trim());
  try {
    parts.push(readFileSync(join(cluster.dir, 'server.log'), 'utf8').split('\n').slice(-15).join('\n'));
  } catch {
    // No log yet: the server never started.
  }
  return parts.join('\n');
}

/** The URL of database `name` on the server of `adminUrl`. */
export function databaseUrl(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Runs `sql` on the server's admin database (the database `adminUrl` names). */
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

/** Drops every database whose name starts with `prefix`, closing its connections. */
export async function dropDatabasesStartingWith(adminUrl: string, prefix: string): Promise<void> {
  const rows = await adminQuery<{ datname: string }>(
    adminUrl,
    'SELECT datname FROM pg_database WHERE starts_with(datname, $1)',
    [prefix],
  );
  for (const { datname } of rows) {
    await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${pg.escapeIdentifier(datname)} WITH (FORCE)`);
  }
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
