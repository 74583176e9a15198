/**
 * The one place errors become responses. It picks the surface the request reached
 * (src/http/common/surface.ts) and hands the failure to that surface's one function: EMV routes
 * answer an Erro (HTTP 200, src/protocol/erro.ts); JSON routes answer `{ error, message }`
 * with the register's status (src/errors/acs.ts); the console answers a console page in its
 * frame; the other pages (the framed challenge window and 3DS Method page, the sandbox) answer
 * the cardholder's error page.
 *
 * A malformed request is the client's fault whatever layer noticed it: an undecodable
 * percent-encoding in a path parameter (the router), a body that is too large, in an
 * unsupported charset or content encoding (a gzip body that is not gzip), or not JSON (the
 * body parsers). Each becomes a 4xx (or Erro 101), never a 500. Anything else is unexpected:
 * it is logged once, redacted, with its stack and cause, and answered as a transient failure
 * without details.
 */
import type { NextFunction, Request, Response } from 'express';
import {
  errorPageForAcsError,
  renderConsoleErrorPage,
  renderErrorPage,
} from '../../../views/common/error-page.ts';
import { AcsError, acsErrors, isAnswerable } from '../../errors/index.ts';
import type { Logger } from '../../log/logger.ts';
import type { AcsMetrics } from '../../metrics/acs-metrics.ts';
import { erroForFailure } from '../../protocol/erro.ts';
import { framedPageCsp } from './framed-page-headers.ts';
import { type ResponseStyle, responseStyleOf } from './response-style.ts';
import { isConsolePage, isFramedPage, surfaceOfRequest } from './surface.ts';

/** The messageType an EMV endpoint receives, named in an Erro's errorMessageType. */
const messageTypeOfPath: Readonly<Record<string, string>> = {
  '/3ds/areq': 'AReq',
  '/3ds/preq': 'PReq',
  '/console/demo/rreq': 'RReq',
};

/** The HTTP status an error from express's own layers carries (http-errors sets both). */
function clientStatusOf(err: unknown): number | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const status: unknown = 'status' in err ? err.status : 'statusCode' in err ? err.statusCode : undefined;
  return typeof status === 'number' && Number.isInteger(status) && status >= 400 && status < 500
    ? status
    : undefined;
}

/**
 * Express's own failures (router, body parsers, static files) as AcsError, by the type
 * body-parser gives them or else by their 4xx status; an AcsError as itself; undefined for
 * anything else.
 */
export function clientErrorOf(err: unknown): AcsError | undefined {
  if (err instanceof AcsError) return err;
  const status = clientStatusOf(err);
  if (status === undefined) return undefined;
  const cause = { cause: err };
  const type = typeof err === 'object' && err !== null && 'type' in err ? String(err.type) : '';
  if (type === 'entity.too.large' || status === 413)
    return new AcsError('payload_too_large', 'request body too large', cause);
  if (type === 'charset.unsupported')
    return new AcsError('unsupported_media_type', 'request body charset must be utf-8', cause);
  if (type === 'encoding.unsupported' || status === 415)
    return new AcsError('unsupported_media_type', 'request body content encoding is not supported', cause);
  if (type === 'entity.parse.failed')
    return new AcsError('bad_request', 'request body is not valid JSON', cause);
  if (err instanceof URIError)
    return new AcsError('bad_request', 'the request path is not valid percent-encoding', cause);
  switch (status) {
    case 401:
      return new AcsError('unauthorized', 'authentication required', cause);
    case 403:
      return new AcsError('forbidden', 'request refused', cause);
    case 404:
    case 405:
      return new AcsError('not_found', 'no such resource', cause);
    case 429:
      return new AcsError('too_many_requests', 'too many requests', cause);
    default:
      // A body that could not be read (a gzip body that is not gzip, a connection cut short).
      return new AcsError('bad_request', 'request could not be read', cause);
  }
}

/** What the error handler needs besides the logger and metrics. */
export type ErrorHandlerOptions = Readonly<{
  /** CSP frame-ancestors of the framed pages (ACS_FRAME_ANCESTORS), for their error pages. */
  frameAncestors?: readonly string[];
}>;

/** A failure as the non-EMV surfaces answer it: a register error and its HTTP status. */
type Failure = Readonly<{ error: AcsError; status: number }>;

