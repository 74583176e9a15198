/**
 * The demo merchant's order page (/console/demo/:acsTransID): what the ACS answered and, for a
 * challenge, the challenge window itself, framed at the chosen size. A form targeting the
 * iframe posts the CReq to the acsURL (/static/demo.js submits it; without JavaScript the
 * button does). Once the transaction is final the page shows the final CRes, the RReq the demo
 * 3DS Server received with its answer and every delivery attempt, and the result JWS checked
 * against the published JWKS. Every message is pretty-printed JSON, escaped like any text.
 */

import { renderConsolePage } from '../common/console-layout.ts';
import { displayTime, statusClass } from '../common/format.ts';
import { html, type SafeHtml } from '../common/html.ts';

/** The challenge window sizes (challengeWindowSize), as CSS classes on the iframe. */
export type DemoFrameSize = '01' | '02' | '03' | '04' | '05';

/** The first CReq, ready to post into the iframe. */
export type DemoChallengeView = Readonly<{
  acsURL: string;
  creq: string;
  threeDSSessionData: string;
  windowSize: DemoFrameSize;
}>;

/** Where the order is: challenge to open, challenge running, decoupled wait, or done. */
export type DemoStage = 'challenge' | 'challenging' | 'decoupled' | 'final';

/** One RReq delivery attempt, display-ready. */
export type DemoAttemptView = Readonly<{
  attempt: number;
  outcome: string;
  httpStatus: string;
  detail: string;
  at: string;
}>;

/** The result JWS check, display-ready. */
export type DemoSignedResultView = Readonly<
  | { valid: true; alg: string; kid: string; agrees: boolean; payload: string }
  | { valid: false; reason: string }
>;

/** How the cardholder proves themselves in this challenge, for the hint next to the window. */
export type DemoMethod = 'sms' | 'totp' | 'password' | 'oob' | 'kba' | undefined;

/** What the order page shows (every value display-ready). */
export type DemoOrderPageModel = Readonly<{
  frame: Readonly<{ operator: string; csrfToken: string }>;
  acsTransID: string;
  threeDSServerTransID: string;
  merchantName: string;
  amount: string;
  maskedPan: string;
  scenario: string;
  messageVersion: string;
  decisionCheck: string;
  aresStatus: string;
  aresStatusReason: string | undefined;
  method: DemoMethod;
  stage: DemoStage;
  createdAt: string;
  result:
    | Readonly<{
        transStatus: string;
        transStatusReason: string | undefined;
        eci: string | undefined;
        authenticationValue: string | undefined;
        challengeCancel: string | undefined;
        completedAt: string;
      }>
    | undefined;
  challenge: DemoChallengeView | undefined;
  /** Pretty-printed messages (undefined when the timeline has none). */
  areq: string | undefined;
  ares: string | undefined;
  finalCRes: string | undefined;
  rreq: string | undefined;
  rreqAnswer: string | undefined;
  rreqAnswerType: string | undefined;
  attempts: readonly DemoAttemptView[];
  signedResult: DemoSignedResultView | undefined;
}>;

/** Where the order page lives. */
export function demoOrderHref(acsTransID: string): string {
  return `/console/demo/${encodeURIComponent(acsTransID)}`;
}

const methodHints: Readonly<Record<Exclude<DemoMethod, undefined>, (acsTransID: string) => SafeHtml>> = {
  sms: (id) =>
    html`The code is in the <a href="/console/inbox?acsTransID=${encodeURIComponent(id)}" target="_blank" rel="noopener">SMS inbox</a> (opens in a new tab).`,
  totp: () =>
    html`Use the card's authenticator app; the seeded cards share the secret <code>JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP</code>.`,
  password: () => html`The seeded password cards use <code>sandbox-password</code>.`,
  kba: () => html`Tick <strong>Riverside Books</strong> and <strong>Metro Cinema</strong>, and nothing else.`,
  oob: () =>
    html`Approve the purchase in the <a href="/console/bank-app" target="_blank" rel="noopener">bank app</a> (opens in a new tab); the window moves on by itself.`,
};

