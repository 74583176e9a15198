/**
 * The console's SMS inbox: the text messages the ACS sent, newest first, each one-time code
 * large enough to read across a desk and selectable in one click, with its delivery status
 * and a link to its transaction. The page works without JavaScript (a Refresh link); with it,
 * /static/console-inbox.js adds new messages at the top as they arrive (server-sent events
 * carrying the same display data this page renders, built by `inboxItemOf`).
 */

import { renderConsolePage } from '../common/console-layout.ts';
import { html, type SafeHtml } from '../common/html.ts';
import { displayTime } from './card-form.ts';

/** A message as the store's inbox flow gives it. */
export type InboxSource = Readonly<{
  id: string;
  to: string;
  body: string;
  code: string | undefined;
  acsTransID: string | undefined;
  status: string;
  errorCode: string | undefined;
  createdAt: string;
}>;

/** One message, display-ready: what the page renders and what each live event carries. */
export type InboxItem = Readonly<{
  id: string;
  to: string;
  body: string;
  code: string | null;
  acsTransID: string | null;
  status: string;
  /** The badge's class: badge-ok (delivered), badge-bad (failed), badge-info (on its way). */
  statusClass: string;
  errorCode: string | null;
  createdAt: string;
  /** createdAt as "2026-11-05 14:03:27 UTC". */
  time: string;
  /** The transaction's page in the explorer, when the message belongs to one. */
  transactionHref: string | null;
  /** This inbox filtered to the message's transaction. */
  filterHref: string | null;
}>;

/** The filter the inbox was asked for (as typed, for the form) and its problems. */
export type InboxFilter = Readonly<{ to: string; acsTransID: string }>;

/** What the inbox page shows. */
export type InboxPageModel = Readonly<{
  frame: Readonly<{ operator: string; csrfToken: string }>;
  items: readonly InboxItem[];
  filter: InboxFilter;
  errors: Readonly<Partial<Record<keyof InboxFilter, string>>>;
}>;

const failedStatuses = new Set(['failed', 'undelivered']);

/** The display data of one message (the page and the live events share it). */
export function inboxItemOf(message: InboxSource): InboxItem {
  const trans = message.acsTransID;
  return {
    id: message.id,
    to: message.to,
    body: message.body,
    code: message.code ?? null,
    acsTransID: trans ?? null,
    status: message.status,
    statusClass:
      message.status === 'delivered'
        ? 'badge-ok'
        : failedStatuses.has(message.status)
          ? 'badge-bad'
          : 'badge-info',
    errorCode: message.errorCode ?? null,
    createdAt: message.createdAt,
    time: displayTime(message.createdAt),
    transactionHref: trans === undefined ? null : `/console/transactions/${encodeURIComponent(trans)}`,
    filterHref: trans === undefined ? null : `/console/inbox${queryOf({ to: '', acsTransID: trans })}`,
  };
}

/** The query string of a filter ('' when there is none). */
export function queryOf(filter: InboxFilter): string {
  const search = new URLSearchParams();
  if (filter.to !== '') search.set('to', filter.to);
  if (filter.acsTransID !== '') search.set('acsTransID', filter.acsTransID);
  const text = search.toString();
  return text === '' ? '' : `?${text}`;
}

/** Renders one message (the same markup console-inbox.js builds for a live one). */
export function renderInboxItem(item: InboxItem): SafeHtml {
  return html`<article class="panel sms" data-sms-id="${item.id}" data-created="${item.createdAt}" aria-label="SMS to ${item.to}">
<div class="event-head">
<span class="mono">${item.to}</span>
<span class="badge ${item.statusClass}">${item.status}</span>
${item.errorCode !== null && html`<span class="badge badge-bad">error ${item.errorCode}</span>`}
<time datetime="${item.createdAt}">${item.time}</time>
</div>
${item.code !== null && html`<p><span class="muted">Code</span> <strong class="code-large">${item.code}</strong></p>`}
<p>${item.body}</p>
${
  item.transactionHref !== null &&
  html`<p class="muted">Transaction <a class="mono" href="${item.transactionHref}">${item.acsTransID}</a>${
    item.filterHref !== null && html` · <a href="${item.filterHref}">only its messages</a>`
  }</p>`
}
</article>`;
}

/** Renders the inbox page. */
export function renderInbox(model: InboxPageModel): string {
  const { filter, errors } = model;
  const filtered = queryOf(filter) !== '';
  const valid = Object.keys(errors).length === 0;
  const newest = model.items[0]?.createdAt;
  const events = `/console/inbox/events${queryOf(filter)}${
    newest === undefined ? '' : `${filtered ? '&' : '?'}since=${encodeURIComponent(newest)}`
  }`;
  const body = html`<div class="page-header">
<h1>SMS inbox</h1>
<div class="actions"><a class="button button-quiet" href="/console/inbox${queryOf(filter)}">Refresh</a></div>
</div>
<p class="lead">Every text message the ACS sent, newest first. Copy the code into the challenge window.
<span id="inbox-live" class="muted" role="status"></span></p>
<div class="panel">
<form class="filters" method="get" action="/console/inbox" novalidate>
${filterField('to', 'Phone number', filter.to, errors.to, 'tel')}
${filterField('acsTransID', 'acsTransID', filter.acsTransID, errors.acsTransID, 'text')}
<div class="form-actions">
<button type="submit" class="button">Filter</button>
${filtered && html`<a href="/console/inbox">Clear filter</a>`}
</div>
</form>
</div>
${
  !valid
    ? html`<p class="empty">Correct the filter to see messages.</p>`
    : html`<div class="stack" id="inbox-messages" data-events="${events}">
${
  model.items.length === 0
    ? html`<p class="empty" id="inbox-empty">${filtered ? 'No messages match this filter yet.' : 'No messages yet.'}</p>`
    : model.items.map(renderInboxItem)
}
</div>`
}`;
  return renderConsolePage({
    title: 'SMS inbox',
    active: 'inbox',
    operator: model.frame.operator,
    csrfToken: model.frame.csrfToken,
    body,
    ...(valid ? { scripts: ['/static/console-inbox.js'] } : {}),
  });
}

function filterField(
  name: keyof InboxFilter,
  label: string,
  value: string,
  error: string | undefined,
  type: 'tel' | 'text',
): SafeHtml {
  const id = `filter-${name}`;
  return html`<div class="field">
<label for="${id}">${label}</label>
<input id="${id}" name="${name}" type="${type}" value="${value}" autocomplete="off" spellcheck="false"${
    error !== undefined && html` aria-invalid="true" aria-describedby="${id}-error"`
  }>
${error !== undefined && html`<p class="field-error" id="${id}-error">${error}</p>`}
</div>`;
}
