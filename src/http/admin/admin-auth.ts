/**
 * Authentication of the admin API: every request presents an API key, as
 * `Authorization: Bearer <key>` (RFC 6750) or `X-API-Key: <key>`. A missing or unknown key is
 * answered 401 with `WWW-Authenticate: Bearer`; nothing about the key is logged or echoed.
 * Every admin response is `Cache-Control: no-store`, so no cache keeps cardholder data or a
 * secret shown once.
 */
import type { NextFunction, Request, Response } from 'express';
import { AcsError } from '../../errors/index.ts';
import { authenticateApiKey } from '../../flows/admin/keys.ts';
import type { FlowDeps } from '../../flows/common/deps.ts';

const bearerPattern = /^Bearer +([\x21-\x7e]+) *$/i;

/** The API key a request presents: the Bearer token first, else X-API-Key; undefined when none is usable. */
export function presentedApiKey(req: Request): string | undefined {
  const authorization = req.get('authorization');
  if (authorization !== undefined) return bearerPattern.exec(authorization)?.[1];
  const header = req.get('x-api-key')?.trim();
  return header === undefined || header === '' ? undefined : header;
}

/** Middleware that lets a request through only with a valid admin API key (its id in res.locals.apiKeyId). */
export function adminAuth(deps: Pick<FlowDeps, 'keys' | 'store' | 'clock'>) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    res.setHeader('Cache-Control', 'no-store');
    const presented = presentedApiKey(req);
    const record = presented === undefined ? undefined : await authenticateApiKey(deps, presented);
    if (record === undefined) {
      res.setHeader(
        'WWW-Authenticate',
        presented === undefined
          ? 'Bearer realm="acs-admin"'
          : 'Bearer realm="acs-admin", error="invalid_token"',
      );
      throw new AcsError(
        'unauthorized',
        presented === undefined
          ? 'an admin API key is required (Authorization: Bearer <key>)'
          : 'the admin API key is not valid',
      );
    }
    res.locals.apiKeyId = record.id;
    next();
  };
}
