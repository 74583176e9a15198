/**
 * The tester console in real Chromium (issue 5): an operator logs in, creates a challenge-sms
 * card through the card form, runs it from the demo merchant at window size 02, watches the
 * SMS arrive in the inbox of a second tab without reloading it (server-sent events), types
 * the code into the framed challenge, sees the demo page show transStatus Y, and opens the
 * transaction's timeline. A second ACS shows a wrong password refused and, after five
 * failures, throttled, so the lock-out cannot touch the main story.
 */
import type { Browser, BrowserContext, Frame, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOperator } from '../../src/flows/console/operators.ts';
import { launchChromium } from '../support/browser.ts';
import { type ListeningAcs, startListeningAcs } from './listening-acs.ts';

/** A Luhn-valid Visa PAN in the served range (4000000000000000-4000000000009999) the seed file lacks. */
const newPan = '4000000000003105';
const newMaskedPan = '400000******3105';
/** A UK drama number (Ofcom's reserved range): not one of Twilio's magic failure numbers. */
const phone = '+447700900123';
const operator = { username: 'qa.lead', password: 'correct horse battery staple' } as const;

/** The messages the login page shows (src/http/console/auth-routes.ts). */
const wrongCredentials = 'Wrong username or password';
const throttled = 'Too many attempts, try again in 15 minutes';

/** The challenge window's code field (views/common/i18n.ts, English). */
const codeLabel = 'Enter the 6-digit code';

/** Every timestamp the console shows: the test ACS's clock stands still at this instant. */
const sentAt = '2026-11-25 10:00:00 UTC';

const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

let browser: Browser;
let acs: ListeningAcs;

beforeAll(async () => {
  // The RReq goes to the demo merchant's own threeDSServerURL on this very server; the first
  // attempt is awaited, so a generous timeout keeps a busy CI machine from failing it.
  acs = await startListeningAcs({ ACS_RREQ_TIMEOUT_MS: '10000' });
  await createOperator(acs.acs.deps, operator);
  browser = await launchChromium();
}, 30_000);

afterAll(async () => {
  await browser?.close();
  await acs?.close();
});

/** Types the credentials into the login form by keyboard (the username field has focus) and submits. */
async function submitLogin(page: Page, username: string, password: string): Promise<void> {
  const usernameField = page.getByLabel('Username');
  await usernameField.fill('');
  await usernameField.focus();
  await page.keyboard.type(username);
  await page.keyboard.press('Tab');
  await page.keyboard.type(password);
  // The answer is a new document (a page or a redirect): wait for it, not for the old one's text.
  await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
}

/** The element's text with runs of whitespace collapsed, as a reader sees it. */
async function textOf(locator: Locator): Promise<string> {
  return ((await locator.textContent()) ?? '').replace(/\s+/g, ' ').trim();
}

/** The pretty-printed JSON inside the element `selector` (a console `pre.json`), parsed. */
async function jsonIn(page: Page, selector: string): Promise<unknown> {
  return JSON.parse((await page.locator(selector).textContent()) ?? '');
}

/** A table body's rows, each as its cells' texts. */
async function rowsOf(table: Locator): Promise<string[][]> {
  const rows = await table.locator('tbody tr').all();
  return Promise.all(
    rows.map(async (row) => (await row.locator('td').allTextContents()).map((t) => t.trim())),
  );
}

/** A definition list as { term: description } (descriptions' whitespace collapsed). */
async function detailsOf(list: Locator): Promise<Record<string, string>> {
  const terms = await list.locator('dt').allTextContents();
  const descriptions = await list.locator('dd').allTextContents();
  return Object.fromEntries(
    terms.map((term, i) => [term, (descriptions[i] ?? '').replace(/\s+/g, ' ').trim()]),
  );
}

function challengeFrame(page: Page): Frame {
  const frame = page.frame({ name: 'demo-challenge' });
  if (frame === null) throw new Error('the demo order page has no challenge iframe');
  return frame;
}

