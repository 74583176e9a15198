import { describe, expect, it } from 'vitest';
import { escapeHtml, html, isSafeHtml, raw } from '../../../views/common/html.ts';

describe('html tagged template', () => {
  it('escapes & < > " \' and backtick in every interpolated value', () => {
    const value = `&<>"'\``;
    expect(html`<p title="${value}">${value}</p>`.html).toBe(
      '<p title="&amp;&lt;&gt;&quot;&#39;&#96;">&amp;&lt;&gt;&quot;&#39;&#96;</p>',
    );
  });

  it('renders a hostile merchantName as text, in a text node and in an attribute', () => {
    const script = '<script>alert(1)</script>';
    const breakout = '"><img src=x onerror=alert(1)>';
    expect(html`<dd>${script}</dd>`.html).toBe('<dd>&lt;script&gt;alert(1)&lt;/script&gt;</dd>');
    expect(html`<input value="${breakout}">`.html).toBe(
      '<input value="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;">',
    );
  });

  it('keeps nested SafeHtml and joins arrays, escaping strings inside arrays', () => {
    const items = ['a&b', 'c'].map((item) => html`<li>${item}</li>`);
    expect(html`<ul>${items}</ul>`.html).toBe('<ul><li>a&amp;b</li><li>c</li></ul>');
    expect(html`${['<b>', html`<i>ok</i>`]}`.html).toBe('&lt;b&gt;<i>ok</i>');
  });

  it('renders nothing for null, undefined and booleans, and numbers as text', () => {
    expect(html`[${null}${undefined}${false}${true}${0}${12n}]`.html).toBe('[012]');
  });

  it('outputs raw() unescaped and marks only its own values as safe', () => {
    expect(html`${raw('<br>')}`.html).toBe('<br>');
    expect(isSafeHtml(raw('x'))).toBe(true);
    expect(isSafeHtml(html`x`)).toBe(true);
    // A look-alike object is not trusted: it is escaped as text.
    const fake = { html: '<img>', toString: () => '<img>' };
    expect(isSafeHtml(fake)).toBe(false);
    expect(html`${fake as unknown as string}`.html).toBe('&lt;img&gt;');
  });

  it('escapeHtml leaves ordinary text alone', () => {
    expect(escapeHtml('Demo Shop — 123,45 €')).toBe('Demo Shop — 123,45 €');
  });
});
