/**
 * /api/admin/api-keys: list, issue and revoke admin API keys. A new key is in the 201 answer
 * and nowhere else; lists never carry a hash; the key making a request cannot revoke itself.
 */
import type { Router } from 'express';
import { issueApiKey, listApiKeyViews, revokeApiKey } from '../../flows/admin/keys.ts';
import type { FlowDeps } from '../../flows/common/deps.ts';
import { adminJsonBody, parseInput, parsePathParams, refuseNonJson } from './admin-input.ts';
import { apiKeyListJson, issuedApiKeyJson } from './admin-json.ts';
import type { AdminSchemas } from './admin-schemas.ts';

/** Adds the API key routes to the admin router, validating with `schemas`. */
export function addApiKeyRoutes(router: Router, deps: FlowDeps, { bodies, parameters }: AdminSchemas): void {
  router.get('/api-keys', async (_req, res) => {
    res.json(apiKeyListJson(await listApiKeyViews(deps)));
  });

  router.post('/api-keys', refuseNonJson, adminJsonBody, async (req, res) => {
    const issued = await issueApiKey(deps, parseInput(bodies.NewApiKey, req.body).name);
    res.status(201).location(`${req.baseUrl}/api-keys/${issued.id}`).json(issuedApiKeyJson(issued));
  });

  router.delete('/api-keys/:id', async (req, res) => {
    const requestingKeyId: unknown = res.locals.apiKeyId;
    const { id } = parsePathParams(parameters.ApiKeyPath, req, 'no such API key');
    await revokeApiKey(deps, id, typeof requestingKeyId === 'string' ? requestingKeyId : undefined);
    res.status(204).end();
  });
}
