/**
 * The Erro message (Table A.1 / A.4): what the ACS answers when a message breaks the rules or
 * the ACS cannot process it. It echoes the messageVersion when it could be read, the failing
 * message's type, and the transaction IDs that were well formed, so the sender can correlate.
 * Nothing from a non-protocol failure (an exception message, a stack) ever reaches it.
 */
import {
  type EchoedIds,
  ProtocolError,
  type ProtocolErrorCode,
  protocolErrorDescriptions,
} from '../errors.ts';
import { isUuid } from './formats.ts';
import { isSupportedVersion, type MessageVersion } from './version.ts';

/** An Erro message. */
export type Erro = Readonly<{
  messageType: 'Erro';
  messageVersion: MessageVersion;
  errorComponent: 'A';
  errorCode: ProtocolErrorCode;
  errorDescription: string;
  errorDetail: string;
  errorMessageType?: string;
  threeDSServerTransID?: string;
  acsTransID?: string;
  dsTransID?: string;
  sdkTransID?: string;
}>;

/** Table A.1: errorDescription and errorDetail are at most 2048 characters. */
const maxTextLength = 2048;

/** Table A.1 errorMessageType values. */
const messageTypes: ReadonlySet<string> = new Set([
  'AReq',
  'ARes',
  'PReq',
  'PRes',
  'CReq',
  'CRes',
  'RReq',
  'RRes',
  'Erro',
]);

/** The transaction IDs every version's Erro table allows (all optional but threeDSServerTransID). */
const idNames = ['threeDSServerTransID', 'acsTransID', 'dsTransID', 'sdkTransID'] as const;

type Writable<T> = { -readonly [K in keyof T]: T[K] };

/** The Erro for a protocol failure, in the failing message's version when supported, else `fallbackVersion`. */
export function buildErro(error: ProtocolError, fallbackVersion: MessageVersion): Erro {
  const errorCode = error.errorCode;
  const erro: Writable<Erro> = {
    messageType: 'Erro',
    messageVersion: isSupportedVersion(error.messageVersion) ? error.messageVersion : fallbackVersion,
    errorComponent: 'A',
    errorCode,
    errorDescription: truncate(protocolErrorDescriptions[errorCode]),
    errorDetail: truncate(
      error.errorDetail === '' ? protocolErrorDescriptions[errorCode] : error.errorDetail,
    ),
  };
  if (error.errorMessageType !== undefined && messageTypes.has(error.errorMessageType)) {
    erro.errorMessageType = error.errorMessageType;
  }
  const ids: EchoedIds = error.ids;
  for (const name of idNames) {
    const id = ids[name];
    if (isUuid(id)) erro[name] = id;
  }
  return erro;
}

/**
 * The Erro for any failure: a ProtocolError as itself, anything else as 403 (transient system
 * failure) whose detail says nothing about the cause.
 */
export function erroFromUnknown(err: unknown, fallbackVersion: MessageVersion): Erro {
  const error =
    err instanceof ProtocolError ? err : new ProtocolError('403', 'the ACS could not process the message');
  return buildErro(error, fallbackVersion);
}

function truncate(text: string): string {
  return text.length <= maxTextLength ? text : text.slice(0, maxTextLength);
}
