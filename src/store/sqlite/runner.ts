/**
 * How the SQLite adapter runs its statements behind an asynchronous port.
 *
 * Reads run at once: better-sqlite3 is synchronous and a read takes microseconds, so a queue
 * would only add latency.
 *
 * Writes use group commit: every write that arrives within one turn of the event loop joins
 * one database transaction, committed by `setImmediate` once the current batch of I/O
 * callbacks has run. Each write runs inside its own savepoint, so one that throws rolls back
 * alone and rejects alone; the others commit together. A write's promise settles only after
 * COMMIT returned, i.e. once the write is durable to the configured `synchronous` level, so no
 * answer that depends on it can leave earlier. With `synchronous = FULL` this turns one fsync
 * per write into one per batch; with NORMAL it still saves a WAL frame header and lock
 * round-trip per write.
 *
 * Writes run in arrival order, so compare-and-set operations (a challenge saved only if
 * unchanged, a result written only once) see the effects of the writes queued before them.
 */
import type { SqliteDatabase } from './open.ts';

/** Runs reads and (grouped) writes against one connection. */
export type Runner = Readonly<{
  /** Runs `read` now; its result or error as a promise. */
  read<T>(read: () => T): Promise<T>;
  /** Runs `write` atomically (in a savepoint of the current group) and settles after COMMIT. */
  write<T>(write: () => T): Promise<T>;
  /** Commits whatever is queued, now (before closing). */
  flush(): void;
}>;

type Pending = {
  run: () => unknown;
  resolve: (value: unknown) => void;
  reject: (reason: unknown) => void;
};

type Settled = { ok: true; value: unknown } | { ok: false; error: unknown };

/** A runner over `db`; `groupCommit` false commits each write on its own, at once. */
export function createRunner(db: SqliteDatabase, groupCommit: boolean): Runner {
  let queue: Pending[] = [];
  let scheduled = false;

  const flush = () => {
    scheduled = false;
    if (queue.length === 0) return;
    const batch = queue;
    queue = [];
    let settled: Settled[];
    try {
      // BEGIN IMMEDIATE: take the write lock up front (another process waits on busy_timeout)
      // rather than failing half-way through the batch when upgrading a read lock.
      settled = db
        .transaction(() =>
          batch.map((pending): Settled => {
            try {
              // A nested db.transaction is a savepoint: a failing write undoes only itself.
              return { ok: true, value: db.transaction(pending.run)() };
            } catch (error) {
              return { ok: false, error };
            }
          }),
        )
        .immediate();
    } catch (error) {
      // BEGIN or COMMIT failed: nothing of the batch is stored.
      for (const pending of batch) pending.reject(error);
      return;
    }
    batch.forEach((pending, i) => {
      const outcome = settled[i] as Settled;
      if (outcome.ok) pending.resolve(outcome.value);
      else pending.reject(outcome.error);
    });
  };

  return {
    read<T>(read: () => T): Promise<T> {
      try {
        return Promise.resolve(read());
      } catch (error) {
        return Promise.reject(error);
      }
    },
    write<T>(write: () => T): Promise<T> {
      if (!groupCommit) {
        try {
          return Promise.resolve(db.transaction(write).immediate());
        } catch (error) {
          return Promise.reject(error);
        }
      }
      return new Promise<T>((resolve, reject) => {
        queue.push({ run: write, resolve: resolve as (value: unknown) => void, reject });
        if (!scheduled) {
          scheduled = true;
          setImmediate(flush);
        }
      });
    },
    flush,
  };
}
