/**
 * The ACS's symmetric secrets: 32 random bytes each, kept together in one 0600 JSON file
 * (`{"version": 1, "<name>": "<base64>", ...}`) so an operator can provision or back them up as
 * one unit. In memory each secret is an opaque KeyObject: it does not print, serialise or
 * spread into logs.
 */

import { createSecretKey, type KeyObject, randomBytes } from 'node:crypto';
import { StartupError } from '../errors/index.ts';
import { createPrivateFile, readPrivateFile, readRequiredPrivateFile } from './key-files.ts';

/** The secrets, by use. Each one keys exactly one purpose. */
export const secretNames = [
  /** HMAC key for PAN lookup hashes. */
  'panHash',
  /** HMAC key for one-time code hashes. */
  'otp',
  /** Issuer key for authenticationValue. */
  'authenticationValue',
  /** HMAC key for the challenge page's signed hidden fields. */
  'formToken',
  /** AES-256-GCM key for secrets at rest (e.g. TOTP seeds). */
  'atRest',
] as const;

/** One secret's name. */
export type SecretName = (typeof secretNames)[number];

/** Every secret as an opaque KeyObject. */
export type SymmetricSecrets = Readonly<Record<SecretName, KeyObject>>;

const secretLength = 32;
const fileVersion = 1;
const base64Pattern = /^[A-Za-z0-9+/]*={0,2}$/;

function generateFile(): string {
  const content: Record<string, string | number> = { version: fileVersion };
  for (const name of secretNames) content[name] = randomBytes(secretLength).toString('base64');
  return `${JSON.stringify(content, null, 2)}\n`;
}

function parseFile(file: string, text: string): SymmetricSecrets {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new StartupError('secrets_file_invalid', `secrets file ${file} is not valid JSON`, {
      cause: error,
    });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new StartupError('secrets_file_invalid', `secrets file ${file} is not a JSON object`);
  }
  const record = parsed as Record<string, unknown>;
  if (record.version !== fileVersion) {
    throw new StartupError(
      'secrets_file_invalid',
      `secrets file ${file} has an unsupported version (expected ${fileVersion})`,
    );
  }
  const secrets: Partial<Record<SecretName, KeyObject>> = {};
  for (const name of secretNames) {
    const value = record[name];
    if (typeof value !== 'string' || !base64Pattern.test(value)) {
      throw new StartupError(
        'secrets_file_invalid',
        `secrets file ${file}: "${name}" is missing or not base64`,
      );
    }
    const bytes = Buffer.from(value, 'base64');
    if (bytes.length !== secretLength) {
      throw new StartupError(
        'secrets_file_invalid',
        `secrets file ${file}: "${name}" must decode to ${secretLength} bytes`,
      );
    }
    secrets[name] = createSecretKey(bytes);
    bytes.fill(0);
  }
  return Object.freeze(secrets as Record<SecretName, KeyObject>);
}

/**
 * Loads the secrets file, creating it with fresh random secrets when `create` is true and it
 * does not exist. An operator-configured path (`create` false) must exist.
 */
export function loadOrCreateSecrets(file: string, create: boolean, warnings: string[]): SymmetricSecrets {
  if (!create) return parseFile(file, readRequiredPrivateFile(file, warnings, 'secrets file'));
  const existing = readPrivateFile(file, warnings);
  if (existing !== undefined) return parseFile(file, existing);
  createPrivateFile(file, generateFile());
  // Re-read what is on disk: if another instance won the race, its secrets are the ones to use.
  return parseFile(file, readRequiredPrivateFile(file, warnings, 'secrets file'));
}
