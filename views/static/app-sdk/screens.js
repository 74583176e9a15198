/*
 * The native screens of the browser 3DS SDK, drawn into the phone frame from an interim CRes
 * (the CRes rows of EMV 3DS Table A.1; the templates by acsUiType): 01 text (entry box, submit,
 * resend), 02 single select (radio list), 03 multi select (checkboxes), 04 out of band (continue,
 * the bank app link) and 05 HTML (acsHTML in a sandboxed iframe whose form submission is taken as
 * challengeHTMLDataEntry, as an SDK intercepts it), each with the header, the information text
 * (a warning mark for challengeInfoTextIndicator Y), the why/expand sections and the SDK's
 * Cancel. Every text from the ACS goes in with textContent; links and images only when they are
 * http(s) (images only from this origin: the console's CSP allows nothing else).
 */
import { fromBase64Url, fromUtf8 } from './bytes.js';

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

function button(label, className, onClick, type = 'button') {
  const node = element('button', className, label);
  node.type = type;
  if (onClick) node.addEventListener('click', onClick);
  return node;
}

/** The SDK's own bar: the shop's name and Cancel (challengeCancel 01). */
function toolbar(shop, onAction, cancellable) {
  const bar = element('div', 'phone-toolbar');
  bar.append(element('span', 'phone-toolbar-title', shop));
  if (cancellable) bar.append(button('Cancel', 'phone-cancel', () => onAction({ type: 'cancel' })));
  return bar;
}

/** issuerImage / psImage (objects of URLs by density): drawn only when on this origin. */
function images(cres) {
  const row = element('div', 'phone-brands');
  for (const name of ['issuerImage', 'psImage']) {
    const image = cres[name];
    const href = image && (image.medium ?? image.default ?? image.high ?? image.extraHigh);
    if (typeof href !== 'string') continue;
    try {
      const url = new URL(href, window.location.href);
      if (url.origin !== window.location.origin) continue;
      const img = element('img', 'phone-brand');
      img.src = url.href;
      img.alt = name === 'issuerImage' ? 'Card issuer' : 'Card scheme';
      row.append(img);
    } catch {
      // Not a URL: nothing to draw.
    }
  }
  return row.childElementCount > 0 ? row : undefined;
}

function infoText(cres) {
  const text = element('p', 'phone-info');
  if (cres.challengeInfoTextIndicator === 'Y') {
    text.classList.add('phone-info-warning');
    text.append(element('span', 'phone-warning-mark', '!'));
  }
  text.append(document.createTextNode(cres.challengeInfoText ?? ''));
  return text;
}

function expandable(label, text) {
  if (!label || !text) return undefined;
  const details = element('details', 'phone-more');
  details.append(element('summary', '', label), element('p', '', text));
  return details;
}

/** challengeSelectInfo: [{ key: text }] -> [{ key, text }]. */
function options(cres) {
  return (Array.isArray(cres.challengeSelectInfo) ? cres.challengeSelectInfo : []).flatMap((entry) =>
    Object.entries(entry ?? {}).map(([key, text]) => ({ key, text: String(text) })),
  );
}

/** The entry box of a text screen: 2.3.1's challengeEntryBox decides keyboard, length, masking, autofill. */
function entryBox(cres) {
  const box = cres.challengeEntryBox ?? {};
  const input = element('input', 'phone-input');
  input.id = 'phone-entry';
  input.name = 'challengeDataEntry';
  input.type = box.challengeDataEntryMasking === 'Y' ? 'password' : 'text';
  input.autocomplete = box.challengeDataEntryAutofillType === '02' ? 'current-password' : 'one-time-code';
  input.spellcheck = false;
  if (box.challengeDataEntryKeyboardType !== '02' && input.type === 'text') input.inputMode = 'numeric';
  // Table A.1: challengeDataEntry is at most 45 characters.
  input.maxLength = Number(box.challengeDataEntryLengthMax) || 45;
  const label = element(
    'label',
    'phone-label',
    box.challengeDataEntryLabel ?? cres.challengeInfoLabel ?? 'Code',
  );
  label.htmlFor = input.id;
  return [label, input];
}

function textBody(form, cres, onAction) {
  const [label, input] = entryBox(cres);
  form.append(label, input, button(cres.submitAuthenticationLabel, 'phone-button', undefined, 'submit'));
  if (cres.resendInformationLabel) {
    form.append(button(cres.resendInformationLabel, 'phone-link', () => onAction({ type: 'resend' })));
  }
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    // A code loses stray spaces; a password is sent as typed.
    onAction({ type: 'entry', value: input.type === 'password' ? input.value : input.value.trim() });
  });
}

function selectBody(form, cres, onAction, multiple) {
  const fieldset = element('fieldset', 'phone-options');
  fieldset.append(element('legend', 'phone-label', cres.challengeInfoLabel));
  for (const [index, option] of options(cres).entries()) {
    const id = `phone-option-${index}`;
    const row = element('div', 'phone-option');
    const input = element('input');
    input.type = multiple ? 'checkbox' : 'radio';
    input.name = 'challengeSelect';
    input.value = option.key;
    input.id = id;
    const label = element('label', '', option.text);
    label.htmlFor = id;
    row.append(input, label);
    fieldset.append(row);
  }
  form.append(fieldset, button(cres.submitAuthenticationLabel, 'phone-button', undefined, 'submit'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const keys = [...fieldset.querySelectorAll('input:checked')].map((input) => input.value);
    onAction({ type: 'select', keys });
  });
}

