/**
 * What a group of pages behind the console's login needs from it, handed in by src/app.ts so
 * that such a group (the demo merchant) does not import the console: a session check, the
 * CSRF check of its forms, and who is logged in, for the page frame.
 */
import type { RequestHandler, Response } from 'express';

/** The console login as seen by a page group that sits behind it. */
export type PageGuard = Readonly<{
  /** Lets a request through with a live session; sends the browser to the login page otherwise. */
  session: RequestHandler;
  /** Refuses a form post without the session's CSRF token. */
  verifyCsrf: RequestHandler;
  /** The operator's name and the CSRF token of the page being drawn (after `session`). */
  frameOf: (res: Response) => Readonly<{ operator: string; csrfToken: string }>;
}>;
