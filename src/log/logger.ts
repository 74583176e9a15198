/**
 * Structured JSON logs, one object per line, with secrets removed before anything is
 * written. Redaction works twice over: by key (any field whose name says it holds a PAN,
 * code, key, token, password or secret) and by shape (any run of 13-19 digits inside a
 * string is masked as a possible PAN), so a careless call site cannot leak a card number.
 */

/** Log levels in increasing severity; `silent` writes nothing. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

/** The structured logger every module receives. */
export type Logger = {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  /** A logger whose lines all carry `fields`. */
  child(fields: Record<string, unknown>): Logger;
};

const severity: Readonly<Record<LogLevel, number>> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

const secretKeyPattern =
  /(pan|acctnumber|accountnumber|code|otp|password|passwd|secret|token|key|authorization|cookie|creq|cres|authenticationvalue|jwe|jws)/i;
/** Keys that match the pattern above but are known to hold no secret. */
const safeKeys = new Set([
  'errorCode',
  'statusCode',
  'status',
  'kid',
  'keyId',
  'transStatusReason',
  'code_kind',
]);
const panLikeRun = /\d{13,19}/g;

/** Replaces secrets in a log field value, recursively. Exported for tests. */
export function redact(value: unknown, key = '', depth = 0): unknown {
  if (key !== '' && !safeKeys.has(key) && secretKeyPattern.test(key)) return '[redacted]';
  if (typeof value === 'string') return value.replace(panLikeRun, '[redacted-digits]');
  if (value instanceof Error) return { name: value.name, message: redact(value.message, '', depth + 1) };
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => redact(item, '', depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redact(v, k, depth + 1)]));
}

/** A logger writing JSON lines at or above `level` to `write` (stdout by default). */
export function createLogger(
  level: LogLevel,
  write: (line: string) => void = (line) => process.stdout.write(line),
  base: Record<string, unknown> = {},
  now: () => Date = () => new Date(),
): Logger {
  const threshold = severity[level];
  const emit = (
    lineLevel: Exclude<LogLevel, 'silent'>,
    message: string,
    fields?: Record<string, unknown>,
  ) => {
    if (severity[lineLevel] < threshold) return;
    const record = redact({ ...base, ...fields }) as Record<string, unknown>;
    write(
      `${JSON.stringify({ time: now().toISOString(), level: lineLevel, msg: redact(message), ...record })}\n`,
    );
  };
  return {
    debug: (message, fields) => emit('debug', message, fields),
    info: (message, fields) => emit('info', message, fields),
    warn: (message, fields) => emit('warn', message, fields),
    error: (message, fields) => emit('error', message, fields),
    child: (fields) => createLogger(level, write, { ...base, ...fields }, now),
  };
}

/** A logger that discards everything (tests that do not inspect logs). */
export const silentLogger: Logger = createLogger('silent');
