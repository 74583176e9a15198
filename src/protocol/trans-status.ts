/**
 * transStatus and transStatusReason values (EMV 3DS 2.2.0 Table A.1, ARes/RReq/CRes).
 */

/** Every transStatus value of 2.x: Y authenticated, N not authenticated, U could not be performed,
 *  A attempts, C challenge required, D decoupled challenge, R rejected, I informational only. */
export const transStatuses = ['Y', 'N', 'U', 'A', 'C', 'D', 'R', 'I'] as const;

/** One transStatus value. */
export type TransStatus = (typeof transStatuses)[number];

/** Final statuses that may appear in an RReq / final CRes after a challenge. */
export type ChallengeOutcomeStatus = 'Y' | 'N' | 'U' | 'A' | 'R';

/** transStatusReason codes this ACS emits, by meaning. */
export const transStatusReasons = {
  cardAuthenticationFailed: '01',
  unknownDevice: '02',
  unsupportedDevice: '03',
  exceedsAuthenticationFrequencyLimit: '04',
  expiredCard: '05',
  invalidCardNumber: '06',
  invalidTransaction: '07',
  noCardRecord: '08',
  securityFailure: '09',
  stolenCard: '10',
  suspectedFraud: '11',
  transactionNotPermittedToCardholder: '12',
  cardholderNotEnrolled: '13',
  transactionTimedOutAtAcs: '14',
  lowConfidence: '15',
  mediumConfidence: '16',
  highConfidence: '17',
  veryHighConfidence: '18',
  exceedsAcsMaximumChallenges: '19',
  nonPaymentNotSupported: '20',
  threeRiNotSupported: '21',
  acsTechnicalIssue: '22',
  /** 2.2.0+: the requestor's threeDSRequestorDecMaxTime passed before the cardholder answered. */
  decoupledMaxExpiryTimeExceeded: '24',
} as const;

/** One transStatusReason code. */
export type TransStatusReason = (typeof transStatusReasons)[keyof typeof transStatusReasons];
