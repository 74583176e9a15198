/**
 * The embedded store: AcsStore over better-sqlite3. Statements are prepared once; each port
 * operation is one synchronous SQLite transaction, so it is atomic and nothing is awaited
 * inside it.
 */
import type { CardRange } from '../../domain/card.ts';
import type { NewMessage } from '../../domain/transaction.ts';
import type { AcsStore, NewCard } from '../port.ts';
import { openDatabase, type SqliteDatabase } from './open.ts';
import {
  type CardRow,
  cardFromRow,
  type MessageRow,
  messageFromRow,
  rangeFromRow,
  type TransactionRow,
  transactionFromRow,
  transactionToRow,
} from './rows.ts';

const transactionColumns = [
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

/** Opens the SQLite store at `path` (migrating it) and returns the port. */
export function createSqliteStore(path: string, options: { synchronous?: 'NORMAL' | 'FULL' } = {}): AcsStore {
  const db = openDatabase(path, options.synchronous);
  return sqliteStore(db);
}

function sqliteStore(db: SqliteDatabase): AcsStore {
  const statements = {
    ping: db.prepare('SELECT 1 AS ok'),
    insertCard: db.prepare(
      `INSERT OR IGNORE INTO cards (id, pan_hash, masked_pan, scheme, scenario, cardholder_name, phone, email, created_at)
       VALUES (@id, @pan_hash, @masked_pan, @scheme, @scenario, @cardholder_name, @phone, @email, @created_at)`,
    ),
    insertRange: db.prepare(
      'INSERT OR IGNORE INTO card_ranges (start_range, end_range, scheme) VALUES (@start_range, @end_range, @scheme)',
    ),
    cardByHash: db.prepare('SELECT * FROM cards WHERE pan_hash = ?'),
    ranges: db.prepare('SELECT * FROM card_ranges ORDER BY start_range'),
    insertTransaction: db.prepare(
      `INSERT INTO transactions (${transactionColumns.join(', ')}) VALUES (${transactionColumns.map((c) => `@${c}`).join(', ')})`,
    ),
    transaction: db.prepare('SELECT * FROM transactions WHERE acs_trans_id = ?'),
    insertMessage: db.prepare(
      `INSERT INTO messages (acs_trans_id, three_ds_server_trans_id, message_type, direction, body, created_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
    ),
    messages: db.prepare('SELECT * FROM messages WHERE acs_trans_id = ? ORDER BY id'),
  };

  const insertMessages = (messages: readonly NewMessage[]) => {
    for (const m of messages) {
      statements.insertMessage.run(
        m.acsTransID ?? null,
        m.threeDSServerTransID ?? null,
        m.messageType,
        m.direction,
        JSON.stringify(m.body),
        m.createdAt,
      );
    }
  };

  const seed = db.transaction((cards: readonly NewCard[], ranges: readonly CardRange[], now: string) => {
    let cardsAdded = 0;
    let rangesAdded = 0;
    for (const card of cards) {
      const row: CardRow = {
        id: card.id,
        pan_hash: card.panHash,
        masked_pan: card.maskedPan,
        scheme: card.scheme,
        scenario: card.scenario,
        cardholder_name: card.cardholderName ?? null,
        phone: card.phone ?? null,
        email: card.email ?? null,
        created_at: now,
      };
      cardsAdded += statements.insertCard.run(row).changes;
    }
    for (const range of ranges) {
      rangesAdded += statements.insertRange.run({
        start_range: range.startRange,
        end_range: range.endRange,
        scheme: range.scheme,
      }).changes;
    }
    return { cardsAdded, rangesAdded };
  });

  const recordAuthentication = db.transaction(
    (row: TransactionRow, messages: readonly NewMessage[]) => {
      statements.insertTransaction.run(row);
      insertMessages(messages);
    },
  );

  return {
    ping() {
      try {
        return (statements.ping.get() as { ok: number } | undefined)?.ok === 1;
      } catch {
        return false;
      }
    },
    seed: (cards, ranges, now) => seed(cards, ranges, now),
    findCardByPanHash(panHash) {
      const row = statements.cardByHash.get(panHash) as CardRow | undefined;
      return row === undefined ? undefined : cardFromRow(row);
    },
    listCardRanges() {
      return (statements.ranges.all() as { start_range: string; end_range: string; scheme: string }[]).map(
        rangeFromRow,
      );
    },
    recordAuthentication(transaction, messages) {
      recordAuthentication(transactionToRow(transaction), messages);
    },
    recordMessages: db.transaction((messages: readonly NewMessage[]) => insertMessages(messages)),
    getTransaction(acsTransID) {
      const row = statements.transaction.get(acsTransID) as TransactionRow | undefined;
      return row === undefined ? undefined : transactionFromRow(row);
    },
    listMessages(acsTransID) {
      return (statements.messages.all(acsTransID) as MessageRow[]).map(messageFromRow);
    },
    close() {
      if (db.open) db.close();
    },
  };
}
