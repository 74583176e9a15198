/**
 * The sandbox "bank app": the page that stands in for the cardholder's phone. An
 * out-of-band challenge window asks the cardholder to approve the purchase in their bank's
 * app, and a decoupled authentication (ARes D) waits for the same answer; here a tester
 * sees each waiting request (merchant, amount, masked card) and answers it with a big
 * Approve or Deny button. Plain POST forms, so no script is needed; a same-origin script
 * only refreshes the list. Helmet's strict CSP applies: nothing inline.
 */

import { html, type SafeHtml } from '../common/html.ts';
import { renderDocument } from '../common/layout.ts';

/** Where the bank app page lives (GET); its refresh script reloads the list from here. */
export const bankAppPath = '/sandbox/bank-app';

/** Where the SMS sandbox inbox lives, linked from the bank app. */
const inboxPath = '/sandbox';

/** The path a request's Approve button posts to: /sandbox/bank-app/<acsTransID>/approve. */
export function bankAppApprovePath(acsTransID: string): string {
  return `${bankAppPath}/${encodeURIComponent(acsTransID)}/approve`;
}

/** The path a request's Deny button posts to: /sandbox/bank-app/<acsTransID>/deny. */
export function bankAppDenyPath(acsTransID: string): string {
  return `${bankAppPath}/${encodeURIComponent(acsTransID)}/deny`;
}

/** Why the bank app is asked: a challenge window waiting (oob) or a decoupled authentication. */
export type BankAppRequestKind = 'oob' | 'decoupled';

/** One request in the bank app, as display-ready strings (the PAN already masked). */
export type BankAppRequest = {
  acsTransID: string;
  kind: BankAppRequestKind;
  merchantName: string;
  /** The formatted purchase amount, or undefined for a non-payment authentication. */
  amount: string | undefined;
  /** The masked card number, e.g. "400000••••1307" (never the full PAN). */
  maskedPan: string;
  /** ISO 8601 time the request was made. */
  createdAt: string;
  /** ISO 8601 time the request stops waiting, when known. */
  expiresAt: string | undefined;
  /** The answer already given, or undefined while it waits. */
  approval: 'approved' | 'denied' | undefined;
};

/** What the bank app page shows. */
export type BankAppModel = {
  /** Requests waiting for an answer, and recently answered ones (shown apart, without buttons). */
  pending: readonly BankAppRequest[];
  /** The issuer the app belongs to, shown in its top bar (defaults to "Sandbox bank"). */
  issuerName?: string;
};

const kindText: Readonly<Record<BankAppRequestKind, { label: string; note: string }>> = {
  oob: {
    label: 'Purchase in browser',
    note: 'The challenge window in the shop moves on once you answer.',
  },
  decoupled: {
    label: 'Decoupled authentication',
    note: 'The shop is waiting in the background; no window is open.',
  },
};

function timeOf(iso: string): number {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? Number.NEGATIVE_INFINITY : ms;
}

/** A stable, locale-free rendering of an ISO timestamp: "2026-11-05 14:03:27 UTC". */
function displayTime(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  return `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

function newestFirst(requests: readonly BankAppRequest[]): BankAppRequest[] {
  return [...requests].sort((a, b) => timeOf(b.createdAt) - timeOf(a.createdAt));
}

function answerButtons(request: BankAppRequest, titleId: string): SafeHtml {
  return html`<div class="answer">
<form method="post" action="${bankAppApprovePath(request.acsTransID)}">
<button type="submit" class="approve" aria-describedby="${titleId}">Approve</button>
</form>
<form method="post" action="${bankAppDenyPath(request.acsTransID)}">
<button type="submit" class="deny" aria-describedby="${titleId}">Deny</button>
</form>
</div>`;
}

function outcome(approval: 'approved' | 'denied'): SafeHtml {
  return html`<p class="outcome outcome-${approval}">${approval === 'approved' ? 'Approved' : 'Denied'}</p>`;
}

function renderRequest(request: BankAppRequest, id: string): SafeHtml {
  const titleId = `${id}-title`;
  const kind = kindText[request.kind];
  const state = request.approval ?? 'waiting';
  return html`<li class="request request-${state}" aria-labelledby="${titleId}">
<p class="kind kind-${request.kind}">${kind.label}</p>
<h3 id="${titleId}" class="merchant">${request.merchantName}</h3>
${request.amount === undefined ? html`<p class="amount no-amount">No payment: identity check only</p>` : html`<p class="amount">${request.amount}</p>`}
<dl class="details">
<div><dt>Card</dt><dd>${request.maskedPan}</dd></div>
<div><dt>Requested</dt><dd><time datetime="${request.createdAt}">${displayTime(request.createdAt)}</time></dd></div>
${
  request.expiresAt !== undefined &&
  html`<div><dt>Expires</dt><dd><time datetime="${request.expiresAt}">${displayTime(request.expiresAt)}</time></dd></div>`
}
<div class="trans"><dt>Transaction</dt><dd><code>${request.acsTransID}</code></dd></div>
</dl>
${request.approval === undefined ? html`<p class="note">${kind.note}</p>${answerButtons(request, titleId)}` : outcome(request.approval)}
</li>`;
}

/** Renders the sandbox bank app page. */
export function renderBankApp(model: BankAppModel): string {
  const waiting = newestFirst(model.pending.filter((request) => request.approval === undefined));
  const answered = newestFirst(model.pending.filter((request) => request.approval !== undefined));
  const body = html`<div class="phone">
<header class="app-bar">
<span class="issuer">${model.issuerName ?? 'Sandbox bank'}</span>
<span class="sandbox-tag">Sandbox</span>
</header>
<main id="approvals" class="screen" data-refresh="${bankAppPath}">
<h1>Approvals</h1>
<p class="intro">This page stands in for the cardholder's phone. Approve or deny what the ACS asks for.</p>
<section aria-labelledby="waiting-title">
<h2 id="waiting-title">Waiting for you</h2>
${
  waiting.length === 0
    ? html`<p class="empty">Nothing to approve right now. Start a purchase with an out-of-band or decoupled test card and its request appears here.</p>`
    : html`<ol class="requests">${waiting.map((request, i) => renderRequest(request, `waiting-${i + 1}`))}</ol>`
}
</section>
${
  answered.length > 0 &&
  html`<section aria-labelledby="answered-title">
<h2 id="answered-title">Answered</h2>
<ol class="requests">${answered.map((request, i) => renderRequest(request, `answered-${i + 1}`))}</ol>
</section>`
}
</main>
<nav class="app-nav" aria-label="Sandbox">
<a href="${bankAppPath}">Refresh</a>
<a href="${inboxPath}">SMS inbox</a>
</nav>
</div>`;
  return renderDocument({
    lang: 'en',
    title: 'Bank app – ACS simulator',
    stylesheet: '/static/bank-app.css',
    bodyClass: 'bank-app',
    body,
    scripts: ['/static/bank-app.js'],
  });
}
