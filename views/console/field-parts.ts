/**
 * The parts every console form field shares: the aria attributes that tie an input to its hint
 * and its message, and the message itself. The card forms (card-form.ts, card-fault-fields.ts)
 * build their fields from these, so a failed check reads the same on every field.
 */

import { html, type SafeHtml } from '../common/html.ts';

/** aria-describedby (the hint and the message, when there are) and aria-invalid on a failed field. */
export function describedBy(name: string, error: string | undefined, hintId?: string): SafeHtml {
  const ids = [hintId, error === undefined ? undefined : `field-${name}-error`].filter(
    (value): value is string => value !== undefined,
  );
  return html`${ids.length > 0 && html` aria-describedby="${ids.join(' ')}"`}${error !== undefined && html` aria-invalid="true"`}`;
}

/** The message under a field that failed its check, or nothing. */
export function fieldError(name: string, error: string | undefined): SafeHtml | undefined {
  return error === undefined ? undefined : html`<p class="field-error" id="field-${name}-error">${error}</p>`;
}
