import { describe, expect, it } from 'vitest';
import { langFromBrowserLanguage, langs } from '../../../src/flows/common/language.ts';
import { catalogue, type MessageKey, t, tCount } from '../../../views/common/i18n.ts';

const placeholders = (text: string): string[] =>
  [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();

describe('langFromBrowserLanguage', () => {
  it('picks Spanish for es and its regional tags, English for everything else', () => {
    const cases: [string | undefined, string][] = [
      ['es', 'es'],
      ['es-ES', 'es'],
      ['es-419', 'es'],
      ['ES-mx', 'es'],
      ['en-US', 'en'],
      ['en', 'en'],
      ['fr-FR', 'en'],
      ['est', 'en'],
      ['', 'en'],
      [undefined, 'en'],
    ];
    expect(cases.map(([tag]) => langFromBrowserLanguage(tag))).toEqual(cases.map(([, lang]) => lang));
  });
});

describe('message catalogue', () => {
  const keys = Object.keys(catalogue.en) as MessageKey[];

  it('has the same keys in every language, none empty', () => {
    for (const lang of langs) {
      expect(Object.keys(catalogue[lang]).sort()).toEqual([...keys].sort());
      expect(keys.filter((key) => catalogue[lang][key].trim() === '')).toEqual([]);
    }
  });

  it('uses the same placeholders in every language', () => {
    const mismatched = keys.filter(
      (key) => placeholders(catalogue.en[key]).join() !== placeholders(catalogue.es[key]).join(),
    );
    expect(mismatched).toEqual([]);
  });

  it('has a Spanish text different from the English one for sentences', () => {
    expect(catalogue.es.wrongCode).not.toBe(catalogue.en.wrongCode);
    expect(catalogue.es.needHelp).toBe('¿Necesita ayuda?');
  });

  it('carries the message and error-page keys the HTTP layer uses', () => {
    const required: MessageKey[] = [
      'wrongCode',
      'codeExpired',
      'codeResent',
      'deliveryFailed',
      'transactionFinished',
      'sessionExpired',
      'invalidRequest',
      'notFound',
      'tooManyRequests',
      'unavailable',
    ];
    expect(required.filter((key) => !(key in catalogue.en))).toEqual([]);
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(t('en', 'instructionSms', { phone: '••• ••• ••34' })).toBe(
      'We sent a code by text message to ••• ••• ••34.',
    );
    expect(t('es', 'instructionSms')).toBe('Le enviamos un código por SMS al {phone}.');
  });

  it('chooses singular and plural by count', () => {
    expect(tCount('en', 'attemptsRemainingOne', 'attemptsRemainingOther', 1)).toBe('1 attempt left');
    expect(tCount('en', 'attemptsRemainingOne', 'attemptsRemainingOther', 3)).toBe('3 attempts left');
    expect(tCount('es', 'attemptsRemainingOne', 'attemptsRemainingOther', 0)).toBe('Le quedan 0 intentos');
  });
});
