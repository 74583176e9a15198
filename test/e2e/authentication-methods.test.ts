/**
 * The other ways to authenticate, in real Chromium (docs/flows.md, "Challenge methods"), with the
 * challenge window framed cross-site by the merchant page exactly as in the SMS test:
 * switching from SMS to the authenticator app ("choose another security option"), approving
 * or denying in the sandbox bank app while the window moves on by itself, and a static
 * password after a wrong one. Each story ends where the merchant and the 3DS Server see it:
 * the CRes posted to the notificationURL and the RReq with the method that was used.
 */
import { createLocalJWKSet, type JSONWebKeySet, jwtVerify } from 'jose';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentTotp } from '../../src/otp/totp.ts';
import { checkFinalCRes } from '../support/message-rules/check-final-cres.ts';
import { checkRReq } from '../support/message-rules/check-rreq.ts';
import { codeLabel, type E2eHarness, openCheckout, readSmsCode, startE2eHarness } from './harness.ts';
import { type Checkout, type MerchantSite, type Notification, startMerchantSite } from './merchant-site.ts';

/** The seeded test cards of each story (data/test-cards.json, README.md's test-card table). */
const pans = {
  choice: '4000000000001208',
  oob: '4000000000001307',
  static: '4000000000001406',
} as const;

/** Every authenticator-app test card shares this public TOTP secret (data/test-cards.json). */
const sandboxTotpSecret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
/** Every password test card shares this public password (data/test-cards.json). */
const sandboxPassword = 'sandbox-password';

let h: E2eHarness;
/** One merchant per card: the shopper pays with that card at that shop. */
const merchants = new Map<keyof typeof pans, MerchantSite>();

beforeAll(async () => {
  h = await startE2eHarness();
  for (const [name, pan] of Object.entries(pans) as [keyof typeof pans, string][]) {
    merchants.set(
      name,
      await startMerchantSite({ acsBaseURL: h.acs.baseURL, threeDSServerURL: h.threeDSServer.rreqURL, pan }),
    );
  }
}, 30_000);

afterAll(async () => {
  for (const merchant of merchants.values()) await merchant.close();
  await h?.close();
});

function merchantFor(name: keyof typeof pans): MerchantSite {
  const merchant = merchants.get(name);
  if (merchant === undefined) throw new Error(`no merchant for the ${name} card`);
  return merchant;
}

