/**
 * The transactions aggregate as both adapters store it: `transactions` rows with their result
 * and bank-app approval columns, the `messages` of their timelines, and the one mapping
 * between those rows and Transaction, StoredMessage and the port's search and count records.
 */
import type { ChallengeCancel } from '../../domain/challenge.ts';
import type { AuthenticationMethod, Scenario } from '../../domain/scenario.ts';
import type { Scheme } from '../../domain/scheme.ts';
import type {
  NewMessage,
  StoredMessage,
  Transaction,
  TransactionResult,
  TransactionState,
} from '../../domain/transaction.ts';
import type { TransStatus } from '../../protocol/trans-status.ts';
import type { MessageVersion } from '../../protocol/version.ts';
import type { Approval, OutcomeCount, PendingApproval, TransactionFilter } from '../port.ts';
import { orUndefined } from './nullable.ts';

/** A `transactions` row (without the approval columns, which only the approval queries read). */
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

/** The result columns of a `transactions` row, which completeTransaction writes once. */
export type ResultRow = Pick<
  TransactionRow,
  | 'result_status'
  | 'result_reason'
  | 'result_eci'
  | 'result_authentication_value'
  | 'result_completed_at'
  | 'result_challenge_cancel'
  | 'result_interaction_counter'
>;

/** A transactions row read with its bank-app answer (the pending approvals). */
export type PendingApprovalRow = TransactionRow & { approval: string | null };

/** The parameters of a transaction search: NULL where the filter leaves a criterion out. */
export type TransactionFilterRow = {
  id: string | null;
  masked_pan: string | null;
  scenario: string | null;
  before: string | null;
  limit: number;
};

/** One line of the outcome counts: how many transactions of a scenario ended with a status. */
export type OutcomeCountRow = { scenario: string; trans_status: string; n: number };

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

/** A transaction's result (none yet: every column NULL) -> the result columns. */
export function resultToRow(result: TransactionResult | undefined): ResultRow {
  return {
    result_status: result?.transStatus ?? null,
    result_reason: result?.transStatusReason ?? null,
    result_eci: result?.eci ?? null,
    result_authentication_value: result?.authenticationValue ?? null,
    result_completed_at: result?.completedAt ?? null,
    result_challenge_cancel: result?.challengeCancel ?? null,
    result_interaction_counter: result?.interactionCounter ?? null,
  };
}

/** Transaction -> transactions row. */
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
    ...resultToRow(tx.result),
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

/** The approval column -> the bank app's answer, if any. */
export function approvalFromRow(row: { approval: string | null } | undefined): Approval | undefined {
  return (row?.approval ?? undefined) as Approval | undefined;
}

/** transactions row with its approval -> PendingApproval. */
export function pendingApprovalFromRow(row: PendingApprovalRow): PendingApproval {
  return { transaction: transactionFromRow(row), approval: approvalFromRow(row) };
}

/** TransactionFilter -> the parameters of the search. */
export function transactionFilterToRow(filter: TransactionFilter): TransactionFilterRow {
  return {
    id: filter.id ?? null,
    masked_pan: filter.maskedPan ?? null,
    scenario: filter.scenario ?? null,
    before: filter.before ?? null,
    limit: filter.limit,
  };
}

/** An outcome count row -> OutcomeCount. */
export function outcomeCountFromRow(row: OutcomeCountRow): OutcomeCount {
  return { scenario: row.scenario, transStatus: row.trans_status, count: row.n };
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

/** A message to append -> messages row (its id is the database's). */
export function messageToRow(message: NewMessage): Omit<MessageRow, 'id'> {
  return {
    acs_trans_id: message.acsTransID ?? null,
    three_ds_server_trans_id: message.threeDSServerTransID ?? null,
    message_type: message.messageType,
    direction: message.direction,
    body: JSON.stringify(message.body),
    created_at: message.createdAt,
  };
}
