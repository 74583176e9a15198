/**
 * A stand-in 3DS Server on a loopback port: it receives RReqs at /rreq and answers a correct
 * RRes (or fails, or answers what `respond` returns), and records what it got and when. It also
 * takes the browser's final CRes posts at /notify (the AReq's notificationURL), in order, so a
 * test sees the whole exchange a 3DS Server would. Tests point the AReq's URLs at it.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A running double. */
export type ThreeDSServerDouble = {
  /** URL to put in threeDSServerURL. */
  rreqURL: string;
  /** RReqs received, in order. */
  received: Record<string, unknown>[];
  /** When each RReq arrived (Date.now()), in the same order. */
  receivedAt: number[];
  /** URL to put in notificationURL. */
  notificationURL: string;
  /** The form posts to /notify (the final CRes), in order: raw body, fields and arrival time. */
  notifications: { raw: string; fields: Record<string, string>; at: number }[];
  /**
   * When set, answers each RReq with what it returns (status and JSON body) instead of `mode`;
   * `n` counts from 1.
   */
  respond: ((rreq: Record<string, unknown>, n: number) => { status: number; body: unknown }) | undefined;
  /** 'ok' answers RRes; 'fail' answers HTTP 500; 'erro' answers an Erro. */
  mode: 'ok' | 'fail' | 'erro';
  /** Resolves when `count` RReqs have arrived (or rejects after `ms`). */
  waitFor(count: number, ms?: number): Promise<void>;
  close(): Promise<void>;
};

/** Starts the double on 127.0.0.1 with a free port. */
export async function startThreeDSServerDouble(): Promise<ThreeDSServerDouble> {
  const received: Record<string, unknown>[] = [];
  const double: ThreeDSServerDouble = {
    rreqURL: '',
    received,
    receivedAt: [],
    notificationURL: '',
    notifications: [],
    respond: undefined,
    mode: 'ok',
    async waitFor(count, ms = 10_000) {
      const until = Date.now() + ms;
      while (received.length < count) {
        if (Date.now() > until) throw new Error(`only ${received.length} of ${count} RReqs arrived`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => {
      body += chunk.toString('utf8');
    });
    req.on('end', () => {
      if (req.method === 'POST' && req.url === '/notify') {
        double.notifications.push({
          raw: body,
          fields: Object.fromEntries(new URLSearchParams(body)),
          at: Date.now(),
        });
        res
          .writeHead(200, { 'content-type': 'text/html' })
          .end('<!doctype html><title>done</title><p>CRes received');
        return;
      }
      if (req.method !== 'POST' || req.url !== '/rreq') {
        res.writeHead(404).end();
        return;
      }
      const rreq = JSON.parse(body) as Record<string, unknown>;
      received.push(rreq);
      double.receivedAt.push(Date.now());
      if (double.respond !== undefined) {
        const answer = double.respond(rreq, received.length);
        res.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body));
        return;
      }
      if (double.mode === 'fail') {
        res.writeHead(500).end('down');
        return;
      }
      const reply =
        double.mode === 'erro'
          ? {
              messageType: 'Erro',
              messageVersion: rreq.messageVersion,
              errorCode: '305',
              errorComponent: 'S',
              errorDescription: 'x',
              errorDetail: 'y',
            }
          : {
              messageType: 'RRes',
              messageVersion: rreq.messageVersion,
              threeDSServerTransID: rreq.threeDSServerTransID,
              acsTransID: rreq.acsTransID,
              dsTransID: rreq.dsTransID,
              ...(rreq.sdkTransID === undefined ? {} : { sdkTransID: rreq.sdkTransID }),
              resultsStatus: '01',
            };
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(reply));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  double.rreqURL = `${origin}/rreq`;
  double.notificationURL = `${origin}/notify`;
  return double;
}
