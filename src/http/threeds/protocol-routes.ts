/**
 * The EMV message endpoints a 3DS Server (or DS) posts to: AReq and PReq. Bodies are read as
 * text so the flows can refuse duplicate keys; every failure is answered with an Erro.
 */
import { Router } from 'express';
import type { FlowDeps } from '../../flows/common/deps.ts';
import { authenticate } from '../../flows/threeds/authenticate.ts';
import { prepare } from '../../flows/threeds/card-ranges.ts';
import { emvBody } from '../common/emv-body.ts';
import { respondWith } from '../common/response-style.ts';

/** Routes for POST /3ds/areq and POST /3ds/preq. */
export function protocolRoutes(deps: FlowDeps): Router {
  const router = Router();
  const limit = deps.config.http.maxBodyBytes;
  router.post('/areq', respondWith('emv'), emvBody(limit, 'AReq'), async (req, res) => {
    res.json(await authenticate(deps, req.body as string));
  });
  router.post('/preq', respondWith('emv'), emvBody(limit, 'PReq'), async (req, res) => {
    res.json(await prepare(deps, req.body as string));
  });
  return router;
}
