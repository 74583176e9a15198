/**
 * Runs several statements as one atomic port operation: BEGIN, the work, COMMIT on one
 * pooled connection (READ COMMITTED; every compare-and-set is a conditional UPDATE or an
 * INSERT ... ON CONFLICT, which PostgreSQL re-checks against the latest committed row). Also
 * what every use of one pooled connection shares: a connection left unusable by a failure is
 * dropped, not given back.
 */
import type pg from 'pg';

/** Something that runs a query: the pool, or one connection inside a transaction. */
export type Queryable = Readonly<{
  query<R extends pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>>;
}>;

/** Runs `work` in a transaction on one connection of `pool`; rolls back if it throws. */
export function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  return onOneConnection(
    pool,
    async (client) => {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    },
    'rollback',
  );
}

/**
 * Runs `work` on one connection of `pool` and gives it back afterwards. When `work` throws, the
 * connection is rolled back (`rollback`; one that cannot even roll back is dropped) or dropped
 * outright (`drop`: it may hold a session lock or a failed transaction), never returned to the
 * pool in an unknown state.
 */
export async function onOneConnection<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient) => Promise<T>,
  afterFailure: 'rollback' | 'drop',
): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    return await work(client);
  } catch (error) {
    if (afterFailure === 'drop') broken = asError(error);
    else {
      try {
        await client.query('ROLLBACK');
      } catch (rollbackError) {
        broken = asError(rollbackError);
      }
    }
    throw error;
  } finally {
    client.release(broken);
  }
}

/** `client.release` takes an Error to drop the connection. */
const asError = (thrown: unknown): Error => (thrown instanceof Error ? thrown : new Error(String(thrown)));
