/**
 * /api/admin/api-keys: list, issue and revoke admin API keys. A new key is in the 201 answer
 * and nowhere else; lists never carry a hash; the key making a request cannot revoke itself.
 */
import type { Router } from 'express';
import { z } from 'zod';
import { issueApiKey, listApiKeyViews, revokeApiKey } from '../../flows/admin/keys.ts';
import type { FlowDeps } from '../../flows/shared/deps.ts';
import { adminJsonBody, parseInput, refuseNonJson, uuidParam } from './admin-input.ts';
import { apiKeyJson } from './admin-json.ts';

/** The body of POST /api/admin/api-keys. */
const newApiKeySchema = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, { error: 'must not be empty' })
      .max(100, { error: 'must be at most 100 characters' })
      .refine((name) => !/\p{Cc}/u.test(name), { error: 'must not contain control characters' }),
  })
  .strict();

/** Adds the API key routes to the admin router. */
export function addApiKeyRoutes(router: Router, deps: FlowDeps): void {
  router.get('/api-keys', async (_req, res) => {
    res.json({ apiKeys: (await listApiKeyViews(deps)).map(apiKeyJson) });
  });

  router.post('/api-keys', refuseNonJson, adminJsonBody, async (req, res) => {
    const issued = await issueApiKey(deps, parseInput(newApiKeySchema, req.body).name);
    res
      .status(201)
      .location(`${req.baseUrl}/api-keys/${issued.id}`)
      .json({ id: issued.id, name: issued.name, key: issued.key });
  });

  router.delete('/api-keys/:id', async (req, res) => {
    const requestingKeyId: unknown = res.locals.apiKeyId;
    await revokeApiKey(
      deps,
      uuidParam(req, 'id', 'no such API key'),
      typeof requestingKeyId === 'string' ? requestingKeyId : undefined,
    );
    res.status(204).end();
  });
}
