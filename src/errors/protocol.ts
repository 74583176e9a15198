/**
 * The protocol family: an EMV 3DS failure that becomes an Erro message. Its codes are the
 * spec's errorCode values (EMV 3DS 2.2.0 Table A.4 "Error Code, Error Description, and Error
 * Detail"), each with the errorDescription this ACS sends. Only the codes this ACS emits are
 * listed; docs/errors.md says when each one is sent.
 */
import { causeOption } from './coded-error.ts';

/** Table A.4: errorCode -> errorDescription, for every errorCode this ACS emits. */
export const protocolErrorDescriptions = {
  '101': 'Message received invalid',
  '102': 'Message version number not supported',
  '201': 'A message element required as defined in the specification is missing',
  '202': 'Critical message extension not recognised',
  '203': 'Data element not in the required format or value is invalid',
  '204': 'Duplicate data element',
  '301': 'Transaction ID received is not valid for the receiving component',
  '302': 'Data could not be decrypted by the receiving system due to technical or other reason',
  '305': 'Transaction data not valid',
  '402': 'Transaction timed out',
  '403': 'Transient system failure',
} as const;

/** One of the spec's errorCode strings. */
export type ProtocolErrorCode = keyof typeof protocolErrorDescriptions;

/**
 * Transaction identifiers read from the offending message, echoed in the Erro so the sender
 * can correlate it. Only values that were well-formed UUIDs are kept.
 */
export type EchoedIds = {
  threeDSServerTransID?: string;
  acsTransID?: string;
  dsTransID?: string;
  sdkTransID?: string;
};

/** What a ProtocolError knows of the failing message besides its code and detail. */
export type ProtocolErrorContext = { messageType?: string; ids?: EchoedIds; messageVersion?: string };

/** A protocol failure that becomes an EMV Erro message. */
export class ProtocolError extends Error {
  readonly errorCode: ProtocolErrorCode;
  /** Names the offending data elements (comma separated), never their values. */
  readonly errorDetail: string;
  /** The messageType the failure is about (e.g. "AReq"), echoed as errorMessageType. */
  readonly errorMessageType: string | undefined;
  readonly ids: EchoedIds;
  /** messageVersion to answer with, when the incoming one was readable and supported. */
  readonly messageVersion: string | undefined;

  constructor(
    errorCode: ProtocolErrorCode,
    errorDetail: string,
    options: ProtocolErrorContext & ErrorOptions = {},
  ) {
    super(`${protocolErrorDescriptions[errorCode]}: ${errorDetail}`, causeOption(options.cause));
    this.name = 'ProtocolError';
    this.errorCode = errorCode;
    this.errorDetail = errorDetail;
    this.errorMessageType = options.messageType;
    this.ids = options.ids ?? {};
    this.messageVersion = options.messageVersion;
  }

  /** A copy carrying more context (ids, version, messageType) learnt after it was thrown. */
  withContext(options: ProtocolErrorContext): ProtocolError {
    return new ProtocolError(this.errorCode, this.errorDetail, {
      messageType: options.messageType ?? this.errorMessageType,
      ids: { ...options.ids, ...this.ids },
      messageVersion: options.messageVersion ?? this.messageVersion,
      cause: this.cause,
    });
  }
}
