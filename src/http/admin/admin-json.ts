/**
 * The admin API's JSON shapes, one function each, matching the schemas of the OpenAPI document
 * (src/http/admin/openapi.ts). An absent detail is `null`, so every object of a kind has the
 * same keys and a client can tell "unset" from "not sent".
 */
import type { RReqAttempt } from '../../domain/sms.ts';
import type { StoredMessage } from '../../domain/transaction.ts';
import type { CardView } from '../../flows/admin/card-credentials.ts';
import type { ApiKeyView } from '../../flows/admin/keys.ts';
import type { ChallengeView, TransactionView } from '../../flows/admin/transactions.ts';
import type { InboxEntry } from '../../flows/sandbox/inbox.ts';

/** A test card (schema Card). */
export function cardJson(card: CardView) {
  return {
    id: card.id,
    maskedPan: card.maskedPan,
    scheme: card.scheme,
    scenario: card.scenario,
    cardholderName: card.cardholderName ?? null,
    phone: card.phone ?? null,
    email: card.email ?? null,
    totpEnrolled: card.totpEnrolled,
    passwordSet: card.passwordSet,
    createdAt: card.createdAt,
  };
}

/** A transaction in a search result (schema TransactionSummary). */
export function transactionSummaryJson(tx: TransactionView) {
  return {
    acsTransID: tx.acsTransID,
    threeDSServerTransID: tx.threeDSServerTransID,
    dsTransID: tx.dsTransID,
    messageVersion: tx.messageVersion,
    deviceChannel: tx.deviceChannel,
    messageCategory: tx.messageCategory,
    cardId: tx.cardId ?? null,
    maskedPan: tx.maskedPan,
    scheme: tx.scheme ?? null,
    scenario: tx.scenario ?? null,
    decisionCheck: tx.decisionCheck,
    aresStatus: tx.aresStatus,
    aresStatusReason: tx.aresStatusReason ?? null,
    state: tx.state,
    transStatus: tx.result?.transStatus ?? null,
    transStatusReason: tx.result?.transStatusReason ?? null,
    purchase: {
      amount: tx.purchase.amount ?? null,
      currency: tx.purchase.currency ?? null,
      exponent: tx.purchase.exponent ?? null,
      merchantName: tx.purchase.merchantName ?? null,
    },
    createdAt: tx.createdAt,
    updatedAt: tx.updatedAt,
  };
}

/** A transaction in full (schema Transaction): the summary and everything else the ACS keeps but its secrets. */
export function transactionJson(tx: TransactionView) {
  const { result } = tx;
  return {
    ...transactionSummaryJson(tx),
    sdkTransID: tx.sdkTransID ?? null,
    authenticationMethod: tx.authenticationMethod ?? null,
    notificationURL: tx.notificationURL ?? null,
    threeDSServerURL: tx.threeDSServerURL ?? null,
    browserLanguage: tx.browserLanguage ?? null,
    deadlineAt: tx.deadlineAt ?? null,
    result:
      result === undefined
        ? null
        : {
            transStatus: result.transStatus,
            transStatusReason: result.transStatusReason ?? null,
            eci: result.eci ?? null,
            authenticationValue: result.authenticationValue ?? null,
            challengeCancel: result.challengeCancel ?? null,
            interactionCounter: result.interactionCounter ?? null,
            completedAt: result.completedAt,
          },
  };
}

/** A challenge's progress (schema Challenge). */
export function challengeJson(challenge: ChallengeView) {
  return {
    method: challenge.method,
    methods: challenge.methods,
    windowSize: challenge.windowSize,
    codesSent: challenge.codesSent,
    wrongAttempts: challenge.wrongAttempts,
    interactionCounter: challenge.interactionCounter,
    codeExpiresAt: challenge.codeExpiresAt ?? null,
    startedAt: challenge.startedAt,
    updatedAt: challenge.updatedAt,
  };
}

/** One message of a transaction's timeline (schema TimelineMessage). */
export function timelineMessageJson(message: StoredMessage) {
  return {
    id: message.id,
    messageType: message.messageType,
    direction: message.direction,
    body: message.body,
    createdAt: message.createdAt,
  };
}

/** One RReq delivery attempt (schema RReqAttempt). */
export function rreqAttemptJson(attempt: RReqAttempt) {
  return {
    attempt: attempt.attempt,
    outcome: attempt.outcome,
    httpStatus: attempt.httpStatus ?? null,
    detail: attempt.detail ?? null,
    at: attempt.at,
  };
}

/** A text message from the sandbox outbox (schema SandboxMessage). */
export function sandboxMessageJson(message: InboxEntry) {
  return {
    id: message.id,
    to: message.to,
    body: message.body,
    code: message.code ?? null,
    acsTransID: message.acsTransID ?? null,
    status: message.status,
    errorCode: message.errorCode ?? null,
    createdAt: message.createdAt,
  };
}

/** An API key as listed (schema ApiKey): never its hash. */
export function apiKeyJson(key: ApiKeyView) {
  return { id: key.id, name: key.name, createdAt: key.createdAt, lastUsedAt: key.lastUsedAt ?? null };
}
