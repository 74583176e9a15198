/**
 * Data for the store contract, shaped like what the flows store: a seeded test card, transactions
 * in every state, challenges, text messages, RReq attempts and console records. Times are ISO
 * strings counted in seconds from one fixed instant, so ordering is easy to read in a test.
 */
import type { CardRange } from '../../../../src/domain/card.ts';
import type { Challenge } from '../../../../src/domain/challenge.ts';
import type { RReqAttempt } from '../../../../src/domain/sms.ts';
import type { NewMessage, Transaction, TransactionResult } from '../../../../src/domain/transaction.ts';
import type {
  ApiKeyRecord,
  NewCard,
  OperatorRecord,
  RReqRetry,
  SealedSms,
  SessionRecord,
} from '../../../../src/store/port.ts';

const epoch = Date.parse('2026-11-25T10:00:00.000Z');

/** The ISO time `seconds` after (or before, when negative) 2026-11-25T10:00:00Z. */
export function at(seconds: number): string {
  return new Date(epoch + seconds * 1000).toISOString();
}

/** A Visa test card of the SMS challenge scenario, with a name and phone but no email. */
export const card: NewCard = {
  id: 'card-1',
  panHash: 'a'.repeat(64),
  maskedPan: '400000******1000',
  scheme: 'visa',
  scenario: 'challenge-sms',
  cardholderName: 'Vera Visa',
  phone: '+15555550100',
  email: undefined,
  fault: undefined,
  faultDelayMs: undefined,
};

/** The BIN range of `card`. */
export const visaRange: CardRange = {
  startRange: '4000000000000000',
  endRange: '4000000000009999',
  scheme: 'visa',
};

/** A complete transaction with every optional field filled, so round trips are checked. */
export const sampleTransaction: Transaction = {
  acsTransID: '11111111-1111-4111-8111-111111111111',
  threeDSServerTransID: '22222222-2222-4222-8222-222222222222',
  dsTransID: '33333333-3333-4333-8333-333333333333',
  sdkTransID: '44444444-4444-4444-8444-444444444444',
  messageVersion: '2.2.0',
  deviceChannel: '02',
  messageCategory: '01',
  cardId: 'card-1',
  maskedPan: '400000******1000',
  scheme: 'visa',
  scenario: 'challenge-sms',
  decisionCheck: 'scenario-challenge',
  fault: 'rreq-late',
  faultDelayMs: 2500,
  aresStatus: 'C',
  aresStatusReason: undefined,
  authenticationMethod: 'sms',
  state: 'final',
  result: {
    transStatus: 'Y',
    transStatusReason: undefined,
    eci: '05',
    authenticationValue: 'AQAAAAAAAAAAAAAAAAAAAAAAAAA=',
    challengeCancel: undefined,
    interactionCounter: 1,
    completedAt: '2026-11-25T10:00:05.000Z',
  },
  purchase: { amount: '12345', currency: '978', exponent: '2', merchantName: 'Shop' },
  notificationURL: 'https://merchant.test/notify?x=1',
  threeDSServerURL: 'https://server.test/rreq',
  browserLanguage: 'es-ES',
  acsEphemeralKeySealed: 'v1.sealed',
  deadlineAt: '2026-11-25T10:00:30.000Z',
  createdAt: '2026-11-25T10:00:00.000Z',
  updatedAt: '2026-11-25T10:00:05.000Z',
};

/** A successful challenge result completed at `completedAt`. */
export function authenticated(completedAt: string): TransactionResult {
  return {
    transStatus: 'Y',
    transStatusReason: undefined,
    eci: '05',
    authenticationValue: 'AAABBBCCCdddEEEfff000111222=',
    challengeCancel: undefined,
    interactionCounter: 1,
    completedAt,
  };
}

/** A browser transaction numbered `n` (its own IDs, created `n` seconds after the epoch) of `card`. */
export function transaction(n: number, overrides: Partial<Transaction> = {}): Transaction {
  const suffix = n.toString(16).padStart(12, '0');
  return {
    ...sampleTransaction,
    acsTransID: `a0000000-0000-4000-8000-${suffix}`,
    threeDSServerTransID: `b0000000-0000-4000-8000-${suffix}`,
    dsTransID: `c0000000-0000-4000-8000-${suffix}`,
    sdkTransID: undefined,
    deviceChannel: '02',
    acsEphemeralKeySealed: undefined,
    result: authenticated(at(n + 5)),
    createdAt: at(n),
    updatedAt: at(n + 5),
    ...overrides,
  };
}

/** A transaction that sent ARes C and waits for its first CReq until `deadlineAt`. */
export function awaitingCReq(
  n: number,
  deadlineAt: string,
  overrides: Partial<Transaction> = {},
): Transaction {
  return transaction(n, {
    state: 'awaiting-creq',
    result: undefined,
    deadlineAt,
    updatedAt: at(n),
    ...overrides,
  });
}

