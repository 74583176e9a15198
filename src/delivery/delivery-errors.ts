/**
 * What a failed delivery means for the cardholder. A CodeSender reports failures in Twilio's
 * error numbering (the outbox gives the same codes for Twilio's magic test numbers), plus two
 * codes of our own for failures that never reached an answer. Each Twilio code a tester can
 * provoke has a plain message with the way forward; anything else gets the generic one.
 *
 * The keys are catalogue keys of views/common/i18n.ts, spelled out here because the delivery layer
 * does not import views; the challenge window's message list (flows/challenge/screen-model.ts)
 * takes them from here and is type-checked against the catalogue, and
 * test/unit/delivery/delivery-errors.test.ts checks each has a text in every language.
 */

/** The request never got an answer (connection refused or reset, DNS, timeout). */
export const networkErrorCode = 'network';

/** The provider answered an error without a code of its own: `http-<status>`. */
export function httpErrorCode(httpStatus: number): string {
  return `http-${httpStatus}`;
}

/** Twilio error codes that have their own cardholder message (Twilio's numbering). */
export const twilioErrorCodes = {
  /** The 'To' number is not a valid phone number. */
  invalidNumber: '21211',
  /** The 'To' number cannot be reached by SMS (no route). */
  unreachable: '21612',
  /** The account may not send SMS to the 'To' number's country. */
  regionNotPermitted: '21408',
  /** The recipient opted out (replied STOP) or the number is blocked. */
  optedOut: '21610',
  /** The 'To' number is not a mobile number: it cannot receive SMS. */
  notMobile: '21614',
} as const;

/** Message keys the challenge window may show when a code could not be sent. */
export const deliveryFailureMessageKeys = [
  'deliveryFailed',
  'deliveryFailedInvalidNumber',
  'deliveryFailedUnreachable',
  'deliveryFailedRegion',
  'deliveryFailedOptedOut',
  'deliveryFailedNotMobile',
] as const;

/** One of the delivery-failure message keys. */
export type DeliveryFailureMessageKey = (typeof deliveryFailureMessageKeys)[number];

const messageByCode: ReadonlyMap<string, DeliveryFailureMessageKey> = new Map<
  string,
  DeliveryFailureMessageKey
>([
  [twilioErrorCodes.invalidNumber, 'deliveryFailedInvalidNumber'],
  [twilioErrorCodes.unreachable, 'deliveryFailedUnreachable'],
  [twilioErrorCodes.regionNotPermitted, 'deliveryFailedRegion'],
  [twilioErrorCodes.optedOut, 'deliveryFailedOptedOut'],
  [twilioErrorCodes.notMobile, 'deliveryFailedNotMobile'],
]);

/** The cardholder message for a delivery failure with this error code (generic if unknown). */
export function deliveryFailureMessage(errorCode: string): DeliveryFailureMessageKey {
  return messageByCode.get(errorCode) ?? 'deliveryFailed';
}
