/**
 * The demo merchant's checkout page: a 3DS Requestor's payment form inside the console. The
 * tester types a test card number (the seeded public numbers are suggested), the purchase and
 * the requestor's preferences, and the server sends the AReq. A failed check shows the form
 * again with a summary linking to each field; an Erro from the ACS is shown under the form.
 * Hidden browser fields are filled by /static/demo.js, as a requestor's page would measure them.
 */

import { csrfField, renderConsolePage } from '../common/console-layout.ts';
import { html, type SafeHtml } from '../common/html.ts';

/** Who is logged in, for the page frame. */
export type DemoPageFrame = Readonly<{ operator: string; csrfToken: string }>;

/** A value and its label, for a select. */
export type DemoOption = Readonly<{ value: string; label: string }>;

/** The choices the form offers. */
export type DemoFormOptions = Readonly<{
  currencies: readonly DemoOption[];
  versions: readonly DemoOption[];
  windowSizes: readonly DemoOption[];
  challengeIndicators: readonly DemoOption[];
}>;

/** A public test card number the form suggests. */
export type DemoSuggestedCard = Readonly<{ pan: string; scenario: string; scheme: string }>;

/** A stored card whose number is not public (typed by the tester). */
export type DemoMaskedCard = Readonly<{ maskedPan: string; scenario: string; scheme: string }>;

/** The fields as typed. */
export type DemoFormFields = Readonly<{
  pan: string;
  amount: string;
  currency: string;
  merchantName: string;
  messageVersion: string;
  windowSize: string;
  challengeInd: string;
  decoupled: string;
}>;

/** An Erro the ACS answered instead of an ARes, with the AReq that caused it (PAN masked). */
export type DemoErroView = Readonly<{
  erro: string;
  areq: string;
  errorCode: string;
  errorDescription: string;
}>;

/** What the checkout page shows. */
export type DemoFormPageModel = Readonly<{
  frame: DemoPageFrame;
  values: DemoFormFields;
  errors: Readonly<Partial<Record<keyof DemoFormFields, string>>>;
  options: DemoFormOptions;
  suggestions: readonly DemoSuggestedCard[];
  otherCards: readonly DemoMaskedCard[];
  erro?: DemoErroView | undefined;
}>;

const labels: Readonly<Record<keyof DemoFormFields, string>> = {
  pan: 'Card number',
  amount: 'Amount',
  currency: 'Currency',
  merchantName: 'Merchant name',
  messageVersion: 'Message version',
  windowSize: 'Challenge window size',
  challengeInd: 'Challenge indicator',
  decoupled: 'Decoupled authentication',
};

const fieldOrder: readonly (keyof DemoFormFields)[] = [
  'pan',
  'amount',
  'currency',
  'merchantName',
  'messageVersion',
  'windowSize',
  'challengeInd',
  'decoupled',
];

/** The browser details a requestor's script measures (filled in by /static/demo.js). */
const browserFields = [
  'browserJavascriptEnabled',
  'browserColorDepth',
  'browserScreenHeight',
  'browserScreenWidth',
  'browserTZ',
  'browserLanguage',
] as const;

/** Renders the checkout page. */
export function renderDemoFormPage(model: DemoFormPageModel): string {
  const { values, errors, options } = model;
  const body = html`<link rel="stylesheet" href="/static/demo.css">
<div class="page-header">
<h1>Demo merchant</h1>
<div class="actions"><a class="button button-quiet" href="/console/demo/app">App checkout</a> <a class="button button-quiet" href="/console/cards">Test cards</a></div>
</div>
<p class="lead">A checkout that plays the 3DS Requestor and 3DS Server: it sends a browser AReq to this ACS,
frames the challenge at the window size you choose, receives the RReq and the final CRes, and shows them.
Pick a test card and its scenario decides what happens.</p>
${errorSummary(errors)}
<div class="demo-layout">
<section class="panel" aria-labelledby="checkout-heading">
<h2 id="checkout-heading">Checkout</h2>
<form class="form" method="post" action="/console/demo" novalidate>
${csrfField(model.frame.csrfToken)}
${browserFields.map((name) => html`<input type="hidden" name="${name}" value="">`)}
<div class="field">
<label for="field-pan">${labels.pan}</label>
<span class="hint" id="field-pan-hint">Type a test card number or pick one of the suggestions (the list under the form shows them all).</span>
<input id="field-pan" name="pan" type="text" inputmode="numeric" autocomplete="off" spellcheck="false" list="demo-cards" value="${values.pan}"${describedBy('pan', errors.pan, 'field-pan-hint')}>
<datalist id="demo-cards">
${model.suggestions.map((card) => html`<option value="${card.pan}" label="${card.scenario} (${card.scheme})"></option>`)}
</datalist>
${fieldError('pan', errors.pan)}
</div>
<div class="demo-row">
<div class="field">
<label for="field-amount">${labels.amount}</label>
<input id="field-amount" name="amount" type="text" inputmode="decimal" autocomplete="off" value="${values.amount}"${describedBy('amount', errors.amount)}>
${fieldError('amount', errors.amount)}
</div>
${selectField('currency', options.currencies, values.currency, errors.currency)}
</div>
<div class="field">
<label for="field-merchantName">${labels.merchantName}</label>
<span class="hint" id="field-merchantName-hint">Shown to the cardholder in the SMS and the challenge window; up to 40 characters.</span>
<input id="field-merchantName" name="merchantName" type="text" autocomplete="off" maxlength="40" value="${values.merchantName}"${describedBy('merchantName', errors.merchantName, 'field-merchantName-hint')}>
${fieldError('merchantName', errors.merchantName)}
</div>
<div class="demo-row">
${selectField('messageVersion', options.versions, values.messageVersion, errors.messageVersion)}
${selectField('windowSize', options.windowSizes, values.windowSize, errors.windowSize)}
</div>
${selectField('challengeInd', options.challengeIndicators, values.challengeInd, errors.challengeInd)}
<div class="field">
<div class="demo-check">
<input id="field-decoupled" name="decoupled" type="checkbox" value="on"${values.decoupled === 'on' ? html` checked` : ''}${describedBy('decoupled', errors.decoupled, 'field-decoupled-hint')}>
<label for="field-decoupled">Allow decoupled authentication</label>
</div>
<span class="hint" id="field-decoupled-hint">Sends threeDSRequestorDecReqInd Y (2.2.0 and later): the decoupled card then answers D and waits in the bank app.</span>
${fieldError('decoupled', errors.decoupled)}
</div>
<div class="form-actions">
<button type="submit" class="button">Pay and authenticate</button>
</div>
</form>
</section>
${model.erro === undefined ? cardList(model) : erroPanel(model.erro)}
</div>
${model.erro !== undefined && cardList(model)}`;
  return renderConsolePage({
    title: 'Demo merchant',
    active: 'demo',
    operator: model.frame.operator,
    csrfToken: model.frame.csrfToken,
    body,
    scripts: ['/static/demo.js'],
  });
}

