/**
 * Per-request observation: one structured log line and the request metrics, labelled by
 * the matched route pattern (never the raw path, which carries transaction IDs).
 */
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from '../../log/logger.ts';
import type { AcsMetrics } from '../../metrics/acs-metrics.ts';

/** Middleware that logs and measures every request when its response finishes. */
export function observeRequests(logger: Logger, metrics: AcsMetrics) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    // The route pattern is read when the router matches it, while req.baseUrl is still the
    // router's mount point: a failure handled at the app level has left the router by then.
    let route = 'unmatched';
    let matched: unknown;
    Object.defineProperty(req, 'route', {
      configurable: true,
      enumerable: true,
      get: () => matched,
      set: (value: { path?: unknown } | undefined) => {
        matched = value;
        if (typeof value?.path === 'string') route = `${req.baseUrl}${value.path}`;
      },
    });
    res.on('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const status = String(res.statusCode);
      metrics.httpRequests.inc({ route, method: req.method, status });
      metrics.httpDuration.observe({ route }, seconds);
      logger.debug('request', {
        method: req.method,
        route,
        status: res.statusCode,
        ms: Math.round(seconds * 1e4) / 10,
      });
    });
    next();
  };
}
