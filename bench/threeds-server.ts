/**
 * A stand-in 3DS Server for the challenge flows, in its own worker thread: it receives the
 * ACS's RReqs at `POST /rreq`, answers each with a correct RRes (the IDs echoed, resultsStatus
 * 01), and remembers the acsTransID and transStatus of each. `POST /drain` hands the main
 * thread what arrived since the last drain, so it can check that every measured flow's RReq
 * got here with transStatus Y.
 */
import { createServer, type IncomingMessage } from 'node:http';
import { closeServer, listenOnFreePort } from './http-listen.ts';
import { serveInThread } from './thread-server.ts';

/** What `POST /drain` answers: [acsTransID, transStatus] per RReq received. */
export type DrainedRReqs = Readonly<{ rreqs: readonly (readonly [string, string])[] }>;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

serveInThread(async () => {
  let received: [string, string][] = [];
  const server = createServer((req, res) => {
    readBody(req).then(
      (body) => {
        if (req.method === 'POST' && req.url === '/drain') {
          const drained: DrainedRReqs = { rreqs: received };
          received = [];
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(drained));
          return;
        }
        if (req.method !== 'POST' || req.url !== '/rreq') {
          res.writeHead(404).end();
          return;
        }
        let rreq: Record<string, unknown>;
        try {
          rreq = JSON.parse(body) as Record<string, unknown>;
        } catch {
          res.writeHead(400).end();
          return;
        }
        received.push([String(rreq.acsTransID), String(rreq.transStatus)]);
        const rres = {
          messageType: 'RRes',
          messageVersion: rreq.messageVersion,
          threeDSServerTransID: rreq.threeDSServerTransID,
          acsTransID: rreq.acsTransID,
          dsTransID: rreq.dsTransID,
          ...(rreq.sdkTransID === undefined ? {} : { sdkTransID: rreq.sdkTransID }),
          resultsStatus: '01',
        };
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(rres));
      },
      () => res.writeHead(400).end(),
    );
  });
  const port = await listenOnFreePort(server);
  return { port, close: () => closeServer(server) };
});
