/**
 * The browser challenge in real Chromium (docs/flows.md, "Browser challenge" and "Framing and
 * headers"): a merchant page on one origin frames the ACS's challenge window from another and
 * posts the CReq into the iframe; the cardholder types the SMS code; the window's own auto-post
 * delivers the final CRes to the notificationURL, the RReq reaches the 3DS Server, and the signed result agrees.
 * Screenshots of each framed window are kept in test-results/ for people to look at.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLocalJWKSet, type JSONWebKeySet, jwtVerify } from 'jose';
import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkFinalCRes } from '../support/message-rules/check-final-cres.ts';
import { checkRReq } from '../support/message-rules/check-rreq.ts';
import { codeLabel, type E2eHarness, openCheckout, readSmsCode, startE2eHarness } from './harness.ts';
import { type Checkout, challengeSmsPan, type Notification } from './merchant-site.ts';

const artefactsDir = fileURLToPath(new URL('../../test-results/', import.meta.url));

/** What the challenge document measures inside its frame. */
type FrameMetrics = { innerWidth: number; innerHeight: number; scrollWidth: number; scrollHeight: number };

// A string, evaluated in the frame: the project's TypeScript has no DOM types.
const measureScript =
  '({ innerWidth: window.innerWidth, innerHeight: window.innerHeight,' +
  ' scrollWidth: document.documentElement.scrollWidth, scrollHeight: document.documentElement.scrollHeight })';

let h: E2eHarness;

beforeAll(async () => {
  mkdirSync(artefactsDir, { recursive: true });
  h = await startE2eHarness();
}, 30_000);

afterAll(async () => {
  await h?.close();
});

function challengeFrameOf(page: Page): Frame {
  const frame = page.frame({ name: 'challenge' });
  if (frame === null) throw new Error('the checkout page has no challenge iframe');
  return frame;
}