/** Renders the order page. */
export function renderDemoOrderPage(model: DemoOrderPageModel): string {
  const body = html`<link rel="stylesheet" href="/static/demo.css">
<div class="page-header">
<h1>Demo order <span class="badge ${statusClass(model.result?.transStatus ?? model.aresStatus)}">${model.result?.transStatus ?? model.aresStatus}</span></h1>
<div class="actions">
<a class="button button-quiet" href="/console/transactions/${encodeURIComponent(model.acsTransID)}">Open in the transaction explorer</a>
<a class="button" href="/console/demo">New checkout</a>
</div>
</div>
<div id="demo-order" data-stage="${model.stage}" data-status-url="${demoOrderHref(model.acsTransID)}/status">
${stagePanel(model)}
<div class="grid">
${summaryPanel(model)}
${model.result !== undefined && resultPanel(model)}
</div>
${model.stage === 'final' && model.finalCRes !== undefined && messagePanel('final-cres', 'Final CRes received at the notification URL', model.finalCRes)}
${model.stage === 'final' && rreqPanel(model)}
${model.signedResult !== undefined && signedResultPanel(model.signedResult)}
<div class="grid">
${model.areq !== undefined && messagePanel('areq', 'AReq sent (card number masked)', model.areq)}
${model.ares !== undefined && messagePanel('ares', 'ARes received', model.ares)}
</div>
</div>`;
  return renderConsolePage({
    title: 'Demo order',
    active: 'demo',
    operator: model.frame.operator,
    csrfToken: model.frame.csrfToken,
    body,
    scripts: ['/static/demo.js'],
  });
}

function stagePanel(model: DemoOrderPageModel): SafeHtml | undefined {
  switch (model.stage) {
    case 'challenge':
      return model.challenge === undefined ? undefined : challengePanel(model, model.challenge);
    case 'challenging':
      return html`<section class="panel demo-stage" aria-labelledby="stage-heading" role="status">
<h2 id="stage-heading">Challenge in progress</h2>
<p>The challenge window was opened already. An ACS accepts the first CReq once, so it cannot be opened again here:
finish it where it is open, or wait for it to time out. This page updates when the transaction ends.</p>
<p><a href="${demoOrderHref(model.acsTransID)}">Refresh</a></p>
</section>`;
    case 'decoupled':
      return html`<section class="panel demo-stage" aria-labelledby="stage-heading" role="status">
<h2 id="stage-heading">Waiting for decoupled authentication</h2>
<p>The ACS answered D: the cardholder authenticates away from this checkout. Approve or deny the request in the
<a href="/console/bank-app">bank app</a>; the ACS then sends the RReq to this demo merchant.
This page updates when the transaction ends.</p>
<p><a href="${demoOrderHref(model.acsTransID)}">Refresh</a></p>
</section>`;
    case 'final':
      return undefined;
  }
}

function challengePanel(model: DemoOrderPageModel, challenge: DemoChallengeView): SafeHtml {
  const hint = model.method === undefined ? undefined : methodHints[model.method](model.acsTransID);
  return html`<section class="panel demo-stage" aria-labelledby="challenge-heading">
<div class="panel-header">
<h2 id="challenge-heading">Your bank's challenge</h2>
<span class="muted">challengeWindowSize ${challenge.windowSize}</span>
</div>
${hint !== undefined && html`<p class="demo-hint">${hint}</p>`}
<form id="demo-creq-form" class="demo-creq-form" method="post" action="${challenge.acsURL}" target="demo-challenge" data-auto-submit="">
<input type="hidden" name="creq" value="${challenge.creq}">
<input type="hidden" name="threeDSSessionData" value="${challenge.threeDSSessionData}">
<button type="submit" class="button">Open the challenge window</button>
</form>
<div class="demo-frame-wrap">
<iframe name="demo-challenge" id="demo-challenge" class="challenge-frame size-${challenge.windowSize}" title="Challenge window of the card issuer"></iframe>
</div>
</section>`;
}

function summaryPanel(model: DemoOrderPageModel): SafeHtml {
  return html`<section class="panel" aria-labelledby="summary-heading">
<h2 id="summary-heading">Order</h2>
<dl class="details">
<dt>Merchant</dt><dd>${model.merchantName}</dd>
<dt>Amount</dt><dd>${model.amount}</dd>
<dt>Card</dt><dd class="mono">${model.maskedPan}</dd>
<dt>Scenario</dt><dd>${model.scenario}</dd>
<dt>Version</dt><dd>${model.messageVersion}</dd>
<dt>ARes</dt><dd><span class="${statusClass(model.aresStatus)}">${model.aresStatus}</span>${model.aresStatusReason !== undefined && html` reason ${model.aresStatusReason}`}</dd>
<dt>Decision</dt><dd class="mono">${model.decisionCheck}</dd>
<dt>acsTransID</dt><dd class="mono">${model.acsTransID}</dd>
<dt>threeDSServerTransID</dt><dd class="mono">${model.threeDSServerTransID}</dd>
<dt>Started</dt><dd><time datetime="${model.createdAt}">${displayTime(model.createdAt)}</time></dd>
</dl>
</section>`;
}

