/**
 * The one configuration schema. Every setting comes from an `ACS_`-prefixed environment
 * variable, is validated here once, and is frozen; nothing else reads process.env.
 * docs/configuration.md documents each variable (a test keeps the two in step).
 */
import { z } from 'zod';

const port = z.coerce.number().int().min(0).max(65535);
const positiveInt = z.coerce.number().int().positive();
const bool = z.stringbool();

/** Environment variables and their defaults (names without the ACS_ prefix). */
export const configSchema = z
  .object({
    ACS_HOST: z.string().min(1).default('127.0.0.1'),
    ACS_PORT: port.default(8080),
    // No zod default: it depends on TLS (https://localhost:8080 when the ACS serves TLS itself).
    ACS_PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
    ACS_SANDBOX: bool.default(true),
    ACS_TLS_CERT_PATH: z.string().min(1).optional(),
    ACS_TLS_KEY_PATH: z.string().min(1).optional(),
    ACS_TLS_SANDBOX_CERT: bool.default(false),
    ACS_LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
    ACS_DB_PATH: z.string().min(1).default('data/acs.db'),
    ACS_DB_SYNCHRONOUS: z.enum(['NORMAL', 'FULL']).default('NORMAL'),
    ACS_DB_GROUP_COMMIT: bool.default(true),
    ACS_DB_CHECKPOINT_INTERVAL_MS: z.coerce.number().int().min(0).max(600_000).default(1000),
    ACS_DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
    ACS_DB_POOL_SIZE: positiveInt.max(200).default(10),
    ACS_DB_SSL: z.enum(['disable', 'require', 'verify-full']).default('disable'),
    ACS_DB_SSL_CA: z.string().min(1).optional(),
    ACS_OUTBOUND_ALLOW: z.string().max(4000).optional(),
    ACS_TRUST_PROXY: z.string().min(1).max(200).optional(),
    ACS_KEYS_DIR: z.string().min(1).default('data/keys'),
    ACS_RESULT_SIGNING_KEY_PATH: z.string().min(1).optional(),
    ACS_SECRETS_FILE: z.string().min(1).optional(),
    ACS_RESULT_SIGNING_ALG: z.enum(['ES256', 'PS256']).default('ES256'),
    ACS_SEED_FILE: z.string().min(1).default('data/test-cards.json'),
    ACS_REFERENCE_NUMBER: z.string().min(1).max(32).default('ACS-SIMULATOR-0001'),
    ACS_OPERATOR_ID: z.string().min(1).max(32).default('ACS-SIM-OPERATOR-01'),
    ACS_DS_REFERENCE_NUMBER: z.string().min(1).max(32).default('DS-SIMULATOR-0001'),
    ACS_RISK_THRESHOLD: z.coerce.number().nonnegative().default(100),
    ACS_SLOW_DELAY_MS: z.coerce.number().int().min(0).max(120_000).default(5000),
    ACS_CREQ_TIMEOUT_SECONDS: positiveInt.max(600).default(30),
    ACS_CHALLENGE_TIMEOUT_SECONDS: positiveInt.max(3600).default(600),
    ACS_OTP_TTL_SECONDS: positiveInt.min(30).max(600).default(300),
    ACS_OTP_MAX_ATTEMPTS: positiveInt.max(5).default(3),
    ACS_OTP_MAX_RESENDS: z.coerce.number().int().min(0).max(5).default(3),
    ACS_ISSUER_NAME: z.string().min(1).max(60).default('ACS Simulator Bank'),
    ACS_FRAME_ANCESTORS: z.string().min(1).max(2000).optional(),
    ACS_RREQ_TIMEOUT_MS: positiveInt.max(30_000).default(2000),
    ACS_RREQ_MAX_ATTEMPTS: positiveInt.max(10).default(3),
    ACS_RREQ_RETRY_DELAY_MS: z.coerce.number().int().min(0).max(60_000).default(1000),
    ACS_LIMIT_SMS_PER_PHONE: positiveInt.max(1000).default(10),
    ACS_LIMIT_CHALLENGES_PER_CARD: positiveInt.max(100_000).default(50),
    ACS_LIMIT_CODE_POSTS_PER_ADDRESS: positiveInt.max(100_000).default(30),
    ACS_SMS_PROVIDER: z.enum(['outbox', 'twilio']).default('outbox'),
    ACS_TWILIO_ACCOUNT_SID: z
      .string()
      .regex(/^AC[0-9a-fA-F]{32}$/, 'expected AC followed by 32 hex digits')
      .optional(),
    ACS_TWILIO_AUTH_TOKEN: z.string().min(1).optional(),
    ACS_TWILIO_FROM: z.string().min(1).optional(),
    ACS_TWILIO_MESSAGING_SERVICE_SID: z
      .string()
      .regex(/^MG[0-9a-fA-F]{32}$/, 'expected MG followed by 32 hex digits')
      .optional(),
    ACS_TWILIO_STATUS_CALLBACK: bool.default(true),
    ACS_TWILIO_TIMEOUT_MS: positiveInt.max(30_000).default(5000),
    ACS_CONSOLE_ADMIN_USER: z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[a-z0-9][a-z0-9._@-]{1,63}$/, 'expected 2 to 64 characters: a-z, 0-9, . _ @ -')
      .optional(),
    ACS_CONSOLE_ADMIN_PASSWORD: z.string().min(8).max(64).optional(),
    ACS_ADMIN_API_KEY: z.string().min(32).max(256).optional(),
    ACS_SWEEP_INTERVAL_MS: positiveInt.min(100).max(60_000).default(1000),
    ACS_MAX_BODY_BYTES: positiveInt.max(1_048_576).default(262_144),
    ACS_SHUTDOWN_TIMEOUT_MS: positiveInt.max(120_000).default(10_000),
  })
  .strict()
  .refine((v) => (v.ACS_TLS_CERT_PATH === undefined) === (v.ACS_TLS_KEY_PATH === undefined), {
    message: 'set both ACS_TLS_CERT_PATH and ACS_TLS_KEY_PATH, or neither',
    path: ['ACS_TLS_CERT_PATH'],
  })
  .refine((v) => !v.ACS_TLS_SANDBOX_CERT || v.ACS_TLS_CERT_PATH === undefined, {
    message: 'ACS_TLS_SANDBOX_CERT and ACS_TLS_CERT_PATH exclude each other: use one certificate',
    path: ['ACS_TLS_SANDBOX_CERT'],
  })
  .refine((v) => !v.ACS_TLS_SANDBOX_CERT || v.ACS_SANDBOX, {
    message:
      'ACS_TLS_SANDBOX_CERT needs ACS_SANDBOX=true (outside the sandbox, give ACS_TLS_CERT_PATH and ACS_TLS_KEY_PATH)',
    path: ['ACS_TLS_SANDBOX_CERT'],
  })
  .refine(
    (v) =>
      !(v.ACS_TLS_SANDBOX_CERT || v.ACS_TLS_CERT_PATH !== undefined) ||
      v.ACS_PUBLIC_URL === undefined ||
      v.ACS_PUBLIC_URL.startsWith('https:'),
    {
      message: 'the ACS serves TLS (ACS_TLS_*), so ACS_PUBLIC_URL must be an https URL',
      path: ['ACS_PUBLIC_URL'],
    },
  )
  .refine((v) => (v.ACS_CONSOLE_ADMIN_USER === undefined) === (v.ACS_CONSOLE_ADMIN_PASSWORD === undefined), {
    message: 'set both ACS_CONSOLE_ADMIN_USER and ACS_CONSOLE_ADMIN_PASSWORD, or neither',
    path: ['ACS_CONSOLE_ADMIN_USER'],
  })
  .refine(
    (v) =>
      v.ACS_SMS_PROVIDER !== 'twilio' ||
      (v.ACS_TWILIO_ACCOUNT_SID !== undefined &&
        v.ACS_TWILIO_AUTH_TOKEN !== undefined &&
        (v.ACS_TWILIO_FROM !== undefined || v.ACS_TWILIO_MESSAGING_SERVICE_SID !== undefined)),
    {
      message:
        'ACS_SMS_PROVIDER=twilio needs ACS_TWILIO_ACCOUNT_SID, ACS_TWILIO_AUTH_TOKEN and ACS_TWILIO_FROM or ACS_TWILIO_MESSAGING_SERVICE_SID',
      path: ['ACS_SMS_PROVIDER'],
    },
  );

