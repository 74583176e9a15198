/**
 * The console's test card pages (/console/cards): list, create, edit (scenario, requestor fault,
 * cardholder details), delete with a confirm step, authenticator-app enrolment and the static
 * password. Every page needs a console session; every form post carries the session's CSRF
 * token. A form that fails its checks is shown again with the messages; one that succeeds
 * redirects (303), so a reload never posts twice.
 */
import express, { type Request, type Response, Router } from 'express';
import {
  type CardFormErrors,
  type CardFormValues,
  renderCardPage,
  renderNewCardPage,
} from '../../../views/console/card-form.ts';
import { renderCardList, renderDeleteCard, renderTotpEnrolment } from '../../../views/console/cards.ts';
import { AcsError } from '../../errors/index.ts';
import {
  type CardView,
  enrolTotp,
  getCardView,
  listCardViews,
  setCardPassword,
} from '../../flows/admin/card-credentials.ts';
import type { FlowDeps } from '../../flows/common/deps.ts';
import { createConsoleCard, deleteConsoleCard, updateConsoleCard } from '../../flows/console/cards.ts';
import { passwordPolicyProblem } from '../../signing/password-hash.ts';
import { consoleCsrfTokenOf, consoleOperatorOf, consoleSession, verifyCsrf } from './console-session.ts';

/** Confirmations a redirect may ask for (by key: the page never echoes query text). */
const notices = {
  created: 'Card created. Its number is not shown again: use the masked form to find it.',
  saved: 'Changes saved.',
  password: 'Static password set.',
  deleted: 'Card deleted.',
} as const;

/** The console routes for test cards, with full paths under /console/cards. */
export function consoleCardsRoutes(deps: FlowDeps): Router {
  const router = Router();
  const formPost = [express.urlencoded({ extended: false, limit: '32kb' }), verifyCsrf];
  router.use('/cards', consoleSession(deps));

  router.get('/cards', async (req, res) => {
    res
      .type('html')
      .send(renderCardList({ frame: frameOf(res), cards: await listCardViews(deps), notice: noticeOf(req) }));
  });

  router.get('/cards/new', (_req, res) => {
    res.type('html').send(renderNewCardPage({ frame: frameOf(res), values: emptyValues, errors: {} }));
  });

  router.post('/cards', ...formPost, async (req, res) => {
    const values = detailsOf(req);
    const outcome = await createConsoleCard(deps, { ...values, pan: fieldOf(req, 'pan') });
    if (!outcome.ok) {
      res
        .status(400)
        .type('html')
        .send(renderNewCardPage({ frame: frameOf(res), values, errors: outcome.errors }));
      return;
    }
    res.redirect(303, `${cardPath(outcome.cardId)}?notice=created`);
  });

  router.get('/cards/:id', async (req, res) => {
    const card = await cardOf(req);
    res.type('html').send(cardPage(res, card, valuesOf(card), {}, noticeOf(req)));
  });

  router.post('/cards/:id', ...formPost, async (req, res) => {
    const card = await cardOf(req);
    const values = detailsOf(req);
    const outcome = await updateConsoleCard(deps, card.id, values);
    if (!outcome.ok) {
      res
        .status(400)
        .type('html')
        .send(cardPage(res, card, values, outcome.errors));
      return;
    }
    res.redirect(303, `${cardPath(card.id)}?notice=saved`);
  });

  router.get('/cards/:id/delete', async (req, res) => {
    const card = await cardOf(req);
    res.type('html').send(renderDeleteCard({ frame: frameOf(res), card }));
  });

  router.post('/cards/:id/delete', ...formPost, async (req, res) => {
    const card = await cardOf(req);
    await deleteConsoleCard(deps, card.id);
    res.redirect(303, '/console/cards?notice=deleted');
  });

  router.post('/cards/:id/totp', ...formPost, async (req, res) => {
    const card = await cardOf(req);
    const enrolment = await enrolTotp(deps, card.id);
    res.type('html').send(renderTotpEnrolment({ frame: frameOf(res), card, ...enrolment }));
  });

  router.post('/cards/:id/password', ...formPost, async (req, res) => {
    const card = await cardOf(req);
    const password = fieldOf(req, 'password', false);
    const problem = passwordPolicyProblem(password);
    if (problem !== undefined) {
      res
        .status(400)
        .type('html')
        .send(cardPage(res, card, valuesOf(card), { password: problem }));
      return;
    }
    await setCardPassword(deps, card.id, password);
    res.redirect(303, `${cardPath(card.id)}?notice=password`);
  });

  /** The card named by :id; fails with not_found (the console's 404 page) when there is none. */
  async function cardOf(req: Request): Promise<CardView> {
    const id: unknown = req.params.id;
    const card =
      typeof id !== 'string' || (await deps.store.getCard(id)) === undefined
        ? undefined
        : await getCardView(deps, id);
    if (card === undefined) {
      throw new AcsError('not_found', 'There is no test card with that id: it may have been deleted.', {
        title: 'No such card',
      });
    }
    return card;
  }

  return router;
}

const emptyValues: CardFormValues = {
  scenario: '',
  fault: '',
  faultDelayMs: '',
  cardholderName: '',
  phone: '',
  email: '',
};

function cardPath(id: string): string {
  return `/console/cards/${encodeURIComponent(id)}`;
}

function frameOf(res: Response): { operator: string; csrfToken: string } {
  return { operator: consoleOperatorOf(res).username, csrfToken: consoleCsrfTokenOf(res) };
}

function cardPage(
  res: Response,
  card: CardView,
  values: CardFormValues,
  errors: CardFormErrors,
  notice?: string,
): string {
  return renderCardPage({ frame: frameOf(res), card, values, errors, notice });
}

function noticeOf(req: Request): string | undefined {
  const key: unknown = req.query.notice;
  return typeof key === 'string' && Object.hasOwn(notices, key)
    ? notices[key as keyof typeof notices]
    : undefined;
}

/** A posted text field ('' when absent or repeated); trimmed unless it is a secret. */
function fieldOf(req: Request, name: string, trim = true): string {
  const body: unknown = req.body;
  const value =
    typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[name] : undefined;
  if (typeof value !== 'string') return '';
  return trim ? value.trim() : value;
}

function detailsOf(req: Request): CardFormValues {
  return {
    scenario: fieldOf(req, 'scenario'),
    fault: fieldOf(req, 'fault'),
    faultDelayMs: fieldOf(req, 'faultDelayMs'),
    cardholderName: fieldOf(req, 'cardholderName'),
    phone: fieldOf(req, 'phone'),
    email: fieldOf(req, 'email'),
  };
}

function valuesOf(card: CardView): CardFormValues {
  return {
    scenario: card.scenario,
    fault: card.fault ?? '',
    faultDelayMs: card.faultDelayMs === undefined ? '' : String(card.faultDelayMs),
    cardholderName: card.cardholderName ?? '',
    phone: card.phone ?? '',
    email: card.email ?? '',
  };
}
