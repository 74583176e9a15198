/**
 * The page shown instead of a challenge when it cannot go on: a replayed or finished
 * transaction, an expired form, a malformed CReq, too many requests. It says what happened
 * and what to do, in the cardholder's language, and never shows internal details.
 */

import type { WindowSize } from '../../src/domain/challenge.ts';
import type { AcsErrorCode } from '../../src/errors.ts';
import type { Lang } from '../../src/flows/shared/language.ts';
import type { ErrorPageKind } from '../../src/flows/shared/page-step.ts';
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

const pageOfAcsError: Readonly<Record<AcsErrorCode, ErrorPageKind>> = {
  not_found: 'notFound',
  bad_request: 'invalidRequest',
  unauthorized: 'invalidRequest',
  forbidden: 'invalidRequest',
  // A conflict on a challenge post means the transaction already reached its result.
  conflict: 'transactionFinished',
  payload_too_large: 'invalidRequest',
  unsupported_media_type: 'invalidRequest',
  too_many_requests: 'tooManyRequests',
  unavailable: 'unavailable',
};

/** The title and message keys of the error page for one of our own error codes. */
export function errorPageForAcsError(code: AcsErrorCode): { titleKey: MessageKey; messageKey: MessageKey } {
  return errorPages[pageOfAcsError[code]];
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
