/**
 * The console's bank app page (/console/bank-app): the out-of-band challenges and decoupled
 * authentications waiting for the cardholder's answer, each with Approve and Deny forms
 * (CSRF-protected posts), and the ones answered recently. The list lives in #approvals with
 * data-refresh, so the sandbox bank app's script (/static/bank-app.js) keeps it current
 * without a reload, and never moves it while the tester is using it.
 */

import { csrfField, renderConsolePage } from '../common/console-layout.ts';
import { displayTime } from '../common/format.ts';
import { html, type SafeHtml } from '../common/html.ts';

/** Where the page lives. */
export const consoleBankAppPath = '/console/bank-app';

/** The path a request's answer posts to: /console/bank-app/<acsTransID>/<approve|deny>. */
export function consoleBankAppAnswerPath(acsTransID: string, verb: 'approve' | 'deny'): string {
  return `${consoleBankAppPath}/${encodeURIComponent(acsTransID)}/${verb}`;
}

/** One request, display-ready (the card already masked). */
export type ConsoleBankAppRequest = Readonly<{
  acsTransID: string;
  kind: 'oob' | 'decoupled';
  merchantName: string;
  amount: string | undefined;
  maskedPan: string;
  createdAt: string;
  expiresAt: string | undefined;
  approval: 'approved' | 'denied' | undefined;
}>;

/** A message after an answer (from a fixed set: never text from the request). */
export type ConsoleBankAppNotice = Readonly<{ kind: 'ok' | 'error'; text: string }>;

/** What the page shows. */
export type ConsoleBankAppModel = Readonly<{
  frame: Readonly<{ operator: string; csrfToken: string }>;
  requests: readonly ConsoleBankAppRequest[];
  notice: ConsoleBankAppNotice | undefined;
}>;

const kindLabels: Readonly<Record<ConsoleBankAppRequest['kind'], { label: string; note: string }>> = {
  oob: { label: 'Out-of-band challenge', note: 'The challenge window moves on by itself once you answer.' },
  decoupled: {
    label: 'Decoupled authentication',
    note: 'No window is open: the ACS sends the RReq as soon as you answer.',
  },
};

function newestFirst(requests: readonly ConsoleBankAppRequest[]): ConsoleBankAppRequest[] {
  return [...requests].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

function answerForms(request: ConsoleBankAppRequest, csrfToken: string, titleId: string): SafeHtml {
  return html`<div class="form-actions">
<form class="inline-form" method="post" action="${consoleBankAppAnswerPath(request.acsTransID, 'approve')}">
${csrfField(csrfToken)}
<button type="submit" class="button" aria-describedby="${titleId}">Approve</button>
</form>
<form class="inline-form" method="post" action="${consoleBankAppAnswerPath(request.acsTransID, 'deny')}">
${csrfField(csrfToken)}
<button type="submit" class="button button-danger" aria-describedby="${titleId}">Deny</button>
</form>
</div>`;
}

function requestItem(request: ConsoleBankAppRequest, id: string, csrfToken: string): SafeHtml {
  const titleId = `${id}-title`;
  const kind = kindLabels[request.kind];
  return html`<li class="panel" aria-labelledby="${titleId}">
<div class="panel-header">
<h3 id="${titleId}">${request.merchantName === '' ? 'Unnamed merchant' : request.merchantName} – ${request.amount ?? 'no payment (identity check)'}</h3>
<span class="badge badge-info">${kind.label}</span>
</div>
<dl class="details">
<dt>Card</dt><dd class="mono">${request.maskedPan}</dd>
<dt>Requested</dt><dd><time datetime="${request.createdAt}">${displayTime(request.createdAt)}</time></dd>
${request.expiresAt !== undefined && html`<dt>Expires</dt><dd><time datetime="${request.expiresAt}">${displayTime(request.expiresAt)}</time></dd>`}
<dt>Transaction</dt><dd><a class="mono" href="/console/transactions/${encodeURIComponent(request.acsTransID)}">${request.acsTransID}</a></dd>
</dl>
${
  request.approval === undefined
    ? html`<p class="muted">${kind.note}</p>${answerForms(request, csrfToken, titleId)}`
    : html`<p><span class="badge ${request.approval === 'approved' ? 'badge-ok' : 'badge-bad'}">${request.approval === 'approved' ? 'Approved' : 'Denied'}</span></p>`
}
</li>`;
}

/** Renders the console's bank app page. */
export function renderConsoleBankApp(model: ConsoleBankAppModel): string {
  const csrf = model.frame.csrfToken;
  const waiting = newestFirst(model.requests.filter((r) => r.approval === undefined));
  const answered = newestFirst(model.requests.filter((r) => r.approval !== undefined));
  const body = html`<link rel="stylesheet" href="/static/console-bank-app.css">
<div class="page-header">
<h1>Bank app</h1>
<div class="actions"><a class="button button-quiet" href="${consoleBankAppPath}">Refresh</a></div>
</div>
<p class="lead">This page stands in for the cardholder's banking app: out-of-band challenges (challenge-oob cards)
and decoupled authentications (decoupled cards, ARes D) wait here for an answer.</p>
${
  model.notice !== undefined &&
  html`<p class="${model.notice.kind === 'ok' ? 'form-notice' : 'form-error'}" role="${model.notice.kind === 'ok' ? 'status' : 'alert'}">${model.notice.text}</p>`
}
<div id="approvals" data-refresh="${consoleBankAppPath}">
<section aria-labelledby="waiting-heading">
<h2 id="waiting-heading">Waiting for an answer</h2>
${
  waiting.length === 0
    ? html`<p class="empty">Nothing waits for an answer. Run a challenge-oob or decoupled card from the
<a href="/console/demo">demo merchant</a> and its request appears here.</p>`
    : html`<ol class="stack bank-app-requests">${waiting.map((r, i) => requestItem(r, `waiting-${i + 1}`, csrf))}</ol>`
}
</section>
${
  answered.length > 0 &&
  html`<section aria-labelledby="answered-heading">
<h2 id="answered-heading">Answered</h2>
<ol class="stack bank-app-requests">${answered.map((r, i) => requestItem(r, `answered-${i + 1}`, csrf))}</ol>
</section>`
}
</div>`;
  return renderConsolePage({
    title: 'Bank app',
    active: 'bank-app',
    operator: model.frame.operator,
    csrfToken: csrf,
    body,
    scripts: ['/static/bank-app.js'],
  });
}
