/**
 * Escape-by-default HTML building. Everything a merchant, requestor or tester sends ends up
 * in a page (merchantName, amounts, URLs, SMS text), so the only way to emit markup is the
 * `html` tagged template, which escapes every interpolated value unless it is already a
 * `SafeHtml`; `raw()` is the single, greppable way to mark trusted text as markup.
 */

declare const safeHtmlBrand: unique symbol;

/** A string of HTML that is safe to emit as is (built by `html` or marked by `raw`). */
export type SafeHtml = { readonly [safeHtmlBrand]: true; readonly html: string; toString(): string };

/** A value the `html` template accepts: text is escaped, SafeHtml is kept, empties vanish. */
export type HtmlValue =
  | SafeHtml
  | string
  | number
  | bigint
  | boolean
  | null
  | undefined
  | readonly HtmlValue[];

const escapes: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};

/** Escapes text for an HTML text node or a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`]/g, (char) => escapes[char] ?? char);
}

// Only values created here are trusted: a look-alike object from elsewhere is escaped as text.
const safeValues = new WeakSet<object>();

function brand(text: string): SafeHtml {
  const value = Object.freeze({ html: text, toString: () => text });
  safeValues.add(value);
  return value as unknown as SafeHtml;
}

/** True when the value was built by `html` or `raw`. */
export function isSafeHtml(value: unknown): value is SafeHtml {
  return typeof value === 'object' && value !== null && safeValues.has(value);
}

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false || value === true) return '';
  if (Array.isArray(value)) return value.map((item: HtmlValue) => render(item)).join('');
  if (isSafeHtml(value)) return value.html;
  return escapeHtml(String(value));
}

/**
 * Builds HTML from a template, escaping every interpolated value. Booleans, null and
 * undefined render as nothing, so `${cond && html`...`}` works; arrays are joined.
 * Attribute values must always be quoted in the template.
 */
export function html(strings: TemplateStringsArray, ...values: readonly HtmlValue[]): SafeHtml {
  let out = strings[0] ?? '';
  for (let i = 0; i < values.length; i += 1) {
    out += render(values[i]) + (strings[i + 1] ?? '');
  }
  return brand(out);
}

/** Marks trusted text (never request data) as HTML, unescaped. The only escape hatch. */
export function raw(trusted: string): SafeHtml {
  return brand(trusted);
}
