/**
 * Every failure the ACS can report, as classes with stable codes a caller can switch on.
 *
 * Two families:
 * - ProtocolError: an EMV 3DS failure that becomes an Erro message (errorCode per the spec's
 *   Table A.4 "Error Code, Error Description, and Error Detail").
 * - AcsError: failures of our own HTTP surface (not found, unauthorised, page errors) that
 *   become JSON problems or HTML error pages.
 *
 * Errors become responses in exactly one place (src/http/shared/error-handler.ts). Messages and
 * details never carry a PAN, a code, a key or a token: they name data elements, not values.
 */

/** EMV 3DS errorCode values this ACS emits (EMV 3DS 2.2.0 Table A.4). */
export const protocolErrorCodes = {
  messageReceivedInvalid: '101',
  versionNotSupported: '102',
  requiredElementMissing: '201',
  criticalExtensionNotRecognised: '202',
  invalidFormat: '203',
  duplicateDataElement: '204',
  transactionIdNotRecognised: '301',
  transactionDataNotValid: '305',
  transactionTimedOut: '402',
  transientSystemFailure: '403',
  permanentSystemFailure: '404',
} as const;

/** One of the spec's errorCode strings. */
export type ProtocolErrorCode = (typeof protocolErrorCodes)[keyof typeof protocolErrorCodes];

/** The spec's errorDescription wording for each code (short, human readable). */
export const protocolErrorDescriptions: Readonly<Record<ProtocolErrorCode, string>> = {
  '101': 'Message received invalid',
  '102': 'Message version number not supported',
  '201': 'A message element required as defined in the specification is missing',
  '202': 'Critical message extension not recognised',
  '203': 'Data element not in the required format or value is invalid',
  '204': 'Duplicate data element',
  '301': 'Transaction ID received is not valid for the receiving component',
  '305': 'Transaction data not valid',
  '402': 'Transaction timed out',
  '403': 'Transient system failure',
  '404': 'Permanent system failure',
};

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
    options: { messageType?: string; ids?: EchoedIds; messageVersion?: string } = {},
  ) {
    super(`${protocolErrorDescriptions[errorCode]}: ${errorDetail}`);
    this.name = 'ProtocolError';
    this.errorCode = errorCode;
    this.errorDetail = errorDetail;
    this.errorMessageType = options.messageType;
    this.ids = options.ids ?? {};
    this.messageVersion = options.messageVersion;
  }

  /** A copy carrying more context (ids, version, messageType) learnt after it was thrown. */
  withContext(options: { messageType?: string; ids?: EchoedIds; messageVersion?: string }): ProtocolError {
    return new ProtocolError(this.errorCode, this.errorDetail, {
      messageType: options.messageType ?? this.errorMessageType,
      ids: { ...options.ids, ...this.ids },
      messageVersion: options.messageVersion ?? this.messageVersion,
    });
  }
}

/** Stable codes for failures of our own HTTP surface. */
export const acsErrorCodes = {
  notFound: 'not_found',
  badRequest: 'bad_request',
  unauthorized: 'unauthorized',
  forbidden: 'forbidden',
  conflict: 'conflict',
  payloadTooLarge: 'payload_too_large',
  unsupportedMediaType: 'unsupported_media_type',
  tooManyRequests: 'too_many_requests',
  unavailable: 'unavailable',
} as const;

/** One of our own stable error codes. */
export type AcsErrorCode = (typeof acsErrorCodes)[keyof typeof acsErrorCodes];

/** A failure of our own HTTP surface, rendered as JSON `{ error, message }` or an HTML page. */
export class AcsError extends Error {
  readonly code: AcsErrorCode;

  constructor(code: AcsErrorCode, message: string) {
    super(message);
    this.name = 'AcsError';
    this.code = code;
  }
}
