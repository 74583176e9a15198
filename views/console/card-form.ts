/**
 * The console's card forms: create (card number, scenario, requestor fault, cardholder details)
 * and the card's own page (edit the details and fault, enrol the authenticator app, set the
 * static password, delete).
 * A failed check re-renders the form with a summary at the top linking to each field and the
 * message next to the field; values are kept, except the card number, which is never sent
 * back to the browser and must be typed again.
 */

import type { Scenario } from '../../src/domain/scenario.ts';
import { csrfField, renderConsolePage } from '../common/console-layout.ts';
import { html, type SafeHtml } from '../common/html.ts';
import { type FaultFieldValues, faultFieldLabels, faultFields } from './card-fault-fields.ts';
import { describedBy, fieldError } from './field-parts.ts';

/** Who is logged in, for the page frame. */
export type CardPageFrame = Readonly<{ operator: string; csrfToken: string }>;

/** The details as typed (or as stored, when a form is first shown). */
export type CardFormValues = FaultFieldValues &
  Readonly<{
    scenario: string;
    cardholderName: string;
    phone: string;
    email: string;
  }>;

/** A message per field that failed its check. */
export type CardFormErrors = Readonly<Partial<Record<'pan' | 'password' | keyof CardFormValues, string>>>;

/** A card as its page shows it. */
export type CardSummary = Readonly<{
  id: string;
  maskedPan: string;
  scheme: string;
  scenario: string;
  totpEnrolled: boolean;
  passwordSet: boolean;
  createdAt: string;
}>;

/** One line per scenario: what the ACS does with a card that carries it (README "Test cards"). */
export const scenarioDescriptions: Readonly<Record<Scenario, string>> = {
  'frictionless-y': 'ARes Y: authenticated without a challenge',
  'frictionless-n': 'ARes N, reason 01: not authenticated',
  'frictionless-a': 'ARes A: attempts processing',
  'frictionless-u': 'ARes U, reason 22: ACS technical issue',
  'frictionless-r': 'ARes R, reason 11: suspected fraud',
  'frictionless-i': 'ARes I when the requestor asks for no challenge (2.2.0+), else Y',
  'challenge-sms': 'Challenge with a one-time code by SMS',
  'challenge-app': 'Challenge with an authenticator app code (TOTP)',
  'challenge-choice': 'Challenge: the cardholder picks SMS, app or password',
  'challenge-oob': 'Challenge approved out of band in the bank app',
  'challenge-static': 'Challenge with a static password',
  'challenge-kba': 'Challenge with a security question (tick the right merchants)',
  decoupled: 'ARes D when the requestor allows decoupled, else as challenge-sms',
  'risk-based': 'Y up to the risk threshold amount, a challenge by SMS above it',
  'not-enrolled': 'ARes N, reason 13: cardholder not enrolled',
  'acs-error': 'Erro 403: transient system failure',
  'acs-slow': 'ARes Y after a configured delay (timeout tests)',
};

/** What the create page shows. */
export type NewCardPageModel = Readonly<{
  frame: CardPageFrame;
  values: CardFormValues;
  errors: CardFormErrors;
}>;

/** What a card's page shows. */
export type CardPageModel = Readonly<{
  frame: CardPageFrame;
  card: CardSummary;
  values: CardFormValues;
  errors: CardFormErrors;
  /** A confirmation after a change (created, saved, password set). */
  notice?: string | undefined;
}>;

/** Field labels, also used in the error summary. */
const labels = {
  pan: 'Card number',
  scenario: 'Scenario',
  ...faultFieldLabels,
  cardholderName: 'Cardholder name',
  phone: 'Phone number',
  email: 'Email',
  password: 'New static password',
} as const;

/** Renders the "new test card" page. */
export function renderNewCardPage(model: NewCardPageModel): string {
  const { values, errors } = model;
  const body = html`<div class="page-header">
<h1>New test card</h1>
<div class="actions"><a class="button button-quiet" href="/console/cards">Back to the cards</a></div>
</div>
<p class="lead">The card number is reduced to a keyed hash and a masked form as soon as it arrives:
the console never shows it again. The scenario decides how the ACS answers for this card.</p>
${errorSummary(errors, ['pan', 'scenario', 'fault', 'faultDelayMs', 'cardholderName', 'phone', 'email'])}
<div class="panel">
<form class="form" method="post" action="/console/cards" novalidate>
${csrfField(model.frame.csrfToken)}
${textField({
  name: 'pan',
  value: '',
  error: errors.pan,
  hint: '13 to 19 digits, Luhn-valid (spaces allowed). Type it again after an error.',
  inputmode: 'numeric',
  required: true,
})}
${scenarioField(values.scenario, errors.scenario)}
${faultFields(values, errors)}
${detailFields(values, errors)}
<div class="form-actions">
<button type="submit" class="button">Create card</button>
<a href="/console/cards">Cancel</a>
</div>
</form>
</div>`;
  return renderConsolePage({
    title: 'New test card',
    active: 'cards',
    operator: model.frame.operator,
    csrfToken: model.frame.csrfToken,
    body,
  });
}

