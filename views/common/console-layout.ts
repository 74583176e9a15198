/**
 * The frame every console page shares: a skip link, the product name, the navigation (the
 * current page marked for assistive technology), who is logged in with a logout form, and
 * the page's main content. One same-origin stylesheet and optional same-origin scripts,
 * nothing inline, so console pages keep helmet's strict CSP.
 */

import { html, type SafeHtml } from './html.ts';
import { renderDocument } from './layout.ts';

/** The product name shown in every console header and title. */
export const productName = 'ACS Simulator';

/** The console's sections, as named in the navigation. */
export type ConsoleSection = 'dashboard' | 'cards' | 'inbox' | 'transactions' | 'bank-app' | 'keys' | 'demo';

/** What a console page gives the frame. */
export type ConsolePageModel = {
  title: string;
  active: ConsoleSection;
  /** The logged-in operator's username. */
  operator: string;
  csrfToken: string;
  body: SafeHtml;
  /** Same-origin deferred scripts, e.g. /static/console-inbox.js. */
  scripts?: readonly string[];
};

/** The console's sections in the order of the navigation, each with its page. */
export const navigation: readonly { section: ConsoleSection; href: string; label: string }[] = [
  { section: 'dashboard', href: '/console', label: 'Dashboard' },
  { section: 'cards', href: '/console/cards', label: 'Test cards' },
  { section: 'inbox', href: '/console/inbox', label: 'SMS inbox' },
  { section: 'transactions', href: '/console/transactions', label: 'Transactions' },
  { section: 'bank-app', href: '/console/bank-app', label: 'Bank app' },
  { section: 'keys', href: '/console/keys', label: 'Keys' },
  { section: 'demo', href: '/console/demo', label: 'Demo merchant' },
];

/** The hidden CSRF field every console form carries. */
export function csrfField(csrfToken: string): SafeHtml {
  return html`<input type="hidden" name="_csrf" value="${csrfToken}">`;
}

/** Renders a complete console page. */
export function renderConsolePage(model: ConsolePageModel): string {
  const links = navigation.map(
    (item) =>
      html`<li><a href="${item.href}"${item.section === model.active ? html` aria-current="page"` : ''}>${item.label}</a></li>`,
  );
  const body = html`<a class="skip-link" href="#main">Skip to content</a>
<header class="console-header">
<div class="console-header-inner">
<a class="brand" href="/console">${productName} <span class="brand-sub">console</span></a>
<nav class="console-nav" aria-label="Console">
<ul>${links}</ul>
</nav>
<form class="logout" method="post" action="/console/logout">
${csrfField(model.csrfToken)}
<span class="operator" title="Logged in as ${model.operator}">${model.operator}</span>
<button type="submit" class="button button-quiet">Log out</button>
</form>
</div>
</header>
<main id="main" class="console-main" tabindex="-1">
${model.body}
</main>`;
  return renderDocument({
    lang: 'en',
    title: `${model.title} – ${productName}`,
    stylesheet: '/static/console.css',
    bodyClass: `console console-${model.active}`,
    body,
    ...(model.scripts === undefined ? {} : { scripts: model.scripts }),
  });
}

/** What a notice page says (for visitors without a session: 401, 403). */
export type ConsoleNoticeModel = {
  title: string;
  message: string;
  link: { href: string; label: string };
};

/** Renders a small standalone console page with one message and one way on. */
export function renderConsoleNotice(model: ConsoleNoticeModel): string {
  const body = html`<main id="main" class="console-main narrow">
<div class="panel notice">
<p class="brand-line">${productName}</p>
<h1>${model.title}</h1>
<p>${model.message}</p>
<p><a class="button" href="${model.link.href}">${model.link.label}</a></p>
</div>
</main>`;
  return renderDocument({
    lang: 'en',
    title: `${model.title} – ${productName}`,
    stylesheet: '/static/console.css',
    bodyClass: 'console console-notice',
    body,
  });
}
