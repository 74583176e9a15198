/**
 * A form that posts itself: the final CRes to the requestor's notificationURL, and later
 * the 3DS Method's notification. The action is used exactly as given (query string kept;
 * only attribute-escaped). A same-origin script submits it on load (on a form marked
 * data-post-twice it first sends the same fields by fetch); with JavaScript off the
 * cardholder sees a short sentence and a Continue button instead. The page's referrer
 * policy is `origin`, so the post arrives with `Origin: <the ACS's origin>` (under
 * no-referrer a browser sends `Origin: null`, which a requestor's origin check refuses).
 */

import type { WindowSize } from '../../src/domain/challenge.ts';
import type { Lang } from '../../src/flows/common/language.ts';
import type { HiddenField } from '../../src/flows/common/page-step.ts';
import { isHttpUrl } from '../../src/protocol/formats.ts';
import { html } from '../common/html.ts';
import { t } from '../common/i18n.ts';
import { renderDocument } from '../common/layout.ts';

/** What the auto-submitting page posts, and where. */
export type AutoPostModel = {
  lang: Lang;
  /** The notification URL exactly as the requestor gave it (http or https). */
  action: string;
  /** Posted as hidden fields, e.g. cres and threeDSSessionData. */
  fields: readonly HiddenField[];
  /** The challenge window size, when the page is shown inside the challenge iframe. */
  windowSize?: WindowSize;
  /**
   * Post twice (the cres-twice fault, docs/faults.md): the script sends the fields by fetch
   * first, then submits the form; the Continue button without JavaScript posts once.
   */
  postTwice?: boolean;
};

/** Renders a page whose form posts the fields to the action, by script or by the visible button. */
export function renderAutoPost(model: AutoPostModel): string {
  // Validated at the protocol edge already; a javascript: or data: URL must never reach a form.
  if (!isHttpUrl(model.action)) throw new TypeError('auto-post action must be an http(s) URL');
  const { lang } = model;
  const body = html`<main class="content notice">
<h1>${t(lang, 'autoPostTitle')}</h1>
<form method="post" action="${model.action}" data-auto-post=""${model.postTwice === true && html` data-post-twice=""`}>
${model.fields.map((field) => html`<input type="hidden" name="${field.name}" value="${field.value}">`)}
<p class="instruction">${t(lang, 'autoPostText')}</p>
<button type="submit" class="primary">${t(lang, 'continue')}</button>
</form>
</main>`;
  return renderDocument({
    lang,
    title: t(lang, 'autoPostTitle'),
    stylesheet: '/static/challenge.css',
    bodyClass: model.windowSize === undefined ? 'auto-post' : `auto-post size-${model.windowSize}`,
    body,
    scripts: ['/static/auto-post.js'],
    referrerPolicy: 'origin',
  });
}
