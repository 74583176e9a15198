/**
 * Logging in to the console: refuse while throttled, check the password, then start a fresh
 * session. Wrong username and wrong password get the same answer, and usernames are counted
 * under a keyed hash, so the rate-event table never holds what someone typed (a password typed
 * into the username field, say).
 *
 * Throttling (OWASP Authentication Cheat Sheet: limit failed attempts per account and per
 * source, without letting anyone lock an account out):
 * - An attempt is counted *before* the password is checked, atomically in the store, so a
 *   hundred parallel guesses get counts 1 to 100 and only those within the limit are checked.
 *   A success is counted too, and failures are attempts minus successes, so an operator who
 *   logs in often is never throttled.
 * - Failures are limited per username *and* address together, and per address: a guesser at
 *   one address is stopped there, and the operator logging in from elsewhere is not.
 * - A slower limit per username alone counts only the attempts that passed the first two, so
 *   guessing spread over many addresses is stopped too, while one address cannot trip it.
 * Counts live in the store, so every instance shares them.
 */
import { secretKey } from '../../signing/key-material.ts';
import { keyedHash } from '../../signing/keyed-hash.ts';
import type { FlowDeps } from '../common/deps.ts';
import { checkOperatorPassword, normaliseUsername, type StartedSession, startSession } from './operators.ts';

const window15Minutes = 15 * 60_000;

/** The login limits (rate-event kinds of their own, beside src/flows/common/rate-limits.ts). */
export const loginLimits = {
  failuresPerUsernameAndAddress: {
    kind: 'console-login-per-username-address',
    windowMs: window15Minutes,
    max: 5,
  },
  failuresPerAddress: { kind: 'console-login-per-address', windowMs: window15Minutes, max: 5 },
  /** Across every address: slower, so one address can never lock an operator out. */
  failuresPerUsername: { kind: 'console-login-per-username', windowMs: window15Minutes, max: 50 },
} as const;

/** Failed logins allowed in a window from one address (per username, and across usernames). */
export const maxLoginFailures = loginLimits.failuresPerAddress.max;

/** What a login attempt presents. */
export type LoginAttempt = Readonly<{ username: string; password: string; address: string }>;

/** How a login attempt ended. */
export type LoginOutcome =
  | Readonly<{ ok: true; session: StartedSession }>
  | Readonly<{ ok: false; refusal: 'wrong-credentials' | 'throttled' }>;

type LoginLimit = (typeof loginLimits)[keyof typeof loginLimits];
type Counted = readonly [LoginLimit, string];

/** Logs an operator in, or says why not. */
export async function logIn(deps: FlowDeps, attempt: LoginAttempt): Promise<LoginOutcome> {
  const usernameHash = keyedHash(
    secretKey(deps.keys, 'formToken'),
    'console-login-username/v1',
    normaliseUsername(attempt.username),
  );
  const local: Counted[] = [
    [loginLimits.failuresPerUsernameAndAddress, `${usernameHash}|${attempt.address}`],
    [loginLimits.failuresPerAddress, attempt.address],
  ];
  const global: Counted = [loginLimits.failuresPerUsername, usernameHash];
  const counted: Counted[] = [];
  for (const subject of [...local, global]) {
    counted.push(subject);
    if (!(await withinLimit(deps, subject))) {
      deps.metrics.rateLimited.inc({ limit: 'console-login' });
      deps.logger.info('console login refused', { reason: 'throttled', address: attempt.address });
      return { ok: false, refusal: 'throttled' };
    }
  }
  const operator = await checkOperatorPassword(deps, attempt.username, attempt.password);
  if (operator === undefined) {
    deps.logger.info('console login refused', { reason: 'wrong-credentials', address: attempt.address });
    return { ok: false, refusal: 'wrong-credentials' };
  }
  for (const subject of counted) await count(deps, subject, 'successes');
  deps.logger.info('console login', { operator: operator.username });
  return { ok: true, session: await startSession(deps, operator) };
}

/** Counts this attempt (atomically, before any check) and says whether it may be checked. */
async function withinLimit(deps: FlowDeps, subject: Counted): Promise<boolean> {
  const attempts = await count(deps, subject, 'attempts');
  const successes = await countSoFar(deps, subject, 'successes');
  return attempts - successes <= subject[0].max;
}

/** Records one event and returns how many happened in the window, this one included. */
async function count(deps: FlowDeps, [limit, subject]: Counted, what: string): Promise<number> {
  const now = deps.clock();
  return deps.store.countRateEvent(
    `${limit.kind}-${what}`,
    subject,
    now.toISOString(),
    new Date(now.getTime() - limit.windowMs).toISOString(),
  );
}

/**
 * Events within the window, without counting a new one. The store's only rate operation
 * records an event; recording it just before the window's start (which the port never
 * counts: only events after `since` are) makes it a pure read, and the next call prunes it.
 */
async function countSoFar(deps: FlowDeps, [limit, subject]: Counted, what: string): Promise<number> {
  const since = deps.clock().getTime() - limit.windowMs;
  return deps.store.countRateEvent(
    `${limit.kind}-${what}`,
    subject,
    new Date(since - 1).toISOString(),
    new Date(since).toISOString(),
  );
}
