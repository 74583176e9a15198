/**
 * A transaction's timeline on its console page: every message kept for it (AReq, ARes, CReq,
 * CRes, RReq, RRes, Erro), sent or received, pretty-printed and escaped; and, apart from them,
 * the entries a requestor fault left (src/flows/common/fault-log.ts): a rehearsal note in the
 * fault's own colour saying what the fault did (or that it could not act), never shown as a
 * message sent or received, so nobody takes a faulty message for the transaction's result.
 */

import type { TimelineFault } from '../../src/flows/console/transactions.ts';
import { html, type SafeHtml } from '../common/html.ts';
import { displayTime } from './card-form.ts';
import { statusBadge } from './transactions.ts';

/** One entry of the timeline: a message, or a fault's entry when `fault` is set. */
export type TimelineMessage = Readonly<{
  id: number;
  messageType: string;
  direction: 'in' | 'out';
  body: unknown;
  createdAt: string;
  /** The size of the compact JWE the message travelled in (app-channel CReq and CRes). */
  encryptedBytes?: number | undefined;
  /** Set for a fault's entry: what the fault did. */
  fault?: TimelineFault | undefined;
}>;

/** The timeline panel: messages and fault entries, oldest first. */
export function renderTimeline(messages: readonly TimelineMessage[], decisionCheck: string): SafeHtml {
  const faultCount = messages.filter((message) => message.fault !== undefined).length;
  const messageCount = messages.length - faultCount;
  return html`<section class="panel" aria-labelledby="timeline-heading">
<div class="panel-header"><h2 id="timeline-heading">Timeline</h2>
<span class="muted">${countOf(messageCount, 'message')}${
    faultCount > 0 && ` and ${countOf(faultCount, 'fault entry', 'fault entries')}`
  }, oldest first; card numbers masked</span></div>
${
  messages.length === 0
    ? html`<p class="empty">No messages were kept for this transaction.</p>`
    : html`<ol class="timeline">${messages.map((message) =>
        message.fault === undefined
          ? renderMessage(message, decisionCheck)
          : renderFault(message, message.fault),
      )}</ol>`
}
</section>`;
}

function renderMessage(message: TimelineMessage, decisionCheck: string): SafeHtml {
  return html`<li class="event" id="message-${message.id}">
<div class="event-head">
<strong>${message.messageType}</strong>
<span class="badge ${message.direction === 'in' ? 'badge-info' : ''}">${message.direction === 'in' ? 'received' : 'sent'}</span>
<time datetime="${message.createdAt}">${displayTime(message.createdAt)}</time>
${
  message.messageType === 'ARes' &&
  html`<span class="muted">decision check <span class="mono">${decisionCheck}</span></span>`
}
${
  message.encryptedBytes !== undefined &&
  html`<span class="badge" title="Sent encrypted; shown decrypted, what was typed masked">${encryptedSizeLabel(message.encryptedBytes)}</span>`
}
</div>
<details class="event-body" open>
<summary>${message.messageType} message${message.encryptedBytes !== undefined ? ' (decrypted)' : ''}</summary>
<pre class="json"><code>${JSON.stringify(message.body, null, 2)}</code></pre>
</details>
</li>`;
}

/** A fault's entry: what it did in words, its description, and the true result it left alone. */
function renderFault(entry: TimelineMessage, fault: TimelineFault): SafeHtml {
  return html`<li class="event event-fault" id="message-${entry.id}">
<div class="event-head">
<strong>Fault (rehearsal)</strong>
<span class="badge badge-fault">${fault.fault === '' ? 'unnamed fault' : fault.fault}</span>
${!fault.applied && html`<span class="badge">not applied</span>`}
<time datetime="${entry.createdAt}">${displayTime(entry.createdAt)}</time>
</div>
<p class="fault-action">${fault.action === '' ? 'No action recorded.' : fault.action}</p>
${fault.description !== '' && html`<p>${fault.description}</p>`}
<p>Not a message exchanged: a note of what the fault did.${
    fault.trueTransStatus !== undefined &&
    html` The true result stays transStatus ${statusBadge(fault.trueTransStatus)}.`
  }</p>
</li>`;
}

/** "1 message", "6 messages". */
function countOf(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** The label beside an encrypted message, e.g. "JWE, 1,234 bytes". */
function encryptedSizeLabel(bytes: number): string {
  return `JWE, ${bytes.toLocaleString('en-US')} ${bytes === 1 ? 'byte' : 'bytes'}`;
}
