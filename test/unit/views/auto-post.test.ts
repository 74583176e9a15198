import { describe, expect, it } from 'vitest';
import { renderAutoPost } from '../../../views/challenge/auto-post.ts';
import { forms, hiddenFieldsOf, onlyTag, startTags, tagsNamed, textOf } from './parse-html.ts';

const fields = [
  { name: 'cres', value: 'eyJhY3NUcmFuc0lEIjoiYWJjIn0' },
  { name: 'threeDSSessionData', value: 'c2Vzc2lvbj0xJng9Mg==' },
];

describe('renderAutoPost', () => {
  it('posts the fields to the notification URL, query string kept exactly', () => {
    const action = 'https://merchant.example/3ds/notify?order=42&session=a%2Fb&x=<y>&q="z"';
    const page = renderAutoPost({ lang: 'en', action, fields });
    const [form, ...others] = forms(page);
    expect(others).toEqual([]);
    expect(form?.attrs).toEqual({ method: 'post', action, 'data-auto-post': '' });
    // Escaped as an attribute, not altered: & becomes &amp; and decodes back to the same URL.
    expect(page).toContain(
      'action="https://merchant.example/3ds/notify?order=42&amp;session=a%2Fb&amp;x=&lt;y&gt;&amp;q=&quot;z&quot;"',
    );
    expect(hiddenFieldsOf(form?.inner ?? '')).toEqual(fields);
  });

  it('shows a visible Continue button and a sentence for when JavaScript is off', () => {
    const page = renderAutoPost({ lang: 'en', action: 'https://merchant.example/n', fields });
    expect(onlyTag(page, (tag) => tag.name === 'button').attrs).toEqual({ type: 'submit', class: 'primary' });
    expect(textOf(forms(page)[0]?.inner ?? '')).toBe(
      'If this page does not move on by itself, select Continue. Continue',
    );
    const es = renderAutoPost({ lang: 'es', action: 'https://merchant.example/n', fields });
    expect(textOf(forms(es)[0]?.inner ?? '')).toBe(
      'Si esta página no avanza sola, seleccione Continuar. Continuar',
    );
    expect(onlyTag(es, (tag) => tag.name === 'html').attrs.lang).toBe('es');
  });

  it('submits by a same-origin deferred script, never inline', () => {
    const page = renderAutoPost({ lang: 'en', action: 'https://merchant.example/n', fields });
    expect(tagsNamed(page, 'script').map((tag) => tag.attrs)).toEqual([
      { src: '/static/auto-post.js', defer: '' },
    ]);
    expect(page).toContain('<script src="/static/auto-post.js" defer></script>');
    expect(
      startTags(page).filter((tag) =>
        Object.keys(tag.attrs).some((n) => n === 'style' || n.startsWith('on')),
      ),
    ).toEqual([]);
  });

  it('escapes hostile field values', () => {
    const hostile = '"><script>alert(1)</script>';
    const page = renderAutoPost({
      lang: 'en',
      action: 'https://merchant.example/n',
      fields: [{ name: 'threeDSSessionData', value: hostile }],
    });
    expect(page).not.toContain(hostile);
    expect(hiddenFieldsOf(page)).toEqual([{ name: 'threeDSSessionData', value: hostile }]);
    expect(tagsNamed(page, 'script')).toHaveLength(1);
  });

  it('refuses an action that is not an http(s) URL', () => {
    for (const action of ['javascript:alert(1)', 'data:text/html,x', '/relative', '']) {
      expect(() => renderAutoPost({ lang: 'en', action, fields })).toThrow(TypeError);
    }
  });

  it('takes the window size class when shown in the challenge window', () => {
    const page = renderAutoPost({
      lang: 'en',
      action: 'https://merchant.example/n',
      fields,
      windowSize: '04',
    });
    expect(onlyTag(page, (tag) => tag.name === 'body').attrs.class).toBe('auto-post size-04');
  });
});

describe('renderAutoPost: the sender the requestor sees', () => {
  it('uses the referrer policy origin, so the post carries the ACS origin and not Origin: null', () => {
    const page = renderAutoPost({ lang: 'en', action: 'https://merchant.example/n', fields });
    expect(onlyTag(page, (tag) => tag.name === 'meta' && tag.attrs.name === 'referrer').attrs.content).toBe(
      'origin',
    );
  });
});
