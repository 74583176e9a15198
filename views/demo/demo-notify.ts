/**
 * The page the demo merchant's notificationURL answers inside the challenge iframe once the
 * final CRes arrives: a short outcome that fits the smallest window (250 x 400), and a link
 * that opens the order's result in the whole tab. /static/demo-notify.js tells the parent page
 * (same origin only) that the challenge is over, so it shows the result without a click.
 */

import { html } from '../common/html.ts';
import { renderDocument } from '../common/layout.ts';

/** What the notification page shows. */
export type DemoNotifyModel = Readonly<
  | {
      ok: true;
      acsTransID: string;
      transStatus: string;
      sessionDataEchoed: boolean;
      /** The order page, opened in the top window. */
      resultHref: string;
    }
  | { ok: false; problem: string; resultHref: string | undefined }
>;

/** Renders the notification page. */
export function renderDemoNotify(model: DemoNotifyModel): string {
  const body = model.ok
    ? html`<main class="demo-notify-main" id="demo-notify" data-acs-trans-id="${model.acsTransID}" data-result-href="${model.resultHref}">
<h1>${model.transStatus === 'Y' ? 'Payment authenticated' : 'Payment not authenticated'}</h1>
<p>Final CRes received: <strong class="status-${model.transStatus === 'Y' ? 'Y' : 'N'}">transStatus ${model.transStatus}</strong></p>
<p class="muted">${model.sessionDataEchoed ? 'threeDSSessionData came back unchanged.' : 'threeDSSessionData did not come back as sent.'}</p>
<p><a href="${model.resultHref}" target="_top">Show the result</a></p>
</main>`
    : html`<main class="demo-notify-main">
<h1>Notification refused</h1>
<p>${model.problem}</p>
${model.resultHref !== undefined && html`<p><a href="${model.resultHref}" target="_top">Show the order</a></p>`}
</main>`;
  return renderDocument({
    lang: 'en',
    title: 'Demo merchant – challenge finished',
    stylesheet: '/static/console.css',
    bodyClass: 'console demo-notify',
    body: html`<link rel="stylesheet" href="/static/demo.css">${body}`,
    ...(model.ok ? { scripts: ['/static/demo-notify.js'] } : {}),
  });
}
