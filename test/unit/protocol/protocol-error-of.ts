/**
 * Test helper: runs a function that must fail with a ProtocolError and returns that error, so
 * a test can assert on its code, detail, ids and version together.
 */
import { ProtocolError } from '../../../src/errors/index.ts';

/** The ProtocolError `fn` throws; fails the test when it throws anything else or nothing. */
export function protocolErrorOf(fn: () => unknown): ProtocolError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ProtocolError) return error;
    throw new Error(`expected a ProtocolError, got ${String(error)}`);
  }
  throw new Error('expected a ProtocolError, nothing was thrown');
}

/** The parts of a ProtocolError that an Erro is built from. */
export function erroFieldsOf(error: ProtocolError): Record<string, unknown> {
  return {
    errorCode: error.errorCode,
    errorDetail: error.errorDetail,
    errorMessageType: error.errorMessageType,
    ids: error.ids,
    messageVersion: error.messageVersion,
  };
}

/** What a parser's ProtocolError says, for one whole-value assertion. */
export function errorSummary(fn: () => unknown): Record<string, unknown> {
  const error = protocolErrorOf(fn);
  return {
    errorCode: error.errorCode,
    errorDetail: error.errorDetail,
    messageType: error.errorMessageType,
    ids: error.ids,
    messageVersion: error.messageVersion,
  };
}
