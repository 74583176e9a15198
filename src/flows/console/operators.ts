/**
 * Console operators and their sessions. Passwords are human secrets, so they are stored as
 * argon2id hashes (docs/security.md); a session is a random bearer token kept only in the
 * operator's cookie, while the store keeps its keyed hash, so a copy of the database never
 * yields a usable session. Each session carries its own CSRF token for the console's forms.
 */
import { AcsError } from '../../errors/index.ts';
import { secretKey } from '../../signing/key-material.ts';
import { keyedHash } from '../../signing/keyed-hash.ts';
import { hashPassword, passwordPolicyProblem, verifyPassword } from '../../signing/password-hash.ts';
import type { OperatorRecord } from '../../store/port.ts';
import type { FlowDeps } from '../common/deps.ts';

/** How long a console session lasts from login (absolute, not sliding). */
export const sessionLifetimeMs = 8 * 60 * 60_000;

/** What a username may look like: lower-case letters, digits and . _ @ -, 2 to 64 characters. */
export const usernamePattern = /^[a-z0-9][a-z0-9._@-]{1,63}$/;

/** The username created when no operator is configured and none exists. */
export const defaultAdminUsername = 'admin';

/** Length of the password generated for the first operator. */
const generatedPasswordLength = 20;
/** Letters and digits without look-alikes (0/O, 1/l/I), so a printed password reads back safely. */
const passwordAlphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

/** An operator as the console shows it (never the hash). */
export type ConsoleOperator = Readonly<{ id: string; username: string }>;

/** A live session: who is logged in and the CSRF token their forms must carry. */
export type ConsoleSession = Readonly<{ operator: ConsoleOperator; csrfToken: string; expiresAt: string }>;

/** A session just started: the token for the cookie (shown nowhere else) and its details. */
export type StartedSession = ConsoleSession & Readonly<{ token: string }>;

/** Credentials given by the environment for the first operator. */
export type OperatorCredentials = Readonly<{ username: string; password: string }>;

/** The canonical form of a typed username (trimmed, lower case). */
export function normaliseUsername(username: string): string {
  return username.trim().toLowerCase();
}

/** Why a proposed username is unacceptable (a message for the person choosing it), or undefined. */
export function usernameProblem(username: string): string | undefined {
  if (username === '') return 'Enter a username.';
  if (!usernamePattern.test(username)) {
    return 'A username has 2 to 64 characters: lower-case letters, digits, and . _ @ - (starting with a letter or digit).';
  }
  return undefined;
}

/** Creates an operator with an argon2id-hashed password; bad input or a taken name is refused. */
export async function createOperator(
  deps: Pick<FlowDeps, 'store' | 'clock' | 'newId'>,
  credentials: OperatorCredentials,
): Promise<ConsoleOperator> {
  const username = normaliseUsername(credentials.username);
  const problem = usernameProblem(username) ?? passwordPolicyProblem(credentials.password);
  if (problem !== undefined) throw new AcsError('bad_request', problem);
  const record: OperatorRecord = {
    id: deps.newId(),
    username,
    passwordHash: await hashPassword(credentials.password),
    createdAt: deps.clock().toISOString(),
  };
  if (!(await deps.store.createOperator(record))) {
    throw new AcsError('conflict', 'an operator with that username exists already');
  }
  return { id: record.id, username };
}

/**
 * Makes sure someone can log in at start: configured credentials become an operator if that
 * username does not exist yet (an existing one keeps its password); with none configured and
 * no operator at all, `admin` is created with a random password, returned once for the caller
 * to print (never to log).
 */
