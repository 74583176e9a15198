/**
 * The real ACS for the benchmark, in its own worker thread: createApp over dependencies
 * composed like src/main.ts's (see acs-deps.ts), served on a free loopback port, with the
 * sweeper running as in production (timed-out challenges, then due RReq retries).
 */
import { createServer } from 'node:http';
import { createApp } from '../src/app.ts';
import { deliverDueRReqs } from '../src/flows/challenge/notify-requestor.ts';
import { sweepTimeouts } from '../src/flows/challenge/sweep-timeouts.ts';
import { createBenchAcsDeps } from './acs-deps.ts';
import { closeServer, listenOnFreePort } from './http-listen.ts';
import { serveInThread } from './thread-server.ts';

/** What the main thread hands the ACS thread. */
export type AcsThreadData = Readonly<{
  dir: string;
  keysDir: string;
  seedFile: string;
  databaseUrl: string | undefined;
  groupCommit: boolean;
  overrides: Readonly<Record<string, string>>;
}>;

function isAcsThreadData(data: unknown): data is AcsThreadData {
  if (typeof data !== 'object' || data === null) return false;
  const fields = data as Record<string, unknown>;
  return (
    typeof fields.dir === 'string' &&
    typeof fields.keysDir === 'string' &&
    typeof fields.seedFile === 'string' &&
    (fields.databaseUrl === undefined || typeof fields.databaseUrl === 'string') &&
    typeof fields.groupCommit === 'boolean' &&
    typeof fields.overrides === 'object' &&
    fields.overrides !== null
  );
}

serveInThread(async (data) => {
  if (!isAcsThreadData(data))
    throw new Error('ACS thread needs { dir, keysDir, seedFile, databaseUrl, groupCommit, overrides }');
  // Listen first so the public URL names the real port; requests are served once the app is attached.
  const server = createServer();
  const port = await listenOnFreePort(server);
  const deps = await createBenchAcsDeps({ ...data, port });
  server.on('request', createApp(deps));
  let sweeping = false;
  const sweeper = setInterval(() => {
    if (sweeping) return;
    sweeping = true;
    sweepTimeouts(deps)
      .then(() => deliverDueRReqs(deps))
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
      await deps.store.close();
    },
  };
});
