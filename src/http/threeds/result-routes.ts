/**
 * Signed results for 3DS Servers and issuer hosts: the result JWS, the JWKS that verifies
 * it, and the authorisation-time authenticationValue check.
 */
import express, { Router } from 'express';
import { z } from 'zod';
import { AcsError } from '../../errors/index.ts';
import type { FlowDeps } from '../../flows/common/deps.ts';
import { checkAuthenticationValue, signedResult } from '../../flows/threeds/results.ts';
import { jwks } from '../../signing/jwks.ts';
import { respondWith } from '../common/response-style.ts';

const uuid = z
  .string()
  .regex(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/);
const digits = (min: number, max: number) => z.string().regex(new RegExp(`^[0-9]{${min},${max}}$`));

/** The body of POST /3ds/av/verify. */
const avCheckSchema = z
  .object({
    authenticationValue: z.string().min(1).max(64),
    acsTransID: uuid,
    threeDSServerTransID: uuid,
    dsTransID: uuid,
    eci: digits(2, 2),
    purchaseAmount: digits(1, 48).optional(),
    purchaseCurrency: digits(3, 3).optional(),
    purchaseExponent: digits(1, 1).optional(),
  })
  .strict();

/** The JWKS that verifies result tokens (mounted under /.well-known). */
export function jwksRoutes(deps: FlowDeps): Router {
  const router = Router();
  const publicKeys = jwks(deps.keys);
  router.get('/jwks.json', respondWith('json'), (_req, res) => {
    res.setHeader('Cache-Control', 'public, max-age=300');
    res.json(publicKeys);
  });
  return router;
}

/** Routes for the result JWS and authenticationValue verification (mounted under /3ds). */
export function resultRoutes(deps: FlowDeps): Router {
  const router = Router();
  router.use(respondWith('json'));

  router.get('/transactions/:acsTransID/result', async (req, res) => {
    const token = await signedResult(deps, req.params.acsTransID);
    res.setHeader('Cache-Control', 'no-store');
    res.type('application/jwt').send(token);
  });

  router.post('/av/verify', express.json({ limit: '8kb', strict: true }), (req, res) => {
    const parsed = avCheckSchema.safeParse(req.body);
    if (!parsed.success) {
      const fields = [...new Set(parsed.error.issues.map((issue) => issue.path.join('.') || 'body'))];
      throw new AcsError('bad_request', `invalid or missing: ${fields.join(', ')}`);
    }
    res.setHeader('Cache-Control', 'no-store');
    res.json({ valid: checkAuthenticationValue(deps, parsed.data) });
  });
  return router;
}
