/**
 * Timeline messages are written by several operations (an AReq's first messages, a CReq, the
 * final CRes or RReq), always inside the operation's own write: one prepared INSERT, run once
 * per message, in order.
 */
import type { NewMessage } from '../../domain/transaction.ts';
import * as transactionRows from '../rows/transactions.ts';
import type { SqliteDatabase } from './open.ts';

/** Appends messages in their order (ids ascend with it); call it inside a write. */
export type MessageWriter = (messages: readonly NewMessage[]) => void;

/** A message writer on `db`. */
export function messageWriter(db: SqliteDatabase): MessageWriter {
  const insert = db.prepare(
    `INSERT INTO messages (acs_trans_id, three_ds_server_trans_id, message_type, direction, body, created_at)
     VALUES (@acs_trans_id, @three_ds_server_trans_id, @message_type, @direction, @body, @created_at)`,
  );
  return (messages) => {
    for (const message of messages) insert.run(transactionRows.messageToRow(message));
  };
}
