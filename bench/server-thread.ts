/**
 * The main-thread side of a benchmark server: starts a TypeScript entry file in a worker
 * thread, waits until it listens, and remembers whether it ever failed (which makes the
 * benchmark exit non-zero). Node 20's worker threads do not inherit tsx's `--import` hooks,
 * so the thread starts from a tiny bootstrap that registers tsx before importing the entry.
 */
import { Worker } from 'node:worker_threads';
import { type ThreadTimes, threadTimes } from './cpu-time.ts';
import type { ThreadMessage } from './thread-server.ts';

/** A server running in a worker thread. */
export type ServerThread = {
  readonly name: string;
  /** http://127.0.0.1:<port> */
  readonly origin: string;
  /** CPU and run-queue seconds of the thread so far (Linux), else undefined. */
  times(): ThreadTimes | undefined;
  /** Why the thread failed after it started, if it did. */
  failure(): string | undefined;
  /** Asks the server to stop and waits for the thread to end. */
  stop(): Promise<void>;
};

/** Starts `entry` (a module calling serveInThread) in a worker thread with `data`. */
export function startServerThread(name: string, entry: URL, data: unknown): Promise<ServerThread> {
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then(({ register }) => {
    register();
    return import(${JSON.stringify(entry.href)});
  });`;
  const worker = new Worker(bootstrap, { eval: true, workerData: data });
  let failure: string | undefined;
  let stopping = false;

  return new Promise((resolve, rejectStart) => {
    const reject = (error: Error) => {
      rejectStart(error);
      void worker.terminate();
    };
    const exited = new Promise<void>((onExit) => worker.once('exit', () => onExit()));
    worker.on('error', (error) => {
      failure = `${name} server thread crashed: ${error.message}`;
      reject(new Error(failure));
    });
    worker.once('exit', (code) => {
      if (!stopping) {
        failure ??= `${name} server thread exited (code ${code})`;
        reject(new Error(failure));
      }
    });
    worker.on('message', (message: ThreadMessage) => {
      if (message.type === 'failed') {
        failure = `${name} server failed: ${message.message}`;
        reject(new Error(failure));
      } else if (message.type === 'listening') {
        resolve({
          name,
          origin: `http://127.0.0.1:${message.port}`,
          times: () => threadTimes(message.threadId),
          failure: () => failure,
          stop: async () => {
            if (stopping) return;
            stopping = true;
            worker.postMessage('stop');
            const timer = setTimeout(() => void worker.terminate(), 5000);
            await exited;
            clearTimeout(timer);
          },
        });
      }
    });
  });
}
