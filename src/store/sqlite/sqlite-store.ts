/**
 * The embedded store: AcsStore over better-sqlite3. Statements are prepared once; each port
 * operation is one synchronous SQLite transaction, so it is atomic and nothing is awaited
 * inside it.
 */
import type { CardRange } from '../../domain/card.ts';
import type { NewMessage, TransactionResult } from '../../domain/transaction.ts';
import type { AcsStore, Approval, NewCard, OperatorRecord } from '../port.ts';
import { openDatabase, type SqliteDatabase } from './open.ts';
import {
  type CardRow,
  type ChallengeRow,
  cardFromRow,
  challengeFromRow,
  challengeToRow,
  type MessageRow,
  messageFromRow,
  rangeFromRow,
  rreqAttemptFromRow,
  type SmsRow,
  smsFromRow,
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

/** Opens the SQLite store at `path` (migrating it) and returns the port. */
export function createSqliteStore(path: string, options: { synchronous?: 'NORMAL' | 'FULL' } = {}): AcsStore {
  const db = openDatabase(path, options.synchronous);
  return sqliteStore(db);
}

function operatorFromRow(row: unknown): OperatorRecord | undefined {
  if (row === undefined) return undefined;
  const r = row as { id: string; username: string; password_hash: string; created_at: string };
  return { id: r.id, username: r.username, passwordHash: r.password_hash, createdAt: r.created_at };
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
    cardById: db.prepare('SELECT * FROM cards WHERE id = ?'),
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
    openChallenge: db.prepare(
      "UPDATE transactions SET state = 'challenging', deadline_at = ?, updated_at = ? WHERE acs_trans_id = ? AND state = 'awaiting-creq'",
    ),
    insertChallenge: db.prepare(
      `INSERT INTO challenges (acs_trans_id, method, methods, window_size, three_ds_session_data, code_hash, code_expires_at,
         codes_sent, wrong_attempts, interaction_counter, last_totp_step, started_at, updated_at)
       VALUES (@acs_trans_id, @method, @methods, @window_size, @three_ds_session_data, @code_hash, @code_expires_at,
         @codes_sent, @wrong_attempts, @interaction_counter, @last_totp_step, @started_at, @updated_at)`,
    ),
    challenge: db.prepare('SELECT * FROM challenges WHERE acs_trans_id = ?'),
    saveChallenge: db.prepare(
      `UPDATE challenges SET method = @method, methods = @methods, code_hash = @code_hash, code_expires_at = @code_expires_at,
         codes_sent = @codes_sent, wrong_attempts = @wrong_attempts, interaction_counter = @interaction_counter,
         last_totp_step = @last_totp_step, updated_at = @updated_at
       WHERE acs_trans_id = @acs_trans_id
         AND codes_sent = @previous_codes_sent AND interaction_counter = @previous_interaction_counter
         AND EXISTS (SELECT 1 FROM transactions t WHERE t.acs_trans_id = @acs_trans_id AND t.state = 'challenging')`,
    ),
    complete: db.prepare(
      `UPDATE transactions SET state = 'final', result_status = @status, result_reason = @reason, result_eci = @eci,
         result_authentication_value = @av, result_challenge_cancel = @cancel, result_interaction_counter = @counter,
         result_completed_at = @completed_at, deadline_at = NULL, updated_at = @completed_at
       WHERE acs_trans_id = @acs_trans_id AND state <> 'final'`,
    ),
    overdue: db.prepare(
      "SELECT * FROM transactions WHERE state <> 'final' AND deadline_at <= ? ORDER BY deadline_at LIMIT ?",
    ),
    insertSms: db.prepare(
      `INSERT OR IGNORE INTO sms_messages (id, acs_trans_id, to_phone, sealed_body, status, error_code, provider_id, created_at, updated_at, idempotency_key)
       VALUES (@id, @acs_trans_id, @to_phone, @sealed_body, @status, @error_code, @provider_id, @created_at, @updated_at, @idempotency_key)`,
    ),
    hasSms: db.prepare('SELECT 1 AS found FROM sms_messages WHERE idempotency_key = ?'),
    smsStatusByProvider: db.prepare(
      // Delivery reports can arrive out of order: a status only moves forward (queued, sent, then
      // a final delivered / undelivered / failed), so a late "sent" never undoes "delivered".
      `UPDATE sms_messages SET status = @status, error_code = @error_code, updated_at = @now
       WHERE provider_id = @provider_id
         AND (CASE status WHEN 'queued' THEN 0 WHEN 'sent' THEN 1 ELSE 2 END)
           < (CASE @status WHEN 'queued' THEN 0 WHEN 'sent' THEN 1 ELSE 2 END)`,
    ),
    listCards: db.prepare('SELECT * FROM cards ORDER BY created_at DESC, rowid DESC'),
    credentials: db.prepare(
      'SELECT totp_secret_sealed, totp_last_step, password_hash FROM cards WHERE id = ?',
    ),
    setTotp: db.prepare('UPDATE cards SET totp_secret_sealed = ?, totp_last_step = NULL WHERE id = ?'),
    setPassword: db.prepare('UPDATE cards SET password_hash = ? WHERE id = ?'),
    acceptTotpStep: db.prepare(
      'UPDATE cards SET totp_last_step = @step WHERE id = @id AND (totp_last_step IS NULL OR totp_last_step < @step)',
    ),
    recordApproval: db.prepare(
      `UPDATE transactions SET approval = ?, approval_at = ?, updated_at = ?
       WHERE acs_trans_id = ? AND approval IS NULL AND state IN ('challenging', 'awaiting-decoupled')`,
    ),
    approval: db.prepare('SELECT approval FROM transactions WHERE acs_trans_id = ?'),
    pendingApprovals: db.prepare(
      `SELECT * FROM transactions WHERE (state = 'awaiting-decoupled' OR (state = 'challenging' AND authentication_method = 'oob'))
       ORDER BY created_at LIMIT ?`,
    ),
    insertRateEvent: db.prepare('INSERT INTO rate_events (kind, subject, at) VALUES (?, ?, ?)'),
    countRateEvents: db.prepare(
      'SELECT COUNT(*) AS n FROM rate_events WHERE kind = ? AND subject = ? AND at > ?',
    ),
    pruneRateEvents: db.prepare('DELETE FROM rate_events WHERE kind = ? AND subject = ? AND at <= ?'),
    insertApiKey: db.prepare(
      'INSERT INTO api_keys (id, name, key_hash, created_at, last_used_at) VALUES (@id, @name, @key_hash, @created_at, NULL)',
    ),
    apiKeyByHash: db.prepare('SELECT * FROM api_keys WHERE key_hash = ?'),
    touchApiKey: db.prepare('UPDATE api_keys SET last_used_at = ? WHERE id = ?'),
    countApiKeys: db.prepare('SELECT COUNT(*) AS n FROM api_keys'),
    updateCard: db.prepare(
      `UPDATE cards SET scenario = COALESCE(@scenario, scenario),
         cardholder_name = CASE WHEN @set_name THEN @cardholder_name ELSE cardholder_name END,
         phone = CASE WHEN @set_phone THEN @phone ELSE phone END,
         email = CASE WHEN @set_email THEN @email ELSE email END
       WHERE id = @id`,
    ),
    deleteCard: db.prepare('DELETE FROM cards WHERE id = ?'),
    listTransactions: db.prepare(
      `SELECT * FROM transactions
       WHERE (@id IS NULL OR acs_trans_id = @id OR three_ds_server_trans_id = @id OR ds_trans_id = @id)
         AND (@masked_pan IS NULL OR masked_pan = @masked_pan)
         AND (@scenario IS NULL OR scenario = @scenario)
         AND (@before IS NULL OR created_at < @before)
       ORDER BY created_at DESC, rowid DESC LIMIT @limit`,
    ),
    outcomeCounts: db.prepare(
      `SELECT COALESCE(scenario, 'unknown-card') AS scenario, COALESCE(result_status, ares_status) AS trans_status, COUNT(*) AS n
       FROM transactions WHERE created_at >= ? GROUP BY 1, 2 ORDER BY 1, 2`,
    ),
    undeliveredRReqs: db.prepare(
      `SELECT t.* FROM transactions t
       JOIN rreq_attempts a ON a.acs_trans_id = t.acs_trans_id
         AND a.id = (SELECT MAX(id) FROM rreq_attempts WHERE acs_trans_id = t.acs_trans_id)
       WHERE a.outcome <> 'delivered'
       ORDER BY a.at DESC LIMIT ?`,
    ),
    listApiKeys: db.prepare('SELECT * FROM api_keys ORDER BY created_at, rowid'),
    deleteApiKey: db.prepare('DELETE FROM api_keys WHERE id = ?'),
    createOperator: db.prepare(
      'INSERT OR IGNORE INTO operators (id, username, password_hash, created_at) VALUES (@id, @username, @password_hash, @created_at)',
    ),
    operatorByName: db.prepare('SELECT * FROM operators WHERE username = ?'),
    operatorById: db.prepare('SELECT * FROM operators WHERE id = ?'),
    countOperators: db.prepare('SELECT COUNT(*) AS n FROM operators'),
    createSession: db.prepare(
      `INSERT INTO operator_sessions (token_hash, operator_id, csrf_token, created_at, expires_at)
       VALUES (@token_hash, @operator_id, @csrf_token, @created_at, @expires_at)`,
    ),
    pruneSessions: db.prepare('DELETE FROM operator_sessions WHERE expires_at <= ?'),
    findSession: db.prepare('SELECT * FROM operator_sessions WHERE token_hash = ? AND expires_at > ?'),
    deleteSession: db.prepare('DELETE FROM operator_sessions WHERE token_hash = ?'),
    smsStatus: db.prepare('UPDATE sms_messages SET status = ?, error_code = ?, updated_at = ? WHERE id = ?'),
    listSms: db.prepare(
      `SELECT * FROM sms_messages WHERE (@to IS NULL OR to_phone = @to) AND (@acs_trans_id IS NULL OR acs_trans_id = @acs_trans_id)
       ORDER BY created_at DESC, rowid DESC LIMIT @limit`,
    ),
    insertRReqAttempt: db.prepare(
      'INSERT INTO rreq_attempts (acs_trans_id, attempt, outcome, http_status, detail, at) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    rreqAttempts: db.prepare('SELECT * FROM rreq_attempts WHERE acs_trans_id = ? ORDER BY id'),
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

  /** Inserts a card unless its PAN hash is known; 1 when inserted, 0 otherwise. */
  const insertCard = (card: NewCard, now: string): number => {
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
    return statements.insertCard.run(row).changes;
  };

  const seed = db.transaction((cards: readonly NewCard[], ranges: readonly CardRange[], now: string) => {
    let cardsAdded = 0;
    let rangesAdded = 0;
    for (const card of cards) cardsAdded += insertCard(card, now);
    for (const range of ranges) {
      rangesAdded += statements.insertRange.run({
        start_range: range.startRange,
        end_range: range.endRange,
        scheme: range.scheme,
      }).changes;
    }
    return { cardsAdded, rangesAdded };
  });

  const recordAuthentication = db.transaction((row: TransactionRow, messages: readonly NewMessage[]) => {
    statements.insertTransaction.run(row);
    insertMessages(messages);
  });

  const startChallenge = db.transaction(
    (row: ChallengeRow, deadlineAt: string, messages: readonly NewMessage[]) => {
      if (statements.openChallenge.run(deadlineAt, row.started_at, row.acs_trans_id).changes !== 1)
        return false;
      statements.insertChallenge.run(row);
      insertMessages(messages);
      return true;
    },
  );

  const complete = db.transaction(
    (acsTransID: string, result: TransactionResult, messages: readonly NewMessage[]) => {
      const changed = statements.complete.run({
        acs_trans_id: acsTransID,
        status: result.transStatus,
        reason: result.transStatusReason ?? null,
        eci: result.eci ?? null,
        av: result.authenticationValue ?? null,
        cancel: result.challengeCancel ?? null,
        counter: result.interactionCounter ?? null,
        completed_at: result.completedAt,
      }).changes;
      if (changed !== 1) return false;
      insertMessages(messages);
      return true;
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
    startChallenge: (challenge, deadlineAt, messages) =>
      startChallenge(challengeToRow(challenge), deadlineAt, messages),
    getChallenge(acsTransID) {
      const row = statements.challenge.get(acsTransID) as ChallengeRow | undefined;
      return row === undefined ? undefined : challengeFromRow(row);
    },
    saveChallenge: (challenge, previous) =>
      statements.saveChallenge.run({
        ...challengeToRow(challenge),
        previous_codes_sent: previous.codesSent,
        previous_interaction_counter: previous.interactionCounter,
      }).changes === 1,
    getCard(id) {
      const row = statements.cardById.get(id) as CardRow | undefined;
      return row === undefined ? undefined : cardFromRow(row);
    },
    completeTransaction: (acsTransID, result, messages) => complete(acsTransID, result, messages),
    listOverdue(now, limit) {
      return (statements.overdue.all(now, limit) as TransactionRow[]).map(transactionFromRow);
    },
    recordSms(sms, idempotencyKey) {
      return (
        statements.insertSms.run({
          idempotency_key: idempotencyKey,
          id: sms.id,
          acs_trans_id: sms.acsTransID ?? null,
          to_phone: sms.to,
          sealed_body: sms.sealedBody,
          status: sms.status,
          error_code: sms.errorCode ?? null,
          provider_id: sms.providerId ?? null,
          created_at: sms.createdAt,
          updated_at: sms.updatedAt,
        }).changes === 1
      );
    },
    hasSms: (idempotencyKey) => statements.hasSms.get(idempotencyKey) !== undefined,
    updateSmsStatusByProviderId: (providerId, status, errorCode, now) =>
      statements.smsStatusByProvider.run({
        status,
        error_code: errorCode ?? null,
        now,
        provider_id: providerId,
      }).changes > 0,
    listCards: () => (statements.listCards.all() as CardRow[]).map(cardFromRow),
    getCardCredentials(cardId) {
      const row = statements.credentials.get(cardId) as
        | { totp_secret_sealed: string | null; totp_last_step: number | null; password_hash: string | null }
        | undefined;
      if (row === undefined) return undefined;
      return {
        totpSecretSealed: row.totp_secret_sealed ?? undefined,
        totpLastStep: row.totp_last_step ?? undefined,
        passwordHash: row.password_hash ?? undefined,
      };
    },
    setTotpSecret: (cardId, sealed) => statements.setTotp.run(sealed, cardId).changes === 1,
    setPasswordHash: (cardId, hash) => statements.setPassword.run(hash, cardId).changes === 1,
    acceptTotpStep: (cardId, step) => statements.acceptTotpStep.run({ id: cardId, step }).changes === 1,
    recordApproval: (acsTransID, approval, now) =>
      statements.recordApproval.run(approval, now, now, acsTransID).changes === 1,
    getApproval(acsTransID) {
      const row = statements.approval.get(acsTransID) as { approval: string | null } | undefined;
      return (row?.approval ?? undefined) as Approval | undefined;
    },
    listPendingApprovals(limit) {
      return (statements.pendingApprovals.all(limit) as (TransactionRow & { approval: string | null })[]).map(
        (row) => ({
          transaction: transactionFromRow(row),
          approval: (row.approval ?? undefined) as Approval | undefined,
        }),
      );
    },
    countRateEvent: db.transaction((kind: string, subject: string, at: string, since: string) => {
      statements.pruneRateEvents.run(kind, subject, since);
      statements.insertRateEvent.run(kind, subject, at);
      return (statements.countRateEvents.get(kind, subject, since) as { n: number }).n;
    }),
    createApiKey(key) {
      statements.insertApiKey.run({
        id: key.id,
        name: key.name,
        key_hash: key.keyHash,
        created_at: key.createdAt,
      });
    },
    useApiKey(keyHash, now) {
      const row = statements.apiKeyByHash.get(keyHash) as
        | { id: string; name: string; key_hash: string; created_at: string; last_used_at: string | null }
        | undefined;
      if (row === undefined) return undefined;
      statements.touchApiKey.run(now, row.id);
      return {
        id: row.id,
        name: row.name,
        keyHash: row.key_hash,
        createdAt: row.created_at,
        lastUsedAt: now,
      };
    },
    countApiKeys: () => (statements.countApiKeys.get() as { n: number }).n,
    createCard: (card, now) => insertCard(card, now) === 1,
    updateCard(id, changes) {
      return (
        statements.updateCard.run({
          id,
          scenario: changes.scenario ?? null,
          set_name: 'cardholderName' in changes ? 1 : 0,
          cardholder_name: changes.cardholderName ?? null,
          set_phone: 'phone' in changes ? 1 : 0,
          phone: changes.phone ?? null,
          set_email: 'email' in changes ? 1 : 0,
          email: changes.email ?? null,
        }).changes === 1
      );
    },
    deleteCard: (id) => statements.deleteCard.run(id).changes === 1,
    listTransactions(filter) {
      const rows = statements.listTransactions.all({
        id: filter.id ?? null,
        masked_pan: filter.maskedPan ?? null,
        scenario: filter.scenario ?? null,
        before: filter.before ?? null,
        limit: filter.limit,
      }) as TransactionRow[];
      return rows.map(transactionFromRow);
    },
    outcomeCounts(since) {
      return (
        statements.outcomeCounts.all(since) as { scenario: string; trans_status: string; n: number }[]
      ).map((row) => ({
        scenario: row.scenario,
        transStatus: row.trans_status,
        count: row.n,
      }));
    },
    listUndeliveredRReqs: (limit) =>
      (statements.undeliveredRReqs.all(limit) as TransactionRow[]).map(transactionFromRow),
    listApiKeys() {
      return (
        statements.listApiKeys.all() as {
          id: string;
          name: string;
          key_hash: string;
          created_at: string;
          last_used_at: string | null;
        }[]
      ).map((row) => ({
        id: row.id,
        name: row.name,
        keyHash: row.key_hash,
        createdAt: row.created_at,
        lastUsedAt: row.last_used_at ?? undefined,
      }));
    },
    deleteApiKey: (id) => statements.deleteApiKey.run(id).changes === 1,
    createOperator: (o) =>
      statements.createOperator.run({
        id: o.id,
        username: o.username,
        password_hash: o.passwordHash,
        created_at: o.createdAt,
      }).changes === 1,
    findOperatorByUsername: (username) => operatorFromRow(statements.operatorByName.get(username)),
    getOperator: (id) => operatorFromRow(statements.operatorById.get(id)),
    countOperators: () => (statements.countOperators.get() as { n: number }).n,
    createSession(session) {
      statements.pruneSessions.run(session.createdAt);
      statements.createSession.run({
        token_hash: session.tokenHash,
        operator_id: session.operatorId,
        csrf_token: session.csrfToken,
        created_at: session.createdAt,
        expires_at: session.expiresAt,
      });
    },
    findSession(tokenHash, now) {
      const row = statements.findSession.get(tokenHash, now) as
        | {
            token_hash: string;
            operator_id: string;
            csrf_token: string;
            created_at: string;
            expires_at: string;
          }
        | undefined;
      return row === undefined
        ? undefined
        : {
            tokenHash: row.token_hash,
            operatorId: row.operator_id,
            csrfToken: row.csrf_token,
            createdAt: row.created_at,
            expiresAt: row.expires_at,
          };
    },
    deleteSession: (tokenHash) => {
      statements.deleteSession.run(tokenHash);
    },
    updateSmsStatus: (id, status, errorCode, now) =>
      statements.smsStatus.run(status, errorCode ?? null, now, id).changes === 1,
    listSms(filter) {
      const rows = statements.listSms.all({
        to: filter.to ?? null,
        acs_trans_id: filter.acsTransID ?? null,
        limit: filter.limit,
      }) as SmsRow[];
      return rows.map(smsFromRow);
    },
    recordRReqAttempt(a) {
      statements.insertRReqAttempt.run(
        a.acsTransID,
        a.attempt,
        a.outcome,
        a.httpStatus ?? null,
        a.detail ?? null,
        a.at,
      );
    },
    listRReqAttempts(acsTransID) {
      return (statements.rreqAttempts.all(acsTransID) as Parameters<typeof rreqAttemptFromRow>[0][]).map(
        rreqAttemptFromRow,
      );
    },
    close() {
      if (db.open) db.close();
    },
  };
}