export async function ensureFirstOperator(
  deps: Pick<FlowDeps, 'store' | 'clock' | 'newId' | 'randomInt'>,
  configured: OperatorCredentials | undefined,
): Promise<{ createdPassword?: string }> {
  if (configured !== undefined) {
    const username = normaliseUsername(configured.username);
    if ((await deps.store.findOperatorByUsername(username)) === undefined) {
      await createOperator(deps, { username, password: configured.password });
    }
    return {};
  }
  if ((await deps.store.countOperators()) > 0) return {};
  const password = randomPassword(deps.randomInt);
  await createOperator(deps, { username: defaultAdminUsername, password });
  return { createdPassword: password };
}

// A hash verified (and its answer ignored) when the username is unknown so that a wrong
// username costs the same argon2 work as a wrong password (no user enumeration by timing).
let decoyHash: Promise<string> | undefined;

/** The operator whose password this is, or undefined (unknown username and wrong password alike). */
export async function checkOperatorPassword(
  deps: Pick<FlowDeps, 'store'>,
  username: string,
  password: string,
): Promise<ConsoleOperator | undefined> {
  const operator = await deps.store.findOperatorByUsername(normaliseUsername(username));
  if (operator === undefined) {
    decoyHash ??= hashPassword('decoy: its result is ignored');
    await verifyPassword(await decoyHash, password);
    return undefined;
  }
  if (!(await verifyPassword(operator.passwordHash, password))) return undefined;
  return { id: operator.id, username: operator.username };
}

/** Starts a new session for the operator (a fresh token each login: sessions are never reused). */
export async function startSession(
  deps: Pick<FlowDeps, 'store' | 'keys' | 'clock' | 'randomInt'>,
  operator: ConsoleOperator,
): Promise<StartedSession> {
  const token = randomToken(deps.randomInt);
  const csrfToken = randomToken(deps.randomInt);
  const now = deps.clock();
  const expiresAt = new Date(now.getTime() + sessionLifetimeMs).toISOString();
  await deps.store.createSession({
    tokenHash: sessionTokenHash(deps, token),
    operatorId: operator.id,
    csrfToken,
    createdAt: now.toISOString(),
    expiresAt,
  });
  return { token, operator, csrfToken, expiresAt };
}

/** The live session a cookie token belongs to, or undefined (unknown, expired, operator gone). */
export async function findSession(
  deps: Pick<FlowDeps, 'store' | 'keys' | 'clock'>,
  token: string,
): Promise<ConsoleSession | undefined> {
  if (!sessionTokenPattern.test(token)) return undefined;
  const session = await deps.store.findSession(sessionTokenHash(deps, token), deps.clock().toISOString());
  if (session === undefined) return undefined;
  const operator = await deps.store.getOperator(session.operatorId);
  if (operator === undefined) return undefined;
  return {
    operator: { id: operator.id, username: operator.username },
    csrfToken: session.csrfToken,
    expiresAt: session.expiresAt,
  };
}

/** Ends the session a cookie token belongs to (nothing happens for an unknown token). */
export async function endSession(deps: Pick<FlowDeps, 'store' | 'keys'>, token: string): Promise<void> {
  if (sessionTokenPattern.test(token)) await deps.store.deleteSession(sessionTokenHash(deps, token));
}

/** A session token: 32 random bytes in base64url (43 characters). */
const sessionTokenPattern = /^[A-Za-z0-9_-]{43}$/;

/** The stored form of a session token (HMAC-SHA256 hex, its own purpose string). */
function sessionTokenHash(deps: Pick<FlowDeps, 'keys'>, token: string): string {
  // Same secret as form tokens and API keys; the purpose string keeps the uses apart.
  return keyedHash(secretKey(deps.keys, 'formToken'), 'console-session/v1', token);
}

function randomToken(randomInt: (maxExclusive: number) => number): string {
  return Buffer.from(Uint8Array.from({ length: 32 }, () => randomInt(256))).toString('base64url');
}

function randomPassword(randomInt: (maxExclusive: number) => number): string {
  return Array.from(
    { length: generatedPasswordLength },
    () => passwordAlphabet[randomInt(passwordAlphabet.length)],
  ).join('');
}
