/**
 * One transaction in the explorer: a summary (versions, channel, category, scenario, the
 * requestor fault it rehearsed, the decision check that fired, the ARes, the final result with
 * ECI and authenticationValue, the challenge method, interaction counter and challengeCancel),
 * the timeline (transaction-timeline.ts), the RReq delivery attempts with the check of each
 * reply (rreq-attempts.ts), the button that sends the RReq again, and the link that downloads
 * the whole exchange as JSON (src/flows/admin/exchange-export.ts).
 */

import { type Fault, faultDescriptions, isDelayedFault } from '../../src/domain/fault.ts';
import { csrfField, renderConsolePage } from '../common/console-layout.ts';
import { html, type SafeHtml } from '../common/html.ts';
import { displayTime } from './card-form.ts';
import { faultBadge, faultDelayText } from './fault-badge.ts';
import { type RReqAttemptRow, renderAttempts } from './rreq-attempts.ts';
import { renderTimeline, type TimelineMessage } from './transaction-timeline.ts';
import { channelNames, statusBadge } from './transactions.ts';

/** Who is logged in, for the page frame. */
type Frame = Readonly<{ operator: string; csrfToken: string }>;

/** What the summary shows (display-ready; absent values undefined). */
export type TransactionSummary = Readonly<{
  acsTransID: string;
  threeDSServerTransID: string;
  dsTransID: string;
  sdkTransID: string | undefined;
  messageVersion: string;
  deviceChannel: string;
  messageCategory: string;
  maskedPan: string;
  scheme: string | undefined;
  scenario: string | undefined;
  /** The requestor fault the card carried at AReq time, and its delay when not the default. */
  fault: Fault | undefined;
  faultDelayMs: number | undefined;
  decisionCheck: string;
  /** The AReq's threeDSCompInd, which the decision was made with; undefined when it carried none. */
  threeDSCompInd: string | undefined;
  aresStatus: string;
  aresStatusReason: string | undefined;
  state: string;
  challengeMethod: string | undefined;
  purchase: Readonly<{
    amount: string | undefined;
    currency: string | undefined;
    exponent: string | undefined;
    merchantName: string | undefined;
  }>;
  result:
    | Readonly<{
        transStatus: string;
        transStatusReason: string | undefined;
        eci: string | undefined;
        authenticationValue: string | undefined;
        challengeCancel: string | undefined;
        interactionCounter: number | undefined;
        completedAt: string;
      }>
    | undefined;
  createdAt: string;
}>;

/** What the transaction page shows. */
export type TransactionPageModel = Readonly<{
  frame: Frame;
  summary: TransactionSummary;
  messages: readonly TimelineMessage[];
  rreqAttempts: readonly RReqAttemptRow[];
  canResendRReq: boolean;
  /** A confirmation after a resend. */
  notice?: Readonly<{ text: string; ok: boolean }> | undefined;
}>;

/** What each named check of src/decision/decide.ts means, for the summary. */
const decisionChecks: Readonly<Record<string, string>> = {
  'no-card-record': 'The ACS holds no card with this number: N, reason 08.',
  'scenario-acs-error': 'The card’s scenario answers with Erro 403.',
  'scenario-not-enrolled': 'The cardholder is not enrolled: N, reason 13.',
  'scenario-fixed-outcome': 'The card’s scenario fixes the outcome (N, U or R).',
  'decoupled-requested': 'The requestor allowed decoupled authentication (Y, or B in 2.3.1): D.',
  'requestor-mandates-challenge': 'The requestor mandated a challenge (indicator 04).',
  'informational-only': 'frictionless-i: I when the requestor asks for no challenge (2.2.0+), else Y.',
  'risk-amount-threshold': 'risk-based: Y up to the threshold amount, a challenge above it.',
  'scenario-frictionless': 'The card’s scenario authenticates without a challenge.',
  'scenario-challenge': 'The card’s scenario challenges the cardholder.',
  'three-ri-without-cardholder': '3RI has no cardholder to challenge: N, reason 21.',
  'data-share-only':
    'The requestor asked for no challenge, data share only (indicator 06): I instead of a challenge.',
  fallback: 'No check answered: the default outcome.',
};

