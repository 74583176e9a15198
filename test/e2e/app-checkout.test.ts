/**
 * The demo merchant's app checkout in real Chromium (issue 8): the page plays the 3DS SDK. An
 * operator pays with the challenge-sms card; the page makes its ephemeral key, gets the ARes C,
 * checks acsSignedContent, and draws the first native text screen in the phone frame. A wrong
 * code brings the error screen (challengeInfoTextIndicator Y), the code from the sandbox inbox
 * API gives transStatus Y, and every CReq and CRes is listed beside the phone, decrypted. Run
 * for 2.2.0 with A128CBC-HS256 (Stripe's choice) and 2.3.1 with A128GCM (per-direction keys).
 */
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOperator } from '../../src/flows/console/operators.ts';
import { launchChromium } from '../support/browser.ts';
import { readSmsCode } from './harness.ts';
import { type ListeningAcs, startListeningAcs } from './listening-acs.ts';

const challengeSmsPan = '4000000000001000';
const operator = { username: 'app.tester', password: 'correct horse battery staple' } as const;

let browser: Browser;
let acs: ListeningAcs;

beforeAll(async () => {
  // The final CRes waits for the RReq's first attempt to the demo's own threeDSServerURL.
  acs = await startListeningAcs({ ACS_RREQ_TIMEOUT_MS: '10000' });
  await createOperator(acs.acs.deps, operator);
  browser = await launchChromium();
}, 30_000);

afterAll(async () => {
  await browser?.close();
  await acs?.close();
});

async function logIn(page: Page): Promise<void> {
  await page.goto(`${acs.baseURL}/console/login`);
  await page.getByLabel('Username').fill(operator.username);
  await page.getByLabel('Password').fill(operator.password);
  await Promise.all([page.waitForURL(`${acs.baseURL}/console`), page.getByLabel('Password').press('Enter')]);
}

/** The JSON of the message listed beside the phone with this kind (and counter). */
async function listed(page: Page, kind: string, counter?: string): Promise<Record<string, unknown>> {
  const selector = `#app-messages li[data-message="${kind}"]${counter === undefined ? '' : `[data-counter="${counter}"]`} pre`;
  return JSON.parse((await page.locator(selector).textContent()) ?? '') as Record<string, unknown>;
}

async function submitCode(phone: Locator, code: string): Promise<void> {
  await phone.getByLabel('Code', { exact: true }).fill(code);
  await phone.getByRole('button', { name: 'Submit', exact: true }).click();
}

describe('app checkout in Chromium', { timeout: 60_000 }, () => {
  it.each([
    ['2.2.0', 'A128CBC-HS256'],
    ['2.3.1', 'A128GCM'],
  ] as const)('completes an SMS challenge in the phone frame (%s, %s)', async (version, enc) => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
    try {
      context.setDefaultTimeout(10_000);
      const page = await context.newPage();
      const failures: string[] = [];
      page.on('pageerror', (error) => failures.push(error.message));
      await logIn(page);
      await page.goto(`${acs.baseURL}/console/demo`);
      await Promise.all([
        page.waitForURL(`${acs.baseURL}/console/demo/app`),
        page.getByRole('link', { name: 'App checkout' }).click(),
      ]);

      await page.getByLabel('Card number').fill(challengeSmsPan);
      await page.getByLabel('Message version').selectOption(version);
      await page.getByLabel('JWE encryption').selectOption(enc);
      await page.getByRole('button', { name: 'Pay in the app' }).click();

      // The first native screen: a text screen asking for the SMS code.
      const phone = page.locator('#app-phone');
      await phone.getByLabel('Code', { exact: true }).waitFor({ state: 'visible' });
      const ares = await listed(page, 'ARes');
      expect(ares).toMatchObject({
        messageType: 'ARes',
        messageVersion: version,
        transStatus: 'C',
        // The SMS card on a device that draws native text: the text template.
        acsRenderingType: { acsInterface: '01', acsUiTemplate: '01' },
        acsSignedContent: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/),
      });
      const acsTransID = String(ares.acsTransID);
      await expect(listed(page, 'AReq')).resolves.toMatchObject({
        deviceChannel: '01',
        acctNumber: '400000******1000',
        sdkTransID: ares.sdkTransID,
        sdkReferenceNumber: 'ACS-SIM-BROWSER-SDK-0001',
        deviceRenderOptions: { sdkInterface: '03', sdkUiType: ['01', '02', '03', '04', '05'] },
      });
      await expect(listed(page, 'acsSignedContent')).resolves.toMatchObject({
        payload: { acsURL: `${acs.baseURL}/3ds/challenge` },
      });
      await expect(listed(page, 'CRes', '000')).resolves.toMatchObject({
        challengeCompletionInd: 'N',
        acsUiType: '01',
        challengeInfoLabel: 'Code',
      });
      await expect(
        page.locator('#app-messages li[data-message="CReq"] .app-message-meta').first().textContent(),
      ).resolves.toMatch(new RegExp(`^SDK → acsURL, JWE \\d+ bytes \\(${enc}\\)$`));

      // A wrong code: the same screen again, with the error and the warning mark.
      const code = await readSmsCode(acs.baseURL, acsTransID);
      const wrong = code === '000000' ? '111111' : '000000';
      await submitCode(phone, wrong);
      await phone.getByText('That code is not correct. Please try again.', { exact: false }).waitFor();
      await expect(phone.locator('.phone-info-warning').count()).resolves.toBe(1);
      await expect(listed(page, 'CReq', '001')).resolves.toMatchObject({
        messageType: 'CReq',
        acsTransID,
        sdkCounterStoA: '001',
        challengeDataEntry: wrong,
      });
      await expect(listed(page, 'CRes', '001')).resolves.toMatchObject({
        acsUiType: '01',
        challengeInfoTextIndicator: 'Y',
      });

      // The right code: the final CRes, transStatus Y, and the link to the transaction.
      await submitCode(phone, code);
      await phone.getByText('transStatus Y').waitFor();
      await expect(listed(page, 'CRes', '002')).resolves.toEqual({
        messageType: 'CRes',
        messageVersion: version,
        threeDSServerTransID: ares.threeDSServerTransID,
        acsTransID,
        sdkTransID: ares.sdkTransID,
        acsCounterAtoS: '002',
        challengeCompletionInd: 'Y',
        transStatus: 'Y',
      });
      await expect(
        phone.getByRole('link', { name: 'Open the transaction in the console' }).getAttribute('href'),
      ).resolves.toBe(`/console/transactions/${acsTransID}`);
      const kinds = await Promise.all(
        (await page.locator('#app-messages li').all()).map((item) => item.getAttribute('data-message')),
      );
      expect(kinds).toEqual([
        'AReq',
        'ARes',
        'acsSignedContent',
        'CReq',
        'CRes',
        'CReq',
        'CRes',
        'CReq',
        'CRes',
      ]);

      // The ACS agrees, and the demo's 3DS Server took the app RReq.
      const tx = await acs.acs.deps.store.getTransaction(acsTransID);
      expect(tx?.result?.transStatus).toBe('Y');
      const attempts = await acs.acs.deps.store.listRReqAttempts(acsTransID);
      expect(attempts.map((a) => a.outcome)).toEqual(['delivered']);
      expect(failures).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
