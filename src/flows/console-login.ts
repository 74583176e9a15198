/**
 * Logging in to the console: refuse while throttled, check the password, then start a fresh
 * session. Throttling counts failures per username and per client address in a 15-minute
 * window, kept in the store so every instance shares it (OWASP Authentication Cheat Sheet:
 * limit failed attempts per account and per source). Wrong username and wrong password get
 * the same answer, and usernames are counted under a keyed hash, so the rate-event table
 * never holds what someone typed (a password typed into the username field, say).
 */
import { secretKey } from '../signing/key-material.ts';
import { keyedHash } from '../signing/keyed-hash.ts';
import type { FlowDeps } from './deps.ts';
import { checkOperatorPassword, normaliseUsername, type StartedSession, startSession } from './operators.ts';

/** The login limits (rate-event kinds of their own, beside src/flows/rate-limits.ts). */
export const loginLimits = {
  failuresPerUsername: { kind: 'console-login-failures-per-username', windowMs: 15 * 60_000 },
  failuresPerAddress: { kind: 'console-login-failures-per-address', windowMs: 15 * 60_000 },
} as const;

/** Failed logins allowed in a window, per username and per address; the next attempt is refused. */
export const maxLoginFailures = 5;

/** What a login attempt presents. */
export type LoginAttempt = Readonly<{ username: string; password: string; address: string }>;

/** How a login attempt ended. */
export type LoginOutcome =
  | Readonly<{ ok: true; session: StartedSession }>
  | Readonly<{ ok: false; refusal: 'wrong-credentials' | 'throttled' }>;

type LoginLimit = (typeof loginLimits)[keyof typeof loginLimits];

/** Logs an operator in, or says why not. */
export async function logIn(deps: FlowDeps, attempt: LoginAttempt): Promise<LoginOutcome> {
  const subjects = subjectsOf(deps, attempt);
  const failures = await Promise.all(subjects.map(([limit, subject]) => failuresSoFar(deps, limit, subject)));
  if (failures.some((count) => count >= maxLoginFailures)) {
    deps.metrics.rateLimited.inc({ limit: 'console-login' });
    return { ok: false, refusal: 'throttled' };
  }
  const operator = await checkOperatorPassword(deps, attempt.username, attempt.password);
  if (operator === undefined) {
    for (const [limit, subject] of subjects) await recordFailure(deps, limit, subject);
    deps.logger.info('console login refused', { reason: 'wrong-credentials', address: attempt.address });
    return { ok: false, refusal: 'wrong-credentials' };
  }
  deps.logger.info('console login', { operator: operator.username });
  return { ok: true, session: await startSession(deps, operator) };
}

function subjectsOf(deps: FlowDeps, attempt: LoginAttempt): ReadonlyArray<readonly [LoginLimit, string]> {
  const usernameHash = keyedHash(
    secretKey(deps.keys, 'formToken'),
    'console-login-username/v1',
    normaliseUsername(attempt.username),
  );
  return [
    [loginLimits.failuresPerUsername, usernameHash],
    [loginLimits.failuresPerAddress, attempt.address],
  ];
}

/**
 * Failures of `subject` within the window, without counting a new one. The store's only rate
 * operation records an event; recording it just before the window's start (which the port
 * never counts: only events after `since` are) makes it a pure read, and the next call prunes it.
 */
async function failuresSoFar(deps: FlowDeps, limit: LoginLimit, subject: string): Promise<number> {
  const since = deps.clock().getTime() - limit.windowMs;
  return await deps.store.countRateEvent(
    limit.kind,
    subject,
    new Date(since - 1).toISOString(),
    new Date(since).toISOString(),
  );
}

async function recordFailure(deps: FlowDeps, limit: LoginLimit, subject: string): Promise<void> {
  const now = deps.clock();
  await deps.store.countRateEvent(
    limit.kind,
    subject,
    now.toISOString(),
    new Date(now.getTime() - limit.windowMs).toISOString(),
  );
}
