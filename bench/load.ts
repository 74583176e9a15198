/**
 * One autocannon run against one endpoint, reduced to the figures the report compares. Every
 * response body is checked; a body that fails the check counts as an error, like a refused
 * connection or a timeout, because a fast wrong answer is not a result.
 */
import autocannon from 'autocannon';

/** What to send, where, and for how long. */
export type LoadOptions = Readonly<{
  url: string;
  body: string;
  connections: number;
  durationSeconds: number;
  /** True when a response body is the right answer. */
  verify: (body: string) => boolean;
}>;

/** The figures of one run. */
export type LoadFigures = Readonly<{
  /** Mean of the per-second request counts. */
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Responses received. */
  responses: number;
  /** Connection errors, timeouts and responses whose body failed the check. */
  errors: number;
  non2xx: number;
}>;

/** Loads `options.url` with POSTs of `options.body` and returns the figures. */
export async function measureLoad(options: LoadOptions): Promise<LoadFigures> {
  const result = await autocannon({
    url: options.url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: options.body,
    connections: options.connections,
    duration: options.durationSeconds,
    verifyBody: options.verify,
  });
  return {
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    responses: result.requests.total,
    errors: result.errors + result.mismatches,
    non2xx: result.non2xx,
  };
}
