/**
 * The one outbound HTTP client (docs/security.md): every request the ACS makes to a URL
 * someone else chose (the RReq, the Erro sent on a bad CReq, anything later) goes through it.
 *
 * - Destination policy (src/delivery/outbound-policy.ts), checked on the addresses the name
 *   resolves to; the socket then connects to exactly the address checked (a `lookup` that
 *   returns it), so a second DNS answer cannot move the request elsewhere.
 * - Bounded time: one deadline covers resolving, connecting, sending and reading.
 * - Bounded size: the answer is counted while it streams and the connection is cut as soon
 *   as it passes the cap, so an endless answer costs at most the cap in memory.
 * - No redirects: node:http follows none; a 3xx is returned as it is.
 * - No content decoding: an answer is read as sent (no compression bomb).
 *
 * It never throws: every failure is one of the PostOutcome kinds.
 */
import { lookup as dnsLookup } from 'node:dns/promises';
import { type ClientRequest, request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { isIPv4, isIPv6 } from 'node:net';
import { maskCardNumbers } from '../domain/pan.ts';
import {
  addressVerdict,
  compileAllowList,
  hostAllowed,
  normalHost,
  type OutboundPolicy,
} from './outbound-policy.ts';
import type { PostOutcome } from './post-json.ts';

/** The answer's cap when the policy sets none. */
export const defaultMaxReplyBytes = 64 * 1024;

/** POSTs `message` as JSON to `url` within `timeoutMs`. */
export type PostJson = (url: string, message: unknown, timeoutMs: number) => Promise<PostOutcome>;

type Destination = Readonly<{ url: URL; host: string; address: string; family: 4 | 6 }>;

/**
 * The outbound client under `policy`. Throws OutboundPolicyError at once for an allow-list
 * entry it cannot read, so a typo in ACS_OUTBOUND_ALLOW stops the start instead of
 * silently refusing.
 */
export function createOutboundClient(policy: OutboundPolicy): PostJson {
  const list = compileAllowList(policy.allow);
  const maxReplyBytes = policy.maxReplyBytes ?? defaultMaxReplyBytes;

  /** Resolves and checks `url`: the destination to dial, or why not. */
  async function destinationOf(
    rawUrl: string,
  ): Promise<Destination | { refused: string } | { unresolved: string }> {
    let url: URL;
    try {
      url = new URL(rawUrl);
    } catch {
      return { refused: 'the URL is not valid' };
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      return { refused: 'only http and https URLs are allowed' };
    const host = normalHost(url.hostname);
    if (host === undefined) return { refused: 'the URL has no valid host' };
    const literal = isIPv4(host) ? 4 : isIPv6(host) ? 6 : undefined;
    const resolved =
      literal === undefined ? await resolveAll(host) : [{ address: host, family: literal } as const];
    if (resolved.length === 0) return { unresolved: `could not resolve ${host}` };
    const first = resolved[0] as { address: string; family: 4 | 6 };
    if (literal === undefined && hostAllowed(list, host)) return { url, host, ...first };
    for (const { address } of resolved) {
      const verdict = addressVerdict(list, policy.sandbox, address);
      if (!verdict.allowed) return { refused: `destination refused: ${verdict.reason}` };
    }
    return { url, host, ...first };
  }

  return async (url, message, timeoutMs) => {
    const deadline = Date.now() + timeoutMs;
    let body: string;
    try {
      body = JSON.stringify(message);
    } catch {
      return { kind: 'network-error', detail: 'the message could not be serialised' };
    }
    const destination = await withDeadline(destinationOf(url), deadline);
    if (destination === 'timeout') return { kind: 'timeout' };
    if ('refused' in destination) return { kind: 'refused', detail: safeDetail(destination.refused) };
    if ('unresolved' in destination)
      return { kind: 'network-error', detail: safeDetail(destination.unresolved) };
    return send(destination, body, deadline, maxReplyBytes);
  };
}

async function resolveAll(host: string): Promise<{ address: string; family: 4 | 6 }[]> {
  try {
    const answers = await dnsLookup(host, { all: true, verbatim: true });
    return answers.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
  } catch {
    return [];
  }
}

/** `work`, or 'timeout' once `deadline` (epoch ms) passes. */
async function withDeadline<T>(work: Promise<T>, deadline: number): Promise<T | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), Math.max(0, deadline - Date.now()));
  });
  try {
    return await Promise.race([work, expired]);
  } finally {
    clearTimeout(timer);
  }
}

/** Sends the POST to exactly `destination.address` and reads at most `cap` bytes of the answer. */
function send(destination: Destination, body: string, deadline: number, cap: number): Promise<PostOutcome> {
  const { url, address, family } = destination;
  // Whatever the name resolves to now, the socket goes to the address that was checked.
  const pinned: LookupFunction = (_hostname, options, callback) => {
    if (options.all === true) callback(null, [{ address, family }]);
    else callback(null, address, family);
  };
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;

  return new Promise<PostOutcome>((resolve) => {
    let settled = false;
    let req: ClientRequest | undefined;
    const timer = setTimeout(() => finish({ kind: 'timeout' }), Math.max(0, deadline - Date.now()));
    function finish(outcome: PostOutcome): void {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req?.destroy();
      resolve(outcome);
    }
    try {
      req = request(url, {
        method: 'POST',
        agent: false,
        lookup: pinned,
        headers: {
          'content-type': 'application/json; charset=utf-8',
          accept: 'application/json',
          'content-length': Buffer.byteLength(body),
          'user-agent': 'acs-simulator',
        },
      });
    } catch (error) {
      finish({ kind: 'network-error', detail: networkDetail(error) });
      return;
    }
    req.on('error', (error) => finish({ kind: 'network-error', detail: networkDetail(error) }));
    req.on('response', (res: IncomingMessage) => readCapped(res, cap, finish));
    req.end(body);
  });
}

/** Reads the answer, giving up as soon as it passes `cap` bytes (declared or counted). */
function readCapped(res: IncomingMessage, cap: number, finish: (outcome: PostOutcome) => void): void {
  const tooLarge = { kind: 'network-error', detail: `the answer is larger than ${cap} bytes` } as const;
  const declared = Number(res.headers['content-length']);
  if (Number.isFinite(declared) && declared > cap) {
    finish(tooLarge);
    return;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  res.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > cap) {
      chunks.length = 0;
      finish(tooLarge);
      return;
    }
    chunks.push(chunk);
  });
  res.on('end', () =>
    finish({
      kind: 'response',
      httpStatus: res.statusCode ?? 0,
      body: Buffer.concat(chunks).toString('utf8'),
    }),
  );
  res.on('error', (error) => finish({ kind: 'network-error', detail: networkDetail(error) }));
  res.on('aborted', () => finish({ kind: 'network-error', detail: 'the answer was cut short' }));
}

function networkDetail(error: unknown): string {
  if (!(error instanceof Error)) return 'request failed';
  const code = (error as { code?: unknown }).code;
  return safeDetail(
    typeof code === 'string' ? `${code}: ${error.message}` : error.message || 'request failed',
  );
}

/** A detail fit to store in the timeline: no card number (a host name can be anything), short. */
function safeDetail(text: string): string {
  return maskCardNumbers(text).slice(0, 200);
}
