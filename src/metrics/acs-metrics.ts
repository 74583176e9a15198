/**
 * The metrics this ACS exports, on prom-client: created once per app (its own registry), so
 * tests get a fresh set. Names follow Prometheus conventions (`acs_` prefix, `_total`
 * counters, `_seconds` histograms) and are the ones the hand-written registry exported before;
 * prom-client adds the process metrics every Prometheus user expects (CPU, resident memory,
 * heap, event-loop lag, GC pauses, open handles: `process_*` and `nodejs_*`).
 */
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/** What renders the exposition text for GET /metrics. */
export type MetricsRegistry = Readonly<{
  /** The Prometheus text exposition format. */
  render(): Promise<string>;
  /** Its Content-Type header. */
  contentType: string;
}>;

/** The ACS's instruments plus the registry that renders them. */
export type AcsMetrics = Readonly<{
  registry: MetricsRegistry;
  httpRequests: Counter<'route' | 'method' | 'status'>;
  httpDuration: Histogram<'route'>;
  aresByStatus: Counter<'transStatus'>;
  erroByCode: Counter<'errorCode' | 'messageType'>;
  decisionsByCheck: Counter<'check'>;
  challengeOutcomes: Counter<'transStatus' | 'challengeCancel'>;
  codesSent: Counter<'sender' | 'status'>;
  rateLimited: Counter<'limit'>;
}>;

/** Creates the registry and every instrument; `gauges` adds on-demand readings. */
export function createAcsMetrics(
  gauges: Readonly<Record<string, { help: string; read: () => number }>> = {},
): AcsMetrics {
  const registers = [new Registry()];
  const [registry] = registers as [Registry];
  collectDefaultMetrics({ register: registry });
  const started = Date.now();
  new Gauge({
    name: 'acs_uptime_seconds',
    help: 'Seconds since the process started.',
    registers,
    collect() {
      this.set((Date.now() - started) / 1000);
    },
  });
  for (const [name, gauge] of Object.entries(gauges)) {
    new Gauge({
      name,
      help: gauge.help,
      registers,
      collect() {
        this.set(gauge.read());
      },
    });
  }
  return {
    registry: { render: () => registry.metrics(), contentType: registry.contentType },
    httpRequests: new Counter({
      name: 'acs_http_requests_total',
      help: 'HTTP requests by route, method and status.',
      labelNames: ['route', 'method', 'status'],
      registers,
    }),
    httpDuration: new Histogram({
      name: 'acs_http_request_duration_seconds',
      help: 'HTTP request latency by route.',
      labelNames: ['route'],
      registers,
    }),
    aresByStatus: new Counter({
      name: 'acs_ares_total',
      help: 'ARes messages sent, by transStatus.',
      labelNames: ['transStatus'],
      registers,
    }),
    erroByCode: new Counter({
      name: 'acs_erro_total',
      help: 'Erro messages sent, by errorCode and message type.',
      labelNames: ['errorCode', 'messageType'],
      registers,
    }),
    decisionsByCheck: new Counter({
      name: 'acs_decisions_total',
      help: 'Authentication decisions by deciding check.',
      labelNames: ['check'],
      registers,
    }),
    challengeOutcomes: new Counter({
      name: 'acs_challenge_outcomes_total',
      help: 'Finished challenges by transStatus and challengeCancel.',
      labelNames: ['transStatus', 'challengeCancel'],
      registers,
    }),
    codesSent: new Counter({
      name: 'acs_codes_sent_total',
      help: 'One-time codes sent, by sender and delivery status.',
      labelNames: ['sender', 'status'],
      registers,
    }),
    rateLimited: new Counter({
      name: 'acs_rate_limited_total',
      help: 'Requests refused by an abuse limit, by limit.',
      labelNames: ['limit'],
      registers,
    }),
  };
}
