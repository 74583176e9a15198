/**
 * The console's dashboard: the latest transactions (each linking to its timeline), how
 * transactions ended per scenario over the last 24 hours, and RReqs the 3DS Server never
 * acknowledged. Plain tables with captions and header cells, so screen readers and narrow
 * screens (tables scroll sideways) both cope.
 */

import { renderConsolePage } from '../common/console-layout.ts';
import { displayTime, statusClass } from '../common/format.ts';
import { html, type SafeHtml } from '../common/html.ts';

/** One recent transaction, display-ready. */
export type RecentTransactionRow = Readonly<{
  acsTransID: string;
  createdAt: string;
  maskedPan: string;
  scenario: string;
  aresStatus: string;
  /** The final transStatus, or undefined while the transaction is still open. */
  finalStatus: string | undefined;
  /** What the final column says: "Y", "N (reason 19)", "challenging"... */
  finalLabel: string;
  decisionCheck: string;
}>;

/** One scenario's outcome counts by transStatus. */
export type OutcomeRow = Readonly<{
  scenario: string;
  counts: Readonly<Record<string, number>>;
  total: number;
}>;

/** One transaction whose RReq was not delivered. */
export type UndeliveredRow = Readonly<{
  acsTransID: string;
  maskedPan: string;
  scenario: string;
  attempts: number;
  lastOutcome: string;
  lastAt: string | undefined;
  /** Where the RReq goes (origin only, for display). */
  destination: string;
}>;

/** What the dashboard shows. */
export type DashboardModel = Readonly<{
  operator: string;
  csrfToken: string;
  recent: readonly RecentTransactionRow[];
  /** The transStatus columns of the outcome table, in order. */
  outcomeStatuses: readonly string[];
  outcomes: readonly OutcomeRow[];
  outcomesSince: string;
  undelivered: readonly UndeliveredRow[];
}>;

/** The timeline page of a transaction. */
export function transactionHref(acsTransID: string): string {
  return `/console/transactions/${encodeURIComponent(acsTransID)}`;
}

function status(value: string, label: string = value): SafeHtml {
  return html`<span class="${statusClass(value)}">${label}</span>`;
}

function recentTable(rows: readonly RecentTransactionRow[]): SafeHtml {
  if (rows.length === 0) {
    return html`<p class="empty">No transactions yet. Run a scenario from the <a href="/console/demo">demo merchant</a>.</p>`;
  }
  return html`<div class="table-wrap"><table class="data compact">
<caption>The ${rows.length} most recent transactions, newest first</caption>
<thead><tr><th scope="col">Time</th><th scope="col">Card</th><th scope="col">Scenario</th><th scope="col">ARes</th><th scope="col">Final</th><th scope="col">Decision check</th><th scope="col">acsTransID</th></tr></thead>
<tbody>
${rows.map(
  (row) => html`<tr>
<td class="nowrap"><time datetime="${row.createdAt}">${displayTime(row.createdAt)}</time></td>
<td class="mono nowrap">${row.maskedPan}</td>
<td>${row.scenario}</td>
<td>${status(row.aresStatus)}</td>
<td>${row.finalStatus === undefined ? html`<span class="muted">${row.finalLabel}</span>` : status(row.finalStatus, row.finalLabel)}</td>
<td class="mono">${row.decisionCheck}</td>
<td class="mono"><a href="${transactionHref(row.acsTransID)}">${row.acsTransID}</a></td>
</tr>`,
)}
</tbody>
</table></div>`;
}

function outcomeTable(model: DashboardModel): SafeHtml {
  if (model.outcomes.length === 0) {
    return html`<p class="empty">No transactions in the last 24 hours.</p>`;
  }
  return html`<div class="table-wrap"><table class="data">
<caption>Transactions since ${displayTime(model.outcomesSince)} by scenario and final transStatus (the ARes status while still open)</caption>
<thead><tr><th scope="col">Scenario</th>${model.outcomeStatuses.map((s) => html`<th scope="col" class="num">${s}</th>`)}<th scope="col" class="num">Total</th></tr></thead>
<tbody>
${model.outcomes.map(
  (row) =>
    html`<tr><th scope="row">${row.scenario}</th>${model.outcomeStatuses.map(
      (s) => html`<td class="num">${row.counts[s] ?? 0}</td>`,
    )}<td class="num">${row.total}</td></tr>`,
)}
</tbody>
</table></div>`;
}

function undeliveredTable(rows: readonly UndeliveredRow[]): SafeHtml {
  if (rows.length === 0) return html`<p class="empty">Every RReq was delivered.</p>`;
  return html`<div class="table-wrap"><table class="data compact">
<caption>Transactions whose latest RReq attempt failed, newest first</caption>
<thead><tr><th scope="col">Last attempt</th><th scope="col">Card</th><th scope="col">Scenario</th><th scope="col">3DS Server</th><th scope="col" class="num">Attempts</th><th scope="col">Outcome</th><th scope="col">acsTransID</th></tr></thead>
<tbody>
${rows.map(
  (row) => html`<tr>
<td class="nowrap">${row.lastAt === undefined ? '' : html`<time datetime="${row.lastAt}">${displayTime(row.lastAt)}</time>`}</td>
<td class="mono nowrap">${row.maskedPan}</td>
<td>${row.scenario}</td>
<td class="mono">${row.destination}</td>
<td class="num">${row.attempts}</td>
<td><span class="badge badge-bad">${row.lastOutcome}</span></td>
<td class="mono"><a href="${transactionHref(row.acsTransID)}">${row.acsTransID}</a></td>
</tr>`,
)}
</tbody>
</table></div>`;
}

/** Renders the dashboard page. */
export function renderDashboard(model: DashboardModel): string {
  const body = html`<div class="page-header">
<h1>Dashboard</h1>
<div class="actions"><a class="button button-quiet" href="/console/transactions">Search transactions</a><a class="button" href="/console/demo">Run a scenario</a></div>
</div>
<section class="panel" aria-labelledby="recent-heading">
<div class="panel-header"><h2 id="recent-heading">Recent transactions</h2><a href="/console/transactions">All transactions</a></div>
${recentTable(model.recent)}
</section>
<section class="panel" aria-labelledby="outcomes-heading">
<div class="panel-header"><h2 id="outcomes-heading">Outcomes by scenario, last 24 hours</h2></div>
${outcomeTable(model)}
</section>
<section class="panel" aria-labelledby="rreq-heading">
<div class="panel-header"><h2 id="rreq-heading">RReq delivery failures</h2></div>
${undeliveredTable(model.undelivered)}
</section>`;
  return renderConsolePage({
    title: 'Dashboard',
    active: 'dashboard',
    operator: model.operator,
    csrfToken: model.csrfToken,
    body,
  });
}
