/**
 * Logging in to and out of the console. The login form is protected against login CSRF (a
 * forged post that would log a tester into someone else's account): a browser's post must be
 * same-origin (Origin / Sec-Fetch-Site) and carry the form's token matching its short-lived
 * cookie. A script's post carries neither header and cannot be a cross-site forgery, so it
 * needs no token. After login the operator goes back to where they were headed, but only to
 * a console path (no open redirect).
 */
import express, { type Request, type Response, Router } from 'express';
import { type LoginFieldErrors, renderLoginPage } from '../../../views/console/login.ts';
import { AcsError } from '../../errors/index.ts';
import type { FlowDeps } from '../../flows/common/deps.ts';
import { logIn } from '../../flows/console/login.ts';
import { endSession, findSession } from '../../flows/console/operators.ts';
import { sameText } from '../../signing/constant-time.ts';
import { mountPoints, under } from '../common/mount-points.ts';
import { respondWith } from '../common/response-style.ts';
import { requestSite } from '../common/same-origin.ts';
import {
  type ConsoleCookie,
  clearConsoleCookie,
  cookieValueOf,
  setConsoleCookie,
} from './console-cookies.ts';
import {
  clearSessionCookie,
  consoleLoginPath,
  consolePath,
  consoleSession,
  sessionTokenOf,
  setSessionCookie,
  verifyCsrf,
} from './console-session.ts';

/** The cookie holding the login form's CSRF token (scoped to the login page only). */
const loginCookie: ConsoleCookie = { name: 'acs_console_login', path: consoleLoginPath };
const loginTokenPattern = /^[A-Za-z0-9_-]{43}$/;
const loginTokenLifetimeMs = 60 * 60_000;

/** The messages a refused login shows (the same for an unknown user and a wrong password). */
export const loginMessages = {
  wrongCredentials: 'Wrong username or password',
  throttled: 'Too many attempts, try again in 15 minutes',
  expiredForm: 'The login form expired. Please try again.',
  usernameMissing: 'Enter your username.',
  passwordMissing: 'Enter your password.',
} as const;

const urlencoded = express.urlencoded({ extended: false, limit: '32kb' });

/**
 * Where to go after login: `next` when it is a console path on this site (after URL
 * normalisation, so `/console/../x`, `//host` and `/\host` do not pass), else the dashboard.
 */
export function safeNextPath(next: unknown): string {
  if (typeof next !== 'string' || next === '' || next.length > 2000) return consolePath;
  // Only a path of printable ASCII: no scheme, no authority, no backslash, space or control character.
  if (!/^\/[!-~]*$/.test(next) || next.startsWith('//') || next.includes('\\')) return consolePath;
  const base = 'http://console.invalid';
  let url: URL;
  try {
    url = new URL(next, base);
  } catch {
    return consolePath;
  }
  if (url.origin !== base) return consolePath;
  const underConsole = url.pathname === consolePath || url.pathname.startsWith(`${consolePath}/`);
  if (!underConsole || url.pathname === consoleLoginPath || url.pathname === '/console/logout')
    return consolePath;
  return `${url.pathname}${url.search}`;
}

/** Routes for GET/POST /console/login and POST /console/logout. */
export function consoleAuthRoutes(deps: FlowDeps): Router {
  const router = Router();

  router.get(under(mountPoints.console, consoleLoginPath), respondWith('html'), async (req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    const next = safeNextPath(req.query.next);
    const token = sessionTokenOf(req);
    if (token !== undefined && (await findSession(deps, token)) !== undefined) {
      res.redirect(303, next);
      return;
    }
    sendLoginPage(req, res, 200, { next });
  });

  router.post(
    under(mountPoints.console, consoleLoginPath),
    respondWith('html'),
    urlencoded,
    async (req, res) => {
      res.setHeader('Cache-Control', 'no-store');
      const form = formFields(req.body);
      const next = safeNextPath(form.next);
      if (requestSite(req, deps.config.publicUrl) === 'cross-site') {
        throw new AcsError('forbidden', 'A login from another site was refused.', { title: 'Login refused' });
      }
      if (isFromBrowser(req) && !loginTokenMatches(req, form._csrf)) {
        sendLoginPage(req, res, 403, { next, username: form.username, error: loginMessages.expiredForm });
        return;
      }
      const fieldErrors: LoginFieldErrors = {
        ...(form.username.trim() === '' ? { username: loginMessages.usernameMissing } : {}),
        ...(form.password === '' ? { password: loginMessages.passwordMissing } : {}),
      };
      if (Object.keys(fieldErrors).length > 0) {
        sendLoginPage(req, res, 400, { next, username: form.username, fieldErrors });
        return;
      }

      const outcome = await logIn(deps, {
        username: form.username,
        password: form.password,
        address: req.ip ?? 'unknown',
      });
      if (!outcome.ok) {
        const throttled = outcome.refusal === 'throttled';
        if (throttled) res.setHeader('Retry-After', '900');
        sendLoginPage(req, res, throttled ? 429 : 401, {
          next,
          username: form.username,
          error: throttled ? loginMessages.throttled : loginMessages.wrongCredentials,
        });
        return;
      }

      // A new session every login (never a session id chosen before authentication).
      const previous = sessionTokenOf(req);
      if (previous !== undefined) await endSession(deps, previous);
      setSessionCookie(res, deps, outcome.session.token);
      clearConsoleCookie(res, deps, loginCookie);
      res.redirect(303, next);
    },
  );

  router.post('/logout', consoleSession(deps), urlencoded, verifyCsrf, async (req, res) => {
    const token = sessionTokenOf(req);
    if (token !== undefined) await endSession(deps, token);
    clearSessionCookie(res, deps);
    res.redirect(303, consoleLoginPath);
  });

  return router;

  /** Renders the login page with a login token (reusing the browser's, or a new one in a cookie). */
  function sendLoginPage(
    req: Request,
    res: Response,
    status: number,
    model: { next: string; username?: string; error?: string; fieldErrors?: LoginFieldErrors },
  ): void {
    let csrfToken = loginTokenOf(req);
    if (csrfToken === undefined) {
      csrfToken = Buffer.from(Uint8Array.from({ length: 32 }, () => deps.randomInt(256))).toString(
        'base64url',
      );
      setConsoleCookie(res, deps, loginCookie, csrfToken, loginTokenLifetimeMs);
    }
    res
      .status(status)
      .type('html')
      .send(renderLoginPage({ csrfToken, ...model }));
  }
}

/** The form's fields as strings (anything else counts as empty). */
function formFields(body: unknown): { username: string; password: string; next: string; _csrf: string } {
  const read = (name: string): string => {
    if (typeof body !== 'object' || body === null) return '';
    const value: unknown = (body as Record<string, unknown>)[name];
    return typeof value === 'string' ? value : '';
  };
  return { username: read('username'), password: read('password'), next: read('next'), _csrf: read('_csrf') };
}

/** The login token in the request's cookie, if well-formed. */
function loginTokenOf(req: Request): string | undefined {
  const value = cookieValueOf(req, loginCookie);
  return value !== undefined && loginTokenPattern.test(value) ? value : undefined;
}

function loginTokenMatches(req: Request, sent: string): boolean {
  const expected = loginTokenOf(req);
  return expected !== undefined && sameText(sent, expected);
}

/** Browsers send Origin or Sec-Fetch-Site on every form post; scripts usually send neither. */
function isFromBrowser(req: Request): boolean {
  return req.get('origin') !== undefined || req.get('sec-fetch-site') !== undefined;
}
