/**
 * The storage port: domain-level operations, each atomic. The flows depend on this type
 * only; src/store/sqlite/ is the embedded adapter, and a server-backed adapter can take its
 * place by passing the same contract tests (test/unit/store/store-contract.ts).
 */
import type { Card, CardRange } from '../domain/card.ts';
import type { Challenge } from '../domain/challenge.ts';
import type { RReqAttempt, SmsMessage, SmsStatus } from '../domain/sms.ts';
import type { NewMessage, StoredMessage, Transaction, TransactionResult } from '../domain/transaction.ts';

/** A card to add (the PAN already reduced to hash + mask). */
export type NewCard = Omit<Card, 'createdAt'>;

/** What a seed run added. */
export type SeedReport = Readonly<{ cardsAdded: number; rangesAdded: number }>;

/** A text message as stored: body and code sealed together by the caller (src/signing/at-rest.ts). */
export type SealedSms = Omit<SmsMessage, 'body' | 'code'> & Readonly<{ sealedBody: string }>;

/** A cardholder's stored authentication credentials (secrets sealed or hashed by the caller). */
export type CardCredentials = Readonly<{
  totpSecretSealed: string | undefined;
  totpLastStep: number | undefined;
  passwordHash: string | undefined;
}>;

/** The cardholder's answer in the (sandbox) bank app to an out-of-band or decoupled request. */
export type Approval = 'approved' | 'denied';

/** A transaction waiting for the cardholder's approval in the bank app. */
export type PendingApproval = Readonly<{ transaction: Transaction; approval: Approval | undefined }>;

/** An admin API key as stored (its hash only). */
export type ApiKeyRecord = Readonly<{
  id: string;
  name: string;
  keyHash: string;
  createdAt: string;
  lastUsedAt: string | undefined;
}>;

/** A console operator (password as an argon2id hash only). */
export type OperatorRecord = Readonly<{
  id: string;
  username: string;
  passwordHash: string;
  createdAt: string;
}>;

/** A console session (its token as a keyed hash only). */
export type SessionRecord = Readonly<{
  tokenHash: string;
  operatorId: string;
  csrfToken: string;
  createdAt: string;
  expiresAt: string;
}>;

/** Editable details of a card. */
export type CardChanges = Readonly<{
  scenario?: Card['scenario'];
  cardholderName?: string | undefined;
  phone?: string | undefined;
  email?: string | undefined;
}>;

/** Which transactions to list, newest first. */
export type TransactionFilter = Readonly<{
  /** Matches the acsTransID, threeDSServerTransID or dsTransID exactly. */
  id?: string | undefined;
  maskedPan?: string | undefined;
  scenario?: string | undefined;
  /** Only those created before this ISO time (paging). */
  before?: string | undefined;
  limit: number;
}>;

/** Outcome counts for the dashboard. */
export type OutcomeCount = Readonly<{ scenario: string; transStatus: string; count: number }>;

/** Which text messages to list, newest first. */
export type SmsFilter = Readonly<{ to?: string | undefined; acsTransID?: string | undefined; limit: number }>;

