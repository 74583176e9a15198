/**
 * The port split per aggregate: each adapter implements each slice in a query file of its own
 * (card-queries.ts, transaction-queries.ts, ...) and spreads them into one AcsStore, so both
 * adapters split the port the same way and a method moves between slices in one place.
 */
import type { AcsStore } from './port.ts';

/** Cards, BIN ranges and cardholder credentials. */
export type CardQueries = Pick<
  AcsStore,
  | 'seed'
  | 'findCardByPanHash'
  | 'getCard'
  | 'listCardRanges'
  | 'listCards'
  | 'createCard'
  | 'updateCard'
  | 'deleteCard'
  | 'listCredentialStates'
  | 'getCardCredentials'
  | 'setTotpSecret'
  | 'setPasswordHash'
  | 'acceptTotpStep'
>;

/** Transactions, their timelines, bank-app approvals and the console's searches. */
export type TransactionQueries = Pick<
  AcsStore,
  | 'recordAuthentication'
  | 'recordMessages'
  | 'getTransaction'
  | 'listMessages'
  | 'completeTransaction'
  | 'recordApproval'
  | 'getApproval'
  | 'listPendingApprovals'
  | 'listTransactions'
  | 'outcomeCounts'
>;

/** Challenges: opening the window, saving a step, and the timeout sweep's claim. */
export type ChallengeQueries = Pick<
  AcsStore,
  'startChallenge' | 'getChallenge' | 'saveChallenge' | 'claimOverdue'
>;

/** The SMS outbox. */
export type SmsQueries = Pick<
  AcsStore,
  'recordSms' | 'hasSms' | 'updateSmsStatusByProviderId' | 'updateSmsStatus' | 'listSms'
>;

/** RReq delivery attempts and retries. */
export type RReqQueries = Pick<
  AcsStore,
  | 'recordRReqAttempt'
  | 'listRReqAttempts'
  | 'listUndeliveredRReqs'
  | 'scheduleRReqRetry'
  | 'claimRReqRetries'
  | 'cancelRReqRetry'
>;

/** Console operators and sessions, admin API keys and rate-limit events. */
export type ConsoleQueries = Pick<
  AcsStore,
  | 'countRateEvent'
  | 'createApiKey'
  | 'useApiKey'
  | 'countApiKeys'
  | 'listApiKeys'
  | 'deleteApiKey'
  | 'createOperator'
  | 'findOperatorByUsername'
  | 'getOperator'
  | 'countOperators'
  | 'createSession'
  | 'findSession'
  | 'deleteSession'
>;

/** The store's own life: health, the start-up lock, closing. */
export type Lifecycle = Pick<AcsStore, 'ping' | 'withStartupLock' | 'close'>;
