/**
 * The demo merchant's app checkout (/console/demo/app): a shopping app's payment form beside a
 * phone-shaped frame in which the page, playing the app's 3DS SDK (/static/app-sdk.js), draws
 * each native challenge screen, and a list of every message it exchanged, decrypted. The form
 * takes the order (the browser checkout's test cards) and what the device is: message version,
 * the JWE content encryption, and the render options the AReq announces. The trusted DS root the
 * SDK checks acsSignedContent against rides on the page as base64 DER. Everything the script
 * adds is drawn with DOM calls and textContent; without JavaScript the page says so.
 */

import { csrfField, renderConsolePage } from '../common/console-layout.ts';
import { html, type SafeHtml } from '../common/html.ts';
import type { DemoOption, DemoPageFrame, DemoSuggestedCard } from './demo-form.ts';

/** The choices the form offers. */
export type AppCheckoutOptions = Readonly<{
  currencies: readonly DemoOption[];
  versions: readonly DemoOption[];
  challengeIndicators: readonly DemoOption[];
  encs: readonly DemoOption[];
  sdkInterfaces: readonly DemoOption[];
  sdkUiTypes: readonly DemoOption[];
}>;

/** What the app checkout page shows. */
export type AppCheckoutPageModel = Readonly<{
  frame: DemoPageFrame;
  options: AppCheckoutOptions;
  suggestions: readonly DemoSuggestedCard[];
  /** Where the page posts the order (JSON). */
  areqUrl: string;
  /** The sandbox DS root CA certificate, base64 DER: the SDK's trust anchor. */
  dsRootDer: string;
}>;

/** The values the form starts with. */
const defaults = {
  amount: '49.99',
  currency: '978',
  merchantName: 'Demo Shop',
  messageVersion: '2.2.0',
  enc: 'A128CBC-HS256',
  challengeInd: '01',
  sdkInterface: '03',
} as const;

function select(name: keyof typeof defaults, label: string, options: readonly DemoOption[]): SafeHtml {
  return html`<div class="field">
<label for="field-${name}">${label}</label>
<select id="field-${name}" name="${name}">
${options.map((o) => html`<option value="${o.value}"${o.value === defaults[name] ? html` selected` : ''}>${o.label}</option>`)}
</select>
</div>`;
}

function orderForm(model: AppCheckoutPageModel): SafeHtml {
  const { options } = model;
  return html`<section class="panel app-order" aria-labelledby="app-order-heading">
<h2 id="app-order-heading">Order and device</h2>
<div class="form-error" id="app-errors" role="alert" tabindex="-1" hidden></div>
<form class="form" id="app-checkout-form" novalidate>
${csrfField(model.frame.csrfToken)}
<div class="field">
<label for="field-pan">Card number</label>
<span class="hint" id="field-pan-hint">A test card number; its scenario decides what happens.</span>
<input id="field-pan" name="pan" type="text" inputmode="numeric" autocomplete="off" spellcheck="false" list="app-cards" aria-describedby="field-pan-hint">
<datalist id="app-cards">
${model.suggestions.map((card) => html`<option value="${card.pan}" label="${card.scenario} (${card.scheme})"></option>`)}
</datalist>
</div>
<div class="demo-row">
<div class="field">
<label for="field-amount">Amount</label>
<input id="field-amount" name="amount" type="text" inputmode="decimal" autocomplete="off" value="${defaults.amount}">
</div>
${select('currency', 'Currency', options.currencies)}
</div>
<div class="field">
<label for="field-merchantName">Merchant name</label>
<input id="field-merchantName" name="merchantName" type="text" autocomplete="off" maxlength="40" value="${defaults.merchantName}">
</div>
<div class="demo-row">
${select('messageVersion', 'Message version', options.versions)}
${select('enc', 'JWE encryption', options.encs)}
</div>
${select('challengeInd', 'Challenge indicator', options.challengeIndicators)}
${select('sdkInterface', 'Device interface (sdkInterface)', options.sdkInterfaces)}
<fieldset class="field app-ui-types" id="field-sdkUiType" aria-describedby="field-sdkUiType-hint">
<legend>UI types the device draws (sdkUiType)</legend>
<span class="hint" id="field-sdkUiType-hint">The ACS picks the first screen from these and the card's methods.</span>
${options.sdkUiTypes.map(
  (type) => html`<div class="demo-check">
<input id="field-sdkUiType-${type.value}" name="sdkUiType" type="checkbox" value="${type.value}" checked>
<label for="field-sdkUiType-${type.value}">${type.label}</label>
</div>`,
)}
</fieldset>
<div class="form-actions">
<button type="submit" class="button" id="app-pay">Pay in the app</button>
<button type="reset" class="button button-quiet" id="app-restart" hidden>New order</button>
</div>
</form>
</section>`;
}

function stage(): SafeHtml {
  return html`<div class="app-stage">
<section class="app-phone-column" aria-labelledby="app-phone-heading">
<h2 id="app-phone-heading">The app</h2>
<div class="phone" id="app-phone">
<div class="phone-speaker" aria-hidden="true"></div>
<div class="phone-screen" id="app-screen" tabindex="-1">
<div class="phone-idle">
<p class="phone-shop">Demo Shop</p>
<p>Fill in the order and press <strong>Pay in the app</strong>. The 3DS SDK's screens appear here.</p>
</div>
</div>
<div class="phone-home" aria-hidden="true"></div>
</div>
<p class="app-status" id="app-status" role="status"></p>
</section>
<section class="panel app-messages" aria-labelledby="app-messages-heading">
<h2 id="app-messages-heading">Messages</h2>
<p class="muted">Every message in order, as the SDK sees it: each CReq before it is encrypted and each CRes
after it is decrypted, with the size of the JWE that travelled.</p>
<ol class="app-message-list" id="app-messages"></ol>
</section>
</div>`;
}

/** Renders the app checkout page. */
export function renderAppCheckoutPage(model: AppCheckoutPageModel): string {
  const body = html`<link rel="stylesheet" href="/static/demo.css">
<link rel="stylesheet" href="/static/app-checkout.css">
<div class="page-header">
<h1>Demo merchant: app checkout</h1>
<div class="actions"><a class="button button-quiet" href="/console/demo">Browser checkout</a> <a class="button button-quiet" href="/console/cards">Test cards</a></div>
</div>
<p class="lead">A shopping app whose 3DS SDK is this page: it makes the SDK's ephemeral key, sends the app AReq
(deviceChannel 01) through the demo's 3DS Server, checks acsSignedContent, then encrypts each CReq, posts it to
the acsURL, decrypts each CRes and draws the native screen in the phone.</p>
<noscript><p class="form-error">The app checkout plays the 3DS SDK in your browser: it needs JavaScript.</p></noscript>
<div class="app-layout" id="app-checkout" data-areq-url="${model.areqUrl}" data-ds-root="${model.dsRootDer}" data-bank-app="/console/bank-app">
${orderForm(model)}
${stage()}
</div>`;
  return renderConsolePage({
    title: 'Demo merchant: app checkout',
    active: 'demo',
    operator: model.frame.operator,
    csrfToken: model.frame.csrfToken,
    body,
    scripts: ['/static/app-sdk.js'],
  });
}
