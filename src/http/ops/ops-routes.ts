/**
 * Operations endpoints: liveness (the process answers), readiness (the database answers and
 * keys are loaded) and Prometheus metrics.
 */
import { Router } from 'express';
import type { FlowDeps } from '../../flows/common/deps.ts';
import { respondWith } from '../common/response-style.ts';

/** Routes for /healthz, /readyz and /metrics. */
export function opsRoutes(deps: FlowDeps): Router {
  const router = Router();
  router.use(respondWith('json'));
  router.get('/healthz', (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const checks = { database: await deps.store.ping(), keys: deps.keys !== undefined };
    const ready = Object.values(checks).every(Boolean);
    res.setHeader('Cache-Control', 'no-store');
    // Which store answers (never its URL: it carries a password).
    const database = deps.config.database.postgres === undefined ? 'sqlite' : 'postgres';
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not-ready', checks, database });
  });
  router.get('/metrics', async (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.type(deps.metrics.registry.contentType).send(await deps.metrics.registry.render());
  });
  return router;
}
