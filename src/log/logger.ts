/**
 * Structured JSON logs, one object per line (pino), with secrets removed before anything is
 * written (src/log/redact.ts): every message and every field, at every depth, and the fields
 * of child loggers. Lines carry `time` (ISO 8601), `level` (its name) and `msg`.
 */
import { type Logger as PinoLogger, pino } from 'pino';
import { redact, redactText } from './redact.ts';

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

/** Test hooks: a fixed clock. */
export type LoggerOptions = Readonly<{ now?: () => Date }>;

/**
 * A logger writing JSON lines at or above `level` to `sink` (each call gets one line, newline
 * included), or synchronously to stdout when no sink is given.
 */
export function createLogger(
  level: LogLevel,
  sink?: (line: string) => void,
  options: LoggerOptions = {},
): Logger {
  const now = options.now ?? (() => new Date());
  const destination = sink === undefined ? pino.destination({ dest: 1, sync: true }) : { write: sink };
  const root = pino(
    {
      level,
      base: undefined,
      messageKey: 'msg',
      timestamp: () => `,"time":"${now().toISOString()}"`,
      formatters: { level: (label) => ({ level: label }) },
      // Fields arrive redacted as plain data: pino's own error serializer must not redo them.
      serializers: { err: (value: unknown) => value },
    },
    destination,
  );
  return wrap(root);
}

function wrap(target: PinoLogger): Logger {
  const emit =
    (lineLevel: 'debug' | 'info' | 'warn' | 'error') =>
    (message: string, fields?: Record<string, unknown>): void => {
      if (!target.isLevelEnabled(lineLevel)) return;
      target[lineLevel](fields === undefined ? {} : redactFields(fields), redactText(String(message)));
    };
  return {
    debug: emit('debug'),
    info: emit('info'),
    warn: emit('warn'),
    error: emit('error'),
    child: (fields) => wrap(target.child(redactFields(fields))),
  };
}

/** Top-level fields: their names must not clash with the line's own time, level and msg. */
function redactFields(fields: Record<string, unknown>): Record<string, unknown> {
  const out = redact(fields) as Record<string, unknown>;
  for (const reserved of ['time', 'level', 'msg']) {
    if (Object.hasOwn(out, reserved)) {
      out[`field_${reserved}`] = out[reserved];
      delete out[reserved];
    }
  }
  return out;
}

/** A logger that discards everything (tests that do not inspect logs). */
export const silentLogger: Logger = createLogger('silent', () => {});
