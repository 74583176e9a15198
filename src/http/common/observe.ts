/**
 * Per-request observation: one structured log line and the request metrics, labelled by
 * the matched route pattern (never the raw path, which carries transaction IDs).
 */
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from '../../log/logger.ts';
import type { AcsMetrics } from '../../metrics/acs-metrics.ts';

/**
 * Marks the mount point a request entered (src/app.ts puts it in front of each group's
 * routers): a failure answered by the app-level error handler has left its router, and
 * req.baseUrl with it, by the time the response finishes.
 */
export function noteMountPoint(req: Request, res: Response, next: NextFunction): void {
  res.locals.mountPoint = req.baseUrl;
  next();
}

/** The matched route pattern with its mount point, or "unmatched". */
function routeOf(req: Request, res: Response): string {
  const path: unknown = req.route?.path;
  if (typeof path !== 'string') return 'unmatched';
  const mount: unknown = res.locals.mountPoint;
  return `${typeof mount === 'string' && req.baseUrl === '' ? mount : req.baseUrl}${path}`;
}

/** Middleware that logs and measures every request when its response finishes. */
export function observeRequests(logger: Logger, metrics: AcsMetrics) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = routeOf(req, res);
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
