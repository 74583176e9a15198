/*
 * The app checkout page around the phone: the order form (its values, its lock while an order
 * runs, the server's per-field messages under each field and in a summary linking to them), the
 * status line under the phone, the hint beside a screen (the sandbox bank app for out-of-band),
 * and the list of messages beside the phone, each pretty-printed JSON drawn with textContent.
 */

/** A new element with a class and text (never parsed as HTML). */
export function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

const fieldLabels = {
  pan: 'Card number',
  amount: 'Amount',
  currency: 'Currency',
  merchantName: 'Merchant name',
  messageVersion: 'Message version',
  challengeInd: 'Challenge indicator',
  sdkInterface: 'Device interface',
  sdkUiType: 'UI types',
};

/** The page's parts, found by id in `root` (#app-checkout). */
export function appPage(root) {
  const form = root.querySelector('#app-checkout-form');
  const phoneScreen = root.querySelector('#app-screen');
  const list = root.querySelector('#app-messages');
  const status = root.querySelector('#app-status');
  const errorBox = root.querySelector('#app-errors');
  const restart = root.querySelector('#app-restart');
  const note = element('p', 'app-note');

  return {
    form,
    phoneScreen,
    areqUrl: root.dataset.areqUrl,
    bankAppHref: root.dataset.bankApp,
    /** The sandbox DS root certificate (DER) the page was given. */
    dsRoot: () => Uint8Array.from(atob(root.dataset.dsRoot ?? ''), (c) => c.charCodeAt(0)),

    say(text) {
      status.textContent = text;
    },

    /** Moves focus into the phone (to `target`, its new screen's field or heading) without scrolling the page. */
    focusPhone(target) {
      target.focus({ preventScroll: true });
    },

    /** A hint under the phone, with a link that opens in a new tab; undefined text removes it. */
    note(text, link) {
      if (text === undefined) {
        note.remove();
        return;
      }
      note.replaceChildren(document.createTextNode(`${text} `));
      if (link) {
        const anchor = element('a', '', 'Open the bank app');
        anchor.href = link;
        anchor.target = '_blank';
        anchor.rel = 'noopener';
        note.append(anchor);
      }
      status.after(note);
    },

    /** Adds one message to the list; the older ones fold so the newest stay in view. */
    logMessage({ kind, title, meta, message, counter }) {
      for (const open of list.querySelectorAll('details[open]')) open.open = false;
      const item = element('li', `app-message app-message-${kind.toLowerCase()}`);
      item.dataset.message = kind;
      if (counter !== undefined) item.dataset.counter = counter;
      const details = element('details');
      details.open = true;
      const summary = element('summary');
      summary.append(element('strong', '', title));
      if (meta) summary.append(element('span', 'app-message-meta', meta));
      const pre = element('pre', 'json', JSON.stringify(message, null, 2));
      pre.tabIndex = 0;
      details.append(summary, pre);
      item.append(details);
      list.append(item);
    },

    clearMessages() {
      list.replaceChildren();
    },

    /** What the form holds, as the demo endpoint reads it (enc stays with the SDK). */
    formValues() {
      const data = new FormData(form);
      const value = (name) => String(data.get(name) ?? '');
      return {
        order: {
          _csrf: value('_csrf'),
          pan: value('pan').replace(/[\s-]/g, ''),
          amount: value('amount').trim(),
          currency: value('currency'),
          merchantName: value('merchantName').trim(),
          messageVersion: value('messageVersion'),
          challengeInd: value('challengeInd'),
          deviceRenderOptions: {
            sdkInterface: value('sdkInterface'),
            sdkUiType: data.getAll('sdkUiType').map(String),
          },
        },
        enc: value('enc'),
      };
    },

    clearErrors() {
      errorBox.hidden = true;
      errorBox.replaceChildren();
      for (const node of form.querySelectorAll('.field-error')) node.remove();
      for (const node of form.querySelectorAll('[aria-invalid]')) node.removeAttribute('aria-invalid');
    },

    /** The server's per-field messages: under each field and in a summary linking to them. */
    showErrors(fields) {
      errorBox.append(element('p', '', 'Please correct these fields:'));
      const items = element('ul');
      for (const [name, message] of Object.entries(fields)) {
        const control = form.querySelector(`#field-${name}`);
        const link = element('a', '', `${fieldLabels[name] ?? name}: ${message}`);
        link.href = control ? `#field-${name}` : '#app-checkout-form';
        const item = element('li');
        item.append(link);
        items.append(item);
        if (control) {
          control.setAttribute('aria-invalid', 'true');
          const error = element('p', 'field-error', message);
          error.id = `field-${name}-error`;
          control.after(error);
        }
      }
      errorBox.append(items);
      errorBox.hidden = false;
      errorBox.focus();
    },

    /** Locks the form while an order runs; "New order" shows instead. */
    lockForm(locked) {
      for (const control of form.elements) {
        if (control !== restart) control.disabled = locked;
      }
      restart.hidden = !locked;
    },
  };
}
