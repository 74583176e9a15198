/**
 * Makes the pictures of the demo merchant's app checkout: docs/images/app-checkout-text.png (an
 * SMS code's text screen, acsUiType 01, after a wrong code) and app-checkout-select.png (the
 * method choice, acsUiType 02), each the phone frame with the decrypted messages beside it. It
 * starts a throwaway test ACS on a loopback port, logs in as an operator and runs the checkout in
 * Debian's Chromium, the page playing the 3DS SDK as it does for a tester. Run it after changing
 * the app checkout's views or the native screens:
 *   node --import tsx scripts/screenshot-app-checkout.ts
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { createOperator } from '../src/flows/console/operators.ts';
import { readSmsCode } from '../test/e2e/harness.ts';
import { startListeningAcs } from '../test/e2e/listening-acs.ts';
import { launchChromium } from '../test/support/browser.ts';

const imagesDir = fileURLToPath(new URL('../docs/images/', import.meta.url));
const operator = { username: 'qa.lead', password: 'correct horse battery staple' } as const;

/** Starts an app checkout for `pan` and waits for the first native screen (`ready` in the phone). */
async function pay(page: Page, baseURL: string, pan: string, ready: string): Promise<void> {
  await page.goto(`${baseURL}/console/demo/app`);
  await page.getByLabel('Card number').fill(pan);
  await page.getByLabel('Amount').fill('64.50');
  await page.getByLabel('Merchant name').fill('Harbour Books');
  await page.getByRole('button', { name: 'Pay in the app' }).click();
  await page.locator('#app-phone').getByText(ready, { exact: true }).waitFor();
}

async function acsTransIDOf(page: Page): Promise<string> {
  const ares = JSON.parse(
    (await page.locator('#app-messages li[data-message="ARes"] pre').textContent()) ?? '',
  );
  return String(ares.acsTransID);
}

/** The phone and the messages beside it, with a margin so the phone's shadow is in the picture. */
async function shoot(page: Page, name: string): Promise<void> {
  const path = `${imagesDir}${name}`;
  await page.mouse.move(0, 0);
  // Page coordinates: the box is measured with the page scrolled to its top.
  await page.evaluate('window.scrollTo(0, 0)');
  const box = await page.locator('.app-stage').boundingBox();
  if (box === null) throw new Error('the app checkout has no stage to photograph');
  const margin = 16;
  await page.screenshot({
    path,
    fullPage: true,
    animations: 'disabled',
    caret: 'hide',
    clip: {
      x: box.x - margin,
      y: box.y - margin,
      width: box.width + 2 * margin,
      height: box.height + 2 * margin,
    },
  });
  process.stdout.write(`wrote ${path}\n`);
}

async function main(): Promise<void> {
  const running = await startListeningAcs({ ACS_RREQ_TIMEOUT_MS: '5000' });
  const browser = await launchChromium();
  const base = running.baseURL;
  try {
    await createOperator(running.acs.deps, operator);
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: 'en-GB',
      colorScheme: 'light',
    });
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    await page.goto(`${base}/console/login`);
    await page.getByLabel('Username').fill(operator.username);
    await page.getByLabel('Password').fill(operator.password);
    await Promise.all([page.waitForURL(`${base}/console`), page.getByLabel('Password').press('Enter')]);
    mkdirSync(imagesDir, { recursive: true });

    // The SMS card: a wrong code first, so the screen shows the warning and the attempts left.
    await pay(page, base, '4000000000001000', 'Code');
    const code = await readSmsCode(base, await acsTransIDOf(page));
    const phone = page.locator('#app-phone');
    await phone.getByLabel('Code', { exact: true }).fill(code === '000000' ? '111111' : '000000');
    await phone.getByRole('button', { name: 'Submit', exact: true }).click();
    await phone.getByText('That code is not correct', { exact: false }).waitFor();
    await shoot(page, 'app-checkout-text.png');

    // The choice card: the single-select screen, one method picked.
    await pay(page, base, '4000000000001208', 'Verification method');
    await phone.getByLabel('Code by SMS').check();
    await shoot(page, 'app-checkout-select.png');
    await context.close();
  } finally {
    await browser.close();
    await running.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `screenshot-app-checkout: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exitCode = 1;
});
