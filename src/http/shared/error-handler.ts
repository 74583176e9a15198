/**
 * The one place errors become responses, by the surface the request reached
 * (src/http/shared/surface.ts): EMV routes answer an Erro (HTTP 200); JSON routes answer
 * `{ error, message }` with a fitting status; pages answer an HTML error page.
 *
 * A malformed request is the client's fault whatever layer noticed it: an undecodable
 * percent-encoding in a path parameter (the router), a body that is too large, in an
 * unsupported charset or content encoding (a gzip body that is not gzip), or not JSON (the
 * body parsers). Each becomes a 4xx (or Erro 101), never a 500. Anything else is unexpected:
 * it is logged once, redacted, with its stack and cause, and answered as a transient failure
 * without details.
 */
import type { NextFunction, Request, Response } from 'express';
import { errorPageForAcsError, renderErrorPage } from '../../../views/shared/error-page.ts';
import { AcsError, type AcsErrorCode, ProtocolError } from '../../errors.ts';
import type { Logger } from '../../log/logger.ts';
import type { AcsMetrics } from '../../metrics/acs-metrics.ts';
import { buildErro } from '../../protocol/erro.ts';
import { framedPageCsp } from './framed-page-headers.ts';
import { type ResponseStyle, responseStyleOf } from './response-style.ts';
import { isFramedPage, surfaceOfRequest } from './surface.ts';

const statusOf: Readonly<Record<AcsErrorCode, number>> = {
  not_found: 404,
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  too_many_requests: 429,
  unavailable: 503,
};

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
 * body-parser gives them or else by their 4xx status; undefined for anything else.
 */
export function clientErrorOf(err: unknown): AcsError | undefined {
  if (err instanceof AcsError) return err;
  const status = clientStatusOf(err);
  if (status === undefined) return undefined;
  const type = typeof err === 'object' && err !== null && 'type' in err ? String(err.type) : '';
  if (type === 'entity.too.large' || status === 413)
    return new AcsError('payload_too_large', 'request body too large');
  if (type === 'charset.unsupported')
    return new AcsError('unsupported_media_type', 'request body charset must be utf-8');
  if (type === 'encoding.unsupported' || status === 415)
    return new AcsError('unsupported_media_type', 'request body content encoding is not supported');
  if (type === 'entity.parse.failed') return new AcsError('bad_request', 'request body is not valid JSON');
  if (err instanceof URIError)
    return new AcsError('bad_request', 'the request path is not valid percent-encoding');
  switch (status) {
    case 401:
      return new AcsError('unauthorized', 'authentication required');
    case 403:
      return new AcsError('forbidden', 'request refused');
    case 404:
    case 405:
      return new AcsError('not_found', 'no such resource');
    case 429:
      return new AcsError('too_many_requests', 'too many requests');
    default:
      // A body that could not be read (a gzip body that is not gzip, a connection cut short).
      return new AcsError('bad_request', 'request could not be read');
  }
}

/** What the error handler needs besides the logger and metrics. */
export type ErrorHandlerOptions = Readonly<{
  /** CSP frame-ancestors of the framed pages (ACS_FRAME_ANCESTORS), for their error pages. */
  frameAncestors?: readonly string[];
}>;

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

    const acsError = clientErrorOf(err);
    if (acsError === undefined)
      logger.error('unexpected failure', { method: req.method, path: req.path, err });
    const code: AcsErrorCode = acsError?.code ?? 'unavailable';
    const message = acsError?.message ?? 'the service could not complete the request';
    const status = acsError === undefined ? 500 : statusOf[code];

    if (style === 'html') {
      // A framed page's error page is framed too: it gets the framed pages' policy, not none.
      if (isFramedPage(req.path) && !res.hasHeader('Content-Security-Policy'))
        res.setHeader('Content-Security-Policy', framedPageCsp(frameAncestors));
      res
        .status(status)
        .type('html')
        .send(renderErrorPage({ lang: 'en', ...errorPageForAcsError(code) }));
      return;
    }
    res.status(status).json({ error: code, message });
  };
}

function answerErro(logger: Logger, metrics: AcsMetrics, err: unknown, req: Request, res: Response): void {
  const messageType = messageTypeOfPath[req.path.toLowerCase().replace(/\/$/, '')];
  const clientError = err instanceof ProtocolError ? undefined : clientErrorOf(err);
  const protocolError =
    err instanceof ProtocolError
      ? err
      : clientError !== undefined
        ? new ProtocolError('101', clientError.message, messageType === undefined ? {} : { messageType })
        : new ProtocolError('403', 'the ACS could not process the message');
  if (!(err instanceof ProtocolError) && clientError === undefined)
    logger.error('unexpected failure on EMV route', { method: req.method, path: req.path, err });
  const erro = buildErro(protocolError, '2.2.0');
  metrics.erroByCode.inc({
    errorCode: erro.errorCode,
    messageType: protocolError.errorMessageType ?? 'unknown',
  });
  res.status(200).json(erro);
}
