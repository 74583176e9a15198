/**
 * The console's SMS inbox (/console/inbox): the page, filtered by phone number or acsTransID,
 * and its live feed at /console/inbox/events (server-sent events). The feed polls the store
 * every second for messages the page has not shown yet (or whose delivery status moved),
 * sends each as `event: message` with the display data as JSON, keeps the connection alive
 * with a comment every 15 seconds, and stops when the client goes away or the session ends.
 */
import { type Request, type Response, Router } from 'express';
import { type InboxFilter, inboxItemOf, renderInbox } from '../../../views/console/inbox.ts';
import { AcsError } from '../../errors/index.ts';
import type { FlowDeps } from '../../flows/common/deps.ts';
import { inboxFeed } from '../../flows/console/inbox.ts';
import { findSession } from '../../flows/console/operators.ts';
import { inboxMessages } from '../../flows/sandbox/inbox.ts';
import { isUuid } from '../../protocol/formats.ts';
import { consoleCsrfTokenOf, consoleOperatorOf, consoleSession, sessionTokenOf } from './console-session.ts';

/** How often the feed asks the store what changed. */
export const inboxPollMs = 1000;
/** How often the feed sends a comment so proxies keep the connection open. */
export const inboxHeartbeatMs = 15_000;
/** Messages on the page. */
const pageSize = 50;

const phoneFilter = /^\+?[0-9]{4,20}$/;
const isoTime = /^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]{1,3})?Z$/;

/** A checked filter: the store query, or a message per field. */
type CheckedFilter =
  | { ok: true; query: { to: string | undefined; acsTransID: string | undefined } }
  | { ok: false; errors: Partial<Record<keyof InboxFilter, string>> };

/** The console routes for the SMS inbox. */
export function consoleInboxRoutes(deps: FlowDeps): Router {
  const router = Router();
  router.use('/inbox', consoleSession(deps));

  router.get('/inbox', async (req, res) => {
    const filter = filterOf(req);
    const checked = checkFilter(filter);
    const items = checked.ok
      ? (await inboxMessages(deps, { ...checked.query, limit: pageSize })).map(inboxItemOf)
      : [];
    res
      .status(checked.ok ? 200 : 400)
      .type('html')
      .send(
        renderInbox({
          frame: { operator: consoleOperatorOf(res).username, csrfToken: consoleCsrfTokenOf(res) },
          items,
          filter,
          errors: checked.ok ? {} : checked.errors,
        }),
      );
  });

  router.get('/inbox/events', (req, res) => {
    const checked = checkFilter(filterOf(req));
    const since = textOf(req.query.since);
    if (!checked.ok || (since !== '' && !isoTime.test(since))) {
      throw new AcsError('bad_request', 'The inbox filter is not valid: reload the inbox page.', {
        title: 'Invalid filter',
      });
    }
    streamInbox(deps, req, res, inboxFeed(deps, checked.query, since === '' ? undefined : since));
  });

  return router;
}

/** Runs the event stream until the client leaves, the session ends or the store fails. */
function streamInbox(deps: FlowDeps, req: Request, res: Response, feed: ReturnType<typeof inboxFeed>): void {
  const token = sessionTokenOf(req);
  res.status(200);
  res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('X-Accel-Buffering', 'no');
  res.flushHeaders();
  res.write('retry: 3000\n\n');

  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    clearInterval(poller);
    clearInterval(heartbeat);
    res.end();
  };
  const poll = async () => {
    if (stopped) return;
    try {
      if (token === undefined || (await findSession(deps, token)) === undefined) {
        stop();
        return;
      }
      for (const entry of await feed.changes()) {
        res.write(`id: ${entry.id}\nevent: message\ndata: ${JSON.stringify(inboxItemOf(entry))}\n\n`);
      }
    } catch (error) {
      deps.logger.warn('inbox event stream stopped', { err: error });
      stop();
    }
  };
  const poller = setInterval(poll, inboxPollMs);
  const heartbeat = setInterval(() => {
    if (!stopped) res.write(': heartbeat\n\n');
  }, inboxHeartbeatMs);
  req.on('close', stop);
  res.on('close', stop);
  void poll();
}

function filterOf(req: Request): InboxFilter {
  return { to: textOf(req.query.to), acsTransID: textOf(req.query.acsTransID) };
}

function textOf(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

function checkFilter(filter: InboxFilter): CheckedFilter {
  const errors: Partial<Record<keyof InboxFilter, string>> = {};
  const phone = filter.to.replace(/[\s\-().]/g, '');
  if (phone !== '' && !phoneFilter.test(phone)) {
    errors.to = 'Enter a phone number in international form, e.g. +15555550100.';
  }
  if (filter.acsTransID !== '' && !isUuid(filter.acsTransID)) {
    errors.acsTransID = 'An acsTransID is a UUID, e.g. 8a880dc0-d2d2-4067-bcb1-b08d1690b26e.';
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    query: {
      to: phone === '' ? undefined : phone.startsWith('+') ? phone : `+${phone}`,
      acsTransID: filter.acsTransID === '' ? undefined : filter.acsTransID,
    },
  };
}
