/**
 * Turns the process environment into a frozen Config, or one clear error naming the bad
 * variables. Only `ACS_*` variables are read; an unknown `ACS_*` variable is an error too,
 * because a misspelt setting silently ignored is worse than a refusal to start.
 */
import { StartupError } from '../errors/index.ts';
import { type Config, configSchema } from './schema.ts';

/** Raised when the environment does not make a valid configuration (startup code config_invalid). */
export class ConfigError extends StartupError {
  constructor(message: string) {
    super('config_invalid', message);
  }
}

/** Parses the `ACS_*` variables of `env` into a frozen Config; throws ConfigError. */
export function loadConfig(env: Readonly<Record<string, string | undefined>>): Config {
  const acsVariables = Object.fromEntries(
    Object.entries(env).filter(
      ([name, value]) => name.startsWith('ACS_') && value !== undefined && value !== '',
    ),
  );
  const parsed = configSchema.safeParse(acsVariables);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      if (issue.code === 'unrecognized_keys') return `unknown variable(s) ${issue.keys.join(', ')}`;
      return `${issue.path.join('.')}: ${issue.message}`;
    });
    throw new ConfigError(`invalid configuration: ${problems.join('; ')}`);
  }
  const v = parsed.data;
  const tls: Config['tls'] = v.ACS_TLS_SANDBOX_CERT
    ? { source: 'sandbox' }
    : v.ACS_TLS_CERT_PATH !== undefined && v.ACS_TLS_KEY_PATH !== undefined
      ? { source: 'files', certPath: v.ACS_TLS_CERT_PATH, keyPath: v.ACS_TLS_KEY_PATH }
      : undefined;
  // The default follows the scheme the ACS serves, so ACS_TLS_SANDBOX_CERT=true alone is enough.
  const publicUrl = v.ACS_PUBLIC_URL ?? `${tls === undefined ? 'http' : 'https'}://localhost:8080`;
  return deepFreeze({
    host: v.ACS_HOST,
    port: v.ACS_PORT,
    publicUrl: publicUrl.replace(/\/+$/, ''),
    sandbox: v.ACS_SANDBOX,
    tls,
    logLevel: v.ACS_LOG_LEVEL,
    database: {
      path: v.ACS_DB_PATH,
      synchronous: v.ACS_DB_SYNCHRONOUS,
      groupCommit: v.ACS_DB_GROUP_COMMIT,
      checkpointIntervalMs: v.ACS_DB_CHECKPOINT_INTERVAL_MS,
      postgres:
        v.ACS_DATABASE_URL === undefined
          ? undefined
          : {
              url: v.ACS_DATABASE_URL,
              poolSize: v.ACS_DB_POOL_SIZE,
              ssl: v.ACS_DB_SSL,
              sslCaPath: v.ACS_DB_SSL_CA,
            },
    },
    outbound: {
      allow: (v.ACS_OUTBOUND_ALLOW ?? '')
        .split(/[\s,]+/)
        .map((entry) => entry.trim().toLowerCase())
        .filter(Boolean),
    },
    trustProxy: v.ACS_TRUST_PROXY,
    keys: {
      dir: v.ACS_KEYS_DIR,
      resultSigningKeyPath: v.ACS_RESULT_SIGNING_KEY_PATH,
      secretsFile: v.ACS_SECRETS_FILE,
      resultSigningAlg: v.ACS_RESULT_SIGNING_ALG,
    },
    seedFile: v.ACS_SEED_FILE,
    identity: {
      acsReferenceNumber: v.ACS_REFERENCE_NUMBER,
      acsOperatorID: v.ACS_OPERATOR_ID,
      dsReferenceNumber: v.ACS_DS_REFERENCE_NUMBER,
    },
    decision: { riskThreshold: v.ACS_RISK_THRESHOLD, slowDelayMs: v.ACS_SLOW_DELAY_MS },
    challenge: {
      creqTimeoutSeconds: v.ACS_CREQ_TIMEOUT_SECONDS,
      timeoutSeconds: v.ACS_CHALLENGE_TIMEOUT_SECONDS,
      codeTtlSeconds: v.ACS_OTP_TTL_SECONDS,
      maxAttempts: v.ACS_OTP_MAX_ATTEMPTS,
      maxResends: v.ACS_OTP_MAX_RESENDS,
      issuerName: v.ACS_ISSUER_NAME,
      // Sandbox: any site may frame the challenge; otherwise only the ACS itself unless configured.
      frameAncestors: (v.ACS_FRAME_ANCESTORS ?? (v.ACS_SANDBOX ? '*' : "'self'"))
        .split(/\s+/)
        .filter(Boolean),
      sweepIntervalMs: v.ACS_SWEEP_INTERVAL_MS,
    },
    admin: { apiKey: v.ACS_ADMIN_API_KEY },
    console: {
      firstOperator:
        v.ACS_CONSOLE_ADMIN_USER !== undefined && v.ACS_CONSOLE_ADMIN_PASSWORD !== undefined
          ? { username: v.ACS_CONSOLE_ADMIN_USER, password: v.ACS_CONSOLE_ADMIN_PASSWORD }
          : undefined,
    },
    sms: {
      provider: v.ACS_SMS_PROVIDER,
      twilio:
        v.ACS_SMS_PROVIDER === 'twilio' &&
        v.ACS_TWILIO_ACCOUNT_SID !== undefined &&
        v.ACS_TWILIO_AUTH_TOKEN !== undefined
          ? {
              accountSid: v.ACS_TWILIO_ACCOUNT_SID,
              authToken: v.ACS_TWILIO_AUTH_TOKEN,
              from: v.ACS_TWILIO_FROM,
              messagingServiceSid: v.ACS_TWILIO_MESSAGING_SERVICE_SID,
              statusCallback: v.ACS_TWILIO_STATUS_CALLBACK,
              timeoutMs: v.ACS_TWILIO_TIMEOUT_MS,
            }
          : undefined,
    },
    limits: {
      smsPerPhonePer10Minutes: v.ACS_LIMIT_SMS_PER_PHONE,
      challengesPerCardPerDay: v.ACS_LIMIT_CHALLENGES_PER_CARD,
      codePostsPerAddressPerMinute: v.ACS_LIMIT_CODE_POSTS_PER_ADDRESS,
    },
    rreq: {
      timeoutMs: v.ACS_RREQ_TIMEOUT_MS,
      maxAttempts: v.ACS_RREQ_MAX_ATTEMPTS,
      retryDelayMs: v.ACS_RREQ_RETRY_DELAY_MS,
    },
    http: { maxBodyBytes: v.ACS_MAX_BODY_BYTES, shutdownTimeoutMs: v.ACS_SHUTDOWN_TIMEOUT_MS },
  });
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
