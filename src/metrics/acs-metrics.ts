/**
 * The metrics this ACS exports, created once per app so tests get a fresh set. Names follow
 * Prometheus conventions (`acs_` prefix, `_total` counters, `_seconds` histograms).
 */
import { type Counter, createMetricsRegistry, type Histogram, type MetricsRegistry } from './registry.ts';

/** The ACS's instruments plus the registry that renders them. */
export type AcsMetrics = Readonly<{
  registry: MetricsRegistry;
  httpRequests: Counter;
  httpDuration: Histogram;
  aresByStatus: Counter;
  erroByCode: Counter;
  decisionsByCheck: Counter;
  challengeOutcomes: Counter;
  codesSent: Counter;
  rateLimited: Counter;
}>;

/** Creates the registry and every instrument; `gauges` adds on-demand readings. */
export function createAcsMetrics(
  gauges: Readonly<Record<string, { help: string; read: () => number }>> = {},
): AcsMetrics {
  const registry = createMetricsRegistry();
  const metrics: AcsMetrics = {
    registry,
    httpRequests: registry.counter('acs_http_requests_total', 'HTTP requests by route, method and status.'),
    httpDuration: registry.histogram('acs_http_request_duration_seconds', 'HTTP request latency by route.'),
    aresByStatus: registry.counter('acs_ares_total', 'ARes messages sent, by transStatus.'),
    erroByCode: registry.counter('acs_erro_total', 'Erro messages sent, by errorCode and message type.'),
    decisionsByCheck: registry.counter('acs_decisions_total', 'Authentication decisions by deciding check.'),
    challengeOutcomes: registry.counter(
      'acs_challenge_outcomes_total',
      'Finished challenges by transStatus and challengeCancel.',
    ),
    rateLimited: registry.counter('acs_rate_limited_total', 'Requests refused by an abuse limit, by limit.'),
    codesSent: registry.counter(
      'acs_codes_sent_total',
      'One-time codes sent, by sender and delivery status.',
    ),
  };
  const started = Date.now();
  registry.gauge(
    'acs_uptime_seconds',
    'Seconds since the process started.',
    () => (Date.now() - started) / 1000,
  );
  for (const [name, gauge] of Object.entries(gauges)) registry.gauge(name, gauge.help, gauge.read);
  return metrics;
}
