import { describe, expect, it } from 'vitest';
import { acsErrorCodes } from '../../../src/errors/index.ts';
import { errorPageForAcsError, errorPages, renderErrorPage } from '../../../views/common/error-page.ts';
import { catalogue } from '../../../views/common/i18n.ts';
import { onlyTag, startTags, textOf } from './parse-html.ts';

describe('renderErrorPage', () => {
  it('shows the title and message in the chosen language', () => {
    const page = renderErrorPage({ lang: 'es', ...errorPages.transactionFinished });
    expect(onlyTag(page, (tag) => tag.name === 'html').attrs.lang).toBe('es');
    expect(page).toContain('<title>Esta compra ya está completada</title>');
    expect(textOf(/<main[\s\S]*<\/main>/.exec(page)?.[0] ?? '')).toBe(
      'Esta compra ya está completada El resultado ya se envió al comercio. Cierre esta ventana y vuelva a la tienda.',
    );
  });

  it('is a full page by default and fits the challenge window when given a size', () => {
    const body = (page: string) => onlyTag(page, (tag) => tag.name === 'body').attrs.class;
    expect(body(renderErrorPage({ lang: 'en', ...errorPages.sessionExpired }))).toBe('error-page size-05');
    expect(body(renderErrorPage({ lang: 'en', ...errorPages.sessionExpired, windowSize: '01' }))).toBe(
      'error-page size-01',
    );
  });

  it('has every error page in both languages, with no script or inline style', () => {
    for (const keys of Object.values(errorPages)) {
      for (const lang of ['en', 'es'] as const) {
        const page = renderErrorPage({ lang, ...keys });
        expect(textOf(page)).toContain(catalogue[lang][keys.messageKey]);
        expect(startTags(page).filter((tag) => tag.name === 'script' || 'style' in tag.attrs)).toEqual([]);
      }
    }
  });

  it('maps every AcsError code to an error page', () => {
    const mapped = Object.values(acsErrorCodes).map((code) => [code, errorPageForAcsError(code).titleKey]);
    expect(mapped).toEqual([
      ['not_found', 'notFound'],
      ['bad_request', 'invalidRequest'],
      ['unauthorized', 'invalidRequest'],
      ['forbidden', 'invalidRequest'],
      ['conflict', 'transactionFinished'],
      ['payload_too_large', 'invalidRequest'],
      ['unsupported_media_type', 'invalidRequest'],
      ['unprocessable_content', 'invalidRequest'],
      ['too_many_requests', 'tooManyRequests'],
      ['unavailable', 'unavailable'],
    ]);
  });
});
