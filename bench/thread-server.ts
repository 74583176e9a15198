/**
 * The worker-thread side of a benchmark server. Each server runs in its own thread so that
 * autocannon (in the main thread) and the server under load each have a core of the machine,
 * instead of sharing one event loop and measuring each other.
 *
 * Messages: the thread posts `{ type: 'listening', port, threadId }` (its Linux thread ID, so
 * the main thread can read its CPU time) or `{ type: 'failed', message }`;
 * any message from the main thread asks it to stop, and it answers `{ type: 'stopped' }`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { currentThreadId } from './cpu-time.ts';

/** A started server: its port and how to stop it. */
export type RunningServer = Readonly<{ port: number; close: () => Promise<void> }>;

/** What a server thread reports to the main thread. */
export type ThreadMessage =
  | Readonly<{ type: 'listening'; port: number; threadId: number | undefined }>
  | Readonly<{ type: 'failed'; message: string }>
  | Readonly<{ type: 'stopped' }>;

/** Runs `start(workerData)` in this worker thread and speaks the protocol above. */
export function serveInThread(start: (data: unknown) => Promise<RunningServer>): void {
  const port = parentPort;
  if (port === null) throw new Error('a benchmark server must run in a worker thread');
  const post = (message: ThreadMessage) => port.postMessage(message);
  start(workerData).then(
    (running) => {
      post({ type: 'listening', port: running.port, threadId: currentThreadId() });
      port.once('message', () => {
        running.close().then(
          () => {
            post({ type: 'stopped' });
            port.close();
          },
          (error: unknown) => post({ type: 'failed', message: messageOf(error) }),
        );
      });
    },
    (error: unknown) => post({ type: 'failed', message: messageOf(error) }),
  );
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
