/**
 * The browser challenge over HTTPS in real Chromium (issue 12, item 10): the real ACS process
 * serves TLS with its sandbox certificate (ACS_TLS_SANDBOX_CERT) on https://127.0.0.1, a
 * merchant checkout on https://localhost (another site) frames the challenge with no mixed
 * content, the cardholder types the SMS code, and the final CRes reaches the https
 * notificationURL.
 *
 * Trust: Chromium is launched with --ignore-certificate-errors-spki-list naming the SPKI hash of
 * the sandbox server certificate, which both servers present (the merchant borrows it: it is
 * signed by the same sandbox CA and names localhost). Unlike `ignoreHTTPSErrors` this accepts
 * that one key only, so a wrong or missing certificate still fails the test; and nothing is
 * installed system-wide.
 */
import { createHash, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AcsProcess, freePort, startAcsProcess, stopAllAcsProcesses } from '../support/acs-process.ts';
import { launchChromium } from '../support/browser.ts';
import { startThreeDSServerDouble, type ThreeDSServerDouble } from '../support/three-ds-server-double.ts';
import { codeLabel } from './harness.ts';
import { type MerchantSite, startMerchantSite } from './merchant-site.ts';

const dir = mkdtempSync(join(tmpdir(), 'acs-e2e-https-'));
let acs: AcsProcess;
let acsBaseURL: string;
let ca: string;
let threeDSServer: ThreeDSServerDouble;
let merchant: MerchantSite;
let browser: Browser;

function getJson(url: string): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(url, { ca }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
      });
      res.on('end', () => resolve(JSON.parse(text) as Record<string, unknown>));
    });
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  const port = await freePort();
  acsBaseURL = `https://127.0.0.1:${port}`;
  const keysDir = join(dir, 'keys');
  threeDSServer = await startThreeDSServerDouble();
  acs = await startAcsProcess(
    {
      ACS_TLS_SANDBOX_CERT: 'true',
      ACS_PUBLIC_URL: acsBaseURL,
      ACS_DB_PATH: join(dir, 'acs.db'),
      ACS_KEYS_DIR: keysDir,
      ACS_RREQ_RETRY_DELAY_MS: '20',
    },
    { port },
  );
  ca = readFileSync(join(keysDir, 'tls-sandbox-ca.crt.pem'), 'utf8');
  const tls = {
    certificatePem: readFileSync(join(keysDir, 'tls-server.crt.pem'), 'utf8'),
    keyPem: readFileSync(join(keysDir, 'tls-server.key.pem'), 'utf8'),
  };
  merchant = await startMerchantSite({
    acsBaseURL,
    threeDSServerURL: threeDSServer.rreqURL,
    tls,
    acsCa: ca,
  });
  const spki = new X509Certificate(tls.certificatePem).publicKey.export({ type: 'spki', format: 'der' });
  const spkiHash = createHash('sha256').update(spki).digest('base64');
  browser = await launchChromium([`--ignore-certificate-errors-spki-list=${spkiHash}`]);
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await merchant?.close();
  await threeDSServer?.close();
  await stopAllAcsProcesses();
  rmSync(dir, { recursive: true, force: true });
});

describe('browser challenge over HTTPS in Chromium', { timeout: 60_000 }, () => {
  it('a merchant page on https frames the challenge served with the sandbox certificate and completes it', async () => {
    const context = await browser.newContext({ viewport: { width: 1024, height: 768 }, locale: 'en-GB' });
    const problems: string[] = [];
    try {
      const page = await context.newPage();
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(message.text());
      });
      const response = await page.goto(merchant.checkoutURL('05'));
      expect(response?.status()).toBe(200);
      expect(merchant.origin).toMatch(/^https:\/\/localhost:\d+$/);
      const checkout = merchant.checkouts.at(-1);
      if (checkout === undefined) throw new Error('the merchant recorded no checkout');
      expect(checkout.ares.acsURL).toBe(`${acsBaseURL}/3ds/challenge`);

      const frame = page.frameLocator('iframe[name="challenge"]');
      const codeField = frame.getByLabel(codeLabel);
      await codeField.waitFor({ state: 'visible' });
      expect(page.frame({ name: 'challenge' })?.url()).toBe(`${acsBaseURL}/3ds/challenge`);

      const inbox = await getJson(
        `${acsBaseURL}/sandbox/api/messages?acsTransID=${encodeURIComponent(checkout.acsTransID)}`,
      );
      const code = (inbox.messages as { code?: unknown }[] | undefined)?.[0]?.code;
      if (typeof code !== 'string') throw new Error('no SMS was sent for the transaction');
      await codeField.pressSequentially(code);
      await frame.getByRole('button', { name: 'Verify', exact: true }).click();

      const notification = await merchant.waitForNotification(checkout.order);
      await frame.getByRole('heading', { name: 'Payment authenticated' }).waitFor();
      expect(notification.threeDSSessionData).toBe(checkout.threeDSSessionData);
      expect(notification.decodedCRes).toMatchObject({
        messageType: 'CRes',
        acsTransID: checkout.acsTransID,
        transStatus: 'Y',
      });
      expect(checkout.notificationURL).toMatch(/^https:\/\/localhost:/);
      expect(acs.problems()).toEqual([]);
      expect(problems.filter((text) => /mixed content|certificate|ERR_/i.test(text))).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
