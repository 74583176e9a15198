/**
 * Over 300 lines: every aggregate's row mapping, shared by both adapters (the PostgreSQL one
 * imports it so NULL handling is identical); to be split per aggregate and moved to src/store/.
 *
 * The one place where database rows (snake_case columns) become domain objects and back.
 */
import type { Card, CardRange } from '../../domain/card.ts';
import type { Challenge, ChallengeCancel, WindowSize } from '../../domain/challenge.ts';
import type { AuthenticationMethod, Scenario } from '../../domain/scenario.ts';
import type { Scheme } from '../../domain/scheme.ts';
import type { RReqAttempt, SmsStatus } from '../../domain/sms.ts';
import type { StoredMessage, Transaction, TransactionState } from '../../domain/transaction.ts';
import type { TransStatus } from '../../protocol/trans-status.ts';
import type { MessageVersion } from '../../protocol/version.ts';
import type { SealedSms } from '../port.ts';

/** A `cards` row. */
export type CardRow = {
  id: string;
  pan_hash: string;
  masked_pan: string;
  scheme: string;
  scenario: string;
  cardholder_name: string | null;
  phone: string | null;
  email: string | null;
  created_at: string;
};

/** A `transactions` row. */
export type TransactionRow = {
  acs_trans_id: string;
  three_ds_server_trans_id: string;
  ds_trans_id: string;
  sdk_trans_id: string | null;
  message_version: string;
  device_channel: string;
  message_category: string;
  card_id: string | null;
  masked_pan: string;
  scheme: string | null;
  scenario: string | null;
  decision_check: string;
  ares_status: string;
  ares_status_reason: string | null;
  authentication_method: string | null;
  state: string;
  result_status: string | null;
  result_reason: string | null;
  result_eci: string | null;
  result_authentication_value: string | null;
  result_completed_at: string | null;
  result_challenge_cancel: string | null;
  result_interaction_counter: number | null;
  purchase_amount: string | null;
  purchase_currency: string | null;
  purchase_exponent: string | null;
  merchant_name: string | null;
  notification_url: string | null;
  three_ds_server_url: string | null;
  browser_language: string | null;
  acs_ephemeral_key_sealed: string | null;
  deadline_at: string | null;
  created_at: string;
  updated_at: string;
};

/** Every column of `transactions` that recordAuthentication writes (approval columns come later). */
export const transactionColumns = [
  'acs_trans_id',
  'three_ds_server_trans_id',
  'ds_trans_id',
  'sdk_trans_id',
  'message_version',
  'device_channel',
  'message_category',
  'card_id',
  'masked_pan',
  'scheme',
  'scenario',
  'decision_check',
  'ares_status',
  'ares_status_reason',
  'authentication_method',
  'state',
  'result_status',
  'result_reason',
  'result_eci',
  'result_authentication_value',
  'result_completed_at',
  'result_challenge_cancel',
  'result_interaction_counter',
  'purchase_amount',
  'purchase_currency',
  'purchase_exponent',
  'merchant_name',
  'notification_url',
  'three_ds_server_url',
  'browser_language',
  'acs_ephemeral_key_sealed',
  'deadline_at',
  'created_at',
  'updated_at',
] as const satisfies readonly (keyof TransactionRow)[];

/** A `messages` row. */
export type MessageRow = {
  id: number;
  acs_trans_id: string | null;
  three_ds_server_trans_id: string | null;
  message_type: string;
  direction: string;
  body: string;
  created_at: string;
};

const orUndefined = <T>(value: T | null): T | undefined => (value === null ? undefined : value);

/** cards row -> Card. */
export function cardFromRow(row: CardRow): Card {
  return {
    id: row.id,
    panHash: row.pan_hash,
    maskedPan: row.masked_pan,
    scheme: row.scheme as Scheme,
    scenario: row.scenario as Scenario,
    cardholderName: orUndefined(row.cardholder_name),
    phone: orUndefined(row.phone),
    email: orUndefined(row.email),
    createdAt: row.created_at,
  };
}