/** The validated, frozen configuration handed to the composition root. */
export type Config = Readonly<{
  host: string;
  port: number;
  publicUrl: string;
  sandbox: boolean;
  /**
   * How the ACS serves TLS itself: a configured certificate (ACS_TLS_CERT_PATH/KEY_PATH), the
   * sandbox CA's certificate (ACS_TLS_SANDBOX_CERT), or undefined: plain HTTP (possibly behind a
   * TLS-terminating proxy).
   */
  tls:
    | Readonly<{ source: 'files'; certPath: string; keyPath: string }>
    | Readonly<{ source: 'sandbox' }>
    | undefined;
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  /** SQLite at `path` unless `postgres` is set (ACS_DATABASE_URL). */
  database: Readonly<{
    path: string;
    synchronous: 'NORMAL' | 'FULL';
    /** SQLite: writes arriving in one tick share one transaction (one commit, one sync). */
    groupCommit: boolean;
    /** SQLite: how often a background thread checkpoints the WAL (0: SQLite's own autocheckpoint). */
    checkpointIntervalMs: number;
    postgres:
      | Readonly<{
          url: string;
          poolSize: number;
          ssl: 'disable' | 'require' | 'verify-full';
          /** PEM file of the CA that signed the server's certificate (verify-full). */
          sslCaPath: string | undefined;
        }>
      | undefined;
  }>;
  /** Outbound HTTP policy (RReq, Erro to the 3DS Server). */
  outbound: Readonly<{
    /** ACS_OUTBOUND_ALLOW: hosts, `*.` wildcards and CIDRs always allowed. */
    allow: readonly string[];
  }>;
  /** ACS_TRUST_PROXY: express's `trust proxy` setting (hop count, or addresses/CIDRs); undefined: the socket's address. */
  trustProxy: string | undefined;
  keys: Readonly<{
    dir: string;
    resultSigningKeyPath: string | undefined;
    secretsFile: string | undefined;
    resultSigningAlg: 'ES256' | 'PS256';
  }>;
  seedFile: string;
  identity: Readonly<{ acsReferenceNumber: string; acsOperatorID: string; dsReferenceNumber: string }>;
  decision: Readonly<{ riskThreshold: number; slowDelayMs: number }>;
  challenge: Readonly<{
    creqTimeoutSeconds: number;
    timeoutSeconds: number;
    codeTtlSeconds: number;
    maxAttempts: number;
    maxResends: number;
    issuerName: string;
    /** CSP frame-ancestors sources for the challenge and 3DS Method pages. */
    frameAncestors: readonly string[];
    sweepIntervalMs: number;
  }>;
  rreq: Readonly<{ timeoutMs: number; maxAttempts: number; retryDelayMs: number }>;
  admin: Readonly<{ apiKey: string | undefined }>;
  console: Readonly<{ firstOperator: Readonly<{ username: string; password: string }> | undefined }>;
  sms: Readonly<{
    provider: 'outbox' | 'twilio';
    twilio:
      | Readonly<{
          accountSid: string;
          authToken: string;
          from: string | undefined;
          messagingServiceSid: string | undefined;
          statusCallback: boolean;
          timeoutMs: number;
        }>
      | undefined;
  }>;
  limits: Readonly<{
    smsPerPhonePer10Minutes: number;
    challengesPerCardPerDay: number;
    codePostsPerAddressPerMinute: number;
  }>;
  http: Readonly<{ maxBodyBytes: number; shutdownTimeoutMs: number }>;
}>;
