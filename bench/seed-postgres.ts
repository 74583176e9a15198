/**
 * Seeds a PostgreSQL database with `rows` stored transactions, fast: the ACS migrates the
 * database and loads the seed cards (with the keys that hash their PANs), the real flow gives
 * the rows to copy (seed-templates.ts), and then the server makes the copies itself:
 * generate_series gives row numbers, gen_random_uuid the IDs, and one INSERT ... SELECT per
 * 50 000 rows writes the transactions and their messages (a row's messages right after it, so
 * message IDs follow time as they would). The indexes are in place while rows go in, as they
 * would be in a database that grew by traffic. VACUUM ANALYZE at the end leaves it as
 * autovacuum would have: statistics gathered, visibility map set. Then a marker row says the
 * seed is complete.
 */
import pg from 'pg';
import { transactionColumns } from '../src/store/rows/transactions.ts';
import { createBenchAcsDeps, repositorySeedFile } from './acs-deps.ts';
import { captureSeedTemplates, templateOfBucket } from './seed-templates.ts';

const chunk = 50_000;
const spanMs = 30 * 24 * 60 * 60 * 1000;

/** How the seeded copy of each of the 100 buckets is made. */
const copySql = `
WITH ids AS (
  SELECT g, gen_random_uuid()::text AS acs, gen_random_uuid()::text AS srv, gen_random_uuid()::text AS ds,
    to_char(to_timestamp(($3::bigint + g::bigint * $4::bigint / $5::bigint) / 1000.0) AT TIME ZONE 'UTC',
      'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at
  FROM generate_series($1::bigint, $2::bigint) AS g
), src AS (
  SELECT ids.*, t.* FROM ids JOIN bench_seed_templates t ON t.bucket = ids.g % 100
), tx AS (
  INSERT INTO transactions (${transactionColumns.join(', ')})
  SELECT ${transactionColumns.map((c) => `r.${c}`).join(', ')}
  FROM src, jsonb_populate_record(NULL::transactions, src.tx || jsonb_build_object(
    'acs_trans_id', src.acs, 'three_ds_server_trans_id', src.srv, 'ds_trans_id', src.ds,
    'created_at', src.at, 'updated_at', src.at,
    'result_completed_at', CASE WHEN src.completed THEN src.at END)) AS r
  ORDER BY src.g
)
INSERT INTO messages (acs_trans_id, three_ds_server_trans_id, message_type, direction, body, created_at)
SELECT src.acs, src.srv, m.type, m.dir, replace(replace(replace(m.body, src.tacs, src.acs), src.tsrv, src.srv), src.tds, src.ds), src.at
FROM src CROSS JOIN LATERAL unnest(src.types, src.dirs, src.bodies) WITH ORDINALITY AS m(type, dir, body, n)
ORDER BY src.g, m.n`;

/** Whether the database at `url` holds a complete seed of `rows` transactions. */
export async function isSeeded(url: string, rows: number): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const found = await client.query<{ rows: string }>(
      "SELECT rows::text FROM bench_seed WHERE to_regclass('bench_seed') IS NOT NULL",
    );
    return found.rows[0]?.rows === String(rows);
  } catch {
    return false;
  } finally {
    await client.end();
  }
}

/** Fills the (new, empty) database at `url` with `rows` transactions; the keys go to `keysDir`. */
export async function seedPostgresDatabase(
  url: string,
  keysDir: string,
  rows: number,
  progress: (line: string) => void,
): Promise<void> {
  const deps = await createBenchAcsDeps({
    dir: keysDir,
    keysDir,
    port: 8080,
    seedFile: repositorySeedFile,
    databaseUrl: url,
  });
  let templates: Awaited<ReturnType<typeof captureSeedTemplates>>;
  try {
    templates = await captureSeedTemplates(deps);
  } finally {
    await deps.store.close();
  }
  const buckets = templateOfBucket(templates);

  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // A seed that dies half-way is thrown away: no need to wait for each chunk's WAL flush.
    await client.query('SET synchronous_commit = off');
    await client.query(`CREATE TABLE bench_seed_templates (
      bucket int PRIMARY KEY, tx jsonb NOT NULL, tacs text NOT NULL, tsrv text NOT NULL, tds text NOT NULL,
      completed boolean NOT NULL, types text[] NOT NULL, dirs text[] NOT NULL, bodies text[] NOT NULL)`);
    for (const [bucket, template] of buckets.entries()) {
      await client.query('INSERT INTO bench_seed_templates VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)', [
        bucket,
        JSON.stringify(template.row),
        template.row.acs_trans_id,
        template.row.three_ds_server_trans_id,
        template.row.ds_trans_id,
        template.row.result_completed_at !== null,
        template.messages.map((m) => m.messageType),
        template.messages.map((m) => m.direction),
        template.messages.map((m) => m.body),
      ]);
    }
    const start = Date.now() - spanMs;
    const began = Date.now();
    for (let from = 0; from < rows; from += chunk) {
      const to = Math.min(rows, from + chunk);
      await client.query(copySql, [from, to - 1, start, spanMs, rows]);
      if (to % 200_000 === 0 || to === rows)
        progress(`seeded ${to} of ${rows} transactions (${((Date.now() - began) / 1000).toFixed(0)} s)`);
    }
    await client.query('DROP TABLE bench_seed_templates');
    progress('VACUUM ANALYZE');
    await client.query('VACUUM (ANALYZE) transactions, messages');
    await client.query('CREATE TABLE bench_seed (rows bigint NOT NULL, seeded_at text NOT NULL)');
    await client.query('INSERT INTO bench_seed VALUES ($1, $2)', [rows, new Date().toISOString()]);
  } finally {
    await client.end();
  }
}
