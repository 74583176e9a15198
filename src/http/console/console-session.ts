/**
 * Console sessions over HTTP: the `acs_console` cookie (HttpOnly, SameSite=Strict, Path=/console,
 * Secure behind an https public URL) and the CSRF check every console form post passes. Every
 * /console route but the login page sits behind `consoleSession`; pages answer `no-store`, so
 * no cache keeps what an operator saw.
 */
import type { Request, RequestHandler, Response } from 'express';
import { AcsError, InternalError } from '../../errors/index.ts';
import type { FlowDeps } from '../../flows/common/deps.ts';
import { type ConsoleOperator, findSession, sessionLifetimeMs } from '../../flows/console/operators.ts';
import { sameText } from '../../signing/constant-time.ts';
import type { PageGuard } from '../common/page-guard.ts';
import {
  type ConsoleCookie,
  clearConsoleCookie,
  cookieValueOf,
  setConsoleCookie,
} from './console-cookies.ts';

/** The session cookie's name. */
export const consoleCookieName = 'acs_console';

/** The path the cookie is scoped to (and under which every console page lives). */
export const consolePath = '/console';

/** The login page. */
export const consoleLoginPath = '/console/login';

const sessionCookie: ConsoleCookie = { name: consoleCookieName, path: consolePath };

/** The session token the request's cookie carries, if any. */
export function sessionTokenOf(req: Request): string | undefined {
  return cookieValueOf(req, sessionCookie);
}

/** Sets the session cookie for a new session. */
export function setSessionCookie(res: Response, deps: Pick<FlowDeps, 'config'>, token: string): void {
  setConsoleCookie(res, deps, sessionCookie, token, sessionLifetimeMs);
}

/** Tells the browser to forget the session cookie. */
export function clearSessionCookie(res: Response, deps: Pick<FlowDeps, 'config'>): void {
  clearConsoleCookie(res, deps, sessionCookie);
}

/**
 * Middleware for every /console route except the login page: loads the session, sets
 * `res.locals.operator` ({ id, username }) and `res.locals.csrfToken`, marks failures to be
 * answered as HTML and forbids caching. Without a valid session a GET is sent to the login
 * page (coming back here afterwards), anything else fails with `unauthorized` (a 401 page).
 */
export function consoleSession(deps: FlowDeps): RequestHandler {
  return async (req, res, next) => {
    res.locals.responseStyle = 'html';
    res.setHeader('Cache-Control', 'no-store');
    const token = sessionTokenOf(req);
    const session = token === undefined ? undefined : await findSession(deps, token);
    if (session === undefined) {
      if (token !== undefined) clearSessionCookie(res, deps);
      if (req.method === 'GET' || req.method === 'HEAD') {
        res.redirect(303, `${consoleLoginPath}?next=${encodeURIComponent(req.originalUrl)}`);
        return;
      }
      next(new AcsError('unauthorized', 'a console session is required'));
      return;
    }
    res.locals.operator = session.operator;
    res.locals.csrfToken = session.csrfToken;
    next();
  };
}

/**
 * Middleware for console form posts (after consoleSession and a urlencoded body parser): the
 * `_csrf` field must equal the session's CSRF token, compared in constant time; otherwise it
 * fails with `forbidden` (a 403 page). SameSite=Strict already keeps the cookie off cross-site posts; this is the second
 * lock.
 */
export const verifyCsrf: RequestHandler = (req, res, next) => {
  const body: unknown = req.body;
  const sent = typeof body === 'object' && body !== null && '_csrf' in body ? body._csrf : undefined;
  const expected: unknown = res.locals.csrfToken;
  if (typeof sent === 'string' && typeof expected === 'string' && sameText(sent, expected)) {
    next();
    return;
  }
  next(
    new AcsError(
      'forbidden',
      'This form could not be checked (it may be from an older session). Go back, reload the page and try again.',
      { title: 'Form expired' },
    ),
  );
};

/** The logged-in operator (set by consoleSession); throws if the middleware did not run. */
export function consoleOperatorOf(res: Response): ConsoleOperator {
  const operator: unknown = res.locals.operator;
  if (
    typeof operator === 'object' &&
    operator !== null &&
    'id' in operator &&
    'username' in operator &&
    typeof operator.id === 'string' &&
    typeof operator.username === 'string'
  ) {
    return { id: operator.id, username: operator.username };
  }
  throw new InternalError('invariant_broken', 'consoleSession did not run before this handler');
}

/** The session's CSRF token (set by consoleSession); throws if the middleware did not run. */
export function consoleCsrfTokenOf(res: Response): string {
  const token: unknown = res.locals.csrfToken;
  if (typeof token === 'string') return token;
  throw new InternalError('invariant_broken', 'consoleSession did not run before this handler');
}

/** The console login for page groups that sit behind it (src/http/common/page-guard.ts). */
export function consoleGuard(deps: FlowDeps): PageGuard {
  return {
    session: consoleSession(deps),
    verifyCsrf,
    frameOf: (res) => ({ operator: consoleOperatorOf(res).username, csrfToken: consoleCsrfTokenOf(res) }),
  };
}
