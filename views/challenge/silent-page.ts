/**
 * The page of a 3DS Method that never answers (the `never` card ranges, docs/flows.md "3DS
 * Method"): no form, no script, nothing posted to the threeDSMethodNotificationURL, so the
 * requestor's own timeout decides threeDSCompInd N.
 */

import type { Lang } from '../../src/flows/common/language.ts';
import { html } from '../common/html.ts';
import { t } from '../common/i18n.ts';
import { renderDocument } from '../common/layout.ts';

/** Renders an empty framed page that posts nothing. */
export function renderSilentPage(lang: Lang): string {
  return renderDocument({
    lang,
    title: t(lang, 'autoPostTitle'),
    stylesheet: '/static/challenge.css',
    bodyClass: 'auto-post',
    body: html`<main class="content notice"></main>`,
    referrerPolicy: 'origin',
  });
}
