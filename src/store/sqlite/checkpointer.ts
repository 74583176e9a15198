/**
 * WAL checkpoints off the request path. By default SQLite checkpoints inside the COMMIT that
 * pushes the WAL past 1000 pages, so one unlucky request pays for copying megabytes back into
 * the database file (a p99 spike that grows with the database). Instead, the request
 * connection turns automatic checkpoints off and a worker thread with its own connection runs
 * a PASSIVE checkpoint every interval: it never blocks writers or readers, and once it has
 * caught up the next writer starts the WAL from its beginning again, so it stays small.
 *
 * The worker is plain JavaScript evaluated from a string, so it runs the same under tsx, the
 * test runner or compiled output; it loads the same better-sqlite3 the adapter uses.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** A running background checkpointer. */
export type Checkpointer = Readonly<{ stop(): Promise<void> }>;

const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path);
db.pragma('busy_timeout = 1000');
const checkpoint = (mode) => {
  try { db.pragma('wal_checkpoint(' + mode + ')'); } catch { /* busy: next round */ }
};
const timer = setInterval(() => checkpoint('PASSIVE'), workerData.intervalMs);
parentPort.on('message', () => {
  clearInterval(timer);
  checkpoint('PASSIVE');
  db.close();
  parentPort.postMessage('stopped');
});
`;

/** Starts checkpointing the WAL of the database at `path` every `intervalMs`. */
export function startCheckpointer(path: string, intervalMs: number): Checkpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(workerSource, { eval: true, workerData: { driver, path, intervalMs } });
  worker.unref();
  let stopped: Promise<void> | undefined;
  return {
    stop() {
      stopped ??= new Promise<void>((resolve) => {
        const done = () => {
          void worker.terminate().finally(resolve);
        };
        worker.once('message', done);
        worker.once('error', done);
        worker.once('exit', () => resolve());
        worker.postMessage('stop');
      });
      return stopped;
    },
  };
}
