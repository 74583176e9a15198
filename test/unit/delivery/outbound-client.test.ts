/**
 * The one outbound client against real local servers: what the destination policy refuses
 * never reaches the server; an allowed destination does; an endless answer is cut at the cap
 * with memory flat; a redirect is returned, not followed; the address checked is the address
 * dialled, whatever DNS says the second time.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';

const dnsAnswers = vi.hoisted(() => ({ calls: [] as string[], answers: new Map<string, string[]>() }));
vi.mock('node:dns/promises', async (importOriginal) => {
  const original = await importOriginal<typeof import('node:dns/promises')>();
  const lookup = async (host: string, options: unknown) => {
    const scripted = dnsAnswers.answers.get(host);
    if (scripted === undefined) return original.lookup(host, options as { all: true });
    dnsAnswers.calls.push(host);
    // Each answer is used once: a rebinding resolver answers differently the second time.
    const address = scripted.length > 1 ? (scripted.shift() as string) : (scripted[0] as string);
    return [{ address, family: address.includes(':') ? 6 : 4 }];
  };
  return { ...original, lookup, default: { ...original, lookup } };
});

const { createOutboundClient } = await import('../../../src/delivery/outbound-client.ts');

type Hit = { method: string; url: string; body: string };

/** A loopback server recording every request; `answer` writes the reply. */
async function listen(answer: (req: IncomingMessage, res: ServerResponse) => void) {
  const hits: Hit[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => {
      body += chunk.toString('utf8');
    });
    req.on('end', () => {
      hits.push({ method: req.method ?? '', url: req.url ?? '', body });
      answer(req, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    hits,
    port,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const rres = { messageType: 'RRes', resultsStatus: '01' };
let ok: Awaited<ReturnType<typeof listen>>;

beforeAll(async () => {
  ok = await listen((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(rres));
  });
});
afterAll(async () => {
  await ok.close();
});
afterEach(() => {
  ok.hits.length = 0;
  dnsAnswers.calls.length = 0;
  dnsAnswers.answers.clear();
});

describe('the destination policy, on the wire', () => {
  const strict = createOutboundClient({ allow: [], sandbox: false });

  it.each([
    ['127.0.0.1', (port: number) => `http://127.0.0.1:${port}/rreq`],
    ['localhost', (port: number) => `http://localhost:${port}/rreq`],
    ['127.1', (port: number) => `http://127.1:${port}/rreq`],
    ['2130706433', (port: number) => `http://2130706433:${port}/rreq`],
    ['0x7f.0.0.1', (port: number) => `http://0x7f.0.0.1:${port}/rreq`],
    ['0177.0.0.01', (port: number) => `http://0177.0.0.01:${port}/rreq`],
    ['[::ffff:127.0.0.1]', (port: number) => `http://[::ffff:127.0.0.1]:${port}/rreq`],
  ])(
    'outside sandbox mode refuses loopback written as %s: the server receives nothing',
    async (_form, url) => {
      const outcome = await strict(url(ok.port), { messageType: 'RReq' }, 2000);
      expect(outcome).toMatchObject({ kind: 'refused', detail: expect.stringContaining('loopback') });
      expect(ok.hits).toEqual([]);
    },
  );

  it.each([
    'http://169.254.169.254/latest/meta-data/',
    'http://[fd00:ec2::254]/latest/meta-data/',
    'http://10.0.0.1/',
    'http://192.168.1.1/',
    'http://100.64.0.1/',
    'http://0.0.0.0/',
    'http://[::]/',
    'http://[fe80::1]/',
  ])('outside sandbox mode refuses %s without dialling', async (url) => {
    const started = Date.now();
    const outcome = await strict(url, {}, 5000);
    expect(outcome.kind).toBe('refused');
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('refuses a name when any address it resolves to is refused', async () => {
    dnsAnswers.answers.set('mixed.test', ['127.0.0.1']);
    const outcome = await strict(`http://mixed.test:${ok.port}/rreq`, {}, 2000);
    expect(outcome).toMatchObject({ kind: 'refused' });
    expect(ok.hits).toEqual([]);
  });

  it('refuses schemes other than http and https, and URLs that are none', async () => {
    expect(await strict('file:///etc/passwd', {}, 1000)).toMatchObject({ kind: 'refused' });
    expect(await strict('gopher://127.0.0.1:70/', {}, 1000)).toMatchObject({ kind: 'refused' });
    expect(await strict('not a url', {}, 1000)).toMatchObject({ kind: 'refused' });
  });

  it.each([['127.0.0.1'], ['127.0.0.0/8'], ['localhost'], ['*.allowed.test']])(
    'sends to loopback when ACS_OUTBOUND_ALLOW lists %s',
    async (entry) => {
      dnsAnswers.answers.set('api.allowed.test', ['127.0.0.1']);
      const client = createOutboundClient({ allow: [entry], sandbox: false });
      const host = entry.startsWith('*.')
        ? 'api.allowed.test'
        : entry === 'localhost'
          ? 'localhost'
          : '127.0.0.1';
      const outcome = await client(`http://${host}:${ok.port}/rreq?x=1`, { messageType: 'RReq' }, 2000);
      expect(outcome).toEqual({ kind: 'response', httpStatus: 200, body: JSON.stringify(rres) });
      expect(ok.hits).toEqual([{ method: 'POST', url: '/rreq?x=1', body: '{"messageType":"RReq"}' }]);
    },
  );

  it('sends to loopback in sandbox mode by default', async () => {
    const sandbox = createOutboundClient({ allow: [], sandbox: true });
    const outcome = await sandbox(`http://localhost:${ok.port}/rreq`, { a: 1 }, 2000);
    expect(outcome).toMatchObject({ kind: 'response', httpStatus: 200 });
    expect(ok.hits).toHaveLength(1);
    // Metadata and private addresses stay refused in sandbox mode too.
    expect(await sandbox('http://169.254.169.254/', {}, 1000)).toMatchObject({ kind: 'refused' });
    expect(await sandbox('http://10.0.0.1/', {}, 1000)).toMatchObject({ kind: 'refused' });
  });

  it('dials the address it checked: a resolver that answers differently later changes nothing', async () => {
    // First answer: loopback (allowed in sandbox mode). Any later answer: the metadata address.
    dnsAnswers.answers.set('rebind.test', ['127.0.0.1', '169.254.169.254']);
    const sandbox = createOutboundClient({ allow: [], sandbox: true });
    const outcome = await sandbox(`http://rebind.test:${ok.port}/rreq`, {}, 2000);
    // rebind.test exists in no real DNS: the request reached the server only because the
    // socket went to the checked address without resolving the name again.
    expect(outcome).toMatchObject({ kind: 'response', httpStatus: 200 });
    expect(dnsAnswers.calls).toEqual(['rebind.test']);
    expect(ok.hits).toHaveLength(1);
  });

  it('refuses with a detail that holds no card number', async () => {
    const outcome = await strict('http://5200000000000106.invalid/', {}, 2000);
    expect(outcome.kind === 'refused' || outcome.kind === 'network-error').toBe(true);
    expect(JSON.stringify(outcome)).not.toContain('5200000000000106');
  });
});

describe('bounded answers', () => {
  const client = createOutboundClient({ allow: [], sandbox: true, maxReplyBytes: 64 * 1024 });

  it('cuts an endless answer at the cap, long before the timeout, with memory flat', async () => {
    let written = 0;
    let closedCount = 0;
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    const endless = await listen((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      let closed = false;
      res.on('close', () => {
        closed = true;
        closedCount++;
      });
      const pump = () => {
        while (!closed) {
          written += chunk.length;
          if (!res.write(chunk)) {
            res.once('drain', pump);
            return;
          }
        }
      };
      pump();
    });
    try {
      global.gc?.();
      const before = process.memoryUsage();
      const started = Date.now();
      const outcomes = await Promise.all(
        Array.from({ length: 5 }, () => client(`http://127.0.0.1:${endless.port}/rreq`, {}, 20_000)),
      );
      const elapsed = Date.now() - started;
      for (const outcome of outcomes) {
        expect(outcome).toEqual({ kind: 'network-error', detail: 'the answer is larger than 65536 bytes' });
      }
      expect(elapsed).toBeLessThan(5000);
      await vi.waitFor(() => expect(closedCount).toBe(5));
      // The server could only push what socket buffers hold before the client hung up.
      expect(written).toBeLessThan(5 * 32 * 1024 ** 2);
      const after = process.memoryUsage();
      expect(after.heapUsed + after.arrayBuffers - (before.heapUsed + before.arrayBuffers)).toBeLessThan(
        64 * 1024 ** 2,
      );
    } finally {
      await endless.close();
    }
  });

  it('refuses an answer that declares more than the cap without reading it', async () => {
    const big = await listen((_req, res) => {
      res.writeHead(200, { 'content-length': String(10 * 1024 ** 2) });
      res.write('{');
    });
    try {
      expect(await client(`http://127.0.0.1:${big.port}/`, {}, 5000)).toEqual({
        kind: 'network-error',
        detail: 'the answer is larger than 65536 bytes',
      });
    } finally {
      await big.close();
    }
  });

  it('gives up at the deadline on an answer that trickles', async () => {
    const slow = await listen((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const timer = setInterval(() => res.write(' '), 50);
      res.on('close', () => clearInterval(timer));
    });
    try {
      const started = Date.now();
      expect(await client(`http://127.0.0.1:${slow.port}/`, {}, 400)).toEqual({ kind: 'timeout' });
      expect(Date.now() - started).toBeLessThan(2000);
    } finally {
      await slow.close();
    }
  });

  it('keeps an answer up to the cap whole', async () => {
    const text = JSON.stringify({ pad: 'x'.repeat(60 * 1024) });
    const server = await listen((_req, res) => res.writeHead(200).end(text));
    try {
      expect(await client(`http://127.0.0.1:${server.port}/`, {}, 5000)).toEqual({
        kind: 'response',
        httpStatus: 200,
        body: text,
      });
    } finally {
      await server.close();
    }
  });

  it('returns a redirect as it is and never follows it', async () => {
    const redirect = await listen((_req, res) => {
      res.writeHead(307, { location: `http://127.0.0.1:${ok.port}/rreq` }).end();
    });
    try {
      const outcome = await client(`http://127.0.0.1:${redirect.port}/start`, {}, 2000);
      expect(outcome).toEqual({ kind: 'response', httpStatus: 307, body: '' });
      expect(redirect.hits).toHaveLength(1);
      expect(ok.hits).toEqual([]);
    } finally {
      await redirect.close();
    }
  });

  it('reports a closed port as a network error, never a throw', async () => {
    const gone = await listen(() => {});
    const port = gone.port;
    await gone.close();
    expect(await client(`http://127.0.0.1:${port}/`, {}, 2000)).toMatchObject({
      kind: 'network-error',
      detail: expect.stringContaining('ECONNREFUSED'),
    });
  });

  it('reports a message it cannot serialise as a network error', async () => {
    expect(await client(`http://127.0.0.1:${ok.port}/`, { big: 1n }, 2000)).toMatchObject({
      kind: 'network-error',
    });
    expect(ok.hits).toEqual([]);
  });
});
