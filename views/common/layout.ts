/**
 * The document shell every server-rendered page shares: doctype, `<html lang>`, viewport,
 * one same-origin stylesheet and nothing inline, so pages keep a strict CSP
 * (script-src 'self', style-src 'self') and work inside the challenge iframe.
 */

import type { Lang } from '../../src/flows/common/language.ts';
import { html, type SafeHtml } from './html.ts';

/** What a page gives the shell. */
export type DocumentModel = {
  lang: Lang;
  title: string;
  /** Absolute path of the page's stylesheet, e.g. /static/challenge.css. */
  stylesheet: string;
  bodyClass: string;
  body: SafeHtml;
  /** Same-origin deferred scripts (no inline script is ever emitted). */
  scripts?: readonly string[];
  /**
   * The page's referrer policy, matching its Referrer-Policy header (the meta element would
   * override the header). `no-referrer` unless given; the framed challenge pages use `origin`
   * so their posts carry the ACS's origin (and no path) in Origin and Referer.
   */
  referrerPolicy?: 'no-referrer' | 'origin';
};

/** Renders a complete HTML document. */
export function renderDocument(model: DocumentModel): string {
  const scripts = (model.scripts ?? []).map((src) => html`<script src="${src}" defer></script>`);
  return html`<!doctype html>
<html lang="${model.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="${model.referrerPolicy ?? 'no-referrer'}">
<title>${model.title}</title>
<link rel="stylesheet" href="${model.stylesheet}">
${scripts}
</head>
<body class="${model.bodyClass}">
${model.body}
</body>
</html>
`.html;
}
