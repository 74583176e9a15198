/**
 * The challenge window: the bank page a cardholder sees inside the merchant's iframe. It
 * names the scheme's programme, shows what is being paid (dynamic linking), asks for the
 * code, and offers resend, cancel, another method and help. Plain HTML forms, so it works
 * with JavaScript off, with a keyboard and with a screen reader; the layout follows the
 * frame's real viewport (/static/challenge.css), whatever size the CReq declared. The
 * out-of-band window loads a script to move on by itself once the bank app answers; its
 * Continue button does the same without it.
 *
 * No `autofocus`: browsers block it in a cross-origin frame (where this page always runs in a
 * real integration) and log an error in the merchant's console each time. The element marked
 * `data-autofocus` is focused by /static/challenge-focus.js, and only where focus is allowed
 * (a top-level or same-origin window).
 */

import type { AuthenticationMethod } from '../../src/domain/scenario.ts';
import type { ChallengePageModel } from '../../src/flows/challenge/screen-model.ts';
import type { HiddenField } from '../../src/flows/common/page-step.ts';
import { html, type SafeHtml } from '../common/html.ts';
import { type MessageKey, t, tCount } from '../common/i18n.ts';
import { renderDocument } from '../common/layout.ts';

/** The page's view model (defined in model.ts), re-exported for callers of the renderer. */

const methodNameKeys: Readonly<Record<AuthenticationMethod, MessageKey>> = {
  sms: 'methodSms',
  totp: 'methodTotp',
  password: 'methodPassword',
  oob: 'methodOob',
  kba: 'methodKba',
};

const helpKeys: Readonly<Record<AuthenticationMethod, MessageKey>> = {
  sms: 'helpSms',
  totp: 'helpTotp',
  password: 'helpPassword',
  oob: 'helpOob',
  kba: 'helpKba',
};

/** The hidden fields every form carries, so each post is bound to the transaction. */
export function hiddenInputs(fields: readonly HiddenField[]): SafeHtml {
  return html`${fields.map((field) => html`<input type="hidden" name="${field.name}" value="${field.value}">`)}`;
}

function instruction(model: ChallengePageModel): string {
  const issuer = model.issuerName;
  switch (model.method) {
    case 'sms':
      // Non-breaking spaces keep the masked number on one line.
      return model.maskedPhone === undefined
        ? t(model.lang, 'instructionSmsNoPhone')
        : t(model.lang, 'instructionSms', { phone: model.maskedPhone.replace(/ /g, '\u00a0') });
    case 'totp':
      return t(model.lang, 'instructionTotp', { issuer });
    case 'password':
      return t(model.lang, 'instructionPassword', { issuer });
    case 'oob':
      return t(model.lang, 'instructionOob', { issuer });
    case 'kba':
      return t(model.lang, 'instructionKba', { issuer });
  }
}

/** Only the last four digits are ever shown, whatever the caller passed. */
function last4Of(model: ChallengePageModel): string {
  return model.panLast4.replace(/\D/g, '').slice(-4);
}

function purchaseSummary(model: ChallengePageModel): SafeHtml {
  const { lang } = model;
  const last4 = last4Of(model);
  return html`<dl class="purchase" aria-label="${t(lang, 'purchaseDetails')}">
<div><dt>${t(lang, 'merchant')}</dt><dd>${model.merchantName}</dd></div>
${model.amount !== undefined && html`<div><dt>${t(lang, 'amount')}</dt><dd class="amount">${model.amount}</dd></div>`}
<div><dt>${t(lang, 'card')}</dt><dd><span aria-hidden="true">•••• </span><span class="visually-hidden">${t(lang, 'cardEnding')} </span>${last4}</dd></div>
</dl>`;
}

function messageRegion(model: ChallengePageModel): SafeHtml {
  const { message } = model;
  if (message === undefined) return html``;
  const role = message.kind === 'error' ? 'alert' : 'status';
  return html`<p id="challenge-message" class="message message-${message.kind}" role="${role}">${t(model.lang, message.key)}</p>`;
}

function codeField(model: ChallengePageModel, describedBy: string): SafeHtml {
  const { lang } = model;
  const invalid = model.message?.kind === 'error' ? html` aria-invalid="true"` : html``;
  if (model.method === 'kba') {
    // The security question: one checkbox per option, each ticked one posting `code` = its key.
    return html`<fieldset class="kba" aria-describedby="${describedBy}">
<legend>${t(lang, 'kbaQuestion')}</legend>
${(model.kbaOptions ?? []).map(
  (option, i) =>
    html`<label class="kba-option"><input type="checkbox" name="code" value="${option.key}"${i === 0 && html` data-autofocus`}>${option.label}</label>`,
)}
</fieldset>`;
  }
  if (model.method === 'password') {
    // An unnamed (never posted) username field lets password managers pair the password with the card.
    return html`<input type="text" autocomplete="username" value="•••• ${last4Of(model)}" hidden readonly>
<label for="code">${t(lang, 'passwordLabel')}</label>
<input id="code" name="code" type="password" autocomplete="current-password" maxlength="64" required data-autofocus aria-describedby="${describedBy}"${invalid}>`;
  }
  return html`<label for="code">${t(lang, 'codeLabel')}</label>
<input id="code" class="code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]*" maxlength="6" required data-autofocus spellcheck="false" aria-describedby="${describedBy}"${invalid}>`;
}

/** The Cancel button sits beside the primary one but submits its own form (the `form` attribute). */
function buttonRow(model: ChallengePageModel, primaryLabel: string, autofocus: boolean): SafeHtml {
  return html`<div class="buttons">
<button type="submit" class="primary"${autofocus && html` data-autofocus`}>${primaryLabel}</button>
<button type="submit" class="secondary" form="cancel-form">${t(model.lang, 'cancel')}</button>
</div>`;
}

