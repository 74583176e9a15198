/**
 * PostgreSQL databases for tests, on the server test/support/postgres-global-setup.ts
 * provides. Test files run in parallel and each opens many stores, so each store gets a
 * database of its own (not a schema: that isolates advisory locks too).
 *
 * Two kinds, because creating a database is the slow part (measured on this 2-core machine
 * while other work ran; the ratios held across runs):
 * - freshPostgresDatabase(): CREATE DATABASE, empty (or a copy of the migrated template):
 *   ~250-450 ms; for tests about opening a database (migrations).
 * - cleanPostgresDatabase(): a migrated database with no rows, emptied (DELETE) when its store
 *   is done and handed to the next store of the same file: ~10 ms after the first;
 *   for the contract, whose seventy-odd cases each want a new store.
 * Every name starts with the run's prefix, so the global teardown drops whatever a crashed
 * test file left behind.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';

/** A new database: its URL (same user and password as the admin URL) and how to drop it. */
export type FreshDatabase = Readonly<{ url: string; drop(): Promise<void> }>;

/** A migrated database with no rows; `release()` empties it again for the next caller. */
export type CleanDatabase = Readonly<{ url: string; release(): Promise<void> }>;

/**
 * Creates a database with a random name; `drop()` removes it (idempotent). Empty by default;
 * with `migrated`, a copy of the template the store's migrations already ran on (when the
 * global setup could make one).
 */
export async function freshPostgresDatabase(options: { migrated?: boolean } = {}): Promise<FreshDatabase> {
  const template = options.migrated === true ? inject('postgresTemplate') : '';
  const name = newName();
  await admin().query(`CREATE DATABASE ${name}${template === '' ? '' : ` TEMPLATE ${template}`}`);
  let dropped: Promise<void> | undefined;
  return {
    url: urlOf(name),
    drop: () => {
      dropped ??= admin()
        .query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
        .then(() => {});
      return dropped;
    },
  };
}

type Recyclable = { db: FreshDatabase; cleaner: pg.Client; emptying: string };

const idle: Recyclable[] = [];
const all: Recyclable[] = [];

/**
 * A migrated database with no rows: one a previous store of this file released, or a new
 * copy of the template (which a store then migrates if the template is missing).
 */
export async function cleanPostgresDatabase(): Promise<CleanDatabase> {
  const recyclable = idle.pop() ?? (await newRecyclable());
  let released: Promise<void> | undefined;
  const release = async () => {
    // Whatever a test left connected would hold locks or rows: end it, then empty the tables.
    await recyclable.cleaner.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
       WHERE datname = current_database() AND pid <> pg_backend_pid()`,
    );
    // Worked out at the first release, once a store has migrated (there may be no template).
    if (recyclable.emptying === '') recyclable.emptying = await emptyingSql(recyclable.cleaner);
    await recyclable.cleaner.query(recyclable.emptying);
    idle.push(recyclable);
  };
  return {
    url: recyclable.db.url,
    // Once only: handing one database to two later stores would undo the isolation.
    release: () => {
      released ??= release();
      return released;
    },
  };
}

/** Closes and drops every database cleanPostgresDatabase made in this file (call in afterAll). */
export async function dropCleanPostgresDatabases(): Promise<void> {
  const made = all.splice(0);
  idle.length = 0;
  await Promise.all(
    made.map(async ({ db, cleaner }) => {
      await cleaner.end().catch(() => {});
      await db.drop();
    }),
  );
}

async function newRecyclable(): Promise<Recyclable> {
  const db = await freshPostgresDatabase({ migrated: true });
  const cleaner = new pg.Client({ connectionString: db.url, application_name: 'acs-tests-cleaner' });
  cleaner.on('error', () => {});
  await cleaner.connect();
  const recyclable: Recyclable = { db, cleaner, emptying: '' };
  all.push(recyclable);
  return recyclable;
}

/**
 * SQL that empties every table but the migrations' record and restarts every identity (ids
 * and insertion order start afresh, as in a new database). DELETE, not TRUNCATE: on tables
 * this small it is ~8 ms against ~180 ms. Newest tables first, so rows that reference
 * others go before the rows they reference.
 */
async function emptyingSql(cleaner: pg.Client): Promise<string> {
  const tables = await cleaner.query<{ name: string }>(
    `SELECT quote_ident(relname) AS name FROM pg_class
     WHERE relkind = 'r' AND relnamespace = current_schema()::regnamespace AND relname <> 'schema_migrations'
     ORDER BY oid DESC`,
  );
  const sequences = await cleaner.query<{ name: string }>(
    'SELECT quote_ident(sequencename) AS name FROM pg_sequences WHERE schemaname = current_schema()',
  );
  return [
    ...tables.rows.map((t) => `DELETE FROM ${t.name};`),
    ...sequences.rows.map((q) => `SELECT setval(${pg.escapeLiteral(q.name)}, 1, false);`),
  ].join('\n');
}

const newName = () => `${inject('postgresDatabasePrefix')}${randomBytes(6).toString('hex')}`;

function urlOf(name: string): string {
  const url = new URL(inject('postgresAdminUrl'));
  url.pathname = `/${name}`;
  return url.toString();
}

let adminPool: pg.Pool | undefined;

/** One small pool per test file for CREATE and DROP (a connection costs tens of ms). */
function admin(): pg.Pool {
  if (adminPool === undefined) {
    // allowExitOnIdle: an idle admin connection never keeps a worker alive.
    adminPool = new pg.Pool({
      connectionString: inject('postgresAdminUrl'),
      max: 2,
      idleTimeoutMillis: 2_000,
      allowExitOnIdle: true,
      application_name: 'acs-tests-admin',
    });
    adminPool.on('error', () => {});
  }
  return adminPool;
}
