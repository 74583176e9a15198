/**
 * The one place errors become responses. EMV routes answer an Erro (HTTP 200); the JSON API
 * answers `{ error, message }` with a fitting status; pages answer an HTML error page.
 * Nothing unexpected ever reaches a client as a stack trace or a raw message: it is logged
 * (redacted) and answered as a transient failure.
 */
import type { NextFunction, Request, Response } from 'express';
import { errorPageForAcsError, renderErrorPage } from '../../views/error-page.ts';
import { AcsError, type AcsErrorCode, ProtocolError } from '../errors.ts';
import type { Logger } from '../log/logger.ts';
import type { AcsMetrics } from '../metrics/acs-metrics.ts';
import { buildErro } from '../protocol/erro.ts';
import { responseStyleOf } from './response-style.ts';

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

/** Maps express's own body-parser failures (JSON API routes) to AcsError. */
function fromBodyParser(err: unknown): AcsError | undefined {
  if (typeof err !== 'object' || err === null || !('type' in err)) return undefined;
  switch (err.type) {
    case 'entity.too.large':
      return new AcsError('payload_too_large', 'request body too large');
    case 'entity.parse.failed':
      return new AcsError('bad_request', 'request body is not valid JSON');
    case 'charset.unsupported':
    case 'encoding.unsupported':
      return new AcsError('unsupported_media_type', 'request body charset must be utf-8');
    default:
      return new AcsError('bad_request', 'request body could not be read');
  }
}

/** The express error-handling middleware. */
export function errorHandler(logger: Logger, metrics: AcsMetrics) {
  return (err: unknown, req: Request, res: Response, _next: NextFunction): void => {
    if (res.headersSent) {
      res.end();
      return;
    }
    const style = responseStyleOf(res);
    res.setHeader('Cache-Control', 'no-store');

    if (style === 'emv') {
      const protocolError =
        err instanceof ProtocolError
          ? err
          : new ProtocolError('403', 'the ACS could not process the message');
      if (!(err instanceof ProtocolError))
        logger.error('unexpected failure on EMV route', { path: req.path, err });
      const erro = buildErro(protocolError, '2.2.0');
      metrics.erroByCode.inc({
        errorCode: erro.errorCode,
        messageType: protocolError.errorMessageType ?? 'unknown',
      });
      res.status(200).json(erro);
      return;
    }

    const acsError = err instanceof AcsError ? err : fromBodyParser(err);
    if (acsError === undefined) logger.error('unexpected failure', { path: req.path, err });
    const code: AcsErrorCode = acsError?.code ?? 'unavailable';
    const message = acsError?.message ?? 'the service could not complete the request';
    const status = acsError === undefined ? 500 : statusOf[code];

    if (style === 'html') {
      res
        .status(status)
        .type('html')
        .send(renderErrorPage({ lang: 'en', ...errorPageForAcsError(code) }));
      return;
    }
    res.status(status).json({ error: code, message });
  };
}
