/**
 * The sandbox for testers, mounted only in sandbox mode: the SMS inbox (page and JSON API,
 * docs/security.md) and the bank app where out-of-band and decoupled requests are approved
 * or denied (page and JSON API).
 */
import express, { type NextFunction, type Request, type Response, Router } from 'express';
import { bankAppPath, renderBankApp } from '../../../views/sandbox/bank-app.ts';
import { renderSandboxInbox } from '../../../views/sandbox/inbox.ts';
import { AcsError } from '../../errors/index.ts';
import type { FlowDeps } from '../../flows/common/deps.ts';
import { answerInBankApp, pendingRequests } from '../../flows/sandbox/bank-app.ts';
import { type InboxQuery, inboxEntryJson, inboxMessages } from '../../flows/sandbox/inbox.ts';
import { isUuid } from '../../protocol/formats.ts';
import { mountPoints, under } from '../common/mount-points.ts';
import { respondWith } from '../common/response-style.ts';
import { requestSite } from '../common/same-origin.ts';

const defaultLimit = 50;
const maxLimit = 200;

function inboxQuery(query: Record<string, unknown>): InboxQuery {
  const { to, acsTransID, limit } = query;
  if (to !== undefined && (typeof to !== 'string' || !/^\+?[0-9]{4,20}$/.test(to))) {
    throw new AcsError('bad_request', 'to must be a phone number in E.164 form');
  }
  if (acsTransID !== undefined && !isUuid(acsTransID))
    throw new AcsError('bad_request', 'acsTransID must be a UUID');
  if (
    limit !== undefined &&
    (typeof limit !== 'string' || !/^[0-9]{1,4}$/.test(limit) || Number(limit) < 1)
  ) {
    throw new AcsError('bad_request', `limit must be a whole number from 1 to ${maxLimit}`);
  }
  return {
    to: to === undefined ? undefined : to.startsWith('+') ? to : `+${to}`,
    acsTransID,
    limit: Math.min(maxLimit, limit === undefined ? defaultLimit : Number(limit)),
  };
}

/** Routes for GET /sandbox and GET /sandbox/api/messages. */
export function sandboxRoutes(deps: FlowDeps): Router {
  const router = Router();
  router.get('/api/messages', respondWith('json'), async (req, res) => {
    const messages = await inboxMessages(deps, inboxQuery(req.query));
    res.setHeader('Cache-Control', 'no-store');
    res.json({ messages: messages.map(inboxEntryJson) });
  });
  router.get('/', respondWith('html'), async (req, res) => {
    const query = inboxQuery(req.query);
    const messages = await inboxMessages(deps, query);
    res.setHeader('Cache-Control', 'no-store');
    res.type('html').send(
      renderSandboxInbox({
        messages: messages.map((m) => ({
          id: m.id,
          to: m.to,
          body: m.body,
          ...(m.code === undefined ? {} : { code: m.code }),
          ...(m.acsTransID === undefined ? {} : { acsTransID: m.acsTransID }),
          status: m.status,
          createdAt: m.createdAt,
        })),
        filter: {
          ...(query.to === undefined ? {} : { to: query.to }),
          ...(query.acsTransID === undefined ? {} : { acsTransID: query.acsTransID }),
        },
      }),
    );
  });
  router.get(under(mountPoints.sandbox, bankAppPath), respondWith('html'), async (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res
      .type('html')
      .send(
        renderBankApp({ pending: await pendingRequests(deps), issuerName: deps.config.challenge.issuerName }),
      );
  });
  router.get('/api/approvals', respondWith('json'), async (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json({ approvals: await pendingRequests(deps) });
  });

  // The bank app's answers: its own page's forms (303 back to it) and a JSON API for scripts.
  for (const approval of ['approved', 'denied'] as const) {
    const verb = approval === 'approved' ? 'approve' : 'deny';
    router.post(
      `${under(mountPoints.sandbox, bankAppPath)}/:acsTransID/${verb}`,
      respondWith('html'),
      sameOriginOnly,
      async (req, res) => {
        await answerInBankApp(deps, req.params.acsTransID as string, approval);
        res.redirect(303, bankAppPath);
      },
    );
  }
  router.post(
    '/api/approvals/:acsTransID',
    respondWith('json'),
    sameOriginOnly,
    express.json({ limit: '1kb' }),
    async (req, res) => {
      const decision = (req.body as { decision?: unknown } | undefined)?.decision;
      if (decision !== 'approve' && decision !== 'deny') {
        throw new AcsError('bad_request', 'decision must be "approve" or "deny"');
      }
      const answer = await answerInBankApp(
        deps,
        req.params.acsTransID as string,
        decision === 'approve' ? 'approved' : 'denied',
      );
      if (!answer.ok && answer.refusal === 'not-found')
        throw new AcsError('not_found', 'no transaction with that acsTransID');
      if (!answer.ok)
        throw new AcsError('conflict', `the transaction is ${answer.refusal.replace('-', ' ')}`);
      res.json({
        acsTransID: req.params.acsTransID,
        approval: decision === 'approve' ? 'approved' : 'denied',
      });
    },
  );
  return router;
}

/**
 * Refuses a POST that may come from another site: another site must not approve a sandbox
 * payment through a tester's browser. The bank app's forms carry no token, so an unprovable
 * `Origin: null` is refused too; scripts sending neither header pass.
 */
function sameOriginOnly(req: Request, _res: Response, next: NextFunction): void {
  const site = requestSite(req, `${req.protocol}://${req.get('host') ?? ''}`);
  if (site === 'cross-site' || (site === 'unknown' && req.get('origin') !== undefined)) {
    throw new AcsError('forbidden', 'cross-site request refused');
  }
  next();
}
