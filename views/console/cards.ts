/**
 * The console's test card pages other than the forms: the list of cards (masked number,
 * scheme, scenario with the requestor fault as a badge of its own, cardholder, which
 * credentials are set), the confirm step before a delete, the one-time display of a new
 * authenticator-app secret, and the page for a card that does not exist.
 */

import type { Fault } from '../../src/domain/fault.ts';
import { csrfField, renderConsolePage } from '../common/console-layout.ts';
import { html, raw } from '../common/html.ts';
import { type CardPageFrame, displayTime } from './card-form.ts';
import { faultBadge } from './fault-badge.ts';

/** A card as the list shows it. */
export type CardListItem = Readonly<{
  id: string;
  maskedPan: string;
  scheme: string;
  scenario: string;
  /** The requestor fault rehearsed on top of the scenario, and its delay when not the default. */
  fault: Fault | undefined;
  faultDelayMs: number | undefined;
  cardholderName: string | undefined;
  phone: string | undefined;
  totpEnrolled: boolean;
  passwordSet: boolean;
}>;

/** What the card list shows. */
export type CardListModel = Readonly<{
  frame: CardPageFrame;
  cards: readonly CardListItem[];
  notice?: string | undefined;
}>;

/** Renders the list of test cards. */
export function renderCardList(model: CardListModel): string {
  const rows = model.cards.map((card) => {
    const href = `/console/cards/${encodeURIComponent(card.id)}`;
    return html`<tr>
<td class="nowrap"><a class="mono" href="${href}">${card.maskedPan}</a></td>
<td>${card.scheme}</td>
<td>${card.scenario}${card.fault !== undefined && html` ${faultBadge(card.fault, card.faultDelayMs)}`}</td>
<td>${card.cardholderName ?? html`<span class="muted">–</span>`}</td>
<td class="nowrap">${card.phone ?? html`<span class="muted">–</span>`}</td>
<td>${card.totpEnrolled ? html`<span class="badge badge-ok">Enrolled</span>` : html`<span class="badge">No</span>`}</td>
<td>${card.passwordSet ? html`<span class="badge badge-ok">Set</span>` : html`<span class="badge">No</span>`}</td>
<td class="nowrap"><a href="${href}" aria-label="Edit card ${card.maskedPan}">Edit</a> · <a href="${href}/delete" aria-label="Delete card ${card.maskedPan}">Delete</a></td>
</tr>`;
  });
  const body = html`<div class="page-header">
<h1>Test cards</h1>
<div class="actions"><a class="button" href="/console/cards/new">New card</a></div>
</div>
<p class="lead">The card decides the scenario. Numbers are kept only as a keyed hash and the masked form below.</p>
${model.notice !== undefined && html`<p class="form-notice" role="status">${model.notice}</p>`}
${
  model.cards.length === 0
    ? html`<p class="empty">No test cards yet. <a href="/console/cards/new">Create one</a>.</p>`
    : html`<div class="table-wrap"><table class="data">
<caption>${model.cards.length} ${model.cards.length === 1 ? 'card' : 'cards'}, newest first</caption>
<thead><tr><th scope="col">Card</th><th scope="col">Scheme</th><th scope="col">Scenario</th><th scope="col">Cardholder</th><th scope="col">Phone</th><th scope="col">TOTP</th><th scope="col">Password</th><th scope="col">Actions</th></tr></thead>
<tbody>${rows}</tbody>
</table></div>`
}`;
  return renderConsolePage({
    title: 'Test cards',
    active: 'cards',
    operator: model.frame.operator,
    csrfToken: model.frame.csrfToken,
    body,
  });
}

/** What the delete confirmation shows. */
export type DeleteCardModel = Readonly<{
  frame: CardPageFrame;
  card: Readonly<{ id: string; maskedPan: string; scenario: string; createdAt: string }>;
}>;

/** Renders the confirm step before a card is deleted. */
export function renderDeleteCard(model: DeleteCardModel): string {
  const { card } = model;
  const base = `/console/cards/${encodeURIComponent(card.id)}`;
  const body = html`<div class="panel narrow">
<h1>Delete card <span class="mono">${card.maskedPan}</span>?</h1>
<p>Scenario ${card.scenario}, created ${displayTime(card.createdAt)}. Its credentials go with it;
its transactions stay in the explorer with their masked card number. This cannot be undone.</p>
<form class="form-actions" method="post" action="${base}/delete">
${csrfField(model.frame.csrfToken)}
<button type="submit" class="button button-danger">Delete card</button>
<a class="button button-quiet" href="${base}">Keep it</a>
</form>
</div>`;
  return renderConsolePage({
    title: `Delete card ${card.maskedPan}`,
    active: 'cards',
    operator: model.frame.operator,
    csrfToken: model.frame.csrfToken,
    body,
  });
}

/** What the enrolment page shows, once. */
export type TotpEnrolmentModel = Readonly<{
  frame: CardPageFrame;
  card: Readonly<{ id: string; maskedPan: string }>;
  secret: string;
  otpauthUri: string;
  /** SVG markup from src/otp/enrolment-qr.ts (generated from our own URI and checked there). */
  qrSvg: string;
}>;

/** Renders the new authenticator-app secret: shown this once, never again. */
export function renderTotpEnrolment(model: TotpEnrolmentModel): string {
  const { card } = model;
  const body = html`<div class="page-header">
<h1>Authenticator app for <span class="mono">${card.maskedPan}</span></h1>
<div class="actions"><a class="button button-quiet" href="/console/cards/${encodeURIComponent(card.id)}">Back to the card</a></div>
</div>
<p class="form-notice" role="status">Enrolled. This secret is shown only now: it is stored sealed and cannot be shown again.</p>
<div class="grid">
<section class="panel" aria-labelledby="qr-heading">
<h2 id="qr-heading">Scan with the app</h2>
<div class="narrow" role="img" aria-label="QR code of the otpauth URI below">${raw(model.qrSvg)}</div>
</section>
<section class="panel" aria-labelledby="secret-heading">
<h2 id="secret-heading">Or type it</h2>
<dl class="details">
<dt>Secret (base32)</dt><dd><code class="mono">${model.secret}</code></dd>
<dt>otpauth URI</dt><dd><code class="mono">${model.otpauthUri}</code></dd>
<dt>Settings</dt><dd>TOTP, SHA-1, 6 digits, 30 seconds</dd>
</dl>
</section>
</div>`;
  return renderConsolePage({
    title: `Authenticator app for ${card.maskedPan}`,
    active: 'cards',
    operator: model.frame.operator,
    csrfToken: model.frame.csrfToken,
    body,
  });
}
