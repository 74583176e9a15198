/**
 * The error the emulator throws when the ACS breaks a rule an SDK checks. It carries the EMV
 * error code the SDK would put in the Erro it posts back (Table A.4 errorCode, with the codes
 * Stripe's ProtocolError uses: 101 invalid message, 102 version, 201 missing element,
 * 202 critical extension, 203 format, 301 transaction ID, 302 decryption) and the element at
 * fault, so a test can assert on the exact rule and build that Erro with SdkSession.erroFor.
 */

/** The errorCode values the 3DS SDK reports about a CRes (Table A.4). */
export type SdkErrorCode = '101' | '102' | '201' | '202' | '203' | '301' | '302' | '402';

/** Short descriptions per code, written for the Erro messages the emulator sends. */
export const sdkErrorDescriptions: Readonly<Record<SdkErrorCode, string>> = {
  '101': 'Message received is invalid',
  '102': 'Message version is not the one of this transaction',
  '201': 'A required data element is missing',
  '202': 'A critical message extension is not recognised',
  '203': 'A data element is not in the required format or has an invalid value',
  '301': 'Transaction ID is not the one of this transaction',
  '302': 'Data could not be decrypted or verified',
  '402': 'Transaction timed out',
};

/** A rule of the SDK side broken by what the ACS sent. */
export class SdkRuleViolation extends Error {
  override readonly name = 'SdkRuleViolation';
  readonly errorCode: SdkErrorCode;
  /** The data element (or part) at fault, as errorDetail names it. */
  readonly element: string;

  constructor(errorCode: SdkErrorCode, element: string, detail: string) {
    super(`[${errorCode} ${element}] ${detail}`);
    this.errorCode = errorCode;
    this.element = element;
  }
}
