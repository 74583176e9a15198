/**
 * How a route family answers failures: EMV routes answer with an Erro message (HTTP 200, as
 * the protocol wants), our JSON API with `{ error, message }`, pages with an HTML page. A
 * route family sets its style once with `respondWith(...)`; the one error handler reads it.
 */
import type { NextFunction, Request, Response } from 'express';

/** The three ways the ACS answers a failure. */
export type ResponseStyle = 'emv' | 'json' | 'html';

/** Middleware that marks the following handlers' failures to be answered in `style`. */
export function respondWith(style: ResponseStyle) {
  return (_req: Request, res: Response, next: NextFunction): void => {
    res.locals.responseStyle = style;
    next();
  };
}

/** The style set for this response (JSON when none was set). */
export function responseStyleOf(res: Response): ResponseStyle {
  const style: unknown = res.locals.responseStyle;
  return style === 'emv' || style === 'html' ? style : 'json';
}
