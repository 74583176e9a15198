/**
 * Multi-row INSERTs in one round trip, whatever the number of rows: `INSERT ... SELECT FROM
 * unnest($1::text[], $2::text[], ...)` takes one array per column, which this builds from the
 * rows in their order (card seeding, timeline messages).
 */

/** One array per column of `columns`, each holding that column of every row, in order. */
export function columnArrays<R, K extends keyof R>(rows: readonly R[], columns: readonly K[]): R[K][][] {
  return columns.map((column) => rows.map((row) => row[column]));
}
