import { describe, expect, it } from 'vitest';
import {
  type BankAppRequest,
  bankAppApprovePath,
  bankAppDenyPath,
  bankAppPath,
  renderBankApp,
} from '../../../views/sandbox/bank-app.ts';
import { forms, onlyTag, startTags, tagsNamed, textOf } from './parse-html.ts';

const oob: BankAppRequest = {
  acsTransID: '8a880dc0-d2d2-4067-bcb1-b08d1690b26e',
  kind: 'oob',
  merchantName: 'Demo Shop',
  amount: '$123.45',
  maskedPan: '400000••••1307',
  createdAt: '2026-11-05T14:03:27.000Z',
  expiresAt: '2026-11-05T14:13:27.000Z',
  approval: undefined,
};
const decoupled: BankAppRequest = {
  acsTransID: '6f1c2a7e-3b1d-4c59-9a4e-2f7d8b0c1e23',
  kind: 'decoupled',
  merchantName: 'Tienda Demo',
  amount: undefined,
  maskedPan: '520000••••1500',
  createdAt: '2026-11-05T14:05:00.000Z',
  expiresAt: undefined,
  approval: undefined,
};

const waitingList = (page: string) =>
  /<section aria-labelledby="waiting-title">[\s\S]*?<\/section>/.exec(page)?.[0] ?? '';
const answeredList = (page: string) =>
  /<section aria-labelledby="answered-title">[\s\S]*?<\/section>/.exec(page)?.[0] ?? '';

describe('renderBankApp: requests', () => {
  it('lists waiting requests newest first with kind, merchant, amount, masked card and times', () => {
    const page = renderBankApp({ pending: [oob, decoupled], issuerName: 'ACS Simulator Bank' });
    expect(textOf(waitingList(page))).toBe(
      'Waiting for you ' +
        'Decoupled authentication Tienda Demo No payment: identity check only ' +
        'Card 520000••••1500 Requested 2026-11-05 14:05:00 UTC ' +
        'Transaction 6f1c2a7e-3b1d-4c59-9a4e-2f7d8b0c1e23 ' +
        'The shop is waiting in the background; no window is open. Approve Deny ' +
        'Purchase in browser Demo Shop $123.45 ' +
        'Card 400000••••1307 Requested 2026-11-05 14:03:27 UTC Expires 2026-11-05 14:13:27 UTC ' +
        'Transaction 8a880dc0-d2d2-4067-bcb1-b08d1690b26e ' +
        'The challenge window in the shop moves on once you answer. Approve Deny',
    );
    expect(tagsNamed(page, 'time').map((tag) => tag.attrs.datetime)).toEqual([
      decoupled.createdAt,
      oob.createdAt,
      oob.expiresAt,
    ]);
    expect(textOf(page)).toContain('ACS Simulator Bank Sandbox Approvals');
    expect(answeredList(page)).toBe('');
  });

  it('posts Approve and Deny to /sandbox/bank-app/<acsTransID>/approve and /deny, without JavaScript', () => {
    const page = renderBankApp({ pending: [oob, decoupled] });
    expect(forms(page).map((form) => [form.attrs.method, form.attrs.action, textOf(form.inner)])).toEqual([
      ['post', `/sandbox/bank-app/${decoupled.acsTransID}/approve`, 'Approve'],
      ['post', `/sandbox/bank-app/${decoupled.acsTransID}/deny`, 'Deny'],
      ['post', `/sandbox/bank-app/${oob.acsTransID}/approve`, 'Approve'],
      ['post', `/sandbox/bank-app/${oob.acsTransID}/deny`, 'Deny'],
    ]);
    // Each button names its request for a screen reader (the merchant heading).
    const buttons = tagsNamed(page, 'button');
    expect(buttons.map((tag) => tag.attrs)).toEqual([
      { type: 'submit', class: 'approve', 'aria-describedby': 'waiting-1-title' },
      { type: 'submit', class: 'deny', 'aria-describedby': 'waiting-1-title' },
      { type: 'submit', class: 'approve', 'aria-describedby': 'waiting-2-title' },
      { type: 'submit', class: 'deny', 'aria-describedby': 'waiting-2-title' },
    ]);
    expect(onlyTag(page, (tag) => tag.attrs.id === 'waiting-1-title').name).toBe('h3');
    expect(page).toContain('<h3 id="waiting-1-title" class="merchant">Tienda Demo</h3>');
  });

  it('builds the answer paths from the constant and encodes the acsTransID', () => {
    expect(bankAppPath).toBe('/sandbox/bank-app');
    expect(bankAppApprovePath(oob.acsTransID)).toBe(`/sandbox/bank-app/${oob.acsTransID}/approve`);
    expect(bankAppDenyPath('a/../b?c')).toBe('/sandbox/bank-app/a%2F..%2Fb%3Fc/deny');
  });

  it('shows answered requests apart, with their answer and no buttons', () => {
    const page = renderBankApp({
      pending: [
        { ...oob, approval: 'approved' },
        { ...decoupled, approval: 'denied' },
      ],
    });
    expect(forms(page)).toEqual([]);
    expect(textOf(waitingList(page))).toBe(
      'Waiting for you Nothing to approve right now. Start a purchase with an out-of-band or decoupled test card and its request appears here.',
    );
    expect(tagsNamed(answeredList(page), 'p').map((tag) => tag.attrs.class)).toEqual([
      'kind kind-decoupled',
      'amount no-amount',
      'outcome outcome-denied',
      'kind kind-oob',
      'amount',
      'outcome outcome-approved',
    ]);
    expect(textOf(answeredList(page))).toContain('Tienda Demo No payment: identity check only');
    expect(page).toContain('<p class="outcome outcome-denied">Denied</p>');
    expect(page).toContain('<p class="outcome outcome-approved">Approved</p>');
  });

  it('keeps a waiting request above an answered one whatever their times', () => {
    const page = renderBankApp({ pending: [{ ...decoupled, approval: 'approved' }, oob] });
    expect(forms(page).map((form) => form.attrs.action)).toEqual([
      bankAppApprovePath(oob.acsTransID),
      bankAppDenyPath(oob.acsTransID),
    ]);
    expect(tagsNamed(page, 'li').map((tag) => tag.attrs.class)).toEqual([
      'request request-waiting',
      'request request-approved',
    ]);
  });
});

