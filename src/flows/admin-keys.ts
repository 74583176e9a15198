/**
 * Admin API keys: bearer secrets for /api/admin, stored only as a keyed hash (HMAC under a
 * server secret), so a copy of the database never yields a usable key. A request is checked
 * by hashing what it presents and looking that hash up: nothing secret is compared byte by
 * byte, so the check is constant-time by construction.
 */
import { AcsError } from '../errors.ts';
import { secretKey } from '../signing/key-material.ts';
import { keyedHash } from '../signing/keyed-hash.ts';
import type { ApiKeyRecord } from '../store/port.ts';
import type { FlowDeps } from './deps.ts';

/** What an API key looks like: `acs_` and 32 random bytes in base64url (43 characters). */
export const apiKeyPattern = /^acs_[A-Za-z0-9_-]{43}$/;

/** A configured key must be at least this long (a generated one has 47 characters). */
export const minConfiguredKeyLength = 32;

/** The longest credential a request may present; longer ones are refused unhashed. */
const maxPresentedKeyLength = 256;
const maxNameLength = 100;
/** Printable ASCII without spaces: what fits in an Authorization header unchanged. */
const keyCharacters = /^[\x21-\x7e]+$/;

/** The stored form of an API key (HMAC-SHA256 hex with its own purpose string). */
export function apiKeyHash(deps: Pick<FlowDeps, 'keys'>, key: string): string {
  // The formToken secret keys HMACs of our own bearer values; the purpose string keeps this use
  // apart from form tokens (keyedHash length-prefixes it), so one secret serves both safely.
  return keyedHash(secretKey(deps.keys, 'formToken'), 'admin-api-key/v1', key);
}

/** Creates and stores a new API key called `name`; returns the key, which is never shown again. */
export function createApiKey(
  deps: Pick<FlowDeps, 'keys' | 'store' | 'clock' | 'newId' | 'randomInt'>,
  name: string,
): string {
  const label = name.trim();
  if (label === '' || label.length > maxNameLength) {
    throw new AcsError('bad_request', `an API key name must have 1 to ${maxNameLength} characters`);
  }
  const key = `acs_${Buffer.from(randomBytes(deps.randomInt, 32)).toString('base64url')}`;
  storeKey(deps, label, key);
  return key;
}

/**
 * Makes sure the admin API can be reached at start: a configured key (ACS_ADMIN_API_KEY) is
 * stored if it is not yet; with none configured and no key at all, one is created and
 * returned as `createdKey` for the caller to show once (never to log).
 */
export function ensureAdminKey(
  deps: Pick<FlowDeps, 'keys' | 'store' | 'clock' | 'newId' | 'randomInt'>,
  configuredKey: string | undefined,
): { createdKey?: string } {
  if (configuredKey !== undefined) {
    if (configuredKey.length < minConfiguredKeyLength || !keyCharacters.test(configuredKey)) {
      // The message describes the rule, never the value.
      throw new Error(
        `the configured admin API key must be at least ${minConfiguredKeyLength} printable characters without spaces`,
      );
    }
    // The port has no read-only lookup: useApiKey also stamps lastUsedAt, which at start-up is harmless.
    if (deps.store.useApiKey(apiKeyHash(deps, configuredKey), deps.clock().toISOString()) === undefined) {
      storeKey(deps, 'configured (ACS_ADMIN_API_KEY)', configuredKey);
    }
    return {};
  }
  if (deps.store.countApiKeys() > 0) return {};
  return { createdKey: createApiKey(deps, 'initial (created at first start)') };
}

/** The stored key matching a presented credential (marking it used), or undefined. */
export function authenticateApiKey(
  deps: Pick<FlowDeps, 'keys' | 'store' | 'clock'>,
  presented: string,
): ApiKeyRecord | undefined {
  if (presented.length === 0 || presented.length > maxPresentedKeyLength) return undefined;
  return deps.store.useApiKey(apiKeyHash(deps, presented), deps.clock().toISOString());
}

function storeKey(
  deps: Pick<FlowDeps, 'keys' | 'store' | 'clock' | 'newId'>,
  name: string,
  key: string,
): void {
  deps.store.createApiKey({
    id: deps.newId(),
    name,
    keyHash: apiKeyHash(deps, key),
    createdAt: deps.clock().toISOString(),
    lastUsedAt: undefined,
  });
}

/** `n` bytes from the injected CSPRNG (FlowDeps offers integers, not bytes). */
function randomBytes(randomInt: (maxExclusive: number) => number, n: number): Uint8Array {
  return Uint8Array.from({ length: n }, () => randomInt(256));
}
