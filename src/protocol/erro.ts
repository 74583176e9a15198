/**
 * The Erro message (Table A.1 / A.4): what the ACS answers when a message breaks the rules or
 * the ACS cannot process it. It echoes the messageVersion when it could be read, the failing
 * message's type, and the transaction IDs that were well formed, so the sender can correlate.
 * Nothing from a non-protocol failure (an exception message, a stack) ever reaches it.
 *
 * `erroForFailure` is the one fallback every Erro answer goes through (the EMV routes' error
 * handler, the AReq flow, an invalid first CReq, the demo merchant's RReq endpoint).
 */
import {
  AcsError,
  type EchoedIds,
  ProtocolError,
  type ProtocolErrorCode,
  type ProtocolErrorContext,
  protocolErrorDescriptions,
} from '../errors/index.ts';
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

/** Where an unexpected failure is reported: a Logger (src/log/logger.ts) fits. */
export type FailureLog = Readonly<{ error(message: string, fields?: Record<string, unknown>): void }>;

/** What erroForFailure needs besides the failure. */
export type ErroFallbackOptions = Readonly<{
  /** The Erro's messageVersion when the failure names none this ACS supports. */
  fallbackVersion: MessageVersion;
  /** What the caller knows of the failing message, over what the failure itself carries. */
  context?: ProtocolErrorContext;
  /** Where an unexpected failure is logged, once, with its stack. */
  log: FailureLog;
  /** Fields for that log line (the route, the transaction). */
  logFields?: Record<string, unknown>;
  /** The 403's errorDetail, when the answering component is not the ACS (the demo 3DS Server). */
  unexpectedDetail?: string;
}>;

/** The detail of the Erro that answers an unexpected failure: it says nothing about it. */
const unexpectedFailureDetail = 'the ACS could not process the message';

/**
 * The Erro for any failure, as Table A.4 wants it: a ProtocolError as itself; an AcsError (the
 * message could not be read: too large, not JSON, a bad charset) as 101 Message received
 * invalid, its message naming what was wrong (`unavailable` as 403); anything else (a bug, a
 * store that failed, a StartupError or InternalError) as 403 Transient system failure, whose
 * detail says nothing about the cause, after logging it once with its stack. `context` is
 * applied to all three.
 */
export function erroForFailure(err: unknown, options: ErroFallbackOptions): Erro {
  const context = options.context ?? {};
  if (err instanceof ProtocolError) return buildErro(err.withContext(context), options.fallbackVersion);
  if (err instanceof AcsError) {
    const code = err.code === 'unavailable' ? '403' : '101';
    return buildErro(
      new ProtocolError(code, err.message, { ...context, cause: err }),
      options.fallbackVersion,
    );
  }
  options.log.error('unexpected failure answered with Erro 403', { ...options.logFields, err });
  return buildErro(
    new ProtocolError('403', options.unexpectedDetail ?? unexpectedFailureDetail, { ...context, cause: err }),
    options.fallbackVersion,
  );
}

function truncate(text: string): string {
  return text.length <= maxTextLength ? text : text.slice(0, maxTextLength);
}
