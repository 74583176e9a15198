/**
 * How the admin API reads what a client sends: small JSON bodies only, strict schemas, and
 * 400 messages that name the offending fields with the rule they break, never the value (a
 * PAN or a password must not come back in an error). Query strings follow the same rules. The
 * schemas themselves are the admin API's schema set (src/http/admin/admin-schemas.ts).
 */
import express, { type NextFunction, type Request, type Response } from 'express';
import type { z } from 'zod';
import { AcsError } from '../../errors/index.ts';

/** The JSON body parser of the admin API (8 KiB at most, objects and arrays only). */
export const adminJsonBody = express.json({ limit: '8kb', strict: true });

/** The largest exported exchange a replay reads (an export is a whole timeline, not a small body). */
export const maxExchangeBytes = 1024 * 1024;

/** The JSON body parser of POST /replays (an exported exchange: up to 1 MiB). */
export const exchangeJsonBody = express.json({ limit: maxExchangeBytes, strict: true });

/** Refuses a body declared as anything but JSON (the JSON parser would silently skip it). */
export function refuseNonJson(req: Request, _res: Response, next: NextFunction): void {
  // With no Content-Type the parser reads nothing, and the schema judges the missing body.
  if (req.get('content-type') !== undefined && !req.is('application/json')) {
    throw new AcsError('unsupported_media_type', 'the request body must be application/json');
  }
  next();
}

/**
 * The validated input; AcsError bad_request naming each offending field: `name` when it is
 * missing or of the wrong type, `name (unknown)` when it is not expected, and `name (rule)`
 * when it breaks a rule of its own (the rule's message describes it, never quotes the value).
 */
export function parseInput<T>(schema: z.ZodType<T>, input: unknown): T {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const fields = [
    ...new Set(
      parsed.error.issues.flatMap((issue) => {
        const name = issue.path.join('.') || 'body';
        if (issue.code === 'unrecognized_keys') {
          return issue.keys.slice(0, 5).map((key) => `${key.slice(0, 40)} (unknown)`);
        }
        const missing = valueAt(input, issue.path) === undefined;
        if (missing || issue.code === 'invalid_type' || issue.code === 'invalid_union') return [name];
        return [`${name} (${issue.message})`];
      }),
    ),
  ];
  throw new AcsError('bad_request', `invalid or missing: ${fields.join(', ')}`);
}

/** The value at `path` inside `input` (undefined when any step is missing). */
function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let node = input;
  for (const step of path) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<PropertyKey, unknown>)[step];
  }
  return node;
}

/**
 * The path parameters of `req`, validated by `schema`; AcsError not_found when they fail it (an
 * id that cannot exist is simply unknown, docs/admin-api.md "Decisions").
 */
export function parsePathParams<T>(schema: z.ZodType<T>, req: Request, notFoundMessage: string): T {
  const parsed = schema.safeParse({ ...req.params });
  if (!parsed.success) throw new AcsError('not_found', notFoundMessage);
  return parsed.data;
}
