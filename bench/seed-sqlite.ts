/**
 * Seeds a SQLite database with `rows` stored transactions, fast: the ACS creates and migrates
 * the file and loads the seed cards (with the keys that hash their PANs), the real flow gives
 * the rows to copy (seed-templates.ts), and then one connection inserts them with prepared
 * statements in transactions of 10 000, the journal in memory and no syncing (a seed that dies half-way
 * is thrown away, never used). Rows go in in time order with random UUIDs, as traffic would
 * add them, spread over the 30 days before now. The file is left in WAL mode, as the ACS
 * keeps it.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { transactionColumns } from '../src/store/rows/transactions.ts';
import { createBenchAcsDeps, repositorySeedFile } from './acs-deps.ts';
import { captureSeedTemplates, templateOfBucket, withIds } from './seed-templates.ts';

const batch = 10_000;
const spanMs = 30 * 24 * 60 * 60 * 1000;

/** Creates `dir/acs.db` (and `dir/keys`) holding `rows` transactions with their AReq and ARes. */
export async function seedSqliteDatabase(
  dir: string,
  rows: number,
  progress: (line: string) => void,
): Promise<void> {
  const deps = await createBenchAcsDeps({ dir, port: 8080, seedFile: repositorySeedFile });
  let templates: Awaited<ReturnType<typeof captureSeedTemplates>>;
  try {
    templates = await captureSeedTemplates(deps);
  } finally {
    await deps.store.close();
  }
  const buckets = templateOfBucket(templates);

  const db = new Database(join(dir, 'acs.db'));
  try {
    // The rollback journal in memory (better-sqlite3's defensive mode refuses OFF): no journal file written.
    if (db.pragma('journal_mode = MEMORY', { simple: true }) !== 'memory')
      throw new Error('seeding: could not keep the journal in memory');
    db.pragma('synchronous = OFF');
    db.pragma('locking_mode = EXCLUSIVE');
    db.pragma('cache_size = -1048576');
    const insertTransaction = db.prepare(
      `INSERT INTO transactions (${transactionColumns.join(', ')}) VALUES (${transactionColumns.map((c) => `@${c}`).join(', ')})`,
    );
    const insertMessage = db.prepare(
      `INSERT INTO messages (acs_trans_id, three_ds_server_trans_id, message_type, direction, body, created_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
    );
    const start = Date.now() - spanMs;
    const insertBatch = db.transaction((from: number, to: number) => {
      for (let i = from; i < to; i++) {
        const template = buckets[i % 100];
        if (template === undefined) throw new Error('seeding: no template');
        const at = new Date(start + Math.floor((i * spanMs) / rows)).toISOString();
        const ids = { acsTransID: randomUUID(), threeDSServerTransID: randomUUID(), dsTransID: randomUUID() };
        insertTransaction.run({
          ...template.row,
          acs_trans_id: ids.acsTransID,
          three_ds_server_trans_id: ids.threeDSServerTransID,
          ds_trans_id: ids.dsTransID,
          result_completed_at: template.row.result_completed_at === null ? null : at,
          created_at: at,
          updated_at: at,
        });
        for (const message of template.messages) {
          insertMessage.run(
            ids.acsTransID,
            ids.threeDSServerTransID,
            message.messageType,
            message.direction,
            withIds(message.body, template.row, ids),
            at,
          );
        }
      }
    });
    const began = Date.now();
    for (let from = 0; from < rows; from += batch) {
      insertBatch(from, Math.min(rows, from + batch));
      const done = Math.min(rows, from + batch);
      if (done % 100_000 === 0 || done === rows)
        progress(`seeded ${done} of ${rows} transactions (${((Date.now() - began) / 1000).toFixed(0)} s)`);
    }
    db.pragma('locking_mode = NORMAL');
    // Leave the file as the ACS keeps it (WAL mode is stored in the file).
    db.pragma('journal_mode = WAL');
  } finally {
    db.close();
  }
}
