/**
 * The embedded store: AcsStore over better-sqlite3, the default of `npm start`. Statements are
 * prepared once, per aggregate (card-, transaction-, challenge-, sms-, rreq- and console-queries.ts);
 * runner.ts groups the writes of one event-loop turn into one transaction (group commit), and
 * checkpointer.ts keeps WAL checkpoints off the request path. Several processes may open the
 * same file: every operation is atomic in SQLite itself, and the start-up lock is a row.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Lifecycle } from '../operations.ts';
import type { AcsStore } from '../port.ts';
import { cardQueries } from './card-queries.ts';
import { challengeQueries } from './challenge-queries.ts';
import { type Checkpointer, startCheckpointer } from './checkpointer.ts';
import { consoleQueries } from './console-queries.ts';
import { openDatabase, type SqliteDatabase } from './open.ts';
import { rreqQueries } from './rreq-queries.ts';
import { createRunner, type Runner } from './runner.ts';
import { smsQueries } from './sms-queries.ts';
import { transactionQueries } from './transaction-queries.ts';

/** How the SQLite store runs. */
export type SqliteStoreOptions = Readonly<{
  synchronous?: 'NORMAL' | 'FULL';
  /** Writes of one event-loop turn share one transaction (default true). */
  groupCommit?: boolean;
  /** Checkpoint the WAL from a worker thread this often; 0 (default) leaves it to SQLite. */
  checkpointIntervalMs?: number;
}>;

/** How long a start-up lock holder may keep it before another instance takes it over. */
const startupLeaseMs = 60_000;

/** Opens the SQLite store at `path` (migrating it) and returns the port. */
export function createSqliteStore(path: string, options: SqliteStoreOptions = {}): AcsStore {
  const interval = options.checkpointIntervalMs ?? 0;
  const background = path !== ':memory:' && interval > 0;
  const db = openDatabase(path, { synchronous: options.synchronous, autoCheckpoint: !background });
  const run = createRunner(db, options.groupCommit ?? true);
  const checkpointer = background ? startCheckpointer(path, interval) : undefined;
  return {
    ...cardQueries(db, run),
    ...transactionQueries(db, run),
    ...challengeQueries(db, run),
    ...smsQueries(db, run),
    ...rreqQueries(db, run),
    ...consoleQueries(db, run),
    ...lifecycle(db, run, checkpointer),
  };
}

function lifecycle(db: SqliteDatabase, run: Runner, checkpointer: Checkpointer | undefined): Lifecycle {
  const ping = db.prepare('SELECT 1 AS ok');
  const acquire = db.prepare(
    `INSERT INTO startup_lock (id, holder, expires_at) VALUES (1, @holder, @expires_at)
     ON CONFLICT (id) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
     WHERE startup_lock.expires_at < @now`,
  );
  const release = db.prepare('DELETE FROM startup_lock WHERE id = 1 AND holder = ?');
  return {
    ping: async () => {
      try {
        return (ping.get() as { ok: number } | undefined)?.ok === 1;
      } catch {
        return false;
      }
    },
    async withStartupLock(work) {
      const holder = randomUUID();
      for (;;) {
        const now = Date.now();
        const taken = await run.write(
          () => acquire.run({ holder, now, expires_at: now + startupLeaseMs }).changes === 1,
        );
        if (taken) break;
        await sleep(25);
      }
      try {
        return await work();
      } finally {
        await run.write(() => release.run(holder));
      }
    },
    async close() {
      if (!db.open) return;
      run.flush();
      await checkpointer?.stop();
      db.close();
    },
  };
}