function resultPanel(model: DemoOrderPageModel): SafeHtml | undefined {
  const result = model.result;
  if (result === undefined) return undefined;
  return html`<section class="panel" aria-labelledby="result-heading" id="demo-result">
<h2 id="result-heading">Result</h2>
<p class="demo-outcome"><span class="${statusClass(result.transStatus)}">transStatus ${result.transStatus}</span>
${result.transStatus === 'Y' || result.transStatus === 'A' ? 'The payment can go to authorisation with this proof.' : 'The payment is not authenticated.'}</p>
<dl class="details">
${result.transStatusReason !== undefined && html`<dt>transStatusReason</dt><dd>${result.transStatusReason}</dd>`}
${result.eci !== undefined && html`<dt>ECI</dt><dd>${result.eci}</dd>`}
${result.authenticationValue !== undefined && html`<dt>authenticationValue</dt><dd class="mono">${result.authenticationValue}</dd>`}
${result.challengeCancel !== undefined && html`<dt>challengeCancel</dt><dd>${result.challengeCancel}</dd>`}
<dt>Completed</dt><dd><time datetime="${result.completedAt}">${displayTime(result.completedAt)}</time></dd>
</dl>
</section>`;
}

function rreqPanel(model: DemoOrderPageModel): SafeHtml | undefined {
  if (model.rreq === undefined) return undefined;
  return html`<section class="panel" aria-labelledby="rreq-heading" id="demo-rreq">
<h2 id="rreq-heading">RReq received by the demo 3DS Server</h2>
<div class="grid">
<div>
<h3>RReq</h3>
<pre class="json" tabindex="0">${model.rreq}</pre>
</div>
<div>
<h3>${model.rreqAnswerType ?? 'Answer'} sent back</h3>
${model.rreqAnswer === undefined ? html`<p class="empty">No answer reached the ACS.</p>` : html`<pre class="json" tabindex="0">${model.rreqAnswer}</pre>`}
</div>
</div>
<h3 class="demo-subheading">Delivery attempts</h3>
${
  model.attempts.length === 0
    ? html`<p class="empty">No delivery attempt recorded yet.</p>`
    : html`<div class="table-wrap"><table class="data">
<thead><tr><th scope="col">#</th><th scope="col">Outcome</th><th scope="col">HTTP</th><th scope="col">Detail</th><th scope="col">At</th></tr></thead>
<tbody>${model.attempts.map(
        (a) =>
          html`<tr><td class="num">${a.attempt}</td><td><span class="badge ${a.outcome === 'delivered' ? 'badge-ok' : 'badge-bad'}">${a.outcome}</span></td><td>${a.httpStatus}</td><td>${a.detail}</td><td class="nowrap"><time datetime="${a.at}">${displayTime(a.at)}</time></td></tr>`,
      )}</tbody>
</table></div>`
}
</section>`;
}

function signedResultPanel(view: DemoSignedResultView): SafeHtml {
  return html`<section class="panel" aria-labelledby="jws-heading" id="demo-jws">
<h2 id="jws-heading">Signed result</h2>
${
  view.valid
    ? html`<p><span class="badge badge-ok">Signature valid</span> ${view.alg}, key <code>${view.kid}</code>, checked with
<a href="/.well-known/jwks.json">/.well-known/jwks.json</a>.
${view.agrees ? html`<span class="badge badge-ok">Matches the transaction</span>` : html`<span class="badge badge-bad">Does not match the transaction</span>`}</p>
<pre class="json" tabindex="0">${view.payload}</pre>`
    : html`<p><span class="badge badge-bad">Signature not valid</span> ${view.reason}</p>`
}
</section>`;
}

function messagePanel(id: string, title: string, json: string): SafeHtml {
  return html`<section class="panel" aria-labelledby="${id}-heading" id="demo-${id}">
<h2 id="${id}-heading">${title}</h2>
<pre class="json" tabindex="0">${json}</pre>
</section>`;
}
