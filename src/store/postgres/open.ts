/**
 * Connects to PostgreSQL the way this ACS needs it: a pool of the configured size, TLS as
 * configured, 64-bit integers as numbers, and every pending migration applied while holding
 * an advisory lock, so instances starting together migrate once. Errors that reach the
 * caller never carry the URL or the password (docs/security.md).
 *
 * Client: `pg` 8.x. Well kept and widely used; plain SQL with $n parameters and no query
 * builder; a pool; LISTEN/NOTIFY if we need it; TLS options passed to node:tls as they are.
 */
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { StartupError } from '../../errors/index.ts';
import { appliedMigrationRow, schemaMigrationsColumns } from '../migration.ts';
import { onOneConnection } from './in-transaction.ts';
import { migrations } from './migrations.ts';

/** How to reach the database. */
export type PostgresOptions = Readonly<{
  /** postgres://user:password@host:port/database (TLS is set by `ssl`, not in the URL). */
  url: string;
  poolSize: number;
  /** disable: plain TCP; require: encrypted, certificate not checked; verify-full: both checked. */
  ssl: 'disable' | 'require' | 'verify-full';
  /** PEM file of the CA that signed the server's certificate (verify-full). */
  sslCaPath?: string | undefined;
  /** Shown in pg_stat_activity. */
  applicationName?: string | undefined;
}>;

/** Connection settings for `pg` (a pool, or a lone client for the start-up lock). */
export type ConnectionConfig = pg.ClientConfig & Readonly<{ connectionString: string }>;

/** The `pg` settings for `options`; throws (without the URL) on TLS settings in the URL. */
export function connectionConfig(options: PostgresOptions): ConnectionConfig {
  // pg lets sslmode in the URL override the ssl setting: one place decides TLS, not two.
  if (/[?&]ssl[a-z]*=/i.test(options.url)) {
    throw new StartupError(
      'database_url_invalid',
      'PostgreSQL: set TLS with the ssl option (ACS_DB_SSL), not with ssl parameters in the URL',
    );
  }
  return {
    connectionString: options.url,
    ssl: sslSettings(options),
    application_name: options.applicationName ?? 'acs-simulator',
    connectionTimeoutMillis: 10_000,
    types: integerTypes,
  };
}

/** Opens a pool on `options`, applies pending migrations, and returns it. */
export async function openPool(options: PostgresOptions): Promise<pg.Pool> {
  const pool = new pg.Pool({
    ...connectionConfig(options),
    max: options.poolSize,
    idleTimeoutMillis: 30_000,
  });
  // A pooled connection that breaks while idle (server restart, network) is dropped by the
  // pool; without a listener the 'error' event would end the process. ping() reports health.
  pool.on('error', () => {});
  try {
    await migrate(pool);
    return pool;
  } catch (error) {
    await pool.end().catch(() => {});
    throw withoutSecrets(error, options.url);
  }
}

/**
 * An error safe to show: the message with the URL and the password blanked out, the
 * PostgreSQL error code kept, and no `cause` (which could hold the URL, e.g. `input`).
 */
export function withoutSecrets(error: unknown, url: string): Error {
  const message = error instanceof Error ? error.message : String(error);
  const secrets = [url, ...passwordForms(url)].filter((s) => s.length > 0);
  let safe = message;
  for (const secret of secrets) safe = safe.split(secret).join('***');
  const clean = new Error(`PostgreSQL: ${safe}`);
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') Object.assign(clean, { code });
  return clean;
}

function passwordForms(url: string): string[] {
  const raw = /^[a-z]+:\/\/[^:/@]*:([^@]*)@/i.exec(url)?.[1];
  if (raw === undefined) return [];
  try {
    return [raw, decodeURIComponent(raw)];
  } catch {
    return [raw];
  }
}

function sslSettings(options: PostgresOptions): pg.ClientConfig['ssl'] {
  switch (options.ssl) {
    case 'disable':
      return false;
    case 'require':
      return { rejectUnauthorized: false };
    case 'verify-full':
      return options.sslCaPath === undefined
        ? { rejectUnauthorized: true }
        : { rejectUnauthorized: true, ca: readFileSync(options.sslCaPath, 'utf8') };
  }
}

/**
 * BIGINT (identity columns, COUNT) as a JavaScript number: every value we store is far
 * below 2^53, and the domain types say number.
 */
const integerTypes = new pg.TypeOverrides();
integerTypes.setTypeParser(pg.types.builtins.INT8, (value: string) => Number(value));

async function migrate(pool: pg.Pool): Promise<void> {
  // Any failure drops the connection: it may hold the lock or a failed transaction.
  await onOneConnection(
    pool,
    async (client) => {
      await client.query("SELECT pg_advisory_lock(hashtext('acs-simulator/migrations'))");
      try {
        await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (${schemaMigrationsColumns})`);
        const applied = new Set(
          (await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map(
            (row) => row.version,
          ),
        );
        for (const migration of migrations) {
          if (applied.has(migration.version)) continue;
          await client.query('BEGIN');
          try {
            await client.query(migration.sql);
            await client.query(
              'INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)',
              appliedMigrationRow(migration),
            );
            await client.query('COMMIT');
          } catch (error) {
            await client.query('ROLLBACK');
            throw error;
          }
        }
      } finally {
        await client.query("SELECT pg_advisory_unlock(hashtext('acs-simulator/migrations'))");
      }
    },
    'drop',
  );
}
