/**
 * The card form's requestor fault (docs/faults.md): a select of the faults of
 * src/domain/fault.ts, each with its description, and the delay the waiting ones use. Both card
 * forms (create and edit, card-form.ts) show them under the scenario, since a fault is rehearsed
 * on top of the scenario's outcome.
 */

import { delayedFaults, faultDescriptions, faults, maxFaultDelayMs } from '../../src/domain/fault.ts';
import { html, type SafeHtml } from '../common/html.ts';
import { defaultDelaysText } from './fault-badge.ts';
import { describedBy, fieldError } from './field-parts.ts';

/** The two fields as typed (or as stored): '' for no fault, '' for the fault's default delay. */
export type FaultFieldValues = Readonly<{ fault: string; faultDelayMs: string }>;

/** A message per fault field that failed its check. */
export type FaultFieldErrors = Readonly<Partial<Record<keyof FaultFieldValues, string>>>;

/** The fields' labels, also used in the form's error summary. */
export const faultFieldLabels = {
  fault: 'Requestor fault',
  faultDelayMs: 'Fault delay (ms)',
} as const;

/** The fault select and the delay field. */
export function faultFields(values: FaultFieldValues, errors: FaultFieldErrors): SafeHtml {
  const options = faults.map(
    (fault) =>
      html`<option value="${fault}"${fault === values.fault ? html` selected` : ''}>${fault} – ${faultDescriptions[fault]}</option>`,
  );
  return html`<div class="field">
<label for="field-fault">${faultFieldLabels.fault} <span class="muted">(optional)</span></label>
<span class="hint" id="field-fault-hint">A misbehaviour of the ACS rehearsed on top of the scenario: the transaction’s result stays the scenario’s, the timeline marks what the fault did.</span>
<select id="field-fault" name="fault"${describedBy('fault', errors.fault, 'field-fault-hint')}>
<option value=""${values.fault === '' ? html` selected` : ''}>None – the scenario only</option>
${options}
</select>
${fieldError('fault', errors.fault)}
</div>
<div class="field">
<label for="field-faultDelayMs">${faultFieldLabels.faultDelayMs} <span class="muted">(optional)</span></label>
<span class="hint" id="field-faultDelayMs-hint">Only for ${delayedFaults.join(', ')}; empty uses the fault’s default (${defaultDelaysText()}). 0 to ${maxFaultDelayMs}.</span>
<input id="field-faultDelayMs" name="faultDelayMs" type="number" min="0" max="${maxFaultDelayMs}" step="1" inputmode="numeric" value="${values.faultDelayMs}" autocomplete="off"${describedBy('faultDelayMs', errors.faultDelayMs, 'field-faultDelayMs-hint')}>
${fieldError('faultDelayMs', errors.faultDelayMs)}
</div>`;
}