async function rreqFor(acsTransID: string, ms = 10_000): Promise<Record<string, unknown>> {
  const until = Date.now() + ms;
  for (;;) {
    const rreq = h.threeDSServer.received.find((r) => r.acsTransID === acsTransID);
    if (rreq !== undefined) return rreq;
    if (Date.now() > until) throw new Error(`no RReq for ${acsTransID} within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The merchant, the 3DS Server and the signed result all say the cardholder authenticated. */
async function expectAuthenticated(
  checkout: Checkout,
  notification: Notification,
  code: string,
): Promise<void> {
  const { areq, ares, acsTransID } = checkout;
  const context = { areq, ares };

  expect(notification.threeDSSessionData).toBe(checkout.threeDSSessionData);
  expect(notification.decodedCRes).toEqual({
    messageType: 'CRes',
    messageVersion: '2.2.0',
    threeDSServerTransID: areq.threeDSServerTransID,
    acsTransID,
    challengeCompletionInd: 'Y',
    transStatus: 'Y',
  });
  expect(checkFinalCRes(notification.decodedCRes, context)).toEqual([]);

  const rreq = await rreqFor(acsTransID);
  expect(rreq).toMatchObject({
    messageType: 'RReq',
    threeDSServerTransID: areq.threeDSServerTransID,
    acsTransID,
    dsTransID: ares.dsTransID,
    transStatus: 'Y',
    eci: '05',
    interactionCounter: '01',
  });
  // 20 bytes, base64 (docs/flows.md, "authenticationValue").
  expect(rreq.authenticationValue).toMatch(/^[A-Za-z0-9+/]{27}=$/);
  expect(checkRReq(rreq, context)).toEqual([]);

  const result = await fetch(`${h.acs.baseURL}/3ds/transactions/${acsTransID}/result`);
  expect(result.status).toBe(200);
  const jwks = (await (await fetch(`${h.acs.baseURL}/.well-known/jwks.json`)).json()) as JSONWebKeySet;
  const { payload } = await jwtVerify(await result.text(), createLocalJWKSet(jwks), {
    issuer: h.acs.baseURL,
  });
  expect(payload).toMatchObject({
    sub: acsTransID,
    acsTransID,
    threeDSServerTransID: areq.threeDSServerTransID,
    dsTransID: ares.dsTransID,
    aresTransStatus: 'C',
    transStatus: 'Y',
    eci: rreq.eci,
    authenticationValue: rreq.authenticationValue,
    maskedPan: '400000******1000',
  });

  const logs = h.acs.acs.logs.join('\n');
  expect(logs).not.toContain(challengeSmsPan);
  expect(logs).not.toMatch(new RegExp(`(^|\\D)${code}(\\D|$)`));
}

describe('browser challenge in Chromium', { timeout: 60_000 }, () => {
  it.each([
    { windowSize: '01', viewport: { width: 800, height: 600 } },
    { windowSize: '05', viewport: { width: 1024, height: 768 } },
  ] as const)(
    'a cardholder completes an SMS challenge in window size $windowSize',
    async ({ windowSize, viewport }) => {
      const context = await h.browser.newContext({ viewport, locale: 'en-GB' });
      try {
        const page = await context.newPage();
        const { checkout, frame } = await openCheckout(page, h.merchant, windowSize);
        const codeField = frame.getByLabel(codeLabel);
        await codeField.waitFor({ state: 'visible' });

        // Cross-site for real: the merchant is on localhost, the challenge on 127.0.0.1.
        const challengeFrame = challengeFrameOf(page);
        expect(new URL(page.url()).origin).toBe(h.merchant.origin);
        expect(challengeFrame.url()).toBe(`${h.acs.baseURL}/3ds/challenge`);
        expect(checkout.ares.acsURL).toBe(`${h.acs.baseURL}/3ds/challenge`);

        const metrics = await challengeFrame.evaluate<FrameMetrics>(measureScript);
        if (windowSize === '01') {
          expect({ width: metrics.innerWidth, height: metrics.innerHeight }).toEqual({
            width: 250,
            height: 400,
          });
          // EMV challengeWindowSize 01 is 250x400: everything must show without scrolling.
          expect(metrics.scrollWidth, `scrollWidth ${metrics.scrollWidth}`).toBeLessThanOrEqual(250);
          expect(metrics.scrollHeight, `scrollHeight ${metrics.scrollHeight}`).toBeLessThanOrEqual(400);
        } else {
          expect({ width: metrics.innerWidth, height: metrics.innerHeight }).toEqual(viewport);
          expect(metrics.scrollWidth, `scrollWidth ${metrics.scrollWidth}`).toBeLessThanOrEqual(
            viewport.width,
          );
        }

        const code = await readSmsCode(h.acs.baseURL, checkout.acsTransID);
        await codeField.pressSequentially(code);
        await page
          .locator('iframe[name="challenge"]')
          .screenshot({ path: join(artefactsDir, `challenge-${windowSize}.png`), animations: 'disabled' });
        await frame.getByRole('button', { name: 'Verify', exact: true }).click();

        const notification = await h.merchant.waitForNotification(checkout.order);
        await frame.getByRole('heading', { name: 'Payment authenticated' }).waitFor();
        expect(challengeFrame.url()).toBe(checkout.notificationURL);
        await expectAuthenticated(checkout, notification, code);
      } finally {
        await context.close();
      }
    },
  );

  it('works with JavaScript disabled: visible buttons post the CReq and deliver the CRes', async () => {
    const context = await h.browser.newContext({
      viewport: { width: 800, height: 720 },
      locale: 'en-GB',
      javaScriptEnabled: false,
    });
    try {
      const page = await context.newPage();
      const { checkout, frame } = await openCheckout(page, h.merchant, '03');
      const toBank = page.getByRole('button', { name: 'Continue to your bank' });
      await toBank.waitFor({ state: 'visible' });
      expect(challengeFrameOf(page).url()).toBe('about:blank');
      await toBank.click();

      const codeField = frame.getByLabel(codeLabel);
      await codeField.waitFor({ state: 'visible' });
      const code = await readSmsCode(h.acs.baseURL, checkout.acsTransID);
      await codeField.pressSequentially(code);
      await frame.getByRole('button', { name: 'Verify', exact: true }).click();

      // No script posts the CRes: the cardholder sees Continue, and nothing arrives until it is pressed.
      const continueButton = frame.getByRole('button', { name: 'Continue', exact: true });
      await continueButton.waitFor({ state: 'visible' });
      expect(h.merchant.notifications.filter((n) => n.order === String(checkout.order))).toEqual([]);
      await continueButton.click();

      const notification = await h.merchant.waitForNotification(checkout.order);
      await frame.getByRole('heading', { name: 'Payment authenticated' }).waitFor();
      await expectAuthenticated(checkout, notification, code);
    } finally {
      await context.close();
    }
  });
});
