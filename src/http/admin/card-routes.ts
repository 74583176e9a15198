/**
 * /api/admin/cards: test cards and their credentials. A new card's PAN is read once, reduced to
 * its hash and mask by the flow, and never echoed back; a TOTP secret is returned once at
 * enrolment and a password never.
 */
import type { Router } from 'express';
import { z } from 'zod';
import {
  enrolTotp,
  getCardView,
  listCardViews,
  setCardPassword,
} from '../../flows/admin/card-credentials.ts';
import { newTestCardSchema, testCardChangesSchema } from '../../flows/admin/card-input.ts';
import { createTestCard, deleteTestCard, updateTestCard } from '../../flows/admin/cards.ts';
import type { FlowDeps } from '../../flows/shared/deps.ts';
import { adminJsonBody, emptyBodySchema, parseInput, refuseNonJson, uuidParam } from './admin-input.ts';
import { cardJson } from './admin-json.ts';

/** The body of PUT /api/admin/cards/:id/password. */
const setPasswordSchema = z.object({ password: z.string() }).strict();

const noSuchCard = 'no such card';

/** Adds the card routes to the admin router. */
export function addCardRoutes(router: Router, deps: FlowDeps): void {
  router.get('/cards', async (_req, res) => {
    res.json({ cards: (await listCardViews(deps)).map(cardJson) });
  });

  router.post('/cards', refuseNonJson, adminJsonBody, async (req, res) => {
    const card = await createTestCard(deps, parseInput(newTestCardSchema, req.body));
    res.status(201).location(`${req.baseUrl}/cards/${card.id}`).json(cardJson(card));
  });

  router.get('/cards/:id', async (req, res) => {
    res.json(cardJson(await getCardView(deps, uuidParam(req, 'id', noSuchCard))));
  });

  router.patch('/cards/:id', refuseNonJson, adminJsonBody, async (req, res) => {
    const id = uuidParam(req, 'id', noSuchCard);
    res.json(cardJson(await updateTestCard(deps, id, parseInput(testCardChangesSchema, req.body))));
  });

  router.delete('/cards/:id', async (req, res) => {
    await deleteTestCard(deps, uuidParam(req, 'id', noSuchCard));
    res.status(204).end();
  });

  router.post('/cards/:id/totp', refuseNonJson, adminJsonBody, async (req, res) => {
    const id = uuidParam(req, 'id', noSuchCard);
    parseInput(emptyBodySchema, req.body ?? {});
    const enrolment = await enrolTotp(deps, id);
    res.json({ secret: enrolment.secret, otpauthUri: enrolment.otpauthUri, qrSvg: enrolment.qrSvg });
  });

  router.put('/cards/:id/password', refuseNonJson, adminJsonBody, async (req, res) => {
    const id = uuidParam(req, 'id', noSuchCard);
    const { password } = parseInput(setPasswordSchema, req.body);
    await setCardPassword(deps, id, password);
    res.status(204).end();
  });
}
