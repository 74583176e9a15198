/**
 * How the console marks a requestor fault (src/domain/fault.ts) wherever it shows one: the card
 * list, the card form's hint and the transaction page. A badge of its own colour (.badge-fault in
 * views/static/console.css), never a transStatus colour, so a fault is not read as a result.
 */

import {
  defaultFaultDelayMs,
  delayedFaults,
  type Fault,
  faultDelayOf,
  faultDescriptions,
  isDelayedFault,
} from '../../src/domain/fault.ts';
import { html, type SafeHtml } from '../common/html.ts';

/** The fault as a badge, its description as the tooltip; a delayed fault shows its delay. */
export function faultBadge(fault: Fault, delayMs: number | undefined): SafeHtml {
  const delay = isDelayedFault(fault) ? `, ${faultDelayOf(fault, delayMs)} ms` : '';
  return html`<span class="badge badge-fault" title="${faultDescriptions[fault]}">fault ${fault}${delay}</span>`;
}

/** "5000 ms (the default)" or "3000 ms": the delay a delayed fault waits. */
export function faultDelayText(fault: Fault, delayMs: number | undefined): string {
  return `${faultDelayOf(fault, delayMs)} ms${delayMs === undefined ? ' (the default)' : ''}`;
}

/** "rreq-late 5000 ms, challenge-slow 8000 ms, ares-late 15000 ms": each delayed fault's default. */
export function defaultDelaysText(): string {
  return delayedFaults.map((fault) => `${fault} ${defaultFaultDelayMs[fault]} ms`).join(', ');
}
