/**
 * Reads an EMV message body as text, refusing what the protocol does not allow before any
 * parsing: a Content-Type other than application/json, a charset other than UTF-8 (EMV
 * messages are UTF-8 JSON), a body over the size limit (counted after any content decoding),
 * or a body that cannot be read or decoded (a `Content-Encoding: gzip` body that is not gzip).
 * Each refusal is a ProtocolError (Erro 101), never an HTTP 4xx/5xx, because the protocol's
 * answer to a bad message is an Erro.
 */
import express, { type NextFunction, type Request, type Response } from 'express';
import { ProtocolError } from '../../errors/index.ts';

const utf8Charset = /^(|utf-?8)$/;

/** The charset parameter of a Content-Type header, lower-cased and unquoted ('' when absent). */
function charsetOf(contentType: string): string {
  const match = /;\s*charset\s*=\s*("?)([^";\s]*)\1/i.exec(contentType);
  return (match?.[2] ?? '').toLowerCase();
}

/** Middleware putting the raw JSON text on `req.body` (a string), or failing with Erro 101. */
export function emvBody(maxBytes: number, messageType: string) {
  const readText = express.text({ type: () => true, limit: maxBytes, defaultCharset: 'utf-8' });
  return (req: Request, res: Response, next: NextFunction): void => {
    if (!req.is('application/json')) {
      next(new ProtocolError('101', 'Content-Type must be application/json', { messageType }));
      return;
    }
    if (!utf8Charset.test(charsetOf(req.get('content-type') ?? ''))) {
      next(new ProtocolError('101', 'message body charset must be utf-8', { messageType }));
      return;
    }
    readText(req, res, (err?: unknown) => {
      if (err === undefined || err === null) {
        if (typeof req.body !== 'string') req.body = '';
        next();
        return;
      }
      const type = typeof err === 'object' && 'type' in err ? String(err.type) : '';
      const detail =
        type === 'entity.too.large'
          ? `message body exceeds ${maxBytes} bytes`
          : type === 'charset.unsupported' || type === 'encoding.unsupported'
            ? 'message body charset must be utf-8'
            : 'message body could not be read';
      next(new ProtocolError('101', detail, { messageType }));
    });
  };
}
