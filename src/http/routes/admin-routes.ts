/**
 * The admin API (/api/admin): test cards and their credentials for QA teams and scripts.
 * Every route needs an admin API key (src/http/admin-auth.ts) and answers JSON; bodies are
 * small, strictly validated JSON. Secrets go one way only: a TOTP secret is returned once at
 * enrolment and a password is never returned at all.
 */
import express, { type NextFunction, type Request, type Response, Router } from 'express';
import { z } from 'zod';
import { AcsError } from '../../errors.ts';
import {
  type CardView,
  enrolTotp,
  getCardView,
  listCardViews,
  setCardPassword,
} from '../../flows/card-credentials.ts';
import type { FlowDeps } from '../../flows/deps.ts';
import { adminAuth } from '../admin-auth.ts';
import { respondWith } from '../response-style.ts';

/** The body of POST /api/admin/cards/:id/totp: nothing (an empty object at most). */
const enrolTotpSchema = z.object({}).strict();

/** The body of PUT /api/admin/cards/:id/password. */
const setPasswordSchema = z.object({ password: z.string() }).strict();

const jsonBody = express.json({ limit: '8kb', strict: true });

/** The admin API routes, all under /api/admin and all behind the API key check. */
export function adminRoutes(deps: FlowDeps): Router {
  const router = Router();
  router.use('/api/admin', respondWith('json'), adminAuth(deps));

  router.get('/api/admin/cards', (_req, res) => {
    res.json({ cards: listCardViews(deps).map(cardJson) });
  });

  router.get('/api/admin/cards/:id', (req, res) => {
    res.json(cardJson(getCardView(deps, cardIdOf(req))));
  });

  router.post('/api/admin/cards/:id/totp', refuseNonJson, jsonBody, async (req, res) => {
    parseBody(enrolTotpSchema, req.body ?? {});
    const enrolment = await enrolTotp(deps, cardIdOf(req));
    res.json({ secret: enrolment.secret, otpauthUri: enrolment.otpauthUri, qrSvg: enrolment.qrSvg });
  });

  router.put('/api/admin/cards/:id/password', refuseNonJson, jsonBody, async (req, res) => {
    const { password } = parseBody(setPasswordSchema, req.body);
    await setCardPassword(deps, cardIdOf(req), password);
    res.status(204).end();
  });
  return router;
}

/** A card in the API's JSON form: absent details as null, so every card has the same keys. */
function cardJson(card: CardView) {
  return {
    id: card.id,
    maskedPan: card.maskedPan,
    scheme: card.scheme,
    scenario: card.scenario,
    cardholderName: card.cardholderName ?? null,
    phone: card.phone ?? null,
    email: card.email ?? null,
    totpEnrolled: card.totpEnrolled,
    passwordSet: card.passwordSet,
    createdAt: card.createdAt,
  };
}

/** The :id route parameter (the store answers not_found for any id it does not hold). */
function cardIdOf(req: Request): string {
  const id: unknown = req.params.id;
  if (typeof id !== 'string') throw new AcsError('not_found', 'no such card');
  return id;
}

/** Refuses a body declared as anything but JSON (the JSON parser would silently skip it). */
function refuseNonJson(req: Request, _res: Response, next: NextFunction): void {
  // With no Content-Type the parser reads nothing, and the schema judges the missing body.
  if (req.get('content-type') !== undefined && !req.is('application/json')) {
    throw new AcsError('unsupported_media_type', 'the request body must be application/json');
  }
  next();
}

/** The validated body; AcsError bad_request naming the offending fields (never their values). */
function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const fields = [
    ...new Set(
      parsed.error.issues.flatMap((issue) =>
        issue.code === 'unrecognized_keys'
          ? issue.keys.slice(0, 5).map((key) => `${key.slice(0, 40)} (unknown)`)
          : [issue.path.join('.') || 'body'],
      ),
    ),
  ];
  throw new AcsError('bad_request', `invalid or missing: ${fields.join(', ')}`);
}
