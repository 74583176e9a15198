/**
 * /api/admin/cards: test cards and their credentials. A new card's PAN is read once, reduced to
 * its hash and mask by the flow, and never echoed back; a TOTP secret is returned once at
 * enrolment and a password never.
 */
import type { Router } from 'express';
import {
  enrolTotp,
  getCardView,
  listCardViews,
  setCardPassword,
} from '../../flows/admin/card-credentials.ts';
import { createTestCard, deleteTestCard, updateTestCard } from '../../flows/admin/cards.ts';
import type { FlowDeps } from '../../flows/common/deps.ts';
import { adminJsonBody, parseInput, parsePathParams, refuseNonJson } from './admin-input.ts';
import { cardJson, cardListJson, totpEnrolmentJson } from './admin-json.ts';
import type { AdminSchemas } from './admin-schemas.ts';

const noSuchCard = 'no such card';

/** Adds the card routes to the admin router, validating with `schemas`. */
export function addCardRoutes(router: Router, deps: FlowDeps, { bodies, parameters }: AdminSchemas): void {
  router.get('/cards', async (_req, res) => {
    res.json(cardListJson(await listCardViews(deps)));
  });

  router.post('/cards', refuseNonJson, adminJsonBody, async (req, res) => {
    const card = await createTestCard(deps, parseInput(bodies.NewCard, req.body));
    res.status(201).location(`${req.baseUrl}/cards/${card.id}`).json(cardJson(card));
  });

  router.get('/cards/:id', async (req, res) => {
    const { id } = parsePathParams(parameters.CardPath, req, noSuchCard);
    res.json(cardJson(await getCardView(deps, id)));
  });

  router.patch('/cards/:id', refuseNonJson, adminJsonBody, async (req, res) => {
    const { id } = parsePathParams(parameters.CardPath, req, noSuchCard);
    res.json(cardJson(await updateTestCard(deps, id, parseInput(bodies.CardChanges, req.body))));
  });

  router.delete('/cards/:id', async (req, res) => {
    const { id } = parsePathParams(parameters.CardPath, req, noSuchCard);
    await deleteTestCard(deps, id);
    res.status(204).end();
  });

  router.post('/cards/:id/totp', refuseNonJson, adminJsonBody, async (req, res) => {
    const { id } = parsePathParams(parameters.CardPath, req, noSuchCard);
    parseInput(bodies.EmptyBody, req.body ?? {});
    res.json(totpEnrolmentJson(await enrolTotp(deps, id)));
  });

  router.put('/cards/:id/password', refuseNonJson, adminJsonBody, async (req, res) => {
    const { id } = parsePathParams(parameters.CardPath, req, noSuchCard);
    const { password } = parseInput(bodies.CardPassword, req.body);
    await setCardPassword(deps, id, password);
    res.status(204).end();
  });
}
