/**
 * The shared store: AcsStore over PostgreSQL, for several ACS instances behind one load
 * balancer. Each port operation is one statement, or one transaction on one pooled
 * connection, so it is atomic; every compare-and-set is decided by PostgreSQL (row locks,
 * unique indexes, advisory locks), so it holds across processes. The queries live in one
 * file per aggregate; this file opens the pool and adds the lifecycle operations.
 */
import pg from 'pg';
import type { Lifecycle } from '../operations.ts';
import type { AcsStore } from '../port.ts';
import { cardQueries } from './card-queries.ts';
import { challengeQueries } from './challenge-queries.ts';
import { consoleQueries } from './console-queries.ts';
import { connectionConfig, openPool, type PostgresOptions, withoutSecrets } from './open.ts';
import { rreqQueries } from './rreq-queries.ts';
import { smsQueries } from './sms-queries.ts';
import { transactionQueries } from './transaction-queries.ts';

/** How to reach the database (see open.ts). */
export type { PostgresOptions } from './open.ts';

/** Connects, applies pending migrations (once, even with instances starting together) and returns the store. */
export async function createPostgresStore(options: PostgresOptions): Promise<AcsStore> {
  const pool = await openPool(options);
  return {
    ...cardQueries(pool),
    ...transactionQueries(pool),
    ...challengeQueries(pool),
    ...smsQueries(pool),
    ...rreqQueries(pool),
    ...consoleQueries(pool),
    ...lifecycle(pool, options),
  };
}

function lifecycle(pool: pg.Pool, options: PostgresOptions): Lifecycle {
  let ended: Promise<void> | undefined;
  return {
    ping: async () => {
      try {
        const { rows } = await pool.query<{ ok: number }>('SELECT 1 AS ok');
        return rows[0]?.ok === 1;
      } catch {
        return false;
      }
    },
    async withStartupLock(work) {
      // A session lock on a connection of its own, outside the pool: `work` uses the store,
      // so it needs pooled connections of its own even with a pool of one. The server
      // releases the lock by itself if this process dies while holding it.
      const client = new pg.Client(connectionConfig(options));
      client.on('error', () => {});
      try {
        await client.connect();
        await client.query("SELECT pg_advisory_lock(hashtext('acs-simulator/startup'))");
      } catch (error) {
        await client.end().catch(() => {});
        throw withoutSecrets(error, options.url);
      }
      try {
        return await work();
      } finally {
        // Unlocking first lets a waiting instance in at once; ending the session would release
        // the lock too, but only once the server has noticed the disconnection.
        await client.query("SELECT pg_advisory_unlock(hashtext('acs-simulator/startup'))").catch(() => {});
        await client.end().catch(() => {});
      }
    },
    close: () => {
      ended ??= pool.end();
      return ended;
    },
  };
}
