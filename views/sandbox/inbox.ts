/**
 * The SMS sandbox inbox: the messages the ACS "sent" in sandbox mode, newest first, each
 * one-time code shown large so a tester can copy it into the challenge window. A plain page
 * under helmet's strict CSP (no inline script or style); the same data is at
 * /sandbox/api/messages as JSON.
 */

import { html, type SafeHtml } from '../common/html.ts';
import { renderDocument } from '../common/layout.ts';

/** One message as the inbox shows it (the phone number already masked). */
export type InboxMessage = {
  id: string;
  /** The masked destination phone number. */
  to: string;
  body: string;
  code?: string;
  acsTransID?: string;
  status: string;
  /** ISO 8601 timestamp. */
  createdAt: string;
};

/** What the inbox page shows: the messages and the filter they were selected with. */
export type SandboxInboxModel = {
  messages: readonly InboxMessage[];
  filter?: { to?: string; acsTransID?: string };
};

const inboxPath = '/sandbox';
const apiPath = '/sandbox/api/messages';
const knownStatuses = ['queued', 'sending', 'sent', 'delivered', 'undelivered', 'failed'] as const;

function query(params: Readonly<Record<string, string | undefined>>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') search.set(name, value);
  }
  const text = search.toString();
  return text === '' ? '' : `?${text}`;
}

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

function statusClass(status: string): string {
  return (knownStatuses as readonly string[]).includes(status) ? `status status-${status}` : 'status';
}

function renderMessage(message: InboxMessage): SafeHtml {
  return html`<li class="message">
<div class="meta">
<span class="to">${message.to}</span>
<span class="${statusClass(message.status)}">${message.status}</span>
<time datetime="${message.createdAt}">${displayTime(message.createdAt)}</time>
</div>
${
  message.code !== undefined &&
  html`<p class="code-line"><span class="code-label">Code</span> <strong class="code">${message.code}</strong></p>`
}
<p class="body">${message.body}</p>
${
  message.acsTransID !== undefined &&
  html`<p class="trans">acsTransID <a href="${inboxPath}${query({ acsTransID: message.acsTransID })}"><code>${message.acsTransID}</code></a></p>`
}
</li>`;
}

/** Renders the sandbox inbox page. */
export function renderSandboxInbox(model: SandboxInboxModel): string {
  const filter = { to: model.filter?.to, acsTransID: model.filter?.acsTransID };
  const filtered = query(filter) !== '';
  // Newest first, whatever order the store returned (sort is stable for equal times).
  const messages = [...model.messages].sort((a, b) => timeOf(b.createdAt) - timeOf(a.createdAt));
  const body = html`<header class="top">
<h1>SMS sandbox</h1>
<p>Messages the ACS sent in sandbox mode, newest first. Copy a code into the challenge window.</p>
</header>
<main>
<form class="filter" method="get" action="${inboxPath}">
<div class="field"><label for="filter-to">Phone number</label>
<input id="filter-to" name="to" type="text" value="${filter.to ?? ''}" autocomplete="off"></div>
<div class="field"><label for="filter-trans">acsTransID</label>
<input id="filter-trans" name="acsTransID" type="text" value="${filter.acsTransID ?? ''}" autocomplete="off" spellcheck="false"></div>
<div class="buttons"><button type="submit">Filter</button>
${filtered && html`<a href="${inboxPath}">Clear filter</a>`}
<a href="${inboxPath}${query(filter)}">Refresh</a></div>
</form>
<p class="api">JSON: <a href="${apiPath}${query(filter)}"><code>${apiPath}${query(filter)}</code></a></p>
${
  messages.length === 0
    ? html`<p class="empty">${filtered ? 'No messages match this filter.' : 'No messages yet.'}</p>`
    : html`<ol class="messages" aria-label="Messages">${messages.map(renderMessage)}</ol>`
}
</main>`;
  return renderDocument({
    lang: 'en',
    title: 'SMS sandbox – ACS simulator',
    stylesheet: '/static/sandbox.css',
    bodyClass: 'sandbox',
    body,
  });
}
