/**
 * The console's cookies (the session cookie and the login form's CSRF cookie), read and
 * written with the `cookie` package: HttpOnly, SameSite=Strict, scoped to the path they serve,
 * and Secure behind an https public URL.
 */
import { parse, serialize } from 'cookie';
import type { Request, Response } from 'express';
import type { FlowDeps } from '../../flows/common/deps.ts';

/** A console cookie: its name and the path it is scoped to. */
export type ConsoleCookie = Readonly<{ name: string; path: string }>;

type CookieDeps = Pick<FlowDeps, 'config'>;

/** The value of `cookie` the request carries; undefined when it is absent or empty. */
export function cookieValueOf(req: Request, cookie: ConsoleCookie): string | undefined {
  const header = req.get('cookie');
  const value = header === undefined ? undefined : parse(header)[cookie.name];
  return value === '' ? undefined : value;
}

/** Sets `cookie` to `value` for `lifetimeMs`. */
export function setConsoleCookie(
  res: Response,
  deps: CookieDeps,
  cookie: ConsoleCookie,
  value: string,
  lifetimeMs: number,
): void {
  // The browser's clock, not the ACS's (a test's fixed clock would make the cookie expired).
  const expires = new Date(Date.now() + lifetimeMs);
  res.append(
    'Set-Cookie',
    serialize(cookie.name, value, { ...attributes(deps, cookie), maxAge: lifetimeMs / 1000, expires }),
  );
}

/** Tells the browser to forget `cookie`. */
export function clearConsoleCookie(res: Response, deps: CookieDeps, cookie: ConsoleCookie): void {
  res.append('Set-Cookie', serialize(cookie.name, '', { ...attributes(deps, cookie), expires: new Date(0) }));
}

function attributes(deps: CookieDeps, cookie: ConsoleCookie) {
  return {
    path: cookie.path,
    httpOnly: true,
    sameSite: 'strict',
    secure: deps.config.publicUrl.startsWith('https:'),
  } as const;
}
