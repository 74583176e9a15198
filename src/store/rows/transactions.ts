/**
 * The transactions aggregate as both adapters store it: `transactions` rows with their result
 * and bank-app approval columns, the `messages` of their timelines, and the one mapping
 * between those rows and Transaction, StoredMessage and the port's search and count records.
 */
import type {
  NewMessage,
  Purchase,
  StoredMessage,
  Transaction,
  TransactionResult,
} from '../../domain/transaction.ts';
import type { Approval, OutcomeCount, PendingApproval, TransactionFilter } from '../port.ts';
import { columnTable, type TableRow } from './columns.ts';

/**
 * Transaction in `transactions`, but for its result and purchase (below) and the approval
 * columns, which only the approval queries read.
 */
const transactionTable = columnTable<Omit<Transaction, 'result' | 'purchase'>>()({
  acsTransID: 'acs_trans_id',
  threeDSServerTransID: 'three_ds_server_trans_id',
  dsTransID: 'ds_trans_id',
  sdkTransID: 'sdk_trans_id',
  messageVersion: 'message_version',
  deviceChannel: 'device_channel',
  messageCategory: 'message_category',
  cardId: 'card_id',
  maskedPan: 'masked_pan',
  scheme: 'scheme',
  scenario: 'scenario',
  decisionCheck: 'decision_check',
  fault: 'fault',
  faultDelayMs: 'fault_delay_ms',
  aresStatus: 'ares_status',
  aresStatusReason: 'ares_status_reason',
  authenticationMethod: 'authentication_method',
  state: 'state',
  notificationURL: 'notification_url',
  threeDSServerURL: 'three_ds_server_url',
  browserLanguage: 'browser_language',
  acsEphemeralKeySealed: 'acs_ephemeral_key_sealed',
  deadlineAt: 'deadline_at',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
});

/** A transaction's result in its `result_` columns, all NULL until there is one. */
const resultTable = columnTable<TransactionResult>()({
  transStatus: 'result_status',
  transStatusReason: 'result_reason',
  eci: 'result_eci',
  authenticationValue: 'result_authentication_value',
  challengeCancel: 'result_challenge_cancel',
  interactionCounter: 'result_interaction_counter',
  completedAt: 'result_completed_at',
});

/** A transaction's purchase in its purchase columns. */
const purchaseTable = columnTable<Purchase>()({
  amount: 'purchase_amount',
  currency: 'purchase_currency',
  exponent: 'purchase_exponent',
  merchantName: 'merchant_name',
});

/** A StoredMessage in `messages`, but for its id (the database's) and its body (JSON). */
const messageTable = columnTable<Omit<NewMessage, 'body'>>()({
  acsTransID: 'acs_trans_id',
  threeDSServerTransID: 'three_ds_server_trans_id',
  messageType: 'message_type',
  direction: 'direction',
  createdAt: 'created_at',
});

/** A transaction search's criteria as parameters: NULL where the filter leaves one out. */
const filterTable = columnTable<TransactionFilter>()({
  id: 'id',
  maskedPan: 'masked_pan',
  scenario: 'scenario',
  before: 'before',
  limit: 'limit',
});

/** The result columns of a `transactions` row, which completeTransaction writes once. */
export type ResultRow = {
  [Column in keyof TableRow<typeof resultTable>]: TableRow<typeof resultTable>[Column] | null;
};

/** A `transactions` row (without the approval columns). */
export type TransactionRow = TableRow<typeof transactionTable> & ResultRow & TableRow<typeof purchaseTable>;

/** Every column of `transactions` that recordAuthentication writes (approval columns come later). */
export const transactionColumns: readonly (keyof TransactionRow)[] = [
  ...transactionTable.columns,
  ...resultTable.columns,
  ...purchaseTable.columns,
];

/** A transactions row read with its bank-app answer (the pending approvals). */
export type PendingApprovalRow = TransactionRow & { approval: string | null };

/** The parameters of a transaction search. */
export type TransactionFilterRow = TableRow<typeof filterTable>;

/** One line of the outcome counts: how many transactions of a scenario ended with a status. */
export type OutcomeCountRow = { scenario: string; trans_status: string; n: number };

/** A `messages` row. */
export type MessageRow = TableRow<typeof messageTable> & { id: number; body: string };

/** transactions row -> Transaction. */
export function transactionFromRow(row: TransactionRow): Transaction {
  return {
    ...transactionTable.fromRow(row),
    result: resultFromRow(row),
    purchase: purchaseTable.fromRow(row),
  };
}

/** The result columns (NULL status: no result yet) -> the transaction's result. */
function resultFromRow(row: TransactionRow): TransactionResult | undefined {
  if (row.result_status === null) return undefined;
  return resultTable.fromRow({
    ...row,
    result_status: row.result_status,
    result_completed_at: row.result_completed_at ?? row.updated_at,
  });
}

/** A transaction's result (none yet: every column NULL) -> the result columns. */
export function resultToRow(result: TransactionResult | undefined): ResultRow {
  if (result !== undefined) return resultTable.toRow(result);
  return Object.fromEntries(resultTable.columns.map((column) => [column, null])) as ResultRow;
}

/** Transaction -> transactions row. */
export function transactionToRow(tx: Transaction): TransactionRow {
  return {
    ...transactionTable.toRow(tx),
    ...resultToRow(tx.result),
    ...purchaseTable.toRow(tx.purchase),
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
export const transactionFilterToRow = filterTable.toRow;

/** An outcome count row -> OutcomeCount. */
export function outcomeCountFromRow(row: OutcomeCountRow): OutcomeCount {
  return { scenario: row.scenario, transStatus: row.trans_status, count: row.n };
}

/** messages row -> StoredMessage. */
export function messageFromRow(row: MessageRow): StoredMessage {
  return { ...messageTable.fromRow(row), id: row.id, body: JSON.parse(row.body) as Record<string, unknown> };
}

/** A message to append -> messages row (its id is the database's). */
export function messageToRow(message: NewMessage): Omit<MessageRow, 'id'> {
  return { ...messageTable.toRow(message), body: JSON.stringify(message.body) };
}
