/**
 * The challenge flows' HTTP client: node:http over a keep-alive agent, one socket per virtual
 * user at most, the whole answer read as text. Cheaper per request than fetch, so the load
 * generator (which shares the machine's two cores with the ACS) takes less from the server.
 */
import { Agent, request } from 'node:http';

/** An answer: status and body text. */
export type HttpAnswer = Readonly<{ status: number; text: string }>;

/** Sends requests to one origin over kept-alive connections. */
export type HttpClient = Readonly<{
  get(path: string): Promise<HttpAnswer>;
  post(path: string, contentType: string, body: string): Promise<HttpAnswer>;
  close(): void;
}>;

/** A client for `origin` (http://127.0.0.1:port) with at most `sockets` connections. */
export function createHttpClient(origin: string, sockets: number): HttpClient {
  const url = new URL(origin);
  const agent = new Agent({ keepAlive: true, maxSockets: sockets, maxFreeSockets: sockets });
  const send = (method: 'GET' | 'POST', path: string, headers: Record<string, string>, body?: string) =>
    new Promise<HttpAnswer>((resolve, reject) => {
      const req = request(
        { host: url.hostname, port: url.port, method, path, headers, agent, timeout: 30_000 },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
          );
          res.on('error', reject);
        },
      );
      req.on('timeout', () => req.destroy(new Error(`${method} ${path}: no answer in 30 s`)));
      req.on('error', reject);
      req.end(body);
    });
  return {
    get: (path) => send('GET', path, {}),
    post: (path, contentType, body) =>
      send(
        'POST',
        path,
        { 'content-type': contentType, 'content-length': String(Buffer.byteLength(body)) },
        body,
      ),
    close: () => agent.destroy(),
  };
}
