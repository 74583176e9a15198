/**
 * Numbered PostgreSQL schema migrations, applied in order at start (under an advisory lock,
 * see open.ts), each in one transaction, recorded in `schema_migrations` (see
 * ../migration.ts). Never edit a migration that has shipped: add the next one. Numbered on
 * their own, not after SQLite's.
 *
 * The schema is the SQLite adapter's (src/store/sqlite/migrations.ts) as of its version 5,
 * with these deliberate choices:
 * - times are TEXT holding the domain's ISO-8601 strings, so they read back exactly as
 *   written, and COLLATE "C" so they compare and sort byte by byte as in SQLite, whatever
 *   the database's default collation (ISO strings then sort in time order);
 * - message bodies and RReqs are TEXT holding JSON, so the timeline shows a message exactly
 *   as it was stored (JSONB would reorder its keys);
 * - `seq` identity columns stand in for SQLite's rowid where "newest first" needs insertion
 *   order to break ties;
 * - the start-up lock is an advisory lock, so SQLite's `startup_lock` table has no twin.
 */
import type { Migration } from '../migration.ts';

/** Every migration, oldest first. */
export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'cards, transactions, messages, challenges, SMS, RReq attempts and retries, console',
    sql: `
      CREATE TABLE cards (
        id TEXT PRIMARY KEY,
        pan_hash TEXT NOT NULL UNIQUE,
        masked_pan TEXT NOT NULL,
        scheme TEXT NOT NULL,
        scenario TEXT NOT NULL,
        cardholder_name TEXT,
        phone TEXT,
        email TEXT,
        totp_secret_sealed TEXT,
        totp_last_step INTEGER,
        password_hash TEXT,
        created_at TEXT COLLATE "C" NOT NULL,
        seq BIGINT GENERATED ALWAYS AS IDENTITY
      );

      CREATE TABLE card_ranges (
        start_range TEXT COLLATE "C" PRIMARY KEY,
        end_range TEXT NOT NULL,
        scheme TEXT NOT NULL
      );

      CREATE TABLE transactions (
        acs_trans_id TEXT PRIMARY KEY,
        three_ds_server_trans_id TEXT NOT NULL,
        ds_trans_id TEXT NOT NULL,
        sdk_trans_id TEXT,
        message_version TEXT NOT NULL,
        device_channel TEXT NOT NULL,
        message_category TEXT NOT NULL,
        card_id TEXT REFERENCES cards(id) ON DELETE SET NULL,
        masked_pan TEXT NOT NULL,
        scheme TEXT,
        scenario TEXT COLLATE "C",
        decision_check TEXT NOT NULL,
        ares_status TEXT COLLATE "C" NOT NULL,
        ares_status_reason TEXT,
        authentication_method TEXT,
        state TEXT NOT NULL,
        result_status TEXT COLLATE "C",
        result_reason TEXT,
        result_eci TEXT,
        result_authentication_value TEXT,
        result_completed_at TEXT COLLATE "C",
        result_challenge_cancel TEXT,
        result_interaction_counter INTEGER,
        purchase_amount TEXT,
        purchase_currency TEXT,
        purchase_exponent TEXT,
        merchant_name TEXT,
        notification_url TEXT,
        three_ds_server_url TEXT,
        browser_language TEXT,
        acs_ephemeral_key_sealed TEXT,
        deadline_at TEXT COLLATE "C",
        approval TEXT,
        approval_at TEXT COLLATE "C",
        created_at TEXT COLLATE "C" NOT NULL,
        updated_at TEXT COLLATE "C" NOT NULL,
        seq BIGINT GENERATED ALWAYS AS IDENTITY
      );
      CREATE INDEX transactions_server_trans_id ON transactions(three_ds_server_trans_id);
      CREATE INDEX transactions_waiting ON transactions(deadline_at) WHERE state <> 'final';
      CREATE INDEX transactions_pending_approval ON transactions(created_at, seq)
        WHERE state IN ('challenging', 'awaiting-decoupled');
      CREATE INDEX transactions_created ON transactions(created_at DESC, seq DESC);
      CREATE INDEX transactions_masked_pan ON transactions(masked_pan);
      -- Deleting a card sets its transactions' card_id to NULL: without this, a full scan.
      CREATE INDEX transactions_card ON transactions(card_id);

      CREATE TABLE messages (
        id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        acs_trans_id TEXT,
        three_ds_server_trans_id TEXT,
        message_type TEXT NOT NULL,
        direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
        body TEXT NOT NULL,
        created_at TEXT COLLATE "C" NOT NULL
      );
      CREATE INDEX messages_by_transaction ON messages(acs_trans_id, id);

      CREATE TABLE challenges (
        acs_trans_id TEXT PRIMARY KEY REFERENCES transactions(acs_trans_id) ON DELETE CASCADE,
        method TEXT NOT NULL,
        methods TEXT NOT NULL,
        window_size TEXT NOT NULL,
        three_ds_session_data TEXT,
        code_hash TEXT,
        code_expires_at TEXT COLLATE "C",
        codes_sent INTEGER NOT NULL,
        wrong_attempts INTEGER NOT NULL,
        interaction_counter INTEGER NOT NULL,
        last_totp_step INTEGER,
        started_at TEXT COLLATE "C" NOT NULL,
        updated_at TEXT COLLATE "C" NOT NULL
      );

      CREATE TABLE sms_messages (
        id TEXT PRIMARY KEY,
        acs_trans_id TEXT,
        to_phone TEXT NOT NULL,
        sealed_body TEXT NOT NULL,
        status TEXT NOT NULL,
        error_code TEXT,
        provider_id TEXT,
        idempotency_key TEXT,
        created_at TEXT COLLATE "C" NOT NULL,
        updated_at TEXT COLLATE "C" NOT NULL,
        seq BIGINT GENERATED ALWAYS AS IDENTITY
      );
      CREATE INDEX sms_by_created ON sms_messages(created_at DESC, seq DESC);
      CREATE INDEX sms_by_transaction ON sms_messages(acs_trans_id);
      CREATE INDEX sms_by_provider_id ON sms_messages(provider_id);
      CREATE UNIQUE INDEX sms_by_idempotency_key ON sms_messages(idempotency_key);

      CREATE TABLE rreq_attempts (
        id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        acs_trans_id TEXT NOT NULL,
        attempt INTEGER NOT NULL,
        outcome TEXT NOT NULL,
        http_status INTEGER,
        detail TEXT,
        at TEXT COLLATE "C" NOT NULL
      );
      CREATE INDEX rreq_attempts_by_transaction ON rreq_attempts(acs_trans_id, id);

      CREATE TABLE rreq_retries (
        acs_trans_id TEXT PRIMARY KEY,
        rreq TEXT NOT NULL,
        attempt INTEGER NOT NULL,
        due_at TEXT COLLATE "C" NOT NULL
      );
      CREATE INDEX rreq_retries_due ON rreq_retries(due_at);

      CREATE TABLE rate_events (
        kind TEXT NOT NULL,
        subject TEXT NOT NULL,
        at TEXT COLLATE "C" NOT NULL
      );
      CREATE INDEX rate_events_lookup ON rate_events(kind, subject, at);

      CREATE TABLE api_keys (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        key_hash TEXT NOT NULL UNIQUE,
        created_at TEXT COLLATE "C" NOT NULL,
        last_used_at TEXT COLLATE "C",
        seq BIGINT GENERATED ALWAYS AS IDENTITY
      );
      CREATE INDEX api_keys_created ON api_keys(created_at, seq);

      CREATE TABLE operators (
        id TEXT PRIMARY KEY,
        username TEXT NOT NULL UNIQUE,
        password_hash TEXT NOT NULL,
        created_at TEXT COLLATE "C" NOT NULL
      );

      CREATE TABLE operator_sessions (
        token_hash TEXT PRIMARY KEY,
        operator_id TEXT NOT NULL REFERENCES operators(id) ON DELETE CASCADE,
        csrf_token TEXT NOT NULL,
        created_at TEXT COLLATE "C" NOT NULL,
        expires_at TEXT COLLATE "C" NOT NULL
      );
      CREATE INDEX operator_sessions_expiry ON operator_sessions(expires_at);
    `,
  },
  {
    version: 2,
    name: '3DS Method behaviour per card range',
    sql: `
      ALTER TABLE card_ranges ADD COLUMN three_ds_method TEXT CHECK (three_ds_method IN ('late', 'never'));
    `,
  },
  {
    version: 3,
    name: 'the sandbox inbox filtered by phone uses an index',
    sql: `
      CREATE INDEX sms_by_phone ON sms_messages(to_phone, created_at DESC, seq DESC);
    `,
  },
  {
    version: 4,
    name: 'app channel challenge state: enc, message counters, rendering type, screen',
    sql: `
      ALTER TABLE challenges ADD COLUMN app_enc TEXT CHECK (app_enc IN ('A128CBC-HS256', 'A128GCM'));
      ALTER TABLE challenges ADD COLUMN sdk_counter_sto_a INTEGER CHECK (sdk_counter_sto_a BETWEEN 0 AND 255);
      ALTER TABLE challenges ADD COLUMN acs_counter_a_to_s INTEGER CHECK (acs_counter_a_to_s BETWEEN 0 AND 256);
      ALTER TABLE challenges ADD COLUMN acs_interface TEXT CHECK (acs_interface IN ('01', '02'));
      ALTER TABLE challenges ADD COLUMN acs_ui_template TEXT CHECK (acs_ui_template IN ('01', '02', '03', '04', '05'));
      ALTER TABLE challenges ADD COLUMN app_screen TEXT CHECK (app_screen IN ('choice', 'method'));
    `,
  },
  {
    version: 5,
    name: 'requestor faults per card and transaction, the verdict on each RReq reply',
    sql: `
      ALTER TABLE cards ADD COLUMN fault TEXT CHECK (fault IN ('rreq-twice', 'rreq-conflicting', 'rreq-late', 'rreq-never', 'rreq-wrong-id', 'rreq-missing-element', 'cres-twice', 'cres-unknown-version', 'cres-not-base64url', 'challenge-slow', 'ares-late'));
      ALTER TABLE cards ADD COLUMN fault_delay_ms INTEGER CHECK (fault_delay_ms BETWEEN 0 AND 120000);
      ALTER TABLE transactions ADD COLUMN fault TEXT CHECK (fault IN ('rreq-twice', 'rreq-conflicting', 'rreq-late', 'rreq-never', 'rreq-wrong-id', 'rreq-missing-element', 'cres-twice', 'cres-unknown-version', 'cres-not-base64url', 'challenge-slow', 'ares-late'));
      ALTER TABLE transactions ADD COLUMN fault_delay_ms INTEGER CHECK (fault_delay_ms BETWEEN 0 AND 120000);
      ALTER TABLE rreq_attempts ADD COLUMN verdict TEXT;
    `,
  },
];
