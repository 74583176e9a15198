/**
 * The header every incoming message shares (messageType, messageVersion, transaction IDs),
 * read the same way before each message's own table: not an object -> 101; messageType
 * missing -> 201, another type -> 101; messageVersion missing -> 201, unsupported -> 102.
 * Errors carry the IDs that were well-formed UUIDs and, once known, the version.
 */
import { type EchoedIds, ProtocolError, type ProtocolErrorCode } from '../errors.ts';
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
