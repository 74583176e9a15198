/**
 * A stand-in 3DS Server on a loopback port: it receives RReqs at /rreq and answers a correct
 * RRes (or fails, when told to), and records what it got. Tests point the AReq's
 * threeDSServerURL at it.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A running double. */
export type ThreeDSServerDouble = {
  /** URL to put in threeDSServerURL. */
  rreqURL: string;
  /** RReqs received, in order. */
  received: Record<string, unknown>[];
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
      if (req.method !== 'POST' || req.url !== '/rreq') {
        res.writeHead(404).end();
        return;
      }
      const rreq = JSON.parse(body) as Record<string, unknown>;
      received.push(rreq);
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
  double.rreqURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/rreq`;
  return double;
}
