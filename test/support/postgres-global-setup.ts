/**
 * Vitest global setup: one throwaway PostgreSQL server for the whole run, so the store
 * contract runs against a real server on every machine (README.md, the test command).
 *
 * With ACS_TEST_DATABASE_URL set, that server is used and nothing is started (its user needs
 * CREATEDB: every store gets a database of its own, see test/support/postgres.ts). Otherwise a
 * cluster is made in a temporary directory with Debian's binaries (scripts/ensure-postgres.sh
 * installs them), listens on a free loopback port with a random password, and is stopped and
 * removed at teardown, or at exit if the run dies before teardown. PostgreSQL refuses to run
 * as root, so as root every server command runs as the `postgres` OS user. The system's own
 * cluster is never touched.
 *
 * It also makes a template database on which the store's migrations already ran: copying it
 * is cheaper than migrating a new database for each of the contract's ~70 stores.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { createPostgresStore } from '../../src/store/postgres/postgres-store.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A PostgreSQL URL whose user may create databases (the tests' admin connection). */
    postgresAdminUrl: string;
    /** A database to copy that is already migrated ('' when making it failed: migrate each copy). */
    postgresTemplate: string;
    /** How the name of every database this run creates starts (teardown drops them all). */
    postgresDatabasePrefix: string;
    /** The server's self-signed certificate, to verify it (TLS tests); '' when it has no TLS. */
    postgresCaPath: string;
  }
}

const user = 'acs_test';
const adminDatabase = 'acs_test_admin';

/** Starts the server (or uses ACS_TEST_DATABASE_URL), provides its admin URL and a migrated template. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const external = process.env.ACS_TEST_DATABASE_URL ?? '';
  const shared = external !== '';
  const server: Server = shared ? { url: external, caPath: '', stop: async () => {} } : await startServer();
  // Lowercase hex: names that need no quoting; the run's own, so parallel runs on a shared server never meet.
  const prefix = `acs_test_${randomBytes(4).toString('hex')}_`;
  try {
    const template = await makeTemplate(server.url, `${prefix}template`);
    project.provide('postgresAdminUrl', server.url);
    project.provide('postgresTemplate', template ?? '');
    project.provide('postgresDatabasePrefix', prefix);
    project.provide('postgresCaPath', server.caPath);
    return async () => {
      try {
        // A server of our own goes with everything in it; on a shared one, drop what we made.
        if (shared) await dropDatabases(server.url, prefix);
      } finally {
        await server.stop();
      }
    };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

/**
 * Migrates a new database with the store itself; undefined (with a warning) if that fails, so
 * a broken migration fails the PostgreSQL store's tests, not every test of the run.
 */
async function makeTemplate(adminUrl: string, name: string): Promise<string | undefined> {
  try {
    await asAdmin(adminUrl, `CREATE DATABASE ${name}`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    await (await createPostgresStore({ url: url.toString(), poolSize: 1, ssl: 'disable' })).close();
    return name;
  } catch (error) {
    console.warn(
      `postgres-global-setup: no migrated template (${String(error)}); tests will migrate each database`,
    );
    await asAdmin(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {});
    return undefined;
  }
}

/** Drops every database whose name starts with `prefix` (what this run created, leftovers included). */
async function dropDatabases(adminUrl: string, prefix: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>(
      'SELECT datname FROM pg_database WHERE starts_with(datname, $1)',
      [prefix],
    );
    for (const { datname } of rows) {
      await client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(datname)} WITH (FORCE)`);
    }
  } finally {
    await client.end();
  }
}

async function asAdmin(adminUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

type Server = Readonly<{ url: string; caPath: string; stop: () => Promise<void> }>;

async function startServer(): Promise<Server> {
  const bin = postgresBinDir();
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'acs-pg-'));
  const data = join(dir, 'data');
  /** Runs a server binary, as the `postgres` OS user when we are root. */
  const run = (tool: string, args: readonly string[]) =>
    asRoot
      ? execFileSync('runuser', ['-u', 'postgres', '--', join(bin, tool), ...args], { stdio: 'pipe' })
      : execFileSync(join(bin, tool), [...args], { stdio: 'pipe' });
  const stopNow = () => {
    // postmaster.pid exists from the moment the server starts, even if `pg_ctl start` then failed.
    if (existsSync(join(data, 'postmaster.pid'))) {
      try {
        run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
      } catch {
        // Already gone: nothing left to stop.
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };
  // A run that dies between setup and teardown must not leave a server behind.
  process.once('exit', stopNow);
  try {
    const owner = asRoot ? { uid: idOf('-u'), gid: idOf('-g') } : undefined;
    if (owner !== undefined) chownSync(dir, owner.uid, owner.gid);
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
    const tls = makeCertificate(dir, owner);
    const port = await startOnFreePort(run, dir, data, tls);
    const password = randomBytes(18).toString('hex');
    await createUserAndDatabase(dir, port, password);
    return {
      url: `postgres://${user}:${password}@127.0.0.1:${port}/${adminDatabase}`,
      caPath: tls ? join(dir, 'server.crt') : '',
      stop: async () => {
        process.removeListener('exit', stopNow);
        stopNow();
      },
    };
  } catch (error) {
    const why = explain(error, dir);
    process.removeListener('exit', stopNow);
    stopNow();
    throw new Error(`could not start the test PostgreSQL server: ${why}`);
  }
}

