/**
 * The admin API's JSON answers, one builder each, typed by the answer schema it builds, named
 * as the OpenAPI document names it (`Answer<'Card'>`, src/http/admin/admin-schemas.ts; the
 * schemas are in src/http/admin/answer-schemas.ts): a builder that leaves out a field of its
 * schema, adds one or gives it another type does not compile. An absent detail is `null`, so
 * every object of a kind has the same keys and a client can tell "unset" from "not sent". A
 * text message is built by the sandbox inbox (src/flows/sandbox/inbox.ts), since the sandbox's
 * own JSON API answers the same object: its type must fit schema SandboxMessage here, and the
 * OpenAPI conformance test (test/integration/admin-api-transactions.test.ts) holds it to no more.
 */
import type { RReqAttempt } from '../../domain/sms.ts';
import type { StoredMessage } from '../../domain/transaction.ts';
import type { CardView, TotpEnrolment } from '../../flows/admin/card-credentials.ts';
import { resultJson } from '../../flows/admin/exchange-export.ts';
import type { ApiKeyView, IssuedApiKey } from '../../flows/admin/keys.ts';
import type {
  ChallengeView,
  RReqResend,
  TransactionDetail,
  TransactionView,
} from '../../flows/admin/transactions.ts';
import { splitEncryptedSize } from '../../flows/challenge/encrypted-size.ts';
import { type InboxEntry, inboxEntryJson } from '../../flows/sandbox/inbox.ts';
import type { ReplyVerdict } from '../../protocol/rres.ts';
import type { Answer } from './admin-schemas.ts';

/** A test card (schema Card). */
export function cardJson(card: CardView): Answer<'Card'> {
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
    fault: card.fault ?? null,
    faultDelayMs: card.faultDelayMs ?? null,
    createdAt: card.createdAt,
  };
}

/** Every test card (schema CardList). */
export function cardListJson(cards: readonly CardView[]): Answer<'CardList'> {
  return { cards: cards.map(cardJson) };
}

/** A TOTP enrolment, shown once (schema TotpEnrolment). */
export function totpEnrolmentJson(enrolment: TotpEnrolment): Answer<'TotpEnrolment'> {
  return { secret: enrolment.secret, otpauthUri: enrolment.otpauthUri, qrSvg: enrolment.qrSvg };
}

/** A transaction in a search result (schema TransactionSummary). */
export function transactionSummaryJson(tx: TransactionView): Answer<'TransactionSummary'> {
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
    fault: tx.fault ?? null,
    faultDelayMs: tx.faultDelayMs ?? null,
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

/** Transactions found (schema TransactionList). */
export function transactionListJson(transactions: readonly TransactionView[]): Answer<'TransactionList'> {
  return { transactions: transactions.map(transactionSummaryJson) };
}

/** A transaction in full (schema Transaction): the summary and everything else the ACS keeps but its secrets. */
export function transactionJson(tx: TransactionView): Answer<'Transaction'> {
  const { result } = tx;
  return {
    ...transactionSummaryJson(tx),
    sdkTransID: tx.sdkTransID ?? null,
    authenticationMethod: tx.authenticationMethod ?? null,
    notificationURL: tx.notificationURL ?? null,
    threeDSServerURL: tx.threeDSServerURL ?? null,
    browserLanguage: tx.browserLanguage ?? null,
    deadlineAt: tx.deadlineAt ?? null,
    result: result === undefined ? null : resultJson(result),
  };
}

/** A challenge's progress (schema Challenge). */
export function challengeJson(challenge: ChallengeView): Answer<'Challenge'> {
  return {
    method: challenge.method,
    methods: [...challenge.methods],
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
export function timelineMessageJson(message: StoredMessage): Answer<'TimelineMessage'> {
  const { body, encryptedBytes } = splitEncryptedSize(message.body);
  return {
    id: message.id,
    messageType: message.messageType,
    direction: message.direction,
    body: body as StoredMessage['body'],
    encryptedLength: encryptedBytes ?? null,
    createdAt: message.createdAt,
  };
}

/** One RReq delivery attempt (schema RReqAttempt). */
export function rreqAttemptJson(attempt: RReqAttempt): Answer<'RReqAttempt'> {
  return {
    attempt: attempt.attempt,
    outcome: attempt.outcome,
    httpStatus: attempt.httpStatus ?? null,
    detail: attempt.detail ?? null,
    verdict: attempt.verdict === undefined ? null : replyVerdictJson(attempt.verdict),
    at: attempt.at,
  };
}

/** The check of a reply to an RReq (schema ReplyVerdict). */
export function replyVerdictJson(verdict: ReplyVerdict): Answer<'ReplyVerdict'> {
  return { expected: verdict.expected, received: verdict.received, deviations: [...verdict.deviations] };
}

/** A transaction's whole story (schema TransactionDetail). */
export function transactionDetailJson(detail: TransactionDetail): Answer<'TransactionDetail'> {
  return {
    transaction: transactionJson(detail.transaction),
    decision: { check: detail.decision.check, threeDSCompInd: detail.decision.threeDSCompInd ?? null },
    challenge: detail.challenge === undefined ? null : challengeJson(detail.challenge),
    messages: detail.messages.map(timelineMessageJson),
    rreqAttempts: detail.rreqAttempts.map(rreqAttemptJson),
  };
}

/** An RReq sent again (schema RReqResend): the RReq exactly as sent, and every attempt. */
export function rreqResendJson(resent: RReqResend): Answer<'RReqResend'> {
  const { authenticationMethod, ...rreq } = resent.rreq;
  return {
    delivered: resent.delivered,
    rreq: {
      ...rreq,
      ...(authenticationMethod === undefined ? {} : { authenticationMethod: [...authenticationMethod] }),
    },
    rreqAttempts: resent.rreqAttempts.map(rreqAttemptJson),
  };
}

/** Text messages found (schema MessageList), each as the sandbox inbox shows it (schema SandboxMessage). */
export function messageListJson(messages: readonly InboxEntry[]): Answer<'MessageList'> {
  return { messages: messages.map(inboxEntryJson) };
}

/** An API key as listed (schema ApiKey): never its hash. */
export function apiKeyJson(key: ApiKeyView): Answer<'ApiKey'> {
  return { id: key.id, name: key.name, createdAt: key.createdAt, lastUsedAt: key.lastUsedAt ?? null };
}

/** Every admin API key (schema ApiKeyList). */
export function apiKeyListJson(keys: readonly ApiKeyView[]): Answer<'ApiKeyList'> {
  return { apiKeys: keys.map(apiKeyJson) };
}

/** A new admin API key, shown once (schema IssuedApiKey). */
export function issuedApiKeyJson(issued: IssuedApiKey): Answer<'IssuedApiKey'> {
  return { id: issued.id, name: issued.name, key: issued.key };
}
