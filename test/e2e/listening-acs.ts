/**
 * The test ACS on a real loopback port, so a browser can reach it. The port is bound before
 * the ACS is built (the server delegates to the app once it exists), so ACS_PUBLIC_URL, and
 * with it the ARes's acsURL, names the very port that listens: no free-port race.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { createApp } from '../../src/app.ts';
import { createTestAcs, type TestAcs } from '../support/test-acs.ts';

/** A test ACS served over HTTP on 127.0.0.1. */
export type ListeningAcs = {
  acs: TestAcs;
  /** e.g. http://127.0.0.1:41234 (also the ACS's public URL and JWS issuer). */
  baseURL: string;
  close(): Promise<void>;
};

/**
 * Starts a test ACS on 127.0.0.1 and a free port; `env` adds ACS_* settings. With `realSleep` its
 * waits (acs-slow, the delayed faults) take real time too, as a browser sees them; the test
 * clock still moves by each wait and `acs.sleeps` still records it.
 */
export async function startListeningAcs(
  env: Record<string, string> = {},
  options: Readonly<{ realSleep?: boolean }> = {},
): Promise<ListeningAcs> {
  let handler: ((req: IncomingMessage, res: ServerResponse) => void) | undefined;
  const server: Server = createServer((req, res) => {
    if (handler === undefined) res.writeHead(503).end();
    else handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const acs = await createTestAcs({ ACS_PUBLIC_URL: baseURL, ...env });
  handler = options.realSleep
    ? createApp({ ...acs.deps, sleep: (ms) => delay(ms).then(() => acs.deps.sleep(ms)) })
    : acs.app;
  return {
    acs,
    baseURL,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await acs.close();
    },
  };
}