/** A decoupled transaction (ARes D) waiting for the cardholder's answer until `deadlineAt`. */
export function awaitingDecoupled(n: number, deadlineAt: string): Transaction {
  return transaction(n, {
    scenario: 'decoupled',
    decisionCheck: 'scenario-decoupled',
    aresStatus: 'D',
    authenticationMethod: undefined,
    state: 'awaiting-decoupled',
    result: undefined,
    deadlineAt,
    updatedAt: at(n),
  });
}

/** The SMS challenge `tx` opens on its first CReq, one code sent. */
export function challengeOf(tx: Transaction, overrides: Partial<Challenge> = {}): Challenge {
  return {
    acsTransID: tx.acsTransID,
    method: 'sms',
    methods: ['sms'],
    windowSize: '05',
    threeDSSessionData: 'c2Vzc2lvbi1kYXRh',
    codeHash: 'c'.repeat(64),
    codeExpiresAt: at(600),
    codesSent: 1,
    wrongAttempts: 0,
    interactionCounter: 0,
    lastTotpStep: undefined,
    startedAt: at(10),
    updatedAt: at(10),
    ...overrides,
  };
}

/** A protocol message of `tx`'s timeline; `body` adds to the message's own fields. */
export function messageOf(
  tx: Transaction,
  messageType: string,
  direction: 'in' | 'out',
  createdAt: string,
  body: Readonly<Record<string, unknown>> = {},
): NewMessage {
  return {
    acsTransID: tx.acsTransID,
    threeDSServerTransID: tx.threeDSServerTransID,
    messageType,
    direction,
    body: {
      messageType,
      messageVersion: tx.messageVersion,
      threeDSServerTransID: tx.threeDSServerTransID,
      acsTransID: tx.acsTransID,
      ...body,
    },
    createdAt,
  };
}

/** A text message numbered `n` carrying a one-time code, queued at the provider. */
export function smsOf(n: number, overrides: Partial<SealedSms> = {}): SealedSms {
  return {
    id: `sms-${n}`,
    acsTransID: undefined,
    to: '+15555550100',
    sealedBody: `v1.sealed-body-${n}`,
    status: 'queued',
    errorCode: undefined,
    providerId: `SM${n.toString().padStart(32, '0')}`,
    createdAt: at(n),
    updatedAt: at(n),
    ...overrides,
  };
}

/** Attempt `attempt` to deliver `tx`'s RReq. */
export function rreqAttemptOf(
  tx: Transaction,
  attempt: number,
  outcome: RReqAttempt['outcome'],
  seconds: number,
  overrides: Partial<RReqAttempt> = {},
): RReqAttempt {
  return {
    acsTransID: tx.acsTransID,
    attempt,
    outcome,
    httpStatus: outcome === 'delivered' ? 200 : outcome === 'http-error' ? 503 : undefined,
    detail: outcome === 'delivered' ? undefined : `${outcome} after ${attempt} attempt(s)`,
    verdict:
      outcome === 'delivered'
        ? { expected: 'RRes', received: 'RRes', deviations: [] }
        : outcome === 'invalid-rres'
          ? {
              expected: 'RRes',
              received: 'RRes',
              deviations: ['resultsStatus is missing', 'unexpected element x'],
            }
          : undefined,
    at: at(seconds),
    ...overrides,
  };
}

/** The RReq of `tx` as first sent (no PAN), for a retry. */
export function rreqOf(tx: Transaction): Readonly<Record<string, unknown>> {
  return {
    messageType: 'RReq',
    messageVersion: tx.messageVersion,
    threeDSServerTransID: tx.threeDSServerTransID,
    acsTransID: tx.acsTransID,
    dsTransID: tx.dsTransID,
    messageCategory: tx.messageCategory,
    transStatus: 'Y',
    eci: '05',
    authenticationValue: 'AAABBBCCCdddEEEfff000111222=',
    interactionCounter: '01',
    authenticationMethod: '02',
    authenticationType: '02',
  };
}

/** Retry `attempt` of `tx`'s RReq, due at `dueAt`. */
export function retryOf(tx: Transaction, attempt: number, dueAt: string): RReqRetry {
  return { acsTransID: tx.acsTransID, rreq: rreqOf(tx), attempt, dueAt };
}

/** A console operator. */
export const operator: OperatorRecord = {
  id: 'op-1',
  username: 'admin',
  passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA',
  createdAt: at(0),
};

/** A one-hour console session of `operator` started at `createdAt`. */
export function sessionOf(n: number, createdAt: string, expiresAt: string): SessionRecord {
  return {
    tokenHash: `${n}`.padStart(64, 'f'),
    operatorId: operator.id,
    csrfToken: `csrf-${n}`,
    createdAt,
    expiresAt,
  };
}

/** An admin API key numbered `n`, never used. */
export function apiKeyOf(n: number, createdAt: string): ApiKeyRecord {
  return {
    id: `key-${n}`,
    name: `ci pipeline ${n}`,
    keyHash: `${n}`.padStart(64, 'e'),
    createdAt,
    lastUsedAt: undefined,
  };
}
