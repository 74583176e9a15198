/**
 * Where a state-changing request comes from, as the browser says it. Fetch Metadata
 * (Sec-Fetch-Site) decides when sent: our own pages' form posts are `same-origin` (their Origin
 * is `null`, because the pages send no referrer). Otherwise Origin, compared with the request's
 * host and the public URL; an Origin of `null` without Fetch Metadata proves nothing. Scripts
 * and tests, which send neither header, are `unknown` too.
 */
import type { Request } from 'express';

/** What the browser's headers say about a request's origin. */
export type RequestSite = 'same-origin' | 'cross-site' | 'unknown';

/** Classifies the request by its Sec-Fetch-Site and Origin headers. */
export function requestSite(req: Request, publicUrl: string): RequestSite {
  const site = req.get('sec-fetch-site');
  if (site !== undefined) return site === 'same-origin' || site === 'none' ? 'same-origin' : 'cross-site';
  const origin = req.get('origin');
  if (origin === undefined || origin === 'null') return 'unknown';
  const own = origin === `${req.protocol}://${req.get('host') ?? ''}` || origin === new URL(publicUrl).origin;
  return own ? 'same-origin' : 'cross-site';
}
