/**
 * The transaction explorer's list: a search by transaction ID, card (masked) or scenario, and
 * the matching transactions newest first with their ARes and final status and the decision
 * check that fired, paged with an "older" link. The search posts (with the session's CSRF
 * token) so that a card number typed into it never lands in a URL: the server answers with a
 * redirect to the masked form.
 */

import type { Fault } from '../../src/domain/fault.ts';
import type { Scenario } from '../../src/domain/scenario.ts';
import { csrfField, renderConsolePage } from '../common/console-layout.ts';
import { html, type SafeHtml } from '../common/html.ts';
import { displayTime, scenarioDescriptions } from './card-form.ts';
import { faultBadge } from './fault-badge.ts';

/** A transaction as a list row shows it. */
export type TransactionRow = Readonly<{
  acsTransID: string;
  maskedPan: string;
  scheme: string | undefined;
  scenario: string | undefined;
  /** The card's requestor fault when the transaction ran with one (docs/faults.md). */
  fault: Fault | undefined;
  faultDelayMs: number | undefined;
  messageVersion: string;
  deviceChannel: string;
  aresStatus: string;
  finalStatus: string | undefined;
  decisionCheck: string;
  createdAt: string;
}>;

/** The search as shown in the form (a typed PAN already masked). */
export type TransactionSearchValues = Readonly<{ q: string; scenario: string }>;

/** What the list page shows. */
export type TransactionListModel = Readonly<{
  frame: Readonly<{ operator: string; csrfToken: string }>;
  search: TransactionSearchValues;
  errors: Readonly<Partial<Record<'q' | 'scenario' | 'before', string>>>;
  rows: readonly TransactionRow[];
  /** The next (older) page, when there may be one. */
  olderHref: string | undefined;
  /** True when this is not the first page. */
  paged: boolean;
}>;

const knownStatuses = new Set(['Y', 'N', 'A', 'U', 'R', 'C', 'D', 'I']);

/** deviceChannel values (EMV 3DS 2.2.0 Table A.1). */
export const channelNames: Readonly<Record<string, string>> = { '01': 'app', '02': 'browser', '03': '3RI' };

/** A transStatus as a coloured badge (the letter, with a class per status). */
export function statusBadge(status: string | undefined): SafeHtml {
  if (status === undefined) return html`<span class="muted">–</span>`;
  return html`<span class="${knownStatuses.has(status) ? `status-${status}` : 'badge'}">${status}</span>`;
}

/** Renders the transaction explorer's list page. */
export function renderTransactionList(model: TransactionListModel): string {
  const { search, errors } = model;
  const rows = model.rows.map(
    (row) => html`<tr>
<td><a class="mono" href="/console/transactions/${encodeURIComponent(row.acsTransID)}">${row.acsTransID}</a></td>
<td class="nowrap"><time datetime="${row.createdAt}">${displayTime(row.createdAt)}</time></td>
<td class="nowrap mono">${row.maskedPan}</td>
<td>${row.scenario ?? html`<span class="muted">no card</span>`}${
      row.fault !== undefined && html` ${faultBadge(row.fault, row.faultDelayMs)}`
    }</td>
<td>${row.messageVersion}</td>
<td>${channelNames[row.deviceChannel] ?? row.deviceChannel}</td>
<td>${statusBadge(row.aresStatus)}</td>
<td>${statusBadge(row.finalStatus)}</td>
<td class="mono">${row.decisionCheck}</td>
</tr>`,
  );
  const scenarioOptions = (Object.keys(scenarioDescriptions) as Scenario[]).map(
    (scenario) =>
      html`<option value="${scenario}"${scenario === search.scenario ? html` selected` : ''}>${scenario}</option>`,
  );
  const searched = search.q !== '' || search.scenario !== '';
  const body = html`<div class="page-header"><h1>Transactions</h1></div>
<div class="panel">
<form class="filters" method="post" action="/console/transactions/search" novalidate>
${csrfField(model.frame.csrfToken)}
<div class="field">
<label for="search-q">Transaction ID or card</label>
<span class="hint" id="search-q-hint">acsTransID, threeDSServerTransID or dsTransID; a card number (masked at once) or 400000******1000 or 400000…1000.</span>
<input id="search-q" name="q" type="search" value="${search.q}" autocomplete="off" spellcheck="false" aria-describedby="search-q-hint${errors.q !== undefined ? ' search-q-error' : ''}"${errors.q !== undefined && html` aria-invalid="true"`}>
${errors.q !== undefined && html`<p class="field-error" id="search-q-error">${errors.q}</p>`}
</div>
<div class="field">
<label for="search-scenario">Scenario</label>
<select id="search-scenario" name="scenario"${errors.scenario !== undefined && html` aria-invalid="true" aria-describedby="search-scenario-error"`}>
<option value=""${search.scenario === '' ? html` selected` : ''}>Any scenario</option>
${scenarioOptions}
</select>
${errors.scenario !== undefined && html`<p class="field-error" id="search-scenario-error">${errors.scenario}</p>`}
</div>
<div class="form-actions">
<button type="submit" class="button">Search</button>
${searched && html`<a href="/console/transactions">Clear</a>`}
</div>
</form>
</div>
${errors.before !== undefined && html`<p class="form-error" role="alert">${errors.before}</p>`}
${
  model.rows.length === 0
    ? html`<p class="empty">${searched ? 'No transactions match this search.' : 'No transactions yet.'}</p>`
    : html`<div class="table-wrap"><table class="data">
<caption>${model.paged ? 'Older transactions' : 'Newest first'}</caption>
<thead><tr><th scope="col">acsTransID</th><th scope="col">Created</th><th scope="col">Card</th><th scope="col">Scenario</th><th scope="col">Version</th><th scope="col">Channel</th><th scope="col">ARes</th><th scope="col">Final</th><th scope="col">Decision check</th></tr></thead>
<tbody>${rows}</tbody>
</table></div>`
}
${
  (model.olderHref !== undefined || model.paged) &&
  html`<p class="form-actions">${model.paged && html`<a href="/console/transactions">Newest</a>`}${
    model.olderHref !== undefined &&
    html`<a class="button button-quiet" href="${model.olderHref}">Older transactions</a>`
  }</p>`
}`;
  return renderConsolePage({
    title: 'Transactions',
    active: 'transactions',
    operator: model.frame.operator,
    csrfToken: model.frame.csrfToken,
    body,
  });
}
