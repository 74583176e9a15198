/**
 * Two requestor faults (docs/faults.md) only a real browser can show: the cres-twice page's script
 * makes Chromium post the final CRes twice to the notificationURL, and challenge-slow holds the
 * challenge page back in real time. The ACS waits for real here (startListeningAcs realSleep);
 * the notificationURL is the 3DS Server double's, which records each post.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { panLookupHash } from '../../src/signing/keyed-hash.ts';
import { launchChromium } from '../support/browser.ts';
import { startThreeDSServerDouble, type ThreeDSServerDouble } from '../support/three-ds-server-double.ts';
import { codeLabel, openCheckout, readSmsCode } from './harness.ts';
import { type ListeningAcs, startListeningAcs } from './listening-acs.ts';
import { type MerchantSite, startMerchantSite } from './merchant-site.ts';

/** Fault cards of data/test-cards.json (README.md's card table). */
const cresTwicePan = '4000000000004079';
const challengeSlowPan = '4000000000004103';

let threeDSServer: ThreeDSServerDouble;
let acs: ListeningAcs;
let browser: Browser;
const merchants: MerchantSite[] = [];

beforeAll(async () => {
  threeDSServer = await startThreeDSServerDouble();
  acs = await startListeningAcs(
    { ACS_RREQ_RETRY_DELAY_MS: '20', ACS_RREQ_TIMEOUT_MS: '2000' },
    { realSleep: true },
  );
  browser = await launchChromium();
}, 30_000);

afterAll(async () => {
  await browser?.close();
  for (const merchant of merchants) await merchant.close();
  await threeDSServer?.close();
  await acs?.close();
});

/** A merchant checkout paying with `pan`, its final CRes going to the 3DS Server double. */
async function merchantFor(pan: string): Promise<MerchantSite> {
  const merchant = await startMerchantSite({
    acsBaseURL: acs.baseURL,
    threeDSServerURL: threeDSServer.rreqURL,
    notificationURL: threeDSServer.notificationURL,
    pan,
  });
  merchants.push(merchant);
  return merchant;
}

async function withPage(run: (page: Page) => Promise<void>): Promise<void> {
  const context = await browser.newContext({ viewport: { width: 800, height: 720 }, locale: 'en-GB' });
  try {
    await run(await context.newPage());
  } finally {
    await context.close();
  }
}

describe('requestor faults in Chromium', { timeout: 60_000 }, () => {
  it('cres-twice: the notificationURL receives the same post twice, in order', async () => {
    const merchant = await merchantFor(cresTwicePan);
    await withPage(async (page) => {
      const { checkout, frame } = await openCheckout(page, merchant, '03');
      const codeField = frame.getByLabel(codeLabel);
      await codeField.waitFor({ state: 'visible' });
      await codeField.pressSequentially(await readSmsCode(acs.baseURL, checkout.acsTransID));
      await frame.getByRole('button', { name: 'Verify', exact: true }).click();
      // The form's own post (the second) is the one the frame navigates to.
      await frame.getByText('CRes received').waitFor();

      const posts = threeDSServer.notifications;
      expect(posts).toHaveLength(2);
      const [first, second] = posts;
      expect(second?.raw).toBe(first?.raw);
      expect(first?.at).toBeLessThanOrEqual(second?.at ?? 0);
      expect(first?.fields.threeDSSessionData).toBe(checkout.threeDSSessionData);
      const cres = JSON.parse(Buffer.from(first?.fields.cres ?? '', 'base64url').toString('utf8'));
      expect(cres).toMatchObject({ acsTransID: checkout.acsTransID, transStatus: 'Y' });
    });
  });

  it('challenge-slow: the challenge page answers the CReq only after the card’s delay', async () => {
    const card = await acs.acs.deps.store.findCardByPanHash(
      panLookupHash(acs.acs.deps.keys, challengeSlowPan),
    );
    expect(
      await acs.acs.deps.store.updateCard(card?.id ?? '', { fault: 'challenge-slow', faultDelayMs: 1_500 }),
    ).toBe(true);
    const merchant = await merchantFor(challengeSlowPan);
    await withPage(async (page) => {
      const acsURL = `${acs.baseURL}/3ds/challenge`;
      let postedAt = 0;
      let answeredAt = 0;
      page.on('request', (req) => {
        if (req.method() === 'POST' && req.url() === acsURL) postedAt = Date.now();
      });
      page.on('response', (res) => {
        if (res.request().method() === 'POST' && res.url() === acsURL) answeredAt = Date.now();
      });
      const { frame } = await openCheckout(page, merchant, '03');
      await frame.getByLabel(codeLabel).waitFor({ state: 'visible' });
      expect(postedAt).toBeGreaterThan(0);
      expect(answeredAt - postedAt).toBeGreaterThanOrEqual(1_500);
      expect(acs.acs.sleeps).toEqual([1_500]);
    });
  });
});
