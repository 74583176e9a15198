/**
 * The framed pages every browser step can end in, as data for the HTTP layer to render: a page
 * that auto-posts hidden fields (the final CRes to the notificationURL, the 3DS Method's answer),
 * an error page, or a page that stays silent (a 3DS Method that never answers). The challenge
 * window adds its own screen to these (src/flows/challenge/challenge-step.ts).
 */
import type { WindowSize } from '../../domain/challenge.ts';
import type { ErrorPageKind } from '../../errors/index.ts';
import type { Lang } from './language.ts';

// The error page kinds are the register's (src/errors/acs.ts: each acs code names one).
export { type ErrorPageKind, errorPageKinds } from '../../errors/index.ts';

/** A hidden form field (signed state token, acsTransID, ...), carried by every form. */
export type HiddenField = { name: string; value: string };

/** A framed page that is not the challenge window itself. */
export type PageStep = Readonly<
  | {
      kind: 'post';
      lang: Lang;
      windowSize: WindowSize | undefined;
      action: string;
      fields: readonly HiddenField[];
      /**
       * Post the same fields twice: once by fetch, then by the form (the cres-twice fault,
       * docs/faults.md). The page's CSP then lets it connect to the action's origin.
       */
      postTwice?: boolean;
    }
  | { kind: 'error'; lang: Lang; windowSize: WindowSize | undefined; page: ErrorPageKind; status: number }
  | { kind: 'silent'; lang: Lang }
>;

/** An error page step. */
export function errorStep(
  page: ErrorPageKind,
  status: number,
  lang: Lang = 'en',
  windowSize?: WindowSize,
): PageStep {
  return { kind: 'error', lang, windowSize, page, status };
}