/** Starts the server on a free loopback port, trying again if another process took it first. */
async function startOnFreePort(
  run: (tool: string, args: readonly string[]) => Buffer,
  dir: string,
  data: string,
  tls: boolean,
): Promise<number> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const options = [
      `-p ${port}`,
      `-k ${dir}`,
      '-c listen_addresses=127.0.0.1',
      // A throwaway server: durability buys nothing here, speed does.
      '-c fsync=off',
      '-c synchronous_commit=off',
      '-c full_page_writes=off',
      '-c max_connections=400',
      ...(tls
        ? ['-c ssl=on', `-c ssl_cert_file=${dir}/server.crt`, `-c ssl_key_file=${dir}/server.key`]
        : []),
    ].join(' ');
    try {
      run('pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), '-o', options, '-w', 'start']);
      return port;
    } catch (error) {
      if (attempt >= 3) throw error;
    }
  }
}

async function createUserAndDatabase(dir: string, port: number, password: string): Promise<void> {
  const client = new pg.Client({ host: dir, port, user: 'postgres', database: 'postgres' });
  await client.connect();
  try {
    // The password is random hex, so quoting it as a literal is safe.
    await client.query(`CREATE ROLE ${user} LOGIN CREATEDB PASSWORD '${password}'`);
    await client.query(`CREATE DATABASE ${adminDatabase} OWNER ${user}`);
  } finally {
    await client.end();
  }
}

const idOf = (flag: '-u' | '-g') =>
  Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());

/**
 * A self-signed certificate for 127.0.0.1 (server.crt, server.key in `dir`), so the TLS modes
 * are tested against a real handshake; false (a server without TLS) when openssl fails.
 */
function makeCertificate(dir: string, owner: { uid: number; gid: number } | undefined): boolean {
  const [crt, key] = [join(dir, 'server.crt'), join(dir, 'server.key')];
  try {
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2']
        .concat(['-keyout', key, '-out', crt, '-subj', '/CN=localhost'])
        .concat(['-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost']),
      { stdio: 'pipe' },
    );
    // PostgreSQL reads the key only if its owner alone can.
    chmodSync(key, 0o600);
    if (owner !== undefined) for (const file of [crt, key]) chownSync(file, owner.uid, owner.gid);
    return true;
  } catch {
    return false;
  }
}

/** The bin directory of the newest PostgreSQL installed by Debian's packages. */
function postgresBinDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  const newest = versions[0];
  if (newest === undefined) {
    throw new Error(
      'no PostgreSQL server binaries under /usr/lib/postgresql/*/bin: run scripts/ensure-postgres.sh, or set ACS_TEST_DATABASE_URL',
    );
  }
  return join(root, newest, 'bin');
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

/** The error with the command's output and the server log's tail, for a readable failure. */
function explain(error: unknown, dir: string): string {
  const parts = [error instanceof Error ? error.message : String(error)];
  const stderr = (error as { stderr?: Buffer }).stderr;
  if (stderr !== undefined && stderr.length > 0) parts.push(stderr.toString().trim());
  try {
    parts.push(readFileSync(join(dir, 'server.log'), 'utf8').split('\n').slice(-15).join('\n'));
  } catch {
    // No log yet: the server never started.
  }
  return parts.join('\n');
}