/** The ACS's storage. Every method is one atomic operation. */
export type AcsStore = {
  /** True when the database answers a trivial query. */
  ping(): boolean;
  /** Adds cards and ranges that are not already present (by PAN hash / start of range). */
  seed(cards: readonly NewCard[], ranges: readonly CardRange[], now: string): SeedReport;
  /** The card whose keyed PAN hash is `panHash`. */
  findCardByPanHash(panHash: string): Card | undefined;
  /** The card with this id. */
  getCard(id: string): Card | undefined;
  /** Every BIN range served, ordered by start. */
  listCardRanges(): readonly CardRange[];
  /** Stores a new transaction together with its first messages (AReq, ARes). */
  recordAuthentication(transaction: Transaction, messages: readonly NewMessage[]): void;
  /** Appends messages to timelines (or, with no acsTransID, to the unattached Erro log). */
  recordMessages(messages: readonly NewMessage[]): void;
  /** The transaction with this acsTransID. */
  getTransaction(acsTransID: string): Transaction | undefined;
  /** The transaction's messages, oldest first. */
  listMessages(acsTransID: string): readonly StoredMessage[];
  /**
   * Opens the challenge window: moves the transaction from `awaiting-creq` to `challenging`
   * with a new deadline and stores the challenge. False (nothing changed) if it was not
   * awaiting its first CReq.
   */
  startChallenge(challenge: Challenge, deadlineAt: string, messages: readonly NewMessage[]): boolean;
  /** The challenge of `acsTransID`. */
  getChallenge(acsTransID: string): Challenge | undefined;
  /**
   * Saves a challenge's new state, only while its transaction is still `challenging` and the
   * stored challenge is still `previous` (same counters): a concurrent post loses, never
   * overwrites. False when nothing was saved.
   */
  saveChallenge(challenge: Challenge, previous: Challenge): boolean;
  /**
   * Writes the final result once: false (nothing changed) when the transaction already has
   * one, which is how a replayed post can never produce a second result.
   */
  completeTransaction(
    acsTransID: string,
    result: TransactionResult,
    messages: readonly NewMessage[],
  ): boolean;
  /** Transactions still waiting whose deadline is at or before `now`, oldest deadline first. */
  listOverdue(now: string, limit: number): readonly Transaction[];
  /**
   * Stores a text message. False (nothing stored) when a message with the same idempotency
   * key exists already: a retried send is never recorded, nor sent, twice.
   */
  recordSms(sms: SealedSms, idempotencyKey: string): boolean;
  /** True when a message with this idempotency key was already recorded. */
  hasSms(idempotencyKey: string): boolean;
  /**
   * Moves the message the provider knows as `providerId` forward to `status` (queued, sent, then
   * a final status); false when there is no such message or the report is stale.
   */
  updateSmsStatusByProviderId(
    providerId: string,
    status: SmsStatus,
    errorCode: string | undefined,
    now: string,
  ): boolean;
  /** Updates a text message's delivery status (false when no such message). */
  updateSmsStatus(id: string, status: SmsStatus, errorCode: string | undefined, now: string): boolean;
  /** Text messages matching the filter, newest first. */
  listSms(filter: SmsFilter): readonly SealedSms[];
  /** Records one RReq delivery attempt. */
  recordRReqAttempt(attempt: RReqAttempt): void;
  /** The RReq delivery attempts of a transaction, in order. */
  listRReqAttempts(acsTransID: string): readonly RReqAttempt[];
  /** Every card, newest first. */
  listCards(): readonly Card[];
  /** The card's credentials (undefined when no such card). */
  getCardCredentials(cardId: string): CardCredentials | undefined;
  /** Stores (or replaces) the card's sealed TOTP secret, resetting its replay guard. */
  setTotpSecret(cardId: string, sealedSecret: string): boolean;
  /** Stores (or replaces) the card's password hash. */
  setPasswordHash(cardId: string, passwordHash: string): boolean;
  /**
   * Records `step` as the card's last accepted TOTP time step, only if it is later than the
   * stored one: false means the code was already used (a replay), atomically.
   */
  acceptTotpStep(cardId: string, step: number): boolean;
  /** Records the bank app's answer once, while the transaction waits for it (false otherwise). */
  recordApproval(acsTransID: string, approval: Approval, now: string): boolean;
  /** The bank app's answer for the transaction, if any. */
  getApproval(acsTransID: string): Approval | undefined;
  /** Transactions waiting in the bank app (out-of-band challenges and decoupled), oldest first. */
  listPendingApprovals(limit: number): readonly PendingApproval[];
  /** Records an event for a rate limit and returns how many of its kind and subject happened since `since` (this one included). */
  countRateEvent(kind: string, subject: string, at: string, since: string): number;
  /** Stores an admin API key (its hash). */
  createApiKey(key: ApiKeyRecord): void;
  /** The API key with this hash, marking it used at `now`. */
  useApiKey(keyHash: string, now: string): ApiKeyRecord | undefined;
  /** How many API keys exist. */
  countApiKeys(): number;
  /** Adds a card; false when a card with the same PAN hash exists. */
  createCard(card: NewCard, now: string): boolean;
  /** Changes a card's details; false when no such card. */
  updateCard(id: string, changes: CardChanges): boolean;
  /** Deletes a card (its transactions keep their masked PAN); false when no such card. */
  deleteCard(id: string): boolean;
  /** Transactions matching the filter, newest first. */
  listTransactions(filter: TransactionFilter): readonly Transaction[];
  /** How many transactions ended how, by scenario, since `since`. */
  outcomeCounts(since: string): readonly OutcomeCount[];
  /** Transactions whose RReq has not been delivered (latest attempt failed), newest first. */
  listUndeliveredRReqs(limit: number): readonly Transaction[];
  /** Every admin API key (hashes only), oldest first. */
  listApiKeys(): readonly ApiKeyRecord[];
  /** Revokes an admin API key; false when no such key. */
  deleteApiKey(id: string): boolean;
  /** Adds a console operator; false when the username is taken. */
  createOperator(operator: OperatorRecord): boolean;
  /** The operator with this username. */
  findOperatorByUsername(username: string): OperatorRecord | undefined;
  /** The operator with this id. */
  getOperator(id: string): OperatorRecord | undefined;
  /** How many operators exist. */
  countOperators(): number;
  /** Stores a new console session (and forgets expired ones). */
  createSession(session: SessionRecord): void;
  /** The unexpired session with this token hash. */
  findSession(tokenHash: string, now: string): SessionRecord | undefined;
  /** Ends a session. */
  deleteSession(tokenHash: string): void;
  /** Closes the database; further calls fail. */
  close(): void;
};