/** threeDSCompInd values (Table A.1, AReq: 3DS Method Completion Indicator). */
const compIndMeanings: Readonly<Record<string, string>> = {
  Y: '3DS Method completed',
  N: '3DS Method did not complete in time',
  U: '3DS Method not available',
};

/** challengeCancel values (EMV 3DS 2.2.0 Table A.1, RReq; 09 and 10 from 2.3.1). */
const challengeCancels: Readonly<Record<string, string>> = {
  '01': 'cardholder selected Cancel',
  '03': 'decoupled authentication timed out',
  '04': 'timed out at the ACS (challenge abandoned)',
  '05': 'timed out at the ACS: first CReq not received',
  '06': 'transaction error',
  '07': 'unknown',
  '08': 'timed out at the SDK',
  '09': 'Erro in response to the CRes',
  '10': 'Erro in response to the CReq',
};

const categoryNames: Readonly<Record<string, string>> = { '01': 'payment, PA', '02': 'non-payment, NPA' };

/** Renders a transaction's page. */
export function renderTransactionPage(model: TransactionPageModel): string {
  const { summary } = model;
  const base = `/console/transactions/${encodeURIComponent(summary.acsTransID)}`;
  const body = html`<div class="page-header">
<h1>Transaction <span class="mono">${summary.acsTransID}</span></h1>
<div class="actions">
<a class="button button-quiet" href="/console/transactions">All transactions</a>
<a class="button button-quiet" href="/console/inbox?acsTransID=${encodeURIComponent(summary.acsTransID)}">Its SMS</a>
<a class="button" href="${base}/export" download title="The whole exchange as one JSON document, card number masked, to attach to a bug report">Export JSON</a>
</div>
</div>
${
  model.notice !== undefined &&
  html`<p class="${model.notice.ok ? 'form-notice' : 'form-error'}" role="status">${model.notice.text}</p>`
}
<div class="stack">
<div class="grid">
${renderSummary(summary)}
${renderOutcome(summary)}
</div>
${renderTimeline(model.messages, summary.decisionCheck)}
<section class="panel" id="rreq" aria-labelledby="rreq-heading">
<div class="panel-header"><h2 id="rreq-heading">RReq delivery</h2>
${
  model.canResendRReq
    ? html`<form class="inline-form" method="post" action="${base}/rreq">
${csrfField(model.frame.csrfToken)}
<button type="submit" class="button">Resend RReq</button>
</form>`
    : html`<span class="muted">${resendUnavailable(summary)}</span>`
}
</div>
${renderAttempts(model.rreqAttempts)}
</section>
</div>`;
  return renderConsolePage({
    title: `Transaction ${summary.acsTransID}`,
    active: 'transactions',
    operator: model.frame.operator,
    csrfToken: model.frame.csrfToken,
    body,
  });
}

function renderSummary(summary: TransactionSummary): SafeHtml {
  const purchase = summary.purchase;
  return html`<section class="panel" aria-labelledby="summary-heading">
<h2 id="summary-heading">Summary</h2>
<dl class="details">
<dt>threeDSServerTransID</dt><dd class="mono">${summary.threeDSServerTransID}</dd>
<dt>dsTransID</dt><dd class="mono">${summary.dsTransID}</dd>
${summary.sdkTransID !== undefined && html`<dt>sdkTransID</dt><dd class="mono">${summary.sdkTransID}</dd>`}
<dt>Card</dt><dd><span class="mono">${summary.maskedPan}</span>${summary.scheme !== undefined && ` (${summary.scheme})`}</dd>
<dt>Scenario</dt><dd>${summary.scenario ?? html`<span class="muted">no card record</span>`}</dd>
${summary.fault !== undefined && renderFault(summary.fault, summary.faultDelayMs)}
<dt>messageVersion</dt><dd>${summary.messageVersion}</dd>
<dt>deviceChannel</dt><dd>${summary.deviceChannel} (${channelNames[summary.deviceChannel] ?? 'unknown'})</dd>
<dt>messageCategory</dt><dd>${summary.messageCategory} (${categoryNames[summary.messageCategory] ?? 'unknown'})</dd>
${
  purchase.amount !== undefined &&
  html`<dt>Purchase</dt><dd>${purchase.amount} (currency ${purchase.currency ?? '?'}, exponent ${purchase.exponent ?? '?'})</dd>`
}
${purchase.merchantName !== undefined && html`<dt>Merchant</dt><dd>${purchase.merchantName}</dd>`}
<dt>Created</dt><dd><time datetime="${summary.createdAt}">${displayTime(summary.createdAt)}</time></dd>
</dl>
</section>`;
}

