/**
 * Timeline messages are written by several operations (an AReq's first messages, a CReq, the
 * final CRes or RReq), always inside the operation's own transaction: one multi-row INSERT,
 * so a transaction's timeline costs one round trip however many messages it adds.
 */
import type { NewMessage } from '../../domain/transaction.ts';
import * as transactionRows from '../rows/transactions.ts';
import type { Queryable } from './in-transaction.ts';
import { columnArrays } from './unnest.ts';

/** The columns of a message sent as arrays ($1-$6; its id is the database's). */
const messageArrays = [
  'acs_trans_id',
  'three_ds_server_trans_id',
  'message_type',
  'direction',
  'body',
  'created_at',
] as const;

/** Appends `messages` in their order (ids ascend with it). */
export async function insertMessages(q: Queryable, messages: readonly NewMessage[]): Promise<void> {
  if (messages.length === 0) return;
  await q.query(
    `INSERT INTO messages (acs_trans_id, three_ds_server_trans_id, message_type, direction, body, created_at)
     SELECT a, s, t, d, b, c
     FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
       WITH ORDINALITY AS m(a, s, t, d, b, c, n)
     ORDER BY n`,
    columnArrays(messages.map(transactionRows.messageToRow), messageArrays),
  );
}