function erroPanel(view: DemoErroView): SafeHtml {
  return html`<section class="panel" aria-labelledby="erro-heading" id="demo-erro">
<h2 id="erro-heading">The ACS answered with an Erro</h2>
<p><span class="badge badge-bad">Erro ${view.errorCode}</span> ${view.errorDescription}</p>
<p class="muted">No transaction was created, so there is nothing more to follow. The exchange is kept in the
ACS's message log.</p>
<h3>Erro received</h3>
<pre class="json" tabindex="0">${view.erro}</pre>
<h3>AReq sent (card number masked)</h3>
<pre class="json" tabindex="0">${view.areq}</pre>
</section>`;
}

function cardList(model: DemoFormPageModel): SafeHtml {
  return html`<section class="panel" aria-labelledby="cards-heading">
<h2 id="cards-heading">Test card numbers</h2>
${
  model.suggestions.length === 0
    ? html`<p class="empty">None of the public test card numbers is in the store.</p>`
    : html`<div class="table-wrap demo-cards"><table class="data">
<caption>Public test numbers in the store, with the scenario the store gives them</caption>
<thead><tr><th scope="col">Card number</th><th scope="col">Scenario</th><th scope="col">Scheme</th></tr></thead>
<tbody>${model.suggestions.map(
        (card) =>
          html`<tr><td class="mono nowrap">${card.pan}</td><td>${card.scenario}</td><td>${card.scheme}</td></tr>`,
      )}</tbody>
</table></div>`
}
${
  model.otherCards.length > 0 &&
  html`<h3 class="demo-subheading">Cards added by testers</h3>
<p class="muted">Only their masked numbers are stored: type the full number you gave the card.</p>
<div class="table-wrap demo-cards"><table class="data">
<thead><tr><th scope="col">Card</th><th scope="col">Scenario</th><th scope="col">Scheme</th></tr></thead>
<tbody>${model.otherCards.map(
    (card) =>
      html`<tr><td class="mono nowrap">${card.maskedPan}</td><td>${card.scenario}</td><td>${card.scheme}</td></tr>`,
  )}</tbody>
</table></div>`
}
</section>`;
}

function errorSummary(errors: DemoFormPageModel['errors']): SafeHtml | undefined {
  const failed = fieldOrder.filter((name) => errors[name] !== undefined);
  if (failed.length === 0) return undefined;
  return html`<div class="form-error" role="alert">
<p>Please correct ${failed.length === 1 ? 'this field' : 'these fields'}:</p>
<ul>${failed.map((name) => html`<li><a href="#field-${name}">${labels[name]}: ${errors[name]}</a></li>`)}</ul>
</div>`;
}

function selectField(
  name: keyof DemoFormFields,
  options: readonly DemoOption[],
  selected: string,
  error: string | undefined,
): SafeHtml {
  return html`<div class="field">
<label for="field-${name}">${labels[name]}</label>
<select id="field-${name}" name="${name}"${describedBy(name, error)}>
${options.map((option) => html`<option value="${option.value}"${option.value === selected ? html` selected` : ''}>${option.label}</option>`)}
</select>
${fieldError(name, error)}
</div>`;
}

function describedBy(name: string, error: string | undefined, hintId?: string): SafeHtml {
  const ids = [hintId, error === undefined ? undefined : `field-${name}-error`].filter(
    (value): value is string => value !== undefined,
  );
  return html`${ids.length > 0 && html` aria-describedby="${ids.join(' ')}"`}${error !== undefined && html` aria-invalid="true"`}`;
}

function fieldError(name: string, error: string | undefined): SafeHtml | undefined {
  return error === undefined ? undefined : html`<p class="field-error" id="field-${name}-error">${error}</p>`;
}