/** A card_ranges row (both adapters). */
export type RangeRow = {
  start_range: string;
  end_range: string;
  scheme: string;
  three_ds_method: string | null;
};

/** card_ranges row -> CardRange. */
export function rangeFromRow(row: RangeRow): CardRange {
  const behaviour = row.three_ds_method;
  return {
    startRange: row.start_range,
    endRange: row.end_range,
    scheme: row.scheme as Scheme,
    ...(behaviour === 'late' || behaviour === 'never' ? { threeDSMethod: behaviour } : {}),
  };
}

/** transactions row -> Transaction. */
export function transactionFromRow(row: TransactionRow): Transaction {
  return {
    acsTransID: row.acs_trans_id,
    threeDSServerTransID: row.three_ds_server_trans_id,
    dsTransID: row.ds_trans_id,
    sdkTransID: orUndefined(row.sdk_trans_id),
    messageVersion: row.message_version as MessageVersion,
    deviceChannel: row.device_channel as Transaction['deviceChannel'],
    messageCategory: row.message_category as Transaction['messageCategory'],
    cardId: orUndefined(row.card_id),
    maskedPan: row.masked_pan,
    scheme: orUndefined(row.scheme) as Scheme | undefined,
    scenario: orUndefined(row.scenario) as Scenario | undefined,
    decisionCheck: row.decision_check,
    aresStatus: row.ares_status as TransStatus,
    aresStatusReason: orUndefined(row.ares_status_reason),
    authenticationMethod: orUndefined(row.authentication_method) as AuthenticationMethod | undefined,
    state: row.state as TransactionState,
    result:
      row.result_status === null
        ? undefined
        : {
            transStatus: row.result_status as TransStatus,
            transStatusReason: orUndefined(row.result_reason),
            eci: orUndefined(row.result_eci),
            authenticationValue: orUndefined(row.result_authentication_value),
            challengeCancel: orUndefined(row.result_challenge_cancel) as ChallengeCancel | undefined,
            interactionCounter: orUndefined(row.result_interaction_counter),
            completedAt: row.result_completed_at ?? row.updated_at,
          },
    purchase: {
      amount: orUndefined(row.purchase_amount),
      currency: orUndefined(row.purchase_currency),
      exponent: orUndefined(row.purchase_exponent),
      merchantName: orUndefined(row.merchant_name),
    },
    notificationURL: orUndefined(row.notification_url),
    threeDSServerURL: orUndefined(row.three_ds_server_url),
    browserLanguage: orUndefined(row.browser_language),
    acsEphemeralKeySealed: orUndefined(row.acs_ephemeral_key_sealed),
    deadlineAt: orUndefined(row.deadline_at),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Transaction -> named parameters for the transactions table. */
export function transactionToRow(tx: Transaction): TransactionRow {
  return {
    acs_trans_id: tx.acsTransID,
    three_ds_server_trans_id: tx.threeDSServerTransID,
    ds_trans_id: tx.dsTransID,
    sdk_trans_id: tx.sdkTransID ?? null,
    message_version: tx.messageVersion,
    device_channel: tx.deviceChannel,
    message_category: tx.messageCategory,
    card_id: tx.cardId ?? null,
    masked_pan: tx.maskedPan,
    scheme: tx.scheme ?? null,
    scenario: tx.scenario ?? null,
    decision_check: tx.decisionCheck,
    ares_status: tx.aresStatus,
    ares_status_reason: tx.aresStatusReason ?? null,
    authentication_method: tx.authenticationMethod ?? null,
    state: tx.state,
    result_status: tx.result?.transStatus ?? null,
    result_reason: tx.result?.transStatusReason ?? null,
    result_eci: tx.result?.eci ?? null,
    result_authentication_value: tx.result?.authenticationValue ?? null,
    result_completed_at: tx.result?.completedAt ?? null,
    result_challenge_cancel: tx.result?.challengeCancel ?? null,
    result_interaction_counter: tx.result?.interactionCounter ?? null,
    purchase_amount: tx.purchase.amount ?? null,
    purchase_currency: tx.purchase.currency ?? null,
    purchase_exponent: tx.purchase.exponent ?? null,
    merchant_name: tx.purchase.merchantName ?? null,
    notification_url: tx.notificationURL ?? null,
    three_ds_server_url: tx.threeDSServerURL ?? null,
    browser_language: tx.browserLanguage ?? null,
    acs_ephemeral_key_sealed: tx.acsEphemeralKeySealed ?? null,
    deadline_at: tx.deadlineAt ?? null,
    created_at: tx.createdAt,
    updated_at: tx.updatedAt,
  };
}

/** messages row -> StoredMessage. */
export function messageFromRow(row: MessageRow): StoredMessage {
  return {
    id: row.id,
    acsTransID: orUndefined(row.acs_trans_id),
    threeDSServerTransID: orUndefined(row.three_ds_server_trans_id),
    messageType: row.message_type,
    direction: row.direction as 'in' | 'out',
    body: JSON.parse(row.body) as Record<string, unknown>,
    createdAt: row.created_at,
  };
}

/** A `challenges` row. */
export type ChallengeRow = {
  acs_trans_id: string;
  method: string;
  methods: string;
  window_size: string;
  three_ds_session_data: string | null;
  code_hash: string | null;
  code_expires_at: string | null;
  codes_sent: number;
  wrong_attempts: number;
  interaction_counter: number;
  last_totp_step: number | null;
  started_at: string;
  updated_at: string;
};

/** challenges row -> Challenge. */
export function challengeFromRow(row: ChallengeRow): Challenge {
  return {
    acsTransID: row.acs_trans_id,
    method: row.method as Challenge['method'],
    methods: row.methods.split(',') as Challenge['methods'],
    windowSize: row.window_size as WindowSize,
    threeDSSessionData: orUndefined(row.three_ds_session_data),
    codeHash: orUndefined(row.code_hash),
    codeExpiresAt: orUndefined(row.code_expires_at),
    codesSent: row.codes_sent,
    wrongAttempts: row.wrong_attempts,
    interactionCounter: row.interaction_counter,
    lastTotpStep: orUndefined(row.last_totp_step),
    startedAt: row.started_at,
    updatedAt: row.updated_at,
  };
}

/** Challenge -> challenges row. */
export function challengeToRow(c: Challenge): ChallengeRow {
  return {
    acs_trans_id: c.acsTransID,
    method: c.method,
    methods: c.methods.join(','),
    window_size: c.windowSize,
    three_ds_session_data: c.threeDSSessionData ?? null,
    code_hash: c.codeHash ?? null,
    code_expires_at: c.codeExpiresAt ?? null,
    codes_sent: c.codesSent,
    wrong_attempts: c.wrongAttempts,
    interaction_counter: c.interactionCounter,
    last_totp_step: c.lastTotpStep ?? null,
    started_at: c.startedAt,
    updated_at: c.updatedAt,
  };
}

/** An `sms_messages` row. */
export type SmsRow = {
  id: string;
  acs_trans_id: string | null;
  to_phone: string;
  sealed_body: string;
  status: string;
  error_code: string | null;
  provider_id: string | null;
  created_at: string;
  updated_at: string;
};

/** sms_messages row -> SealedSms. */
export function smsFromRow(row: SmsRow): SealedSms {
  return {
    id: row.id,
    acsTransID: orUndefined(row.acs_trans_id),
    to: row.to_phone,
    sealedBody: row.sealed_body,
    status: row.status as SmsStatus,
    errorCode: orUndefined(row.error_code),
    providerId: orUndefined(row.provider_id),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** An `rreq_attempts` row -> RReqAttempt. */
export function rreqAttemptFromRow(row: {
  acs_trans_id: string;
  attempt: number;
  outcome: string;
  http_status: number | null;
  detail: string | null;
  at: string;
}): RReqAttempt {
  return {
    acsTransID: row.acs_trans_id,
    attempt: row.attempt,
    outcome: row.outcome as RReqAttempt['outcome'],
    httpStatus: orUndefined(row.http_status),
    detail: orUndefined(row.detail),
    at: row.at,
  };
}
