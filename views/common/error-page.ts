/**
 * The pages shown when a request cannot go on. A cardholder's page (instead of a challenge: a
 * replayed or finished transaction, an expired form, a malformed CReq, too many requests) says
 * what happened and what to do, in the cardholder's language. A console page says the same to
 * an operator, inside the console's frame when logged in. Neither shows internal details.
 */

import type { WindowSize } from '../../src/domain/challenge.ts';
import { type AcsErrorCode, acsErrors } from '../../src/errors/index.ts';
import type { Lang } from '../../src/flows/common/language.ts';
import type { ErrorPageKind } from '../../src/flows/common/page-step.ts';
import { navigation, renderConsoleNotice, renderConsolePage } from './console-layout.ts';
import { html } from './html.ts';
import { type MessageKey, t } from './i18n.ts';
import { renderDocument } from './layout.ts';

/** The error pages the HTTP layer renders, each a title and a message from the catalogue. */
export const errorPages = {
  transactionFinished: { titleKey: 'transactionFinished', messageKey: 'transactionFinishedText' },
  sessionExpired: { titleKey: 'sessionExpired', messageKey: 'sessionExpiredText' },
  invalidRequest: { titleKey: 'invalidRequest', messageKey: 'invalidRequestText' },
  notFound: { titleKey: 'notFound', messageKey: 'notFoundText' },
  tooManyRequests: { titleKey: 'tooManyRequests', messageKey: 'tooManyRequestsText' },
  unavailable: { titleKey: 'unavailable', messageKey: 'unavailableText' },
} as const satisfies Readonly<Record<ErrorPageKind, { titleKey: MessageKey; messageKey: MessageKey }>>;

/** The title and message keys of the error page for one of our own error codes (the register's page kind). */
export function errorPageForAcsError(code: AcsErrorCode): { titleKey: MessageKey; messageKey: MessageKey } {
  return errorPages[acsErrors[code].page];
}

/** What an error page shows. */
export type ErrorPageModel = {
  lang: Lang;
  titleKey: MessageKey;
  messageKey: MessageKey;
  /** The challenge window size when shown inside the challenge iframe; full page otherwise. */
  windowSize?: WindowSize;
};

/** Renders an error page. */
export function renderErrorPage(model: ErrorPageModel): string {
  const { lang } = model;
  const body = html`<div class="window">
<main class="content notice">
<h1>${t(lang, model.titleKey)}</h1>
<p>${t(lang, model.messageKey)}</p>
</main>
</div>`;
  return renderDocument({
    lang,
    title: t(lang, model.titleKey),
    stylesheet: '/static/challenge.css',
    bodyClass: `error-page size-${model.windowSize ?? '05'}`,
    body,
  });
}

/** What a console error page says, for a failure without a heading of its own (English only). */
const consoleTexts: Readonly<Record<AcsErrorCode, { title: string; message: string }>> = {
  not_found: { title: 'Not found', message: 'There is nothing at this address.' },
  bad_request: {
    title: 'Invalid request',
    message: 'The request could not be understood. Go back and try again.',
  },
  unauthorized: {
    title: 'Not logged in',
    message: 'Your session has ended or you are not logged in. Log in and try again.',
  },
  forbidden: { title: 'Request refused', message: 'The request was refused.' },
  conflict: {
    title: 'Not possible now',
    message: 'The request does not fit the current state. Reload the page.',
  },
  payload_too_large: { title: 'Request too large', message: 'The form sent more than the console accepts.' },
  unsupported_media_type: {
    title: 'Unsupported request',
    message: 'The request was sent in an encoding the console does not accept.',
  },
  unprocessable_content: {
    title: 'Cannot be processed',
    message: 'The request is well-formed, but its content cannot be acted on.',
  },
  too_many_requests: { title: 'Too many requests', message: 'Wait a moment and try again.' },
  unavailable: {
    title: 'Something went wrong',
    message: 'The console could not complete the request. Try again in a moment.',
  },
};

/** What a console error page shows. */
export type ConsoleErrorModel = {
  code: AcsErrorCode;
  /** The failure's own heading; without one the code's own title and text are shown. */
  title: string | undefined;
  /** A sentence written for the page; shown with `title` only. */
  message: string;
  /** The request's path: it picks the section marked in the navigation and the way back. */
  path: string;
  /** Who is logged in and the page's CSRF token; a standalone notice without them. */
  frame: { operator: string; csrfToken: string } | undefined;
};

/** Renders a console error page: in the console's frame when logged in, else a notice with the way to log in. */
export function renderConsoleErrorPage(model: ConsoleErrorModel): string {
  const { title, message } =
    model.title === undefined ? consoleTexts[model.code] : { title: model.title, message: model.message };
  if (model.frame === undefined) {
    return renderConsoleNotice({ title, message, link: { href: '/console/login', label: 'Log in' } });
  }
  const place = placeOf(model.path);
  const body = html`<div class="panel narrow">
<h1>${title}</h1>
<p>${message}</p>
<p><a class="button" href="${place.href}">Back to ${place.label}</a></p>
</div>`;
  return renderConsolePage({
    title,
    active: place.section,
    operator: model.frame.operator,
    csrfToken: model.frame.csrfToken,
    body,
  });
}

/** The navigation entry of the section a console path is in (the dashboard's for any other path). */
function placeOf(path: string): (typeof navigation)[number] {
  const lower = path.toLowerCase();
  const section = navigation.find(
    (item) => item.href !== '/console' && (lower === item.href || lower.startsWith(`${item.href}/`)),
  );
  return section ?? { section: 'dashboard', href: '/console', label: 'Dashboard' };
}
