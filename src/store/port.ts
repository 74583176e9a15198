/**
 * The storage port: domain-level operations, each atomic, each asynchronous. The flows
 * depend on this type only; src/store/sqlite/ is the embedded adapter and src/store/postgres/
 * the shared one for several instances; both pass the same contract tests
 * (test/unit/store/store-contract.ts). Every compare-and-set below (startChallenge,
 * saveChallenge, completeTransaction, acceptTotpStep, recordSms, recordApproval) must hold
 * across processes, not only within one: it is decided by the database, never in memory.
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

/** Whether a card has each credential (never the credential itself). */
export type CredentialState = Readonly<{ cardId: string; totpEnrolled: boolean; passwordSet: boolean }>;

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
  fault?: Card['fault'];
  faultDelayMs?: number | undefined;
}>;

/** A waiting transaction whose deadline passed, with its challenge (none before the first CReq). */
export type OverdueTransaction = Readonly<{ transaction: Transaction; challenge: Challenge | undefined }>;

/** The next delivery attempt of a transaction's RReq. */
export type RReqRetry = Readonly<{
  acsTransID: string;
  /** The RReq exactly as first sent (JSON-safe; no PAN). */
  rreq: unknown;
  /** The number of this attempt (2 for the first retry). */
  attempt: number;
  dueAt: string;
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
  ping(): Promise<boolean>;
  /** Adds cards and ranges that are not already present (by PAN hash / start of range). */
  seed(cards: readonly NewCard[], ranges: readonly CardRange[], now: string): Promise<SeedReport>;
  /** The card whose keyed PAN hash is `panHash`. */
  findCardByPanHash(panHash: string): Promise<Card | undefined>;
  /** The card with this id. */
  getCard(id: string): Promise<Card | undefined>;
  /** Every BIN range served, ordered by start. */
  listCardRanges(): Promise<readonly CardRange[]>;
  /** Stores a new transaction together with its first messages (AReq, ARes). */
  recordAuthentication(transaction: Transaction, messages: readonly NewMessage[]): Promise<void>;
  /** Appends messages to timelines (or, with no acsTransID, to the unattached Erro log). */
  recordMessages(messages: readonly NewMessage[]): Promise<void>;
  /** The transaction with this acsTransID. */
  getTransaction(acsTransID: string): Promise<Transaction | undefined>;
  /** The transaction's messages, oldest first. */
  listMessages(acsTransID: string): Promise<readonly StoredMessage[]>;
  /**
   * Opens the challenge window: moves the transaction from `awaiting-creq` to `challenging`
   * with a new deadline and stores the challenge. False (nothing changed) if it was not
   * awaiting its first CReq.
   */
  startChallenge(challenge: Challenge, deadlineAt: string, messages: readonly NewMessage[]): Promise<boolean>;
  /** The challenge of `acsTransID`. */
  getChallenge(acsTransID: string): Promise<Challenge | undefined>;
  /**
   * Saves a challenge's new state, only while its transaction is still `challenging` and the
   * stored challenge is still `previous` (same counters): a concurrent post loses, never
   * overwrites. False when nothing was saved.
   */
  saveChallenge(challenge: Challenge, previous: Challenge): Promise<boolean>;
  /**
   * Writes the final result once: false (nothing changed) when the transaction already has
   * one, which is how a replayed post can never produce a second result.
   */
  completeTransaction(
    acsTransID: string,
    result: TransactionResult,
    messages: readonly NewMessage[],
  ): Promise<boolean>;
  /**
   * Claims up to `limit` transactions still waiting whose deadline is at or before `now`
   * (oldest deadline first), each with its challenge, as they were before the claim (their
   * original deadline): in the database their deadline moves to `leaseUntil`, so
   * an instance sweeping at the same moment skips them, and a claimer that dies leaves them to
   * be claimed again after the lease. Ending them is still a compare-and-set
   * (completeTransaction), so even two claims of one row produce one result.
   */
  claimOverdue(now: string, leaseUntil: string, limit: number): Promise<readonly OverdueTransaction[]>;
  /**
   * Stores a text message. False (nothing stored) when a message with the same idempotency
   * key exists already: a retried send is never recorded, nor sent, twice.
   */
  recordSms(sms: SealedSms, idempotencyKey: string): Promise<boolean>;
  /** True when a message with this idempotency key was already recorded. */
  hasSms(idempotencyKey: string): Promise<boolean>;
  /**
   * Moves the message the provider knows as `providerId` forward to `status` (queued, sent, then
   * a final status); false when there is no such message or the report is stale.
   */
  updateSmsStatusByProviderId(
    providerId: string,
    status: SmsStatus,
    errorCode: string | undefined,
    now: string,
  ): Promise<boolean>;
  /**
   * Updates a text message's delivery status, and records the provider's id for it when given
   * (the message is recorded before it is sent, so the id arrives later); false when no such
   * message.
   */
  updateSmsStatus(
    id: string,
    status: SmsStatus,
    errorCode: string | undefined,
    now: string,
    providerId?: string,
  ): Promise<boolean>;
  /** Text messages matching the filter, newest first. */
  listSms(filter: SmsFilter): Promise<readonly SealedSms[]>;
  /** Records one RReq delivery attempt. */
  recordRReqAttempt(attempt: RReqAttempt): Promise<void>;
  /** The RReq delivery attempts of a transaction, in order. */
  listRReqAttempts(acsTransID: string): Promise<readonly RReqAttempt[]>;
  /** Schedules the next delivery attempt of a transaction's RReq (replacing any scheduled one). */
  scheduleRReqRetry(retry: RReqRetry): Promise<void>;
  /**
   * Claims up to `limit` RReq retries due at or before `now` (earliest first), returned as they
   * were before the claim (original due time): in the database their due time moves to
   * `leaseUntil`, so exactly one instance makes each attempt (another takes over after the
   * lease if the claimer dies).
   */
  claimRReqRetries(now: string, leaseUntil: string, limit: number): Promise<readonly RReqRetry[]>;
  /** Forgets the scheduled RReq retry of a transaction (delivered, or given up). */
  cancelRReqRetry(acsTransID: string): Promise<void>;
  /** Every card, newest first. */
  listCards(): Promise<readonly Card[]>;
  /** Which cards have an authenticator app enrolled and a static password set, every card in one read. */
  listCredentialStates(): Promise<readonly CredentialState[]>;
  /** The card's credentials (undefined when no such card). */
  getCardCredentials(cardId: string): Promise<CardCredentials | undefined>;
  /** Stores (or replaces) the card's sealed TOTP secret, resetting its replay guard. */
  setTotpSecret(cardId: string, sealedSecret: string): Promise<boolean>;
  /** Stores (or replaces) the card's password hash. */
  setPasswordHash(cardId: string, passwordHash: string): Promise<boolean>;
  /**
   * Records `step` as the card's last accepted TOTP time step, only if it is later than the
   * stored one: false means the code was already used (a replay), atomically.
   */
  acceptTotpStep(cardId: string, step: number): Promise<boolean>;
  /** Records the bank app's answer once, while the transaction waits for it (false otherwise). */
  recordApproval(acsTransID: string, approval: Approval, now: string): Promise<boolean>;
  /** The bank app's answer for the transaction, if any. */
  getApproval(acsTransID: string): Promise<Approval | undefined>;
  /** Transactions waiting in the bank app (out-of-band challenges and decoupled), oldest first. */
  listPendingApprovals(limit: number): Promise<readonly PendingApproval[]>;
  /** Records an event for a rate limit and returns how many of its kind and subject happened since `since` (this one included). */
  countRateEvent(kind: string, subject: string, at: string, since: string): Promise<number>;
  /** Stores an admin API key (its hash). */
  createApiKey(key: ApiKeyRecord): Promise<void>;
  /** The API key with this hash, marking it used at `now`. */
  useApiKey(keyHash: string, now: string): Promise<ApiKeyRecord | undefined>;
  /** How many API keys exist. */
  countApiKeys(): Promise<number>;
  /** Adds a card; false when a card with the same PAN hash exists. */
  createCard(card: NewCard, now: string): Promise<boolean>;
  /** Changes a card's details; false when no such card. */
  updateCard(id: string, changes: CardChanges): Promise<boolean>;
  /** Deletes a card (its transactions keep their masked PAN); false when no such card. */
  deleteCard(id: string): Promise<boolean>;
  /** Transactions matching the filter, newest first. */
  listTransactions(filter: TransactionFilter): Promise<readonly Transaction[]>;
  /** How many transactions ended how, by scenario, since `since`. */
  outcomeCounts(since: string): Promise<readonly OutcomeCount[]>;
  /** Transactions whose RReq has not been delivered (latest attempt failed), newest first. */
  listUndeliveredRReqs(limit: number): Promise<readonly Transaction[]>;
  /** Every admin API key (hashes only), oldest first. */
  listApiKeys(): Promise<readonly ApiKeyRecord[]>;
  /** Revokes an admin API key; false when no such key. */
  deleteApiKey(id: string): Promise<boolean>;
  /** Adds a console operator; false when the username is taken. */
  createOperator(operator: OperatorRecord): Promise<boolean>;
  /** The operator with this username. */
  findOperatorByUsername(username: string): Promise<OperatorRecord | undefined>;
  /** The operator with this id. */
  getOperator(id: string): Promise<OperatorRecord | undefined>;
  /** How many operators exist. */
  countOperators(): Promise<number>;
  /** Stores a new console session (and forgets expired ones). */
  createSession(session: SessionRecord): Promise<void>;
  /** The unexpired session with this token hash. */
  findSession(tokenHash: string, now: string): Promise<SessionRecord | undefined>;
  /** Ends a session. */
  deleteSession(tokenHash: string): Promise<void>;
  /**
   * Runs `work` (start-up: seeding, the first operator and API key) while holding a lock that
   * every instance on this database shares, so two instances starting together never race.
   */
  withStartupLock<T>(work: () => Promise<T>): Promise<T>;
  /** Closes the database; further calls fail. */
  close(): Promise<void>;
};
