/**
 * The acs family: failures of our own HTTP surface (not found, unauthorised, too large, ...).
 * Each code has the HTTP status a JSON answer carries and the kind of error page a page request
 * shows (the pages' texts: views/common/error-page.ts). src/http/common/error-handler.ts turns
 * them into `{ error, message }`, an error page, a console page, or an Erro 101 on EMV routes.
 */
import { CodedError } from './coded-error.ts';

/** The error pages a browser step can end in (their texts: views/common/error-page.ts). */
export const errorPageKinds = [
  'transactionFinished',
  'sessionExpired',
  'invalidRequest',
  'notFound',
  'tooManyRequests',
  'unavailable',
] as const;

/** One kind of error page. */
export type ErrorPageKind = (typeof errorPageKinds)[number];

/** Every code of the family: its HTTP status and the error page a page request shows. */
export const acsErrors = {
  not_found: { httpStatus: 404, page: 'notFound' },
  bad_request: { httpStatus: 400, page: 'invalidRequest' },
  unauthorized: { httpStatus: 401, page: 'invalidRequest' },
  forbidden: { httpStatus: 403, page: 'invalidRequest' },
  // A conflict on a challenge post means the transaction already reached its result.
  conflict: { httpStatus: 409, page: 'transactionFinished' },
  payload_too_large: { httpStatus: 413, page: 'invalidRequest' },
  unsupported_media_type: { httpStatus: 415, page: 'invalidRequest' },
  unprocessable_content: { httpStatus: 422, page: 'invalidRequest' },
  too_many_requests: { httpStatus: 429, page: 'tooManyRequests' },
  unavailable: { httpStatus: 503, page: 'unavailable' },
} as const satisfies Readonly<Record<string, { httpStatus: number; page: ErrorPageKind }>>;

/** One of our own stable error codes. */
export type AcsErrorCode = keyof typeof acsErrors;

/** The codes by name, for callers that prefer a name to a literal. */
export const acsErrorCodes = {
  notFound: 'not_found',
  badRequest: 'bad_request',
  unauthorized: 'unauthorized',
  forbidden: 'forbidden',
  conflict: 'conflict',
  payloadTooLarge: 'payload_too_large',
  unsupportedMediaType: 'unsupported_media_type',
  unprocessableContent: 'unprocessable_content',
  tooManyRequests: 'too_many_requests',
  unavailable: 'unavailable',
} as const satisfies Readonly<Record<string, AcsErrorCode>>;

/**
 * A failure of our own HTTP surface. `message` is a sentence for the caller (the JSON `message`,
 * the text of a console page): it names fields, never their values.
 */
export class AcsError extends CodedError<AcsErrorCode> {
  /** A short heading for a page that shows the failure (a console page); JSON leaves it out. */
  readonly title: string | undefined;

  constructor(
    code: AcsErrorCode,
    message: string,
    options: ErrorOptions & Readonly<{ title?: string }> = {},
  ) {
    super(code, message, options);
    this.title = options.title;
  }
}
