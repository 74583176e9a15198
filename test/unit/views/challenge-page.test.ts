import { describe, expect, it } from 'vitest';
import type { ChallengePageModel } from '../../../src/flows/challenge/screen-model.ts';
import { renderChallengePage } from '../../../views/challenge/page.ts';
import { forms, hiddenFieldsOf, onlyTag, startTags, tagsNamed, textOf } from './parse-html.ts';

const hiddenFields = [
  { name: 'state', value: 'eyJhbGciOi.J9"x<y>.sig' },
  { name: 'acsTransID', value: '8a880dc0-d2d2-4067-bcb1-b08d1690b26e' },
];

function model(over: Partial<ChallengePageModel> = {}): ChallengePageModel {
  return {
    lang: 'en',
    windowSize: '02',
    programmeName: 'Visa Secure',
    issuerName: 'ACS Simulator Bank',
    merchantName: 'Demo Shop',
    amount: '$123.45',
    panLast4: '1000',
    method: 'sms',
    maskedPhone: '••• ••• ••34',
    attemptsRemaining: 3,
    resendsRemaining: 2,
    actions: {
      submit: '/3ds/challenge/8a880dc0-d2d2-4067-bcb1-b08d1690b26e/submit',
      resend: '/3ds/challenge/8a880dc0-d2d2-4067-bcb1-b08d1690b26e/resend',
      cancel: '/3ds/challenge/8a880dc0-d2d2-4067-bcb1-b08d1690b26e/cancel',
      chooseMethod: '/3ds/challenge/8a880dc0-d2d2-4067-bcb1-b08d1690b26e/method',
    },
    hiddenFields,
    ...over,
  };
}

/** The one script every challenge page loads: it focuses the field where a frame may. */
const focusScript = '/static/challenge-focus.js';

const codeInput = (page: string) => onlyTag(page, (tag) => tag.name === 'input' && tag.attrs.name === 'code');

