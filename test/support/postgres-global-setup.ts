/**
 * Vitest global setup: one throwaway PostgreSQL server for the whole run, so the store
 * contract runs against a real server on every machine (README.md, the test command).
 *
 * With ACS_TEST_DATABASE_URL set, that server is used and nothing is started (its user needs
 * CREATEDB: every store gets a database of its own, see test/support/postgres.ts). Otherwise a
 * cluster of our own (test/support/postgres-cluster.ts) is made in a temporary directory,
 * listens on a free loopback port with a random password and without durability, and is
 * stopped and removed at teardown, or at exit if the run dies before teardown. The system's
 * own cluster is never touched.
 *
 * It also makes a template database on which the store's migrations already ran: copying it
 * is cheaper than migrating a new database for each of the contract's ~70 stores.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type pg from 'pg';
import type { TestProject } from 'vitest/node';
import { createPostgresStore } from '../../src/store/postgres/postgres-store.ts';
import {
  adminQuery,
  type Cluster,
  clusterIn,
  databaseUrl,
  dropDatabasesStartingWith,
  explainFailure,
  initCluster,
  postgresBinDir,
  startCluster,
  stopCluster,
  superuserClient,
} from './postgres-cluster.ts';

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
        if (shared) await dropDatabasesStartingWith(server.url, prefix);
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
    await adminQuery(adminUrl, `CREATE DATABASE ${name}`);
    await (
      await createPostgresStore({ url: databaseUrl(adminUrl, name), poolSize: 1, ssl: 'disable' })
    ).close();
    return name;
  } catch (error) {
    console.warn(
      `postgres-global-setup: no migrated template (${String(error)}); tests will migrate each database`,
    );
    await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {});
    return undefined;
  }
}

type Server = Readonly<{ url: string; caPath: string; stop: () => Promise<void> }>;

/** The server's settings: a throwaway server, where durability buys nothing and speed does. */
const throwawaySettings = [
  'fsync=off',
  'synchronous_commit=off',
  'full_page_writes=off',
  'max_connections=400',
] as const;

async function startServer(): Promise<Server> {
  const bin = postgresBinDir();
  if (bin === undefined) {
    throw new Error(
      'no PostgreSQL server binaries under /usr/lib/postgresql/*/bin: run scripts/ensure-postgres.sh, or set ACS_TEST_DATABASE_URL',
    );
  }
  const cluster = clusterIn(bin, mkdtempSync(join(tmpdir(), 'acs-pg-')));
  const stopNow = () => {
    stopCluster(cluster);
    rmSync(cluster.dir, { recursive: true, force: true });
  };
  // A run that dies between setup and teardown must not leave a server behind.
  process.once('exit', stopNow);
  try {
    initCluster(cluster);
    const tls = makeCertificate(cluster);
    const port = await startCluster(cluster, [
      ...throwawaySettings,
      ...(tls
        ? ['ssl=on', `ssl_cert_file=${cluster.dir}/server.crt`, `ssl_key_file=${cluster.dir}/server.key`]
        : []),
    ]);
    const password = randomBytes(18).toString('hex');
    await createUserAndDatabase(superuserClient(cluster, port), password);
    return {
      url: `postgres://${user}:${password}@127.0.0.1:${port}/${adminDatabase}`,
      caPath: tls ? join(cluster.dir, 'server.crt') : '',
      stop: async () => {
        process.removeListener('exit', stopNow);
        stopNow();
      },
    };
  } catch (error) {
    const why = explainFailure(error, cluster);
    process.removeListener('exit', stopNow);
    stopNow();
    throw new Error(`could not start the test PostgreSQL server: ${why}`);
  }
}

async function createUserAndDatabase(client: pg.Client, password: string): Promise<void> {
  await client.connect();
  try {
    // The password is random hex, so quoting it as a literal is safe.
    await client.query(`CREATE ROLE ${user} LOGIN CREATEDB PASSWORD '${password}'`);
    await client.query(`CREATE DATABASE ${adminDatabase} OWNER ${user}`);
  } finally {
    await client.end();
  }
}

/**
 * A self-signed certificate for 127.0.0.1 (server.crt, server.key in the cluster's directory),
 * so the TLS modes are tested against a real handshake; false (a server without TLS) when
 * openssl fails.
 */
function makeCertificate(cluster: Cluster): boolean {
  const [crt, key] = [join(cluster.dir, 'server.crt'), join(cluster.dir, 'server.key')];
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
    const owner = cluster.owner;
    if (owner !== undefined) for (const file of [crt, key]) chownSync(file, owner.uid, owner.gid);
    return true;
  } catch {
    return false;
  }
}
