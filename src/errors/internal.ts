/**
 * The internal family: what the code rules out and yet happened, a programming error or a
 * stored value that was damaged. Callers never see one: it is logged with its stack and
 * answered as a transient failure (src/http/common/error-handler.ts, src/protocol/erro.ts).
 */
import { CodedError } from './coded-error.ts';

/** Every code of the family, with what it means. */
export const internalErrors = {
  invariant_broken:
    'a state the code rules out was reached (a function called out of order or with input it excludes)',
  stored_value_invalid: 'a value the ACS stored itself is malformed or failed its integrity check',
} as const;

/** A failure that cannot happen unless the code or its stored data is broken. */
export class InternalError extends CodedError<keyof typeof internalErrors> {}
