/**
 * Runs several statements as one atomic port operation: BEGIN, the work, COMMIT on one
 * pooled connection (READ COMMITTED; every compare-and-set is a conditional UPDATE or an
 * INSERT ... ON CONFLICT, which PostgreSQL re-checks against the latest committed row).
 */
import type pg from 'pg';

/** Something that runs a query: the pool, or one connection inside a transaction. */
export type Queryable = Readonly<{
  query<R extends pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>>;
}>;

/** Runs `work` in a transaction on one connection of `pool`; rolls back if it throws. */
export async function inTransaction<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    try {
      await client.query('ROLLBACK');
    } catch (rollbackError) {
      // A connection that cannot even roll back is dropped, not returned to the pool.
      broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
    }
    throw error;
  } finally {
    client.release(broken);
  }
}