/** The express error-handling middleware. */
export function errorHandler(logger: Logger, metrics: AcsMetrics, options: ErrorHandlerOptions = {}) {
  const frameAncestors = options.frameAncestors ?? ["'self'"];
  return (err: unknown, req: Request, res: Response, _next: NextFunction): void => {
    if (res.headersSent) {
      logger.error('failure after the answer started', { path: req.path, err });
      res.end();
      return;
    }
    const style: ResponseStyle = surfaceOfRequest(req) ?? responseStyleOf(res);
    res.setHeader('Cache-Control', 'no-store');
    if (style === 'emv') {
      answerErro(logger, metrics, err, req, res);
      return;
    }
    const failure = failureOf(logger, err, req);
    if (style === 'json') answerJson(res, failure);
    else if (isConsolePage(req.path)) answerConsolePage(req, res, failure);
    else answerErrorPage(req, res, failure, frameAncestors);
  };
}

/**
 * The register error a non-EMV surface answers with: a client error as itself; anything else
 * logged once and answered as `unavailable` (HTTP 500) without a word about it.
 */
function failureOf(logger: Logger, err: unknown, req: Request): Failure {
  const clientError = clientErrorOf(err);
  if (clientError !== undefined)
    return { error: clientError, status: acsErrors[clientError.code].httpStatus };
  logger.error('unexpected failure', { method: req.method, path: req.path, err });
  return {
    error: new AcsError('unavailable', 'the service could not complete the request', { cause: err }),
    status: 500,
  };
}

/** EMV routes: an Erro, HTTP 200, by the one Erro fallback. */
function answerErro(logger: Logger, metrics: AcsMetrics, err: unknown, req: Request, res: Response): void {
  const messageType = messageTypeOfPath[req.path.toLowerCase().replace(/\/$/, '')];
  const failure = isAnswerable(err) ? err : (clientErrorOf(err) ?? err);
  const erro = erroForFailure(failure, {
    fallbackVersion: '2.2.0',
    // The path names the message for a failure before it was read; a ProtocolError names its own.
    context: failure instanceof AcsError && messageType !== undefined ? { messageType } : {},
    log: logger,
    logFields: { method: req.method, path: req.path },
  });
  metrics.erroByCode.inc({ errorCode: erro.errorCode, messageType: erro.errorMessageType ?? 'unknown' });
  res.status(200).json(erro);
}

/** JSON routes: `{ error, message }` with the register's status. */
function answerJson(res: Response, failure: Failure): void {
  res.status(failure.status).json({ error: failure.error.code, message: failure.error.message });
}

/** The console: a console page, in the console's frame when its session ran. */
function answerConsolePage(req: Request, res: Response, failure: Failure): void {
  res
    .status(failure.status)
    .type('html')
    .send(
      renderConsoleErrorPage({
        code: failure.error.code,
        title: failure.error.title,
        message: failure.error.message,
        path: req.path,
        frame: consoleFrameOf(res),
      }),
    );
}

/** The cardholder's pages: the error page of the register's page kind, framed like the page. */
function answerErrorPage(
  req: Request,
  res: Response,
  failure: Failure,
  frameAncestors: readonly string[],
): void {
  // A framed page's error page is framed too: it gets the framed pages' policy, not none.
  if (isFramedPage(req.path) && !res.hasHeader('Content-Security-Policy'))
    res.setHeader('Content-Security-Policy', framedPageCsp(frameAncestors));
  res
    .status(failure.status)
    .type('html')
    .send(renderErrorPage({ lang: 'en', ...errorPageForAcsError(failure.error.code) }));
}

/**
 * Who is logged in and the page's CSRF token, as the console session left them in `res.locals`
 * (src/http/console/console-session.ts); undefined before a session was found.
 */
function consoleFrameOf(res: Response): { operator: string; csrfToken: string } | undefined {
  const operator: unknown = res.locals.operator;
  const csrfToken: unknown = res.locals.csrfToken;
  const username =
    typeof operator === 'object' && operator !== null && 'username' in operator
      ? operator.username
      : undefined;
  return typeof username === 'string' && typeof csrfToken === 'string'
    ? { operator: username, csrfToken }
    : undefined;
}
