/**
 * Admin API keys: bearer secrets for /api/admin, stored only as a keyed hash (HMAC under a
 * server secret), so a copy of the database never yields a usable key. A request is checked
 * by hashing what it presents and looking that hash up: nothing secret is compared byte by
 * byte, so the check is constant-time by construction. Keys are issued (shown once), listed
 * (never with their hash) and revoked here, for the admin API and the first start.
 */

import { holdsCardNumber } from '../../domain/pan.ts';
import { AcsError, StartupError } from '../../errors/index.ts';
import { secretKey } from '../../signing/key-material.ts';
import { keyedHash } from '../../signing/keyed-hash.ts';
import type { ApiKeyRecord } from '../../store/port.ts';
import type { FlowDeps } from '../common/deps.ts';

/** What an API key looks like: `acs_` and 32 random bytes in base64url (43 characters). */
export const apiKeyPattern = /^acs_[A-Za-z0-9_-]{43}$/;

/** A configured key must be at least this long (a generated one has 47 characters). */
export const minConfiguredKeyLength = 32;

/** The longest credential a request may present; longer ones are refused unhashed. */
const maxPresentedKeyLength = 256;
const maxNameLength = 100;
/** Printable ASCII without spaces: what fits in an Authorization header unchanged. */
const keyCharacters = /^[\x21-\x7e]+$/;
/** C0 and C1 control characters, refused in key names (they are shown in lists and pages). */
const controlCharacters = /\p{Cc}/u;

/** The stored form of an API key (HMAC-SHA256 hex with its own purpose string). */
export function apiKeyHash(deps: Pick<FlowDeps, 'keys'>, key: string): string {
  // The formToken secret keys HMACs of our own bearer values; the purpose string keeps this use
  // apart from form tokens (keyedHash length-prefixes it), so one secret serves both safely.
  return keyedHash(secretKey(deps.keys, 'formToken'), 'admin-api-key/v1', key);
}

/** A newly issued API key: the key itself is in this object only, never stored or shown again. */
export type IssuedApiKey = Readonly<{ id: string; name: string; key: string; createdAt: string }>;

/** An API key as the admin API lists it: never its hash. */
export type ApiKeyView = Readonly<{
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | undefined;
}>;

/** Creates and stores a new API key called `name`; returns the key, which is never shown again. */
export async function createApiKey(
  deps: Pick<FlowDeps, 'keys' | 'store' | 'clock' | 'newId' | 'randomInt'>,
  name: string,
): Promise<string> {
  return (await newKey(deps, name)).key;
}

/** Issues a new API key called `name` (trimmed, 1-100 characters, no control characters) for an admin. */
export async function issueApiKey(
  deps: Pick<FlowDeps, 'keys' | 'store' | 'clock' | 'newId' | 'randomInt' | 'logger'>,
  name: string,
): Promise<IssuedApiKey> {
  const issued = await newKey(deps, name);
  deps.logger.info('admin API key issued', { keyId: issued.id });
  return issued;
}

async function newKey(
  deps: Pick<FlowDeps, 'keys' | 'store' | 'clock' | 'newId' | 'randomInt'>,
  name: string,
): Promise<IssuedApiKey> {
  const label = name.trim();
  if (label === '' || label.length > maxNameLength || controlCharacters.test(label)) {
    throw new AcsError(
      'bad_request',
      `an API key name must have 1 to ${maxNameLength} characters and no control characters`,
    );
  }
  // Nothing that reads as a card number is ever stored in clear (docs/security.md).
  if (holdsCardNumber(label))
    throw new AcsError('bad_request', 'an API key name must not contain a card number');
  const key = `acs_${Buffer.from(randomBytes(deps.randomInt, 32)).toString('base64url')}`;
  const record = await storeKey(deps, label, key);
  return { id: record.id, name: record.name, key, createdAt: record.createdAt };
}

/** Every API key, oldest first, without its hash. */
export async function listApiKeyViews(deps: Pick<FlowDeps, 'store'>): Promise<readonly ApiKeyView[]> {
  return (await deps.store.listApiKeys()).map((record) => ({
    id: record.id,
    name: record.name,
    createdAt: record.createdAt,
    lastUsedAt: record.lastUsedAt,
  }));
}

/**
 * Revokes the API key `id`. The key that makes the request cannot revoke itself (conflict):
 * so the admin API always keeps at least one working key, and a slip cannot lock everyone out.
 */
export async function revokeApiKey(
  deps: Pick<FlowDeps, 'store' | 'logger'>,
  id: string,
  requestingKeyId: string | undefined,
): Promise<void> {
  if (id === requestingKeyId) {
    throw new AcsError('conflict', 'an API key cannot revoke itself: revoke it with another key');
  }
  if (!(await deps.store.deleteApiKey(id))) throw new AcsError('not_found', 'no such API key');
  deps.logger.info('admin API key revoked', { keyId: id });
}

/**
 * Makes sure the admin API can be reached at start: a configured key (ACS_ADMIN_API_KEY) is
 * stored if it is not yet; with none configured and no key at all, one is created and
 * returned as `createdKey` for the caller to show once (never to log).
 */
export async function ensureAdminKey(
  deps: Pick<FlowDeps, 'keys' | 'store' | 'clock' | 'newId' | 'randomInt'>,
  configuredKey: string | undefined,
): Promise<{ createdKey?: string }> {
  if (configuredKey !== undefined) {
    if (configuredKey.length < minConfiguredKeyLength || !keyCharacters.test(configuredKey)) {
      // The message describes the rule, never the value.
      throw new StartupError(
        'config_invalid',
        `the configured admin API key must be at least ${minConfiguredKeyLength} printable characters without spaces`,
      );
    }
    // The port has no read-only lookup: useApiKey also stamps lastUsedAt, which at start-up is harmless.
    if (
      (await deps.store.useApiKey(apiKeyHash(deps, configuredKey), deps.clock().toISOString())) === undefined
    ) {
      await storeKey(deps, 'configured (ACS_ADMIN_API_KEY)', configuredKey);
    }
    return {};
  }
  if ((await deps.store.countApiKeys()) > 0) return {};
  return { createdKey: await createApiKey(deps, 'initial (created at first start)') };
}

/** The stored key matching a presented credential (marking it used), or undefined. */
export async function authenticateApiKey(
  deps: Pick<FlowDeps, 'keys' | 'store' | 'clock'>,
  presented: string,
): Promise<ApiKeyRecord | undefined> {
  if (presented.length === 0 || presented.length > maxPresentedKeyLength) return undefined;
  return await deps.store.useApiKey(apiKeyHash(deps, presented), deps.clock().toISOString());
}

async function storeKey(
  deps: Pick<FlowDeps, 'keys' | 'store' | 'clock' | 'newId'>,
  name: string,
  key: string,
): Promise<ApiKeyRecord> {
  const record: ApiKeyRecord = {
    id: deps.newId(),
    name,
    keyHash: apiKeyHash(deps, key),
    createdAt: deps.clock().toISOString(),
    lastUsedAt: undefined,
  };
  await deps.store.createApiKey(record);
  return record;
}

/** `n` bytes from the injected CSPRNG (FlowDeps offers integers, not bytes). */
function randomBytes(randomInt: (maxExclusive: number) => number, n: number): Uint8Array {
  return Uint8Array.from({ length: n }, () => randomInt(256));
}
