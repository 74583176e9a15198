/**
 * Which kind of answer each public path promises (docs/security.md), so that a request
 * that fails before or outside its route's own handlers (an undecodable path parameter, a
 * body in a bad charset or encoding, too large, not JSON) is still answered the way the route
 * promises: an Erro on EMV endpoints, JSON on JSON endpoints, an error page on pages.
 *
 * The table is matched on the lower-cased path, as express routes match case-insensitively
 * and with an optional trailing slash. A path it does not name keeps the style its route
 * family set with `respondWith` (src/http/common/response-style.ts).
 */
import type { Request } from 'express';
import type { ResponseStyle } from './response-style.ts';

type SurfaceRule = Readonly<{ pattern: RegExp; style: ResponseStyle; methods?: readonly string[] }>;

/** Ordered: the first rule that matches decides. */
const rules: readonly SurfaceRule[] = [
  // EMV messages in (the 3DS Server's and the demo's threeDSServerURL): an Erro for anything broken.
  { pattern: /^\/3ds\/(areq|preq)\/?$/, style: 'emv', methods: ['POST'] },
  { pattern: /^\/console\/demo\/rreq\/?$/, style: 'emv', methods: ['POST'] },
  // JSON endpoints inside page families.
  { pattern: /^\/3ds\/challenge\/[^/]+\/status\/?$/, style: 'json' },
  { pattern: /^\/console\/demo\/[^/]+\/status\/?$/, style: 'json' },
  { pattern: /^\/console\/demo\/app\/areq\/?$/, style: 'json', methods: ['POST'] },
  // Pages: the framed challenge window and 3DS Method page, the sandbox pages, the console.
  { pattern: /^\/3ds\/(challenge|method)(\/|$)/, style: 'html' },
  { pattern: /^\/sandbox\/api(\/|$)/, style: 'json' },
  { pattern: /^\/sandbox(\/|$)/, style: 'html' },
  { pattern: /^\/console(\/|$)/, style: 'html' },
  // JSON APIs: results and keys, operations, the admin API, webhooks.
  { pattern: /^\/3ds\/(transactions|av)(\/|$)/, style: 'json' },
  { pattern: /^\/\.well-known(\/|$)/, style: 'json' },
  { pattern: /^\/(healthz|readyz|metrics)\/?$/, style: 'json' },
  { pattern: /^\/api(\/|$)/, style: 'json' },
  { pattern: /^\/webhooks(\/|$)/, style: 'json' },
];

/** The answer style `method` on `path` promises, or undefined when the table does not name it. */
export function surfaceOf(method: string, path: string): ResponseStyle | undefined {
  const lower = path.toLowerCase();
  for (const rule of rules) {
    if (rule.methods !== undefined && !rule.methods.includes(method.toUpperCase())) continue;
    if (rule.pattern.test(lower)) return rule.style;
  }
  return undefined;
}

/** True for the pages other sites frame by design: the challenge window and the 3DS Method page. */
export function isFramedPage(path: string): boolean {
  return /^\/3ds\/(challenge|method)(\/|$)/.test(path.toLowerCase());
}

/** True for the console's pages (its JSON and EMV endpoints answer as the table says). */
export function isConsolePage(path: string): boolean {
  return /^\/console(\/|$)/.test(path.toLowerCase());
}

/** The answer style of `req` by the table (see surfaceOf). */
export function surfaceOfRequest(req: Request): ResponseStyle | undefined {
  return surfaceOf(req.method, req.path);
}
