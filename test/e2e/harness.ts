/**
 * Everything a browser challenge needs, started together and closed together: the ACS on one
 * loopback origin, a merchant checkout on another, the 3DS Server double that receives RReqs,
 * and Debian's Chromium. Shared by the e2e test and scripts/screenshot-challenge.ts.
 */
import type { Browser, FrameLocator, Page } from 'playwright-core';
import type { WindowSize } from '../../src/domain/challenge.ts';
import { launchChromium } from '../support/browser.ts';
import { startThreeDSServerDouble, type ThreeDSServerDouble } from '../support/three-ds-server-double.ts';
import { type ListeningAcs, startListeningAcs } from './listening-acs.ts';
import { type Checkout, type MerchantSite, startMerchantSite } from './merchant-site.ts';

/** The running pieces of a browser challenge. */
export type E2eHarness = {
  acs: ListeningAcs;
  threeDSServer: ThreeDSServerDouble;
  merchant: MerchantSite;
  browser: Browser;
  close(): Promise<void>;
};

/** The visible label of the code field (views/common/i18n.ts, English), as a cardholder reads it. */
export const codeLabel = 'Enter the 6-digit code';

/** Starts the ACS, the 3DS Server double, the merchant site and Chromium. */
export async function startE2eHarness(): Promise<E2eHarness> {
  const threeDSServer = await startThreeDSServerDouble();
  // RReq retries kept short: a slow double must not stall the challenge window.
  const acs = await startListeningAcs({ ACS_RREQ_RETRY_DELAY_MS: '20', ACS_RREQ_TIMEOUT_MS: '2000' });
  const merchant = await startMerchantSite({
    acsBaseURL: acs.baseURL,
    threeDSServerURL: threeDSServer.rreqURL,
  });
  const closeServers = async () => {
    await merchant.close();
    await threeDSServer.close();
    await acs.close();
  };
  let browser: Browser;
  try {
    browser = await launchChromium();
  } catch (error) {
    await closeServers();
    throw error;
  }
  return {
    acs,
    threeDSServer,
    merchant,
    browser,
    close: async () => {
      await browser.close();
      await closeServers();
    },
  };
}

/** Opens the merchant's checkout for `windowSize` and waits until the challenge asks for the code. */
export async function openCheckout(
  page: Page,
  merchant: MerchantSite,
  windowSize: WindowSize,
): Promise<{ checkout: Checkout; frame: FrameLocator }> {
  const response = await page.goto(merchant.checkoutURL(windowSize));
  if (response?.status() !== 200) {
    throw new Error(`checkout page answered ${response?.status()}: ${await response?.text()}`);
  }
  const checkout = merchant.checkouts.at(-1);
  if (checkout === undefined) throw new Error('the merchant recorded no checkout');
  const frame = page.frameLocator('iframe[name="challenge"]');
  return { checkout, frame };
}

/** The one-time code of the newest SMS for `acsTransID`, read from the sandbox inbox API. */
export async function readSmsCode(acsBaseURL: string, acsTransID: string): Promise<string> {
  const res = await fetch(`${acsBaseURL}/sandbox/api/messages?acsTransID=${encodeURIComponent(acsTransID)}`);
  if (res.status !== 200) throw new Error(`sandbox API answered ${res.status}`);
  const body = (await res.json()) as { messages?: { code?: unknown }[] };
  const code = body.messages?.[0]?.code;
  if (typeof code !== 'string') throw new Error('no SMS was sent for the transaction');
  return code;
}
