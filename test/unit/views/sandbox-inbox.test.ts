import { describe, expect, it } from 'vitest';
import { type InboxMessage, renderSandboxInbox } from '../../../views/sandbox/inbox.ts';
import { forms, onlyTag, startTags, tagsNamed, textOf } from './parse-html.ts';

const older: InboxMessage = {
  id: 'm1',
  to: '••• ••• ••34',
  body: 'ACS Simulator Bank: 483920 is your code for $123.45 at Demo Shop.',
  code: '483920',
  acsTransID: '6f1c2a7e-3b1d-4c59-9a4e-2f7d8b0c1e23',
  status: 'delivered',
  createdAt: '2026-11-05T14:03:27.000Z',
};
const newer: InboxMessage = {
  id: 'm2',
  to: '••• ••• ••06',
  body: 'Code 111222',
  code: '111222',
  status: 'failed',
  createdAt: '2026-11-05T14:05:00.000Z',
};

const codes = (page: string) =>
  [...page.matchAll(/<strong class="code">([^<]*)<\/strong>/g)].map((m) => m[1]);

describe('renderSandboxInbox', () => {
  it('lists messages newest first with each code shown large', () => {
    const page = renderSandboxInbox({ messages: [older, newer] });
    expect(codes(page)).toEqual(['111222', '483920']);
    expect(textOf(page)).toContain(
      '••• ••• ••06 failed 2026-11-05 14:05:00 UTC Code 111222 Code 111222 ' +
        '••• ••• ••34 delivered 2026-11-05 14:03:27 UTC Code 483920 ACS Simulator Bank: 483920 is your code for $123.45 at Demo Shop. ' +
        'acsTransID 6f1c2a7e-3b1d-4c59-9a4e-2f7d8b0c1e23',
    );
    expect(tagsNamed(page, 'time').map((tag) => tag.attrs.datetime)).toEqual([
      newer.createdAt,
      older.createdAt,
    ]);
  });

  it('has a GET filter form that keeps the current filter, and links to the JSON API', () => {
    const page = renderSandboxInbox({ messages: [], filter: { to: '+15005550006', acsTransID: 'abc' } });
    const [filter] = forms(page);
    expect(filter?.attrs).toEqual({ class: 'filter', method: 'get', action: '/sandbox' });
    expect(onlyTag(page, (tag) => tag.attrs.name === 'to').attrs.value).toBe('+15005550006');
    expect(onlyTag(page, (tag) => tag.attrs.name === 'acsTransID').attrs.value).toBe('abc');
    const links = tagsNamed(page, 'a').map((tag) => tag.attrs.href);
    expect(links).toEqual([
      '/sandbox',
      '/sandbox?to=%2B15005550006&acsTransID=abc',
      '/sandbox/api/messages?to=%2B15005550006&acsTransID=abc',
    ]);
    expect(textOf(page)).toContain('No messages match this filter.');
  });

  it('links the JSON API plainly and says when the inbox is empty', () => {
    const page = renderSandboxInbox({ messages: [] });
    expect(tagsNamed(page, 'a').map((tag) => tag.attrs.href)).toEqual(['/sandbox', '/sandbox/api/messages']);
    expect(textOf(page)).toContain('No messages yet.');
  });

  it('links a message acsTransID to the filtered inbox', () => {
    const page = renderSandboxInbox({ messages: [older] });
    expect(tagsNamed(page, 'a').map((tag) => tag.attrs.href)).toContain(
      '/sandbox?acsTransID=6f1c2a7e-3b1d-4c59-9a4e-2f7d8b0c1e23',
    );
  });

  it('escapes everything a message carries and keeps a strict-CSP page', () => {
    const hostile = '"><img src=x onerror=alert(1)><script>alert(1)</script>';
    const page = renderSandboxInbox({
      messages: [
        {
          id: hostile,
          to: hostile,
          body: hostile,
          code: hostile,
          acsTransID: hostile,
          status: hostile,
          createdAt: hostile,
        },
      ],
      filter: { to: hostile, acsTransID: hostile },
    });
    expect(page).not.toContain(hostile);
    expect(startTags(page).filter((tag) => ['script', 'img', 'style'].includes(tag.name))).toEqual([]);
    expect(
      startTags(page).filter((tag) =>
        Object.keys(tag.attrs).some((n) => n === 'style' || n.startsWith('on')),
      ),
    ).toEqual([]);
    expect(
      onlyTag(page, (tag) => tag.name === 'span' && tag.attrs.class?.startsWith('status') === true).attrs
        .class,
    ).toBe('status');
    expect(tagsNamed(page, 'link').map((tag) => tag.attrs.href)).toEqual(['/static/sandbox.css']);
  });
});
