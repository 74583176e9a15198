/**
 * The real ACS for the benchmark, in its own worker thread: createApp over dependencies
 * composed like src/main.ts's (see acs-deps.ts), served on a free loopback port, with the
 * timeout sweeper running as in production.
 */
import { createServer } from 'node:http';
import { createApp } from '../src/app.ts';
import { sweepTimeouts } from '../src/flows/sweep-timeouts.ts';
import { createBenchAcsDeps, repositorySeedFile } from './acs-deps.ts';
import { closeServer, listenOnFreePort } from './http-listen.ts';
import { serveInThread } from './thread-server.ts';

/** What the main thread hands the ACS thread. */
export type AcsThreadData = Readonly<{ dir: string }>;

function isAcsThreadData(data: unknown): data is AcsThreadData {
  if (typeof data !== 'object' || data === null) return false;
  const fields = data as Record<string, unknown>;
  return typeof fields.dir === 'string';
}

serveInThread(async (data) => {
  if (!isAcsThreadData(data)) throw new Error('ACS thread needs { dir }');
  // Listen first so the public URL names the real port; requests are served once the app is attached.
  const server = createServer();
  const port = await listenOnFreePort(server);
  const deps = await createBenchAcsDeps({ dir: data.dir, port, seedFile: repositorySeedFile });
  server.on('request', createApp(deps));
  let sweeping = false;
  const sweeper = setInterval(() => {
    if (sweeping) return;
    sweeping = true;
    sweepTimeouts(deps)
      .catch((error: unknown) => deps.logger.error('sweep failed', { err: error }))
      .finally(() => {
        sweeping = false;
      });
  }, deps.config.challenge.sweepIntervalMs);

  return {
    port,
    close: async () => {
      clearInterval(sweeper);
      await closeServer(server);
      deps.store.close();
    },
  };
});