/** Renders a card's page: details, edit form, credentials, delete. */
export function renderCardPage(model: CardPageModel): string {
  const { card, values, errors } = model;
  const base = `/console/cards/${encodeURIComponent(card.id)}`;
  const body = html`<div class="page-header">
<h1>Card <span class="mono">${card.maskedPan}</span></h1>
<div class="actions">
<a class="button button-quiet" href="/console/cards">Back to the cards</a>
<a class="button button-danger" href="${base}/delete">Delete…</a>
</div>
</div>
${model.notice !== undefined && html`<p class="form-notice" role="status">${model.notice}</p>`}
${errorSummary(errors, ['scenario', 'fault', 'faultDelayMs', 'cardholderName', 'phone', 'email', 'password'])}
<div class="grid">
<section class="panel" aria-labelledby="edit-heading">
<h2 id="edit-heading">Details</h2>
<div class="stack">
<dl class="details">
<dt>Scheme</dt><dd>${card.scheme}</dd>
<dt>Created</dt><dd><time datetime="${card.createdAt}">${displayTime(card.createdAt)}</time></dd>
</dl>
<form class="form" method="post" action="${base}" novalidate>
${csrfField(model.frame.csrfToken)}
${scenarioField(values.scenario, errors.scenario)}
${faultFields(values, errors)}
${detailFields(values, errors)}
<div class="form-actions"><button type="submit" class="button">Save changes</button></div>
</form>
</div>
</section>
<div class="stack">
<section class="panel" aria-labelledby="totp-heading">
<h2 id="totp-heading">Authenticator app (TOTP)</h2>
<p>${
    card.totpEnrolled
      ? html`<span class="badge badge-ok">Enrolled</span> Enrolling again replaces the secret: the old one stops working.`
      : html`<span class="badge">Not enrolled</span> Enrol to use this card with the app method.`
  }</p>
<form class="inline-form" method="post" action="${base}/totp">
${csrfField(model.frame.csrfToken)}
<button type="submit" class="button">${card.totpEnrolled ? 'Enrol again' : 'Enrol authenticator app'}</button>
</form>
</section>
<section class="panel" aria-labelledby="password-heading">
<h2 id="password-heading">Static password</h2>
<p>${
    card.passwordSet
      ? html`<span class="badge badge-ok">Set</span> Setting a new one replaces it.`
      : html`<span class="badge">Not set</span> Set one to use this card with the password method.`
  }</p>
<form class="form" method="post" action="${base}/password" novalidate>
${csrfField(model.frame.csrfToken)}
${textField({
  name: 'password',
  type: 'password',
  value: '',
  error: errors.password,
  hint: '8 to 64 characters. Stored only as an argon2id hash.',
  autocomplete: 'new-password',
  required: true,
})}
<div class="form-actions"><button type="submit" class="button">Set password</button></div>
</form>
</section>
</div>
</div>`;
  return renderConsolePage({
    title: `Card ${card.maskedPan}`,
    active: 'cards',
    operator: model.frame.operator,
    csrfToken: model.frame.csrfToken,
    body,
  });
}

/** A stable, locale-free rendering of an ISO timestamp: "2026-11-05 14:03:27 UTC". */
export function displayTime(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  return `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

function errorSummary(errors: CardFormErrors, order: readonly (keyof typeof labels)[]): SafeHtml | undefined {
  const failed = order.filter((name) => errors[name] !== undefined);
  if (failed.length === 0) return undefined;
  return html`<div class="form-error" role="alert">
<p>Please correct ${failed.length === 1 ? 'this field' : 'these fields'}:</p>
<ul>${failed.map((name) => html`<li><a href="#field-${name}">${labels[name]}: ${errors[name]}</a></li>`)}</ul>
</div>`;
}

function scenarioField(selected: string, error: string | undefined): SafeHtml {
  const options = (Object.keys(scenarioDescriptions) as Scenario[]).map(
    (scenario) =>
      html`<option value="${scenario}"${scenario === selected ? html` selected` : ''}>${scenario} – ${scenarioDescriptions[scenario]}</option>`,
  );
  return html`<div class="field">
<label for="field-scenario">${labels.scenario}</label>
<select id="field-scenario" name="scenario"${describedBy('scenario', error)}>
${selected === '' && html`<option value="" selected>Choose a scenario…</option>`}
${options}
</select>
${fieldError('scenario', error)}
</div>`;
}

function detailFields(values: CardFormValues, errors: CardFormErrors): SafeHtml {
  return html`${textField({
    name: 'cardholderName',
    value: values.cardholderName,
    error: errors.cardholderName,
    hint: 'Up to 45 characters, as the 3DS Server sends cardholderName.',
    autocomplete: 'off',
  })}
${textField({
  name: 'phone',
  type: 'tel',
  value: values.phone,
  error: errors.phone,
  hint: 'International form, e.g. +15555550100. Needed for SMS codes; +15005550001 to +15005550009 rehearse delivery failures.',
  autocomplete: 'off',
})}
${textField({
  name: 'email',
  type: 'email',
  value: values.email,
  error: errors.email,
  hint: 'For your own records: the ACS sends nothing by email.',
  autocomplete: 'off',
})}`;
}

type TextFieldOptions = Readonly<{
  name: keyof typeof labels;
  value: string;
  error: string | undefined;
  hint: string;
  type?: 'text' | 'tel' | 'email' | 'password';
  inputmode?: 'numeric';
  autocomplete?: 'off' | 'new-password';
  required?: boolean;
}>;

function textField(options: TextFieldOptions): SafeHtml {
  const id = `field-${options.name}`;
  return html`<div class="field">
<label for="${id}">${labels[options.name]}${options.required === true ? '' : html` <span class="muted">(optional)</span>`}</label>
<span class="hint" id="${id}-hint">${options.hint}</span>
<input id="${id}" name="${options.name}" type="${options.type ?? 'text'}" value="${options.value}"${
    options.inputmode === undefined ? '' : html` inputmode="${options.inputmode}"`
  } autocomplete="${options.autocomplete ?? 'off'}" spellcheck="false"${describedBy(options.name, options.error, `${id}-hint`)}>
${fieldError(options.name, options.error)}
</div>`;
}
