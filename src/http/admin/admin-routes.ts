/**
 * The admin API (/api/admin): test cards and their credentials, transactions and their
 * timelines (exported as a document, replayed against this ACS), sent text messages and the API
 * keys themselves, for QA teams and scripts. Every
 * route, this API's OpenAPI document included, needs an admin API key (src/http/admin/admin-auth.ts)
 * and answers JSON with Cache-Control: no-store; bodies are small, strictly validated JSON.
 * Secrets go one way only: a TOTP secret or a new API key is returned once, a PAN or a password
 * never.
 */
import { Router } from 'express';
import type { FlowDeps } from '../../flows/common/deps.ts';
import { respondWith } from '../common/response-style.ts';
import { adminAuth } from './admin-auth.ts';
import { type AdminSchemas, adminSchemas } from './admin-schemas.ts';
import { addCardRoutes } from './card-routes.ts';
import { addApiKeyRoutes } from './key-routes.ts';
import { addMessageRoutes } from './message-routes.ts';
import { buildAdminOpenApiDocument } from './openapi.ts';
import { addReplayRoutes } from './replay-routes.ts';
import { addTransactionRoutes } from './transaction-routes.ts';

/**
 * The admin API routes, all under /api/admin and all behind the API key check. They validate
 * with `schemas` and serve the OpenAPI document generated from the same set, so another set
 * (a test's) changes what is accepted and what is documented together.
 */
export function adminRoutes(deps: FlowDeps, schemas: AdminSchemas = adminSchemas): Router {
  const router = Router();
  const document = buildAdminOpenApiDocument(schemas);
  // Every path under /api/admin is checked, unknown ones included, so the API cannot be explored without a key.
  router.use(respondWith('json'), adminAuth(deps));

  router.get('/openapi.json', (_req, res) => {
    res.json({ ...document, servers: [{ url: deps.config.publicUrl }] });
  });
  addCardRoutes(router, deps, schemas);
  addTransactionRoutes(router, deps, schemas);
  addReplayRoutes(router, deps, schemas);
  addMessageRoutes(router, deps, schemas);
  addApiKeyRoutes(router, deps, schemas);
  return router;
}
