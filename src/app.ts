/**
 * createApp(deps): the express application with every route, no environment and no listen,
 * so tests drive exactly what production serves.
 */
import express, { type Express } from 'express';
import helmet from 'helmet';
import { AcsError } from './errors.ts';
import type { FlowDeps } from './flows/deps.ts';
import { errorHandler } from './http/error-handler.ts';
import { observeRequests } from './http/observe.ts';
import { respondWith } from './http/response-style.ts';
import { opsRoutes } from './http/routes/ops-routes.ts';
import { protocolRoutes } from './http/routes/protocol-routes.ts';
import { resultRoutes } from './http/routes/result-routes.ts';

/** Builds the ACS's HTTP application over the given dependencies. */
export function createApp(deps: FlowDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('query parser', 'simple');

  app.use(observeRequests(deps.logger, deps.metrics));
  app.use(helmet());
  app.use(protocolRoutes(deps));
  app.use(resultRoutes(deps));
  app.use(opsRoutes(deps));

  app.use(respondWith('json'), () => {
    throw new AcsError('not_found', 'no such resource');
  });
  app.use(errorHandler(deps.logger, deps.metrics));
  return app;
}