/** The path the OOB window polls, when it polls at all (only the out-of-band method does). */
function oobPollPath(model: ChallengePageModel): string | undefined {
  return model.method === 'oob' ? model.actions.status : undefined;
}

/** Same-origin script that polls the status path; it runs only where the page polls. */
const oobPollScript = '/static/oob-poll.js';

/** Same-origin script that focuses the `data-autofocus` element where a frame may take focus. */
const focusScript = '/static/challenge-focus.js';

function submitForm(model: ChallengePageModel): SafeHtml {
  const { lang } = model;
  const hidden = hiddenInputs(model.hiddenFields);
  if (model.method === 'oob') {
    // Out of band: the approval happens in the bank app; Continue asks the ACS whether it did.
    // With a status path, /static/oob-poll.js asks for itself and submits this form when answered.
    const poll = oobPollPath(model);
    return html`<form class="verify" method="post" action="${model.actions.submit}"${poll !== undefined && html` data-poll="${poll}"`}>
${hidden}
<p id="instruction" class="instruction">${instruction(model)}</p>
${buttonRow(model, t(lang, 'continue'), true)}
</form>`;
  }
  const describedBy = [
    model.message?.kind === 'error' ? 'challenge-message' : '',
    'attempts-left',
    'instruction',
  ]
    .filter((id) => id !== '')
    .join(' ');
  return html`<form class="verify" method="post" action="${model.actions.submit}">
${hidden}
<p id="instruction" class="instruction">${instruction(model)}</p>
<div class="field">
${codeField(model, describedBy)}
<p id="attempts-left" class="hint">${tCount(lang, 'attemptsRemainingOne', 'attemptsRemainingOther', model.attemptsRemaining)}</p>
</div>
${buttonRow(model, t(lang, 'verify'), false)}
</form>`;
}

function resendForm(model: ChallengePageModel): SafeHtml {
  // Only a delivered secret can be sent again: a TOTP code or a password cannot.
  if (model.method !== 'sms' && model.method !== 'oob') return html``;
  const { lang } = model;
  const label = t(lang, model.method === 'sms' ? 'resendCode' : 'resendRequest');
  const none = model.resendsRemaining <= 0;
  const note = none
    ? t(lang, 'noResendsLeft')
    : tCount(lang, 'resendsRemainingOne', 'resendsRemainingOther', model.resendsRemaining);
  return html`<form class="resend" method="post" action="${model.actions.resend}">
${hiddenInputs(model.hiddenFields)}
<button type="submit" class="link"${none && html` disabled`} aria-describedby="resend-note">${label}</button>
<span id="resend-note" class="hint">${note}</span>
</form>`;
}

/** Holds only the hidden fields: its visible button is in the primary form's button row. */
function cancelForm(model: ChallengePageModel): SafeHtml {
  return html`<form id="cancel-form" class="cancel" method="post" action="${model.actions.cancel}" hidden>
${hiddenInputs(model.hiddenFields)}
</form>`;
}

// Small windows offer the other methods behind a one-line disclosure so the page still fits.
const compactSizes: readonly string[] = ['01', '02', '04'];

function otherMethodsForm(model: ChallengePageModel): SafeHtml {
  const methods = (model.otherMethods ?? []).filter((method) => method !== model.method);
  const action = model.actions.chooseMethod;
  if (action === undefined || methods.length === 0) return html``;
  const { lang } = model;
  const form = html`<form method="post" action="${action}">
${hiddenInputs(model.hiddenFields)}
<fieldset>
<legend>${t(lang, 'otherMethods')}</legend>
${methods.map((method) => html`<button type="submit" class="chip" name="method" value="${method}">${t(lang, methodNameKeys[method])}</button>`)}
</fieldset>
</form>`;
  if (compactSizes.includes(model.windowSize)) {
    return html`<details class="methods">
<summary>${t(lang, 'otherMethodShort')}</summary>
${form}
</details>`;
  }
  return html`<div class="methods">${form}</div>`;
}

function help(model: ChallengePageModel): SafeHtml {
  const { lang } = model;
  const issuer = model.issuerName;
  return html`<details class="help">
<summary>${t(lang, 'needHelp')}</summary>
<p>${t(lang, 'helpIntro', { issuer })}</p>
<p>${t(lang, helpKeys[model.method], { issuer })}</p>
<p>${t(lang, 'helpFraud', { issuer })}</p>
</details>`;
}

function heading(model: ChallengePageModel): string {
  return t(model.lang, model.amount === undefined ? 'confirmIdentity' : 'confirmPurchase');
}

/** Renders the challenge window for one step of a browser challenge. */
export function renderChallengePage(model: ChallengePageModel): string {
  const { lang } = model;
  const body = html`<div class="window">
<header class="brand">
<span class="issuer">${model.issuerName}</span>
<span class="programme">${model.programmeName}</span>
</header>
<main class="content">
<div class="summary">
<h1>${heading(model)}</h1>
${purchaseSummary(model)}
</div>
<div class="task">
${messageRegion(model)}
${submitForm(model)}
${resendForm(model)}
<div class="more">
${otherMethodsForm(model)}
${help(model)}
</div>
</div>
</main>
${cancelForm(model)}
</div>`;
  return renderDocument({
    lang,
    title: `${model.programmeName} – ${model.issuerName}`,
    stylesheet: '/static/challenge.css',
    bodyClass: `challenge size-${model.windowSize}`,
    body,
    scripts: oobPollPath(model) === undefined ? [focusScript] : [focusScript, oobPollScript],
    referrerPolicy: 'origin',
  });
}
