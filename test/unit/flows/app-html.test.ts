/**
 * The app channel's HTML challenge page (src/flows/challenge/app-html.ts): what it draws is
 * escaped, it posts to the action SDKs intercept, and what an SDK sends back as
 * challengeHTMLDataEntry is read into the fields the challenge acts on.
 */
import { describe, expect, it } from 'vitest';
import { htmlFormAction, readHtmlEntry, renderHtmlPage } from '../../../src/flows/challenge/app-html.ts';
import { appTexts } from '../../../src/flows/challenge/app-texts.ts';

describe('the HTML challenge page', () => {
  it('escapes every text and posts to the intercepted action', () => {
    const html = renderHtmlPage({
      lang: 'en',
      header: 'Visa <Secure>',
      text: 'Pay "€1" & more',
      entry: { label: 'Code', masked: false },
      submitLabel: 'Submit',
      resendLabel: 'Send a new code',
    });
    expect(html).toContain(`action="${htmlFormAction}"`);
    expect(html).toContain('Visa &#60;Secure&#62;');
    expect(html).toContain('Pay &#34;€1&#34; &#38; more');
    expect(html).not.toContain('<script');
    expect(html).toContain('name="code" type="text"');
    expect(html).toContain('value="resend"');
  });

  it('offers the methods as radio buttons, the first checked', () => {
    const html = renderHtmlPage({
      lang: 'es',
      header: 'Visa Secure',
      text: 'Elija',
      choices: [
        { method: 'sms', label: 'SMS' },
        { method: 'totp', label: 'App' },
      ],
      submitLabel: 'Continuar',
    });
    expect(html).toContain('<html lang="es">');
    expect(html).toContain('value="sms" checked');
    expect(html).not.toContain('value="totp" checked');
  });

  it('reads challengeHTMLDataEntry as URL-encoded fields', () => {
    expect(readHtmlEntry('code=123456&action=submit')).toEqual({
      code: '123456',
      method: undefined,
      action: 'submit',
    });
    expect(readHtmlEntry('method=totp')).toEqual({ code: undefined, method: 'totp', action: 'submit' });
    expect(readHtmlEntry('action=resend').action).toBe('resend');
  });
});

describe('the app screens texts', () => {
  it('speaks English and Spanish, within the CRes label lengths', () => {
    for (const lang of ['en', 'es'] as const) {
      const texts = appTexts(lang);
      for (const label of [
        texts.submit,
        texts.resend,
        texts.codeLabel,
        texts.chooseLabel,
        texts.openBankApp,
      ]) {
        expect(label.length).toBeLessThanOrEqual(45);
      }
      for (const label of Object.values(texts.methods)) expect(label.length).toBeLessThanOrEqual(45);
    }
    expect(appTexts('es').submit).toBe('Enviar');
    expect(appTexts('en').submit).toBe('Submit');
  });
});