/** The RReq the 3DS Server double received for `acsTransID` (waits for it). */
async function rreqFor(acsTransID: string, ms = 10_000): Promise<Record<string, unknown>> {
  const until = Date.now() + ms;
  for (;;) {
    const rreq = h.threeDSServer.received.find((r) => r.acsTransID === acsTransID);
    if (rreq !== undefined) return rreq;
    if (Date.now() > until) throw new Error(`no RReq for ${acsTransID} within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The final CRes the merchant must receive for `checkout` with `transStatus`. */
function expectedCRes(checkout: Checkout, transStatus: 'Y' | 'N'): Record<string, unknown> {
  return {
    messageType: 'CRes',
    messageVersion: '2.2.0',
    threeDSServerTransID: checkout.areq.threeDSServerTransID,
    acsTransID: checkout.acsTransID,
    challengeCompletionInd: 'Y',
    transStatus,
  };
}

/** The merchant got `transStatus` in a correct final CRes, with its session data echoed. */
function expectNotified(checkout: Checkout, notification: Notification, transStatus: 'Y' | 'N'): void {
  expect(notification.threeDSSessionData).toBe(checkout.threeDSSessionData);
  expect(notification.decodedCRes).toEqual(expectedCRes(checkout, transStatus));
  expect(checkFinalCRes(notification.decodedCRes, { areq: checkout.areq, ares: checkout.ares })).toEqual([]);
}

/** The RReq reports the outcome and the 2.2.0 authenticationType of the method used. */
async function expectRReq(
  checkout: Checkout,
  expected: {
    transStatus: 'Y' | 'N';
    authenticationType: '01' | '02' | '03';
    interactionCounter: string;
    transStatusReason?: string;
  },
): Promise<Record<string, unknown>> {
  const rreq = await rreqFor(checkout.acsTransID);
  const authenticated = expected.transStatus === 'Y';
  expect(rreq).toEqual({
    messageType: 'RReq',
    messageVersion: '2.2.0',
    threeDSServerTransID: checkout.areq.threeDSServerTransID,
    acsTransID: checkout.acsTransID,
    dsTransID: checkout.ares.dsTransID,
    messageCategory: checkout.areq.messageCategory,
    transStatus: expected.transStatus,
    ...(expected.transStatusReason === undefined ? {} : { transStatusReason: expected.transStatusReason }),
    authenticationType: expected.authenticationType,
    interactionCounter: expected.interactionCounter,
    // A Visa Y carries ECI 05 and a 20-byte authenticationValue (docs/flows.md, "authenticationValue").
    ...(authenticated
      ? { eci: '05', authenticationValue: expect.stringMatching(/^[A-Za-z0-9+/]{27}=$/) }
      : {}),
  });
  expect(checkRReq(rreq, { areq: checkout.areq, ares: checkout.ares })).toEqual([]);
  return rreq;
}

/** The signed result (verified against the JWKS) agrees with the RReq and shows only the masked card. */
async function expectSignedResult(
  checkout: Checkout,
  rreq: Record<string, unknown>,
  maskedPan: string,
): Promise<void> {
  const result = await fetch(`${h.acs.baseURL}/3ds/transactions/${checkout.acsTransID}/result`);
  expect(result.status).toBe(200);
  const jwks = (await (await fetch(`${h.acs.baseURL}/.well-known/jwks.json`)).json()) as JSONWebKeySet;
  const { payload } = await jwtVerify(await result.text(), createLocalJWKSet(jwks), {
    issuer: h.acs.baseURL,
  });
  expect(payload).toMatchObject({
    sub: checkout.acsTransID,
    acsTransID: checkout.acsTransID,
    threeDSServerTransID: checkout.areq.threeDSServerTransID,
    dsTransID: checkout.ares.dsTransID,
    aresTransStatus: 'C',
    transStatus: rreq.transStatus,
    maskedPan,
  });
  expect({ eci: payload.eci, authenticationValue: payload.authenticationValue }).toEqual({
    eci: rreq.eci,
    authenticationValue: rreq.authenticationValue,
  });
}

/** Nothing the ACS logged holds the full card number, a typed password or a one-time code. */
function expectKeptOutOfLogs(texts: readonly string[], code?: string): void {
  const logs = h.acs.acs.logs.join('\n');
  for (const text of texts) expect(logs).not.toContain(text);
  // Six digits may turn up by chance inside a UUID: look for the code standing alone.
  if (code !== undefined) expect(logs).not.toMatch(new RegExp(`(^|[^0-9a-f])${code}([^0-9a-f]|$)`));
}

/** The request for `acsTransID` among those waiting in the bank app. */
function waitingRequest(bank: Page, acsTransID: string): Locator {
  return bank
    .getByRole('region', { name: 'Waiting for you' })
    .getByRole('listitem')
    .filter({ hasText: acsTransID });
}

/** Opens the bank app in its own tab and returns the request for `acsTransID`, once shown. */
async function openBankApp(bank: Page, acsTransID: string): Promise<Locator> {
  const response = await bank.goto(`${h.acs.baseURL}/sandbox/bank-app`);
  expect(response?.status()).toBe(200);
  const request = waitingRequest(bank, acsTransID);
  await request.waitFor({ state: 'visible' });
  return request;
}

describe('authentication methods in Chromium', { timeout: 30_000 }, () => {
  it('a cardholder switches from SMS to the authenticator app and authenticates with its code', async () => {
    const merchant = merchantFor('choice');
    const context = await h.browser.newContext({ viewport: { width: 800, height: 600 }, locale: 'en-GB' });
    context.setDefaultTimeout(10_000);
    try {
      const page = await context.newPage();
      // Window size 02 (390x400): the other methods sit behind a one-line disclosure.
      const { checkout, frame } = await openCheckout(page, merchant, '02');

      // The window opens on SMS: a code went to the phone and the page says so.
      await frame.getByText(/We sent a code by text message to/).waitFor({ state: 'visible' });
      expect(await readSmsCode(h.acs.baseURL, checkout.acsTransID)).toMatch(/^[0-9]{6}$/);
      await expect.poll(() => frame.getByLabel(codeLabel).isVisible()).toBe(true);

      // "Choose another security option": open the disclosure, pick the authenticator app.
      await frame.getByText('Other method', { exact: true }).click();
      await frame
        .getByRole('group', { name: 'Or verify with' })
        .getByRole('button', { name: 'Authenticator app', exact: true })
        .click();
      await frame
        .getByText(/Open your authenticator app and enter the code it shows for/)
        .waitFor({ state: 'visible' });
      // Switching is not an answer: the attempt budget is untouched.
      await expect.poll(() => frame.locator('#attempts-left').textContent()).toBe('3 attempts left');

      const code = currentTotp(sandboxTotpSecret, h.acs.acs.deps.clock().getTime());
      await frame.getByLabel(codeLabel).pressSequentially(code);
      await frame.getByRole('button', { name: 'Verify', exact: true }).click();

      const notification = await merchant.waitForNotification(checkout.order);
      await frame.getByRole('heading', { name: 'Payment authenticated' }).waitFor();
      expectNotified(checkout, notification, 'Y');
      // 2.2.0 Table A.1: an app code is a dynamic code, authenticationType 02.
      const rreq = await expectRReq(checkout, {
        transStatus: 'Y',
        authenticationType: '02',
        interactionCounter: '01',
      });
      await expectSignedResult(checkout, rreq, '400000******1208');
      expectKeptOutOfLogs([pans.choice], code);
    } finally {
      await context.close();
    }
  });

  it.each([
    { answer: 'Approve', transStatus: 'Y' },
    { answer: 'Deny', transStatus: 'N' },
  ] as const)(
    'the out-of-band window moves on by itself once the cardholder presses $answer in the bank app',
    async ({ answer, transStatus }) => {
      const merchant = merchantFor('oob');
      const context = await h.browser.newContext({ viewport: { width: 1024, height: 768 }, locale: 'en-GB' });
      context.setDefaultTimeout(10_000);
      try {
        const page = await context.newPage();
        const { checkout, frame } = await openCheckout(page, merchant, '05');
        await frame
          .getByText(/We sent a request to the .* app\. Approve it there, then select Continue\./)
          .waitFor({ state: 'visible' });
        await frame.getByRole('button', { name: 'Continue', exact: true }).waitFor({ state: 'visible' });

        // The cardholder's phone: a second tab on the bank app, showing the masked card only.
        const bank = await context.newPage();
        const request = await openBankApp(bank, checkout.acsTransID);
        expect(await bank.content()).not.toContain(pans.oob);
        // Nothing has reached the merchant while the request waits.
        expect(merchant.notifications.filter((n) => n.order === String(checkout.order))).toEqual([]);
        // The bank app's own form posts the answer and comes back to the list (303).
        const verb = answer === 'Approve' ? 'approve' : 'deny';
        const answerURL = `${h.acs.baseURL}/sandbox/bank-app/${checkout.acsTransID}/${verb}`;
        const answered = bank.waitForResponse(
          (r) => r.request().method() === 'POST' && r.url() === answerURL,
        );
        await request.getByRole('button', { name: answer, exact: true }).click();
        expect((await answered).status()).toBe(303);
        await bank.waitForURL(`${h.acs.baseURL}/sandbox/bank-app`);
        // Answered: no longer waiting (listed as answered until the window finishes, then gone).
        await expect.poll(() => waitingRequest(bank, checkout.acsTransID).count()).toBe(0);

        // No click in the challenge window: its poll sees the answer and posts on.
        const notification = await merchant.waitForNotification(checkout.order);
        await frame
          .getByRole('heading', {
            name: transStatus === 'Y' ? 'Payment authenticated' : 'Payment not authenticated',
          })
          .waitFor();
        expectNotified(checkout, notification, transStatus);
        // 2.2.0 Table A.1: out-of-band is authenticationType 03; a denial is reason 01.
        const rreq = await expectRReq(checkout, {
          transStatus,
          authenticationType: '03',
          interactionCounter: '01',
          ...(transStatus === 'N' ? { transStatusReason: '01' } : {}),
        });
        await expectSignedResult(checkout, rreq, '400000******1307');
        expectKeptOutOfLogs([pans.oob]);
      } finally {
        await context.close();
      }
    },
  );

  it('a wrong static password costs an attempt, then the right one authenticates', async () => {
    const merchant = merchantFor('static');
    const context = await h.browser.newContext({ viewport: { width: 1024, height: 768 }, locale: 'en-GB' });
    context.setDefaultTimeout(10_000);
    try {
      const page = await context.newPage();
      const { checkout, frame } = await openCheckout(page, merchant, '05');
      const password = frame.getByLabel('Password', { exact: true });
      await password.waitFor({ state: 'visible' });
      await expect.poll(() => frame.locator('#attempts-left').textContent()).toBe('3 attempts left');

      const wrong = 'not-the-password';
      await password.fill(wrong);
      await frame.getByRole('button', { name: 'Verify', exact: true }).click();
      await expect
        .poll(() => frame.getByRole('alert').textContent())
        .toBe('That password is not correct. Please try again.');
      await expect.poll(() => frame.locator('#attempts-left').textContent()).toBe('2 attempts left');
      await expect.poll(() => password.getAttribute('aria-invalid')).toBe('true');
      expect(merchant.notifications.filter((n) => n.order === String(checkout.order))).toEqual([]);

      await password.fill(sandboxPassword);
      await frame.getByRole('button', { name: 'Verify', exact: true }).click();

      const notification = await merchant.waitForNotification(checkout.order);
      await frame.getByRole('heading', { name: 'Payment authenticated' }).waitFor();
      expectNotified(checkout, notification, 'Y');
      // 2.2.0 Table A.1: a static passcode is authenticationType 01; two answers, two interactions.
      const rreq = await expectRReq(checkout, {
        transStatus: 'Y',
        authenticationType: '01',
        interactionCounter: '02',
      });
      await expectSignedResult(checkout, rreq, '400000******1406');
      expectKeptOutOfLogs([pans.static, sandboxPassword, wrong]);
    } finally {
      await context.close();
    }
  });
});
