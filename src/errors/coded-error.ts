/**
 * What the error classes of every family but protocol share (src/errors/register.ts): a stable
 * code a caller can switch on, a message that names things but never holds a secret, and the
 * failure it wraps as its ES2022 `cause`, which the log keeps (src/log/redact.ts). Each family
 * is a subclass, named after itself.
 */

/** The `cause` option for Error's constructor; none when there is no cause. */
export function causeOption(cause: unknown): { cause: unknown } | undefined {
  return cause === undefined ? undefined : { cause };
}

/** An error with a code from its family's list. */
export class CodedError<Code extends string> extends Error {
  readonly code: Code;

  /** `options.cause` is the failure this one wraps (the lib's ErrorOptions). */
  constructor(code: Code, message: string, options: ErrorOptions = {}) {
    super(message, causeOption(options.cause));
    this.name = new.target.name;
    this.code = code;
  }
}
