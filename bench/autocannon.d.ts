/**
 * Types for the part of autocannon 8's programmatic API the benchmark uses: the package ships
 * no declarations, and strict TypeScript refuses an untyped import.
 */
declare module 'autocannon' {
  /** Percentiles and moments of one measured quantity (hdr-histogram-percentiles-obj). */
  export type Histogram = Readonly<{
    average: number;
    mean: number;
    stddev: number;
    min: number;
    max: number;
    total: number;
    p2_5: number;
    p50: number;
    p90: number;
    p97_5: number;
    p99: number;
  }>;

  /** What a finished run reports. */
  export type Result = Readonly<{
    requests: Histogram;
    latency: Histogram;
    throughput: Histogram;
    duration: number;
    errors: number;
    timeouts: number;
    mismatches: number;
    non2xx: number;
  }>;

  /** The options the benchmark passes. */
  export type Options = Readonly<{
    url: string;
    method?: 'GET' | 'POST';
    headers?: Readonly<Record<string, string>>;
    body?: string;
    connections?: number;
    duration?: number;
    timeout?: number;
    /** Each completed response's body; a falsy answer counts as a mismatch. */
    verifyBody?: (body: string) => boolean;
  }>;

  /** A running benchmark: awaitable for its result, stoppable. */
  export type Instance = PromiseLike<Result> & { stop(): void };

  /** Starts a run against `options.url`. */
  export default function autocannon(options: Options): Instance;
}
