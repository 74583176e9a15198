/**
 * Security headers for the pages other sites frame by design (the challenge window and the
 * 3DS Method page). Helmet's defaults forbid framing, so these routes get their own policy:
 * no X-Frame-Options, CSP `frame-ancestors` from configuration, `form-action` widened to the
 * one notification origin a page posts to (and `connect-src` to it on the page that posts
 * twice), no `upgrade-insecure-requests` (local http), and no caching. Everything else stays
 * as strict as helmet's defaults.
 *
 * Referrer-Policy is `origin`, not helmet's `no-referrer`: the final CRes (and the 3DS Method
 * notification) reaches the requestor as a cross-site form POST, and under no-referrer the
 * browser sends `Origin: null`, which a requestor checking the sender's origin refuses.
 * `origin` sends the ACS's origin and never a path (the paths carry the acsTransID); unlike
 * `strict-origin` it also does so when an https ACS posts to an http test merchant.
 */
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';

const baseHelmet = helmet({
  contentSecurityPolicy: false,
  xFrameOptions: false,
  referrerPolicy: { policy: 'origin' },
  // No HSTS from pages that live inside someone else's window: a sandbox on https://localhost
  // would otherwise pin localhost to https for every later http run in that browser. The ACS's
  // own pages send it outside sandbox mode (src/app.ts).
  strictTransportSecurity: false,
});

/** Middleware: helmet without framing protection, with Referrer-Policy origin, plus no-store caching. */
export function framedPageHeaders() {
  return (req: Request, res: Response, next: NextFunction): void => {
    res.setHeader('Cache-Control', 'no-store');
    baseHelmet(req, res, next);
  };
}

/**
 * The CSP of a framed page; `postsTo` is the URL a page's form posts to, if off-site, and
 * `fetchesTo` the one URL its script may also send to with fetch (the final page of the
 * cres-twice fault, docs/faults.md): `connect-src` then names exactly that URL's origin.
 */
export function framedPageCsp(
  frameAncestors: readonly string[],
  postsTo?: string,
  fetchesTo?: string,
): string {
  const formAction = ["'self'"];
  if (postsTo !== undefined) formAction.push(new URL(postsTo).origin);
  return [
    "default-src 'self'",
    ...(fetchesTo === undefined ? [] : [`connect-src ${new URL(fetchesTo).origin}`]),
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "base-uri 'none'",
    "object-src 'none'",
    `form-action ${formAction.join(' ')}`,
    `frame-ancestors ${frameAncestors.join(' ')}`,
  ].join('; ');
}