function oobBody(form, cres, onAction, context) {
  const appLink = typeof cres.oobAppURL === 'string' && /^https?:\/\//.test(cres.oobAppURL);
  if (appLink) {
    const link = element('a', 'phone-link', cres.oobAppLabel ?? 'Open the banking app');
    link.href = cres.oobAppURL;
    link.target = '_blank';
    link.rel = 'noopener noreferrer';
    form.append(link);
  }
  form.append(button(cres.oobContinueLabel, 'phone-button', undefined, 'submit'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    onAction({ type: 'oob' });
  });
  // Without oobAppURL (2.1.0 has none) the page points at the sandbox bank app itself.
  if (!appLink) {
    context.note(
      'Approve the request in the sandbox bank app, then press the continue button.',
      context.bankAppHref,
    );
  }
}

/** acsHTML in a sandboxed frame: no script runs in it; its form submission becomes challengeHTMLDataEntry. */
function htmlBody(screen, cres, onAction) {
  const frame = element('iframe', 'phone-html');
  frame.title = 'Challenge page from the ACS (acsHTML)';
  // allow-same-origin lets this page listen for the form's submit event; without allow-scripts
  // nothing in acsHTML can run, and allow-forms is what lets the submit event fire at all.
  frame.setAttribute('sandbox', 'allow-same-origin allow-forms');
  frame.srcdoc = fromUtf8(fromBase64Url(cres.acsHTML));
  frame.addEventListener('load', () => {
    const doc = frame.contentDocument;
    if (doc === null) return;
    doc.addEventListener(
      'submit',
      (event) => {
        event.preventDefault();
        // One answer per page: a second click while the CReq travels would break the counters.
        if (frame.dataset.sent !== undefined) return;
        frame.dataset.sent = '';
        const data = new URLSearchParams(new FormData(event.target, event.submitter ?? null));
        onAction({ type: 'html', data: data.toString() });
      },
      true,
    );
  });
  screen.append(frame);
}

/**
 * Draws an interim CRes. `context`: shop (the toolbar title), onAction(action), note(text, href)
 * for a hint under the phone, bankAppHref. Returns the element to focus.
 */
export function drawScreen(screen, cres, context) {
  screen.replaceChildren(toolbar(context.shop, context.onAction, true));
  const body = element('div', `phone-body ui-${cres.acsUiType}`);
  screen.append(body);
  if (cres.acsUiType === '05' || cres.acsUiType === '06') {
    htmlBody(body, cres, context.onAction);
    return body;
  }
  const brands = images(cres);
  if (brands) body.append(brands);
  const heading = element('h3', 'phone-header', cres.challengeInfoHeader);
  heading.tabIndex = -1;
  body.append(heading, infoText(cres));
  const form = element('form', 'phone-form');
  form.noValidate = true;
  if (cres.acsUiType === '01') textBody(form, cres, context.onAction);
  else if (cres.acsUiType === '02' || cres.acsUiType === '03') {
    selectBody(form, cres, context.onAction, cres.acsUiType === '03');
  } else if (cres.acsUiType === '04') oobBody(form, cres, context.onAction, context);
  else form.append(element('p', 'phone-info', `acsUiType ${cres.acsUiType} is not drawn by this SDK.`));
  body.append(form);
  for (const more of [
    expandable(cres.whyInfoLabel, cres.whyInfoText),
    expandable(cres.expandInfoLabel, cres.expandInfoText),
  ]) {
    if (more) body.append(more);
  }
  return form.querySelector('input') ?? heading;
}

/** The words for each transStatus (Table A.1). */
const outcomes = {
  Y: 'Authenticated',
  N: 'Not authenticated',
  A: 'Attempted (no full authentication)',
  U: 'Could not be authenticated',
  R: 'Rejected by the issuer',
  I: 'Information only',
  C: 'Challenge required',
  D: 'Decoupled authentication',
};

/**
 * Draws the end of the checkout: the result (transStatus and, when given, its reason) or what
 * went wrong, and a link to the transaction's console page. `tone`: ok, bad or info.
 */
export function drawEnd(screen, { shop, title, transStatus, lines, href, tone }) {
  screen.replaceChildren(toolbar(shop, undefined, false));
  const body = element('div', `phone-body phone-end phone-end-${tone}`);
  const heading = element('h3', 'phone-header', title);
  heading.tabIndex = -1;
  body.append(heading);
  if (transStatus !== undefined) {
    const badge = element('p', 'phone-result');
    badge.append(element('strong', 'phone-trans-status', `transStatus ${transStatus}`));
    badge.append(document.createTextNode(` ${outcomes[transStatus] ?? ''}`));
    body.append(badge);
  }
  for (const line of lines ?? []) body.append(element('p', 'phone-info', line));
  if (typeof href === 'string' && href.startsWith('/console/')) {
    const link = element('a', 'phone-link', 'Open the transaction in the console');
    link.href = href;
    body.append(link);
  }
  screen.append(body);
  return heading;
}

/** Disables (or re-enables) every control of the screen while a CReq is on its way. */
export function setBusy(screen, busy) {
  screen.setAttribute('aria-busy', busy ? 'true' : 'false');
  for (const control of screen.querySelectorAll('button, input, select, textarea')) control.disabled = busy;
}
