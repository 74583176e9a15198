/**
 * The header every incoming message shares (messageType, messageVersion, transaction IDs),
 * read the same way before each message's own table: not an object -> 101; messageType
 * missing -> 201, another type -> 101; messageVersion missing -> 201, unsupported -> 102.
 * Errors carry the IDs that were well-formed UUIDs and, once known, the version.
 */
import { type EchoedIds, ProtocolError, type ProtocolErrorCode } from '../errors/index.ts';
import { criticalExtensionPaths } from './element-checks.ts';
import { isJsonObject, isUuid } from './formats.ts';
import { isSupportedVersion, type MessageVersion } from './version.ts';

/** Table A.1 note: an element is missing when absent, null or an empty string. */
export function isAbsent(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}

/** A message whose header was read. */
export type Envelope = Readonly<{
  message: Record<string, unknown>;
  version: MessageVersion;
  /** A ProtocolError about this message (its type, its IDs, its version unless overridden). */
  fail: (code: ProtocolErrorCode, detail: string, messageVersion?: MessageVersion) => ProtocolError;
}>;

const idNames = ['threeDSServerTransID', 'acsTransID', 'dsTransID', 'sdkTransID'] as const;

/** Reads the header of a `messageType` message, throwing the header's ProtocolErrors. */
export function readEnvelope(value: unknown, messageType: string): Envelope {
  if (!isJsonObject(value)) throw new ProtocolError('101', 'message', { messageType });
  const ids: EchoedIds = {};
  for (const name of idNames) {
    const id = value[name];
    if (isUuid(id)) ids[name] = id;
  }
  const failWith = (code: ProtocolErrorCode, detail: string, messageVersion?: MessageVersion) =>
    new ProtocolError(code, detail, { messageType, ids, ...(messageVersion ? { messageVersion } : {}) });
  if (isAbsent(value.messageType)) throw failWith('201', 'messageType');
  if (value.messageType !== messageType) throw failWith('101', 'messageType');
  if (isAbsent(value.messageVersion)) throw failWith('201', 'messageVersion');
  if (!isSupportedVersion(value.messageVersion)) throw failWith('102', 'messageVersion');
  const version = value.messageVersion;
  return {
    message: value,
    version,
    fail: (code, detail, messageVersion = version) => failWith(code, detail, messageVersion),
  };
}

/** One element of a small message table: its name, whether it is required, its format. */
export type ElementRule = Readonly<{ name: string; required: boolean; valid: (value: unknown) => boolean }>;

/**
 * Checks `envelope.message` against `rules`: every missing required element in one 201, then a
 * well-formed critical message extension (which this ACS never recognises) as 202, then every
 * invalid element in one 203 (names only, never values). Returns the message reduced to the
 * header and the elements the rules define.
 */
export function checkElements(
  envelope: Envelope,
  messageType: string,
  rules: readonly ElementRule[],
): Record<string, unknown> {
  const { message, version, fail } = envelope;
  const missing = rules
    .filter((rule) => rule.required && isAbsent(message[rule.name]))
    .map((rule) => rule.name);
  if (missing.length > 0) throw fail('201', missing.join(','));
  const invalid = rules
    .filter((rule) => !isAbsent(message[rule.name]) && !rule.valid(message[rule.name]))
    .map((rule) => rule.name);
  const extensionRule = rules.some((rule) => rule.name === 'messageExtension');
  if (extensionRule && !invalid.includes('messageExtension')) {
    const critical = criticalExtensionPaths(message.messageExtension);
    if (critical.length > 0) throw fail('202', critical.join(','));
  }
  if (invalid.length > 0) throw fail('203', invalid.join(','));
  const picked: Record<string, unknown> = { messageType, messageVersion: version };
  for (const rule of rules) {
    if (!isAbsent(message[rule.name])) picked[rule.name] = message[rule.name];
  }
  return picked;
}