describe('renderChallengePage: document', () => {
  it('sets lang, viewport, the stylesheet and the window-size body class', () => {
    const page = renderChallengePage(model({ lang: 'es', windowSize: '01' }));
    expect(onlyTag(page, (tag) => tag.name === 'html').attrs).toEqual({ lang: 'es' });
    expect(onlyTag(page, (tag) => tag.name === 'meta' && tag.attrs.name === 'viewport').attrs.content).toBe(
      'width=device-width, initial-scale=1',
    );
    expect(tagsNamed(page, 'link').map((tag) => tag.attrs)).toEqual([
      { rel: 'stylesheet', href: '/static/challenge.css' },
    ]);
    expect(onlyTag(page, (tag) => tag.name === 'body').attrs.class).toBe('challenge size-01');
  });

  it.each(['01', '02', '03', '04', '05'] as const)('uses body class size-%s', (windowSize) => {
    expect(
      onlyTag(renderChallengePage(model({ windowSize })), (tag) => tag.name === 'body').attrs.class,
    ).toBe(`challenge size-${windowSize}`);
  });

  it('has no inline script, inline style, event handler, image or external resource', () => {
    for (const method of ['sms', 'totp', 'password', 'oob'] as const) {
      const page = renderChallengePage(model({ method, otherMethods: ['sms', 'totp', 'password', 'oob'] }));
      const tags = startTags(page);
      // Only the polling out-of-band window loads a script, and only from our own origin.
      expect(tags.filter((tag) => ['style', 'img', 'iframe'].includes(tag.name))).toEqual([]);
      expect(tags.filter((tag) => tag.name === 'script' && tag.attrs.src === undefined)).toEqual([]);
      expect(
        tags.filter((tag) =>
          Object.keys(tag.attrs).some((name) => name === 'style' || name.startsWith('on')),
        ),
      ).toEqual([]);
      expect(page).not.toMatch(/https?:\/\//);
    }
  });

  it('names the scheme programme, issuer, merchant, amount, masked card and masked phone', () => {
    const text = textOf(renderChallengePage(model({ programmeName: 'Mastercard Identity Check' })));
    expect(text).toContain('ACS Simulator Bank Mastercard Identity Check');
    expect(text).toContain('Merchant Demo Shop');
    expect(text).toContain('Amount $123.45');
    expect(text).toContain('Card •••• ending in 1000');
    expect(text).toContain('We sent a code by text message to ••• ••• ••34.');
    expect(text).toContain('Confirm your purchase');
  });

  it('shows only the last four digits even if given more', () => {
    const page = renderChallengePage(model({ panLast4: '4000000000001000' }));
    expect(page).not.toContain('4000000000001000');
    expect(textOf(page)).toContain('Card •••• ending in 1000');
  });

  it('leaves the amount out for a non-payment authentication', () => {
    const text = textOf(renderChallengePage(model({ amount: undefined })));
    expect(text).not.toContain('Amount');
    expect(text).toContain('Confirm it is you');
  });

  it('renders in Spanish', () => {
    const text = textOf(
      renderChallengePage(model({ lang: 'es', attemptsRemaining: 1, resendsRemaining: 1 })),
    );
    expect(text).toContain('Comercio Demo Shop');
    expect(text).toContain('Le enviamos un código por SMS al ••• ••• ••34.');
    expect(text).toContain('Introduzca el código de 6 dígitos');
    expect(text).toContain('Le queda 1 intento');
    expect(text).toContain('Reenviar código Queda 1 reenvío');
    expect(text).toContain('¿Necesita ayuda?');
  });
});

describe('renderChallengePage: the code field', () => {
  it('is a labelled numeric one-time-code input tied to the attempts text', () => {
    const page = renderChallengePage(model());
    expect(codeInput(page).attrs).toEqual({
      id: 'code',
      class: 'code',
      name: 'code',
      type: 'text',
      inputmode: 'numeric',
      autocomplete: 'one-time-code',
      pattern: '[0-9]*',
      maxlength: '6',
      required: '',
      'data-autofocus': '',
      spellcheck: 'false',
      'aria-describedby': 'attempts-left instruction',
    });
    expect(onlyTag(page, (tag) => tag.name === 'label').attrs).toEqual({ for: 'code' });
    expect(page).toContain('<label for="code">Enter the 6-digit code</label>');
    expect(page).toContain('<p id="attempts-left" class="hint">3 attempts left</p>');
  });

  it('is a password input for the password method, without pattern or numeric keypad', () => {
    const page = renderChallengePage(model({ method: 'password' }));
    expect(codeInput(page).attrs).toEqual({
      id: 'code',
      name: 'code',
      type: 'password',
      autocomplete: 'current-password',
      maxlength: '64',
      required: '',
      'data-autofocus': '',
      'aria-describedby': 'attempts-left instruction',
    });
    expect(page).toContain('<label for="code">Password</label>');
    expect(textOf(page)).toContain('Enter the password you use with ACS Simulator Bank.');
  });

  it('is absent for out-of-band approval, which shows Continue instead', () => {
    const page = renderChallengePage(model({ method: 'oob' }));
    expect(tagsNamed(page, 'input').filter((tag) => tag.attrs.name === 'code')).toEqual([]);
    const submit = forms(page).find((form) => form.attrs.action === model().actions.submit);
    expect(textOf(submit?.inner ?? '')).toContain('Continue');
    expect(textOf(page)).toContain(
      'We sent a request to the ACS Simulator Bank app. Approve it there, then select Continue.',
    );
  });

  it('announces an error with role=alert, marks the field invalid and describes it', () => {
    const page = renderChallengePage(
      model({ message: { kind: 'error', key: 'wrongCode' }, attemptsRemaining: 1 }),
    );
    expect(page).toContain(
      '<p id="challenge-message" class="message message-error" role="alert">That code is not correct. Please try again.</p>',
    );
    expect(codeInput(page).attrs['aria-invalid']).toBe('true');
    expect(codeInput(page).attrs['aria-describedby']).toBe('challenge-message attempts-left instruction');
    expect(page).toContain('<p id="attempts-left" class="hint">1 attempt left</p>');
  });

  it('announces info politely with role=status', () => {
    const page = renderChallengePage(model({ message: { kind: 'info', key: 'codeResent' } }));
    expect(page).toContain(
      '<p id="challenge-message" class="message message-info" role="status">We sent you a new code.</p>',
    );
    expect(codeInput(page).attrs['aria-invalid']).toBeUndefined();
  });
});

describe('renderChallengePage: forms', () => {
  it('posts every form to its action and carries the hidden fields in each', () => {
    const page = renderChallengePage(model({ otherMethods: ['totp', 'password'] }));
    const all = forms(page);
    expect(all.map((form) => [form.attrs.method, form.attrs.action])).toEqual([
      ['post', model().actions.submit],
      ['post', model().actions.resend],
      ['post', model().actions.chooseMethod],
      ['post', model().actions.cancel],
    ]);
    for (const form of all) expect(hiddenFieldsOf(form.inner)).toEqual(hiddenFields);
  });

  it('has a Cancel button that submits the cancel form', () => {
    const page = renderChallengePage(model());
    const cancelForm = forms(page).find((form) => form.attrs.action === model().actions.cancel);
    expect(cancelForm?.attrs.id).toBe('cancel-form');
    const button = onlyTag(page, (tag) => tag.name === 'button' && tag.attrs.form === 'cancel-form');
    expect(button.attrs).toEqual({ type: 'submit', class: 'secondary', form: 'cancel-form' });
    expect(page).toContain('form="cancel-form">Cancel</button>');
  });

  it('offers resend with the number of resends left', () => {
    const page = renderChallengePage(model({ resendsRemaining: 2 }));
    const resend = forms(page).find((form) => form.attrs.action === model().actions.resend);
    expect(textOf(resend?.inner ?? '')).toBe('Resend code 2 resends left');
    expect(tagsNamed(resend?.inner ?? '', 'button')[0]?.attrs.disabled).toBeUndefined();
  });

  it('disables resend with an explanation when none are left', () => {
    const page = renderChallengePage(model({ resendsRemaining: 0 }));
    const resend = forms(page).find((form) => form.attrs.action === model().actions.resend);
    expect(tagsNamed(resend?.inner ?? '', 'button')[0]?.attrs).toEqual({
      type: 'submit',
      class: 'link',
      disabled: '',
      'aria-describedby': 'resend-note',
    });
    expect(textOf(resend?.inner ?? '')).toBe('Resend code No resends left');
  });

  it('offers no resend for codes that cannot be sent (authenticator app, password)', () => {
    for (const method of ['totp', 'password'] as const) {
      const page = renderChallengePage(model({ method }));
      expect(forms(page).map((form) => form.attrs.action)).not.toContain(model().actions.resend);
    }
  });

  it('lists other methods as buttons naming the method, leaving out the current one', () => {
    const page = renderChallengePage(model({ windowSize: '03', otherMethods: ['sms', 'totp', 'oob'] }));
    const buttons = tagsNamed(page, 'button').filter((tag) => tag.attrs.name === 'method');
    expect(buttons.map((tag) => tag.attrs.value)).toEqual(['totp', 'oob']);
    expect(textOf(page)).toContain('Or verify with Authenticator app Bank app');
  });

  it('puts other methods behind a disclosure in small windows', () => {
    const page = renderChallengePage(model({ windowSize: '01', otherMethods: ['totp'] }));
    expect(page).toMatch(/<details class="methods">\s*<summary>Other method<\/summary>/);
  });

  it('shows no method choice without a chooseMethod action', () => {
    const page = renderChallengePage(
      model({ otherMethods: ['totp'], actions: { ...model().actions, chooseMethod: undefined } }),
    );
    expect(tagsNamed(page, 'button').filter((tag) => tag.attrs.name === 'method')).toEqual([]);
  });

  it('has a Need help? disclosure with method-specific help', () => {
    const page = renderChallengePage(model({ method: 'totp' }));
    const help = /<details class="help">[\s\S]*?<\/details>/.exec(page)?.[0] ?? '';
    expect(textOf(help)).toBe(
      'Need help? ACS Simulator Bank asks for this check to keep your card safe. It applies only to this purchase. ' +
        'The code in the app changes every 30 seconds: enter the one shown now. ' +
        'Did not make this purchase? Select Cancel and contact ACS Simulator Bank.',
    );
  });
});

describe('renderChallengePage: escaping', () => {
  it.each([
    '<script>alert(1)</script>',
    '"><img src=x onerror=alert(1)>',
    "' autofocus onfocus=alert(1) x='",
  ])('renders a hostile merchantName as text: %s', (merchantName) => {
    const page = renderChallengePage(
      model({
        merchantName,
        issuerName: merchantName,
        programmeName: merchantName,
        maskedPhone: merchantName,
        hiddenFields: [{ name: merchantName, value: merchantName }],
      }),
    );
    expect(page).not.toContain(merchantName);
    expect(tagsNamed(page, 'script').map((tag) => tag.attrs.src)).toEqual([focusScript]);
    expect(tagsNamed(page, 'img')).toEqual([]);
    expect(
      startTags(page).filter((tag) => Object.keys(tag.attrs).some((name) => name.startsWith('on'))),
    ).toEqual([]);
    expect(textOf(page)).toContain(`Merchant ${merchantName}`);
    expect(hiddenFieldsOf(page)[0]).toEqual({ name: merchantName, value: merchantName });
  });
});

describe('renderChallengePage: out-of-band approval', () => {
  const statusPath = '/3ds/challenge/8a880dc0-d2d2-4067-bcb1-b08d1690b26e/status';
  const oob = (over: Partial<ChallengePageModel> = {}) =>
    model({ method: 'oob', actions: { ...model().actions, status: statusPath }, ...over });
  const submitFormOf = (page: string) =>
    forms(page).find((form) => form.attrs.action === model().actions.submit);

  it('marks the submit form with the status path to poll and loads the polling script', () => {
    const page = renderChallengePage(oob());
    expect(submitFormOf(page)?.attrs).toEqual({
      class: 'verify',
      method: 'post',
      action: model().actions.submit,
      'data-poll': statusPath,
    });
    expect(tagsNamed(page, 'form').filter((tag) => tag.attrs['data-poll'] !== undefined)).toHaveLength(1);
    expect(tagsNamed(page, 'script').map((tag) => tag.attrs)).toEqual([
      { src: focusScript, defer: '' },
      { src: '/static/oob-poll.js', defer: '' },
    ]);
    expect(page).toContain('<script src="/static/oob-poll.js" defer></script>');
    // The poll posts the same hidden fields (the signed token) as Continue does.
    expect(hiddenFieldsOf(submitFormOf(page)?.inner ?? '')).toEqual(hiddenFields);
  });

  it('neither polls nor loads the script without a status path', () => {
    const page = renderChallengePage(model({ method: 'oob' }));
    expect(tagsNamed(page, 'form').filter((tag) => tag.attrs['data-poll'] !== undefined)).toEqual([]);
    expect(tagsNamed(page, 'script').map((tag) => tag.attrs.src)).toEqual([focusScript]);
    expect(submitFormOf(page)?.attrs).toEqual({
      class: 'verify',
      method: 'post',
      action: model().actions.submit,
    });
  });

  it('never polls for a method that is not out-of-band, even when given a status path', () => {
    for (const method of ['sms', 'totp', 'password'] as const) {
      const page = renderChallengePage(oob({ method }));
      expect(tagsNamed(page, 'form').filter((tag) => tag.attrs['data-poll'] !== undefined)).toEqual([]);
      expect(tagsNamed(page, 'script').map((tag) => tag.attrs.src)).toEqual([focusScript]);
    }
  });

  it('has a visible Continue submit button that works without JavaScript, beside Cancel', () => {
    const page = renderChallengePage(oob());
    const buttons = tagsNamed(submitFormOf(page)?.inner ?? '', 'button');
    expect(buttons.map((tag) => tag.attrs)).toEqual([
      { type: 'submit', class: 'primary', 'data-autofocus': '' },
      { type: 'submit', class: 'secondary', form: 'cancel-form' },
    ]);
    expect(textOf(submitFormOf(page)?.inner ?? '')).toBe(
      'We sent a request to the ACS Simulator Bank app. Approve it there, then select Continue. Continue Cancel',
    );
  });

  it('asks for approval in the bank app in Spanish', () => {
    const page = renderChallengePage(oob({ lang: 'es' }));
    expect(textOf(submitFormOf(page)?.inner ?? '')).toBe(
      'Enviamos una solicitud a la app de ACS Simulator Bank. Apruébela allí y seleccione Continuar. Continuar Cancelar',
    );
    expect(textOf(page)).toContain('Reenviar solicitud');
  });

  it('says the request is not approved yet when Continue came too early', () => {
    const page = renderChallengePage(oob({ message: { kind: 'info', key: 'notApprovedYet' } }));
    expect(page).toContain(
      '<p id="challenge-message" class="message message-info" role="status">The request is not approved yet. Approve it in the app, then select Continue.</p>',
    );
  });

  it('escapes the status path like any attribute', () => {
    const hostile = '/x" onload="alert(1)';
    const page = renderChallengePage(oob({ actions: { ...model().actions, status: hostile } }));
    expect(page).not.toContain(hostile);
    expect(
      onlyTag(page, (tag) => tag.name === 'form' && tag.attrs['data-poll'] !== undefined).attrs['data-poll'],
    ).toBe(hostile);
    expect(
      startTags(page).filter((tag) => Object.keys(tag.attrs).some((name) => name.startsWith('on'))),
    ).toEqual([]);
  });
});

describe('renderChallengePage: in a cross-origin frame', () => {
  it('has no autofocus attribute (blocked and reported in a cross-origin frame), for every method', () => {
    for (const method of ['sms', 'totp', 'password', 'oob'] as const) {
      const page = renderChallengePage(model({ method }));
      expect(startTags(page).filter((tag) => 'autofocus' in tag.attrs)).toEqual([]);
      expect(startTags(page).filter((tag) => 'data-autofocus' in tag.attrs)).toHaveLength(1);
    }
  });

  it('sends the referrer policy origin, so its posts carry the ACS origin', () => {
    const page = renderChallengePage(model());
    expect(onlyTag(page, (tag) => tag.name === 'meta' && tag.attrs.name === 'referrer').attrs.content).toBe(
      'origin',
    );
  });
});