function renderOutcome(summary: TransactionSummary): SafeHtml {
  const result = summary.result;
  return html`<section class="panel" aria-labelledby="outcome-heading">
<h2 id="outcome-heading">Decision and result</h2>
<dl class="details">
<dt>Decision check</dt><dd><span class="mono">${summary.decisionCheck}</span>${
    decisionChecks[summary.decisionCheck] !== undefined &&
    html`<br><span class="muted">${decisionChecks[summary.decisionCheck]}</span>`
  }</dd>
<dt>threeDSCompInd (AReq)</dt><dd>${
    summary.threeDSCompInd === undefined
      ? html`<span class="muted">not sent</span>`
      : html`<span class="mono">${summary.threeDSCompInd}</span> <span class="muted">${
          compIndMeanings[summary.threeDSCompInd] ?? ''
        }</span>`
  }</dd>
<dt>ARes transStatus</dt><dd>${statusBadge(summary.aresStatus)}${
    summary.aresStatusReason !== undefined && ` reason ${summary.aresStatusReason}`
  }</dd>
<dt>Challenge method</dt><dd>${summary.challengeMethod ?? html`<span class="muted">none</span>`}</dd>
<dt>State</dt><dd>${summary.state}</dd>
${
  result === undefined
    ? html`<dt>Final result</dt><dd><span class="muted">not yet</span></dd>`
    : html`<dt>Final transStatus</dt><dd>${statusBadge(result.transStatus)}${
        result.transStatusReason !== undefined && ` reason ${result.transStatusReason}`
      }</dd>
<dt>ECI</dt><dd>${result.eci ?? html`<span class="muted">none</span>`}</dd>
<dt>authenticationValue</dt><dd class="mono">${result.authenticationValue ?? html`<span class="muted">none</span>`}</dd>
<dt>interactionCounter</dt><dd>${result.interactionCounter ?? html`<span class="muted">none</span>`}</dd>
<dt>challengeCancel</dt><dd>${
        result.challengeCancel === undefined
          ? html`<span class="muted">none</span>`
          : `${result.challengeCancel} (${challengeCancels[result.challengeCancel] ?? 'unknown'})`
      }</dd>
<dt>Completed</dt><dd><time datetime="${result.completedAt}">${displayTime(result.completedAt)}</time></dd>`
}
</dl>
</section>`;
}

/** The fault's row of the summary, with the reminder that the result shown is the true one. */
function renderFault(fault: Fault, delayMs: number | undefined): SafeHtml {
  return html`<dt>Requestor fault</dt><dd>${faultBadge(fault, delayMs)} ${faultDescriptions[fault]}${
    isDelayedFault(fault) && html`<br>Delay: ${faultDelayText(fault, delayMs)}`
  }<br><span class="muted">A rehearsal: the fault changed only what was sent, or when. The result shown is the true one.</span></dd>`;
}

function resendUnavailable(summary: TransactionSummary): string {
  if (summary.aresStatus !== 'C' && summary.aresStatus !== 'D') return 'Ended at the ARes: no RReq.';
  return 'The RReq is sent when the challenge ends.';
}
