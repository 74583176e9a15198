/**
 * A transaction's RReq delivery attempts on its console page, in order, each with the ACS's
 * check of the 3DS Server's reply (src/protocol/rres.ts, checkReply): what was expected (an RRes,
 * or an Erro for an RReq faulty on purpose, docs/faults.md), what arrived, and "conforming" or
 * every deviation found. An attempt that read no reply (network error, timeout) says so.
 */

import type { ReplyVerdict } from '../../src/protocol/rres.ts';
import { html, type SafeHtml } from '../common/html.ts';
import { displayTime } from './card-form.ts';

/** One RReq delivery attempt. */
export type RReqAttemptRow = Readonly<{
  attempt: number;
  outcome: string;
  httpStatus: number | undefined;
  detail: string | undefined;
  /** The check of the reply; undefined when no reply was read. */
  verdict: ReplyVerdict | undefined;
  at: string;
}>;

/** What arrived, in words. */
const receivedNames: Readonly<Record<ReplyVerdict['received'], string>> = {
  RRes: 'RRes',
  Erro: 'Erro',
  other: 'neither RRes nor Erro',
};

/** The attempts table, or a line saying no RReq was sent. */
export function renderAttempts(attempts: readonly RReqAttemptRow[]): SafeHtml {
  if (attempts.length === 0) return html`<p class="empty">No RReq was sent for this transaction.</p>`;
  const rows = attempts.map(
    (attempt, i) => html`<tr>
<td class="num">${i + 1}</td>
<td class="num">${attempt.attempt}</td>
<td><span class="badge ${attempt.outcome === 'delivered' ? 'badge-ok' : 'badge-bad'}">${attempt.outcome}</span></td>
<td class="num">${attempt.httpStatus ?? '–'}</td>
<td>${attempt.detail ?? ''}</td>
${replyCells(attempt.verdict)}
<td class="nowrap"><time datetime="${attempt.at}">${displayTime(attempt.at)}</time></td>
</tr>`,
  );
  return html`<div class="table-wrap"><table class="data" id="rreq-attempts">
<caption>Every delivery attempt, in order (a resend starts its own numbering at 1), with the check of the 3DS Server’s reply</caption>
<thead><tr><th scope="col" class="num">#</th><th scope="col" class="num">Attempt</th><th scope="col">Outcome</th><th scope="col" class="num">HTTP</th><th scope="col">Detail</th><th scope="col">Expected</th><th scope="col">Received</th><th scope="col">Reply check</th><th scope="col">At</th></tr></thead>
<tbody>${rows}</tbody>
</table></div>`;
}

/** Expected, received and the verdict, as three cells. */
function replyCells(verdict: ReplyVerdict | undefined): SafeHtml {
  if (verdict === undefined) {
    return html`<td><span class="muted">–</span></td><td><span class="muted">–</span></td><td class="reply-check"><span class="muted">no reply read</span></td>`;
  }
  const check =
    verdict.deviations.length === 0
      ? html`<span class="badge badge-ok">conforming</span>`
      : html`<span class="badge badge-bad">${verdict.deviations.length} ${verdict.deviations.length === 1 ? 'deviation' : 'deviations'}</span>
<ul class="deviations">${verdict.deviations.map((deviation) => html`<li>${deviation}</li>`)}</ul>`;
  return html`<td>${verdict.expected}</td><td>${receivedNames[verdict.received] ?? verdict.received}</td><td class="reply-check">${check}</td>`;
}
