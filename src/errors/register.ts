/**
 * The register: every code of every family in one place. docs/errors.md lists the same codes
 * (test/unit/errors/error-docs.test.ts keeps the two in step), and the HTTP layer and the Erro
 * fallback ask it whether a failure is one the caller may be told about or one to log.
 *
 * - protocol: EMV errorCode values, with their errorDescription (Table A.4); answered as an Erro.
 * - acs: our HTTP surface's codes, with their HTTP status and error page; answered as JSON or a page.
 * - app_channel: the app channel's cryptography (JWE, ephemeral keys).
 * - startup: what keeps the ACS from starting (configuration, key and seed files, the database).
 * - internal: what cannot happen unless the code or its stored data is broken.
 */
import { AcsError, acsErrors } from './acs.ts';
import { AppChannelError, appChannelErrors } from './app-channel.ts';
import { InternalError, internalErrors } from './internal.ts';
import { ProtocolError, protocolErrorDescriptions } from './protocol.ts';
import { StartupError, startupErrors } from './startup.ts';

/** Every family with every code, and what each code carries. */
export const errorRegister = {
  protocol: protocolErrorDescriptions,
  acs: acsErrors,
  app_channel: appChannelErrors,
  startup: startupErrors,
  internal: internalErrors,
} as const;

/** One family of the register. */
export type ErrorFamily = keyof typeof errorRegister;

/** The families, in register order. */
export const errorFamilies = Object.keys(errorRegister) as ErrorFamily[];

/** The codes of one family, in register order. */
export function codesOf(family: ErrorFamily): string[] {
  return Object.keys(errorRegister[family]);
}

/** The family and code of a failure from the register; undefined for anything else. */
export function registerEntryOf(err: unknown): Readonly<{ family: ErrorFamily; code: string }> | undefined {
  if (err instanceof ProtocolError) return { family: 'protocol', code: err.errorCode };
  if (err instanceof AcsError) return { family: 'acs', code: err.code };
  if (err instanceof AppChannelError) return { family: 'app_channel', code: err.code };
  if (err instanceof StartupError) return { family: 'startup', code: err.code };
  if (err instanceof InternalError) return { family: 'internal', code: err.code };
  return undefined;
}

/**
 * True for the failures whose code and message are written for the caller (an Erro's errorCode
 * and errorDetail, a JSON problem, an error page). Anything else that reaches a caller is hidden
 * behind a generic answer and logged once with its stack.
 */
export function isAnswerable(err: unknown): err is ProtocolError | AcsError {
  return err instanceof ProtocolError || err instanceof AcsError;
}