describe('renderBankApp: page', () => {
  it('has an empty state, a default issuer name and links to refresh and to the SMS inbox', () => {
    const page = renderBankApp({ pending: [] });
    expect(textOf(page)).toBe(
      'Bank app – ACS simulator Sandbox bank Sandbox Approvals ' +
        "This page stands in for the cardholder's phone. Approve or deny what the ACS asks for. " +
        'Waiting for you Nothing to approve right now. Start a purchase with an out-of-band or decoupled test card and its request appears here. ' +
        'Refresh SMS inbox',
    );
    expect(forms(page)).toEqual([]);
    expect(tagsNamed(page, 'ol')).toEqual([]);
    expect(tagsNamed(page, 'a').map((tag) => tag.attrs.href)).toEqual(['/sandbox/bank-app', '/sandbox']);
  });

  it('loads only its own stylesheet and refresh script: nothing inline, nothing external', () => {
    const page = renderBankApp({ pending: [oob] });
    expect(tagsNamed(page, 'link').map((tag) => tag.attrs)).toEqual([
      { rel: 'stylesheet', href: '/static/bank-app.css' },
    ]);
    expect(tagsNamed(page, 'script').map((tag) => tag.attrs)).toEqual([
      { src: '/static/bank-app.js', defer: '' },
    ]);
    expect(page).toContain('<script src="/static/bank-app.js" defer></script>');
    expect(tagsNamed(page, 'style')).toEqual([]);
    expect(
      startTags(page).filter((tag) =>
        Object.keys(tag.attrs).some((name) => name === 'style' || name.startsWith('on')),
      ),
    ).toEqual([]);
    expect(page).not.toMatch(/https?:\/\//);
    expect(onlyTag(page, (tag) => tag.attrs.id === 'approvals').attrs['data-refresh']).toBe(
      '/sandbox/bank-app',
    );
    expect(onlyTag(page, (tag) => tag.name === 'body').attrs.class).toBe('bank-app');
    expect(onlyTag(page, (tag) => tag.name === 'meta' && tag.attrs.name === 'viewport').attrs.content).toBe(
      'width=device-width, initial-scale=1',
    );
  });
});

describe('renderBankApp: escaping', () => {
  it.each([
    '<script>alert(1)</script>',
    '"><img src=x onerror=alert(1)>',
    "' autofocus onfocus=alert(1) x='",
  ])('renders a hostile merchant name and other fields as text: %s', (hostile) => {
    const page = renderBankApp({
      pending: [
        {
          acsTransID: hostile,
          kind: 'oob',
          merchantName: hostile,
          amount: hostile,
          maskedPan: hostile,
          createdAt: hostile,
          expiresAt: hostile,
          approval: undefined,
        },
      ],
      issuerName: hostile,
    });
    expect(page).not.toContain(hostile);
    expect(tagsNamed(page, 'script').map((tag) => tag.attrs.src)).toEqual(['/static/bank-app.js']);
    expect(tagsNamed(page, 'img')).toEqual([]);
    expect(
      startTags(page).filter((tag) => Object.keys(tag.attrs).some((name) => name.startsWith('on'))),
    ).toEqual([]);
    expect(onlyTag(page, (tag) => tag.attrs.id === 'waiting-1-title').attrs.class).toBe('merchant');
    expect(textOf(page)).toContain(
      `Purchase in browser ${hostile} ${hostile} Card ${hostile} Requested ${hostile}`,
    );
    expect(forms(page).map((form) => form.attrs.action)).toEqual([
      `/sandbox/bank-app/${encodeURIComponent(hostile)}/approve`,
      `/sandbox/bank-app/${encodeURIComponent(hostile)}/deny`,
    ]);
  });
});
