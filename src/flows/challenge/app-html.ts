/**
 * The HTML challenge page an SDK with an HTML interface draws (acsUiType 05, acsHTML): one small
 * self-contained document, no script, no external resource, whose form the SDK intercepts.
 * Real SDKs catch the form's submission to the reserved action `HTTPS://EMV3DS/challenge` and
 * send its URL-encoded fields as challengeHTMLDataEntry (Stripe's HtmlFormSubmitter; EMV 3DS
 * SDK spec, HTML UI). The fields this page posts, read back by `readHtmlEntry`:
 * `code` (the code or password; one per ticked box of the security question, read back as the
 * keys comma-separated), `method` (a choice), `action` (`resend` or `continue`).
 */
import type { AuthenticationMethod } from '../../domain/scenario.ts';

/** The action the SDK intercepts (the value the EMV SDK specification reserves). */
export const htmlFormAction = 'HTTPS://EMV3DS/challenge';

/** What one HTML page shows. */
export type HtmlPage = Readonly<{
  lang: string;
  header: string;
  text: string;
  /** An entry box (code or password) with its label. */
  entry?: Readonly<{ label: string; masked: boolean }>;
  /** Radio buttons, one per method. */
  choices?: readonly Readonly<{ method: AuthenticationMethod; label: string }>[];
  /** Checkboxes (the security question), each posting `code` = its key when ticked. */
  checkboxes?: readonly Readonly<{ key: string; label: string }>[];
  submitLabel: string;
  /** The out-of-band page's submit says "continue". */
  continues?: boolean;
  resendLabel?: string;
}>;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The page's HTML. */
export function renderHtmlPage(page: HtmlPage): string {
  const entry =
    page.entry === undefined
      ? ''
      : `<label>${escapeHtml(page.entry.label)}<input name="code" type="${page.entry.masked ? 'password' : 'text'}" autocomplete="one-time-code" required></label>`;
  const choices = (page.choices ?? [])
    .map(
      (choice, i) =>
        `<label><input type="radio" name="method" value="${choice.method}"${i === 0 ? ' checked' : ''}>${escapeHtml(choice.label)}</label>`,
    )
    .join('');
  const checkboxes = (page.checkboxes ?? [])
    .map(
      (box) =>
        `<label><input type="checkbox" name="code" value="${escapeHtml(box.key)}">${escapeHtml(box.label)}</label>`,
    )
    .join('');
  const submit = `<button type="submit" name="action" value="${page.continues ? 'continue' : 'submit'}">${escapeHtml(page.submitLabel)}</button>`;
  const resend =
    page.resendLabel === undefined
      ? ''
      : `<button type="submit" name="action" value="resend" formnovalidate>${escapeHtml(page.resendLabel)}</button>`;
  return `<!DOCTYPE html><html lang="${escapeHtml(page.lang)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(page.header)}</title><style>body{font-family:sans-serif;margin:1rem}label,button{display:block;margin:.5rem 0}input[name=code]{font-size:1.2rem}</style></head><body><h1>${escapeHtml(page.header)}</h1><p>${escapeHtml(page.text)}</p><form method="post" action="${htmlFormAction}">${entry}${choices}${checkboxes}${submit}${resend}</form></body></html>`;
}

/** What a challengeHTMLDataEntry said: the URL-encoded fields of the form above. */
export type HtmlEntry = Readonly<{ code: string | undefined; method: string | undefined; action: string }>;

/** Reads challengeHTMLDataEntry (URL-encoded `name=value` pairs). */
export function readHtmlEntry(entry: string): HtmlEntry {
  const fields = new URLSearchParams(entry);
  const codes = fields.getAll('code');
  return {
    code: codes.length === 0 ? undefined : codes.join(','),
    method: fields.get('method') ?? undefined,
    action: fields.get('action') ?? 'submit',
  };
}