describe('tester console in Chromium', { timeout: 60_000 }, () => {
  it('runs a new challenge-sms card end to end: login, card, demo merchant, live inbox, timeline', async () => {
    const context: BrowserContext = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: 'en-GB',
    });
    try {
      context.setDefaultTimeout(10_000);
      const base = acs.baseURL;
      const page = await context.newPage();

      // 1. Without a session the console sends the browser to the login page, coming back after.
      await page.goto(`${base}/console/cards`);
      expect(page.url()).toBe(`${base}/console/login?next=%2Fconsole%2Fcards`);
      await expect(page.evaluate<string>('document.activeElement.id')).resolves.toBe('username');
      await submitLogin(page, operator.username, 'not the password');
      await expect(textOf(page.getByRole('alert'))).resolves.toBe(wrongCredentials);
      expect(new URL(page.url()).pathname).toBe('/console/login');
      // The refused form keeps the username and puts the cursor in the password field.
      await expect(page.getByLabel('Username').inputValue()).resolves.toBe(operator.username);
      await expect(page.evaluate<string>('document.activeElement.id')).resolves.toBe('password');
      await page.keyboard.type(operator.password);
      await Promise.all([page.waitForURL(`${base}/console/cards`), page.keyboard.press('Enter')]);
      await expect(textOf(page.getByRole('heading', { level: 1 }))).resolves.toBe('Test cards');
      const cookies = await context.cookies(`${base}/console`);
      expect(
        cookies.map((c) => ({ name: c.name, httpOnly: c.httpOnly, sameSite: c.sameSite, path: c.path })),
      ).toEqual([{ name: 'acs_console', httpOnly: true, sameSite: 'Strict', path: '/console' }]);

      // 2. A new card with the challenge-sms scenario and a phone number, through the form.
      await page.getByRole('link', { name: 'New card' }).click();
      await page.getByLabel('Card number').fill(newPan);
      await page.getByLabel('Scenario').selectOption('challenge-sms');
      await page.getByLabel('Cardholder name').fill('Quinn Tester');
      await page.getByLabel('Phone number').fill(phone);
      await Promise.all([
        page.waitForURL(/\/console\/cards\/[^/]+\?notice=created$/),
        page.getByRole('button', { name: 'Create card' }).click(),
      ]);
      await expect(textOf(page.getByRole('heading', { level: 1 }))).resolves.toBe(`Card ${newMaskedPan}`);
      await expect(textOf(page.getByRole('status'))).resolves.toBe(
        'Card created. Its number is not shown again: use the masked form to find it.',
      );
      await expect(page.getByLabel('Scenario').inputValue()).resolves.toBe('challenge-sms');
      await expect(page.getByLabel('Phone number').inputValue()).resolves.toBe(phone);
      expect(await page.content()).not.toContain(newPan);

      // 4 (opened first, so the SMS arrives after it loaded). The inbox, filtered to the card's phone.
      const inbox = await context.newPage();
      await inbox.goto(`${base}/console/inbox`);
      await inbox.getByLabel('Phone number').fill(phone);
      await Promise.all([
        inbox.waitForURL(`${base}/console/inbox?to=${encodeURIComponent(phone)}&acsTransID=`),
        inbox.getByLabel('Phone number').press('Enter'),
      ]);
      await expect(textOf(inbox.locator('#inbox-empty'))).resolves.toBe('No messages match this filter yet.');
      await inbox.getByText('Live: new messages appear here without reloading.').waitFor();
      let inboxLoads = 0;
      inbox.on('load', () => {
        inboxLoads += 1;
      });
      // A mark on this very document: a reload would wipe it. (Strings: the project has no DOM types.)
      await inbox.evaluate('document.documentElement.dataset.loadedOnce = "yes"');

      // 3. The demo merchant: type the PAN, window size 02, pay; the challenge shows in the iframe.
      await page.bringToFront();
      await page.getByRole('link', { name: 'Demo merchant' }).click();
      await page.getByLabel('Card number', { exact: true }).fill(newPan);
      await page.getByLabel('Challenge window size').selectOption('02');
      await Promise.all([
        page.waitForURL(/\/console\/demo\/[0-9a-f-]{36}\?size=02$/),
        page.getByRole('button', { name: 'Pay and authenticate' }).click(),
      ]);
      const acsTransID = uuid.exec(new URL(page.url()).pathname)?.[0] ?? '';
      expect(acsTransID).not.toBe('');
      const codeField = page.frameLocator('#demo-challenge').getByLabel(codeLabel);
      await codeField.waitFor({ state: 'visible' });
      const framed = challengeFrame(page);
      expect(framed.url()).toBe(`${base}/3ds/challenge`);
      // challengeWindowSize 02 is 390 x 400 CSS pixels.
      await expect(
        framed.evaluate<{ width: number; height: number }>(
          '({ width: window.innerWidth, height: window.innerHeight })',
        ),
      ).resolves.toEqual({ width: 390, height: 400 });
      const ares = (await jsonIn(page, '#demo-ares pre')) as Record<string, unknown>;
      expect(ares).toMatchObject({
        messageType: 'ARes',
        transStatus: 'C',
        acsTransID,
        acsURL: `${base}/3ds/challenge`,
      });

      // 4. The SMS appears in the inbox tab without a reload; its code is shown large.
      const sms = inbox.locator('article.sms', {
        has: inbox.locator(`a[href="/console/transactions/${acsTransID}"]`),
      });
      await sms.waitFor({ state: 'visible', timeout: 10_000 });
      expect(inboxLoads).toBe(0);
      await expect(inbox.evaluate<string>('document.documentElement.dataset.loadedOnce')).resolves.toBe(
        'yes',
      );
      await expect(inbox.locator('#inbox-empty').count()).resolves.toBe(0);
      await expect(textOf(sms.locator('.event-head .mono'))).resolves.toBe(phone);
      const code = await textOf(sms.locator('strong.code-large'));
      expect(code).toMatch(/^[0-9]{6}$/);
      await expect(textOf(sms.locator('> p').nth(1))).resolves.toBe(
        `ACS Simulator Bank: your code ${code} is to pay €49.99 at Demo Shop. It expires in 5 min. Never share it.`,
      );

      // 5. The code typed into the framed challenge; the demo page then shows the result, Y.
      await page.bringToFront();
      await codeField.pressSequentially(code);
      await Promise.all([
        page.waitForURL(`${base}/console/demo/${acsTransID}`),
        page.frameLocator('#demo-challenge').getByRole('button', { name: 'Verify', exact: true }).click(),
      ]);
      await expect(textOf(page.getByRole('heading', { level: 1 }))).resolves.toBe('Demo order Y');
      await expect(textOf(page.locator('#demo-result .demo-outcome > span'))).resolves.toBe('transStatus Y');
      await expect(jsonIn(page, '#demo-final-cres pre')).resolves.toEqual({
        messageType: 'CRes',
        messageVersion: '2.2.0',
        threeDSServerTransID: ares.threeDSServerTransID,
        acsTransID,
        challengeCompletionInd: 'Y',
        transStatus: 'Y',
      });
      await expect(jsonIn(page, '#demo-rreq .grid div:first-child pre')).resolves.toMatchObject({
        messageType: 'RReq',
        acsTransID,
        transStatus: 'Y',
        eci: '05',
        interactionCounter: '01',
      });
      await expect(rowsOf(page.locator('#demo-rreq table'))).resolves.toEqual([
        ['1', 'delivered', '200', expect.any(String), sentAt],
      ]);
      await expect(page.locator('#demo-jws .badge').allTextContents()).resolves.toEqual([
        'Signature valid',
        'Matches the transaction',
      ]);

      // 6. The transaction's page: every message in order, the decision check, the RReq attempt.
      await Promise.all([
        page.waitForURL(`${base}/console/transactions/${acsTransID}`),
        page.getByRole('link', { name: 'Open in the transaction explorer' }).click(),
      ]);
      await expect(
        page.locator('ol.timeline > li.event .event-head > strong').allTextContents(),
      ).resolves.toEqual(['AReq', 'ARes', 'CReq', 'CRes', 'RReq', 'RRes']);
      await expect(textOf(page.locator('ol.timeline .event-head .muted'))).resolves.toBe(
        'decision check scenario-challenge',
      );
      const outcome = await detailsOf(page.locator('section[aria-labelledby="outcome-heading"] dl'));
      expect(outcome).toEqual({
        'Decision check': 'scenario-challengeThe card’s scenario challenges the cardholder.',
        // The demo merchant runs no 3DS Method, and says so in its AReq.
        'threeDSCompInd (AReq)': 'U 3DS Method not available',
        'ARes transStatus': 'C',
        'Challenge method': 'sms',
        State: 'final',
        'Final transStatus': 'Y',
        ECI: '05',
        authenticationValue: expect.stringMatching(/^[A-Za-z0-9+/]{27}=$/),
        interactionCounter: '1',
        challengeCancel: 'none',
        Completed: sentAt,
      });
      // Each message pretty-printed, the card number masked.
      const areq = (await jsonIn(page, 'ol.timeline > li.event:nth-child(1) pre')) as Record<string, unknown>;
      expect(areq).toMatchObject({
        messageType: 'AReq',
        threeDSServerTransID: ares.threeDSServerTransID,
        acctNumber: newMaskedPan,
        purchaseAmount: '4999',
        merchantName: 'Demo Shop',
      });
      await expect(jsonIn(page, 'ol.timeline > li.event:nth-child(4) pre')).resolves.toEqual({
        messageType: 'CRes',
        messageVersion: '2.2.0',
        threeDSServerTransID: ares.threeDSServerTransID,
        acsTransID,
        challengeCompletionInd: 'Y',
        transStatus: 'Y',
      });
      await expect(rowsOf(page.locator('#rreq-attempts'))).resolves.toEqual([
        ['1', '1', 'delivered', '200', expect.any(String), 'RRes', 'RRes', 'conforming', sentAt],
      ]);
      await expect(page.getByRole('button', { name: 'Resend RReq' }).isVisible()).resolves.toBe(true);
      expect(await page.content()).not.toContain(newPan);

      // Neither the PAN nor the code reached a log line.
      const logs = acs.acs.logs.join('\n');
      expect(logs).not.toContain(newPan);
      expect(logs).not.toMatch(new RegExp(`(^|\\D)${code}(\\D|$)`));
    } finally {
      await context.close();
    }
  });

  it('refuses a wrong password with a message, and after five failures refuses even the right one', async () => {
    // Its own ACS: the lock-out counts per username and per address, and every test comes from 127.0.0.1.
    const other = await startListeningAcs();
    const context = await browser.newContext({ viewport: { width: 1024, height: 768 }, locale: 'en-GB' });
    try {
      context.setDefaultTimeout(10_000);
      await createOperator(other.acs.deps, operator);
      const page = await context.newPage();
      await page.goto(`${other.baseURL}/console/login`);
      const statuses: number[] = [];
      page.on('response', (response) => {
        if (response.request().method() === 'POST') statuses.push(response.status());
      });
      const messages: string[] = [];
      for (let attempt = 1; attempt <= 5; attempt += 1) {
        await submitLogin(page, operator.username, `wrong password ${attempt}`);
        messages.push(await textOf(page.getByRole('alert')));
      }
      expect(messages).toEqual(Array(5).fill(wrongCredentials));

      // The sixth attempt is refused before the password is even checked, right or wrong.
      await submitLogin(page, operator.username, operator.password);
      await expect(textOf(page.getByRole('alert'))).resolves.toBe(throttled);
      expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
      expect(new URL(page.url()).pathname).toBe('/console/login');
      expect((await context.cookies(`${other.baseURL}/console`)).map((c) => c.name)).not.toContain(
        'acs_console',
      );
      await page.goto(`${other.baseURL}/console`);
      expect(new URL(page.url()).pathname).toBe('/console/login');
    } finally {
      await context.close();
      await other.close();
    }
  });
});
