/**
 * The SMS sandbox inbox for testers: a page and a JSON API (DESIGN.md section 2). Mounted only
 * in sandbox mode.
 */
import { Router } from 'express';
import { renderSandboxInbox } from '../../../views/sandbox/inbox.ts';
import { AcsError } from '../../errors.ts';
import type { FlowDeps } from '../../flows/deps.ts';
import { type InboxQuery, inboxMessages } from '../../flows/sandbox-inbox.ts';
import { isUuid } from '../../protocol/formats.ts';
import { respondWith } from '../response-style.ts';

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
  router.get('/sandbox/api/messages', respondWith('json'), (req, res) => {
    const messages = inboxMessages(deps, inboxQuery(req.query));
    res.setHeader('Cache-Control', 'no-store');
    res.json({
      messages: messages.map((m) => ({
        id: m.id,
        to: m.to,
        body: m.body,
        code: m.code ?? null,
        acsTransID: m.acsTransID ?? null,
        status: m.status,
        ...(m.errorCode === undefined ? {} : { errorCode: m.errorCode }),
        createdAt: m.createdAt,
      })),
    });
  });
  router.get('/sandbox', respondWith('html'), (req, res) => {
    const query = inboxQuery(req.query);
    const messages = inboxMessages(deps, query);
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
  return router;
}
