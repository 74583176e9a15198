/**
 * Makes docs/images/challenge-window-01.png, the README's picture of the challenge window:
 * the smallest EMV window (challengeWindowSize 01, 250x400 CSS pixels) as a cardholder sees
 * it inside a merchant's iframe, with the SMS code typed in. It drives the same pieces as
 * the browser test (test/e2e): a throwaway test ACS, a merchant page on another origin and
 * Debian's Chromium. Run it after changing the challenge views:
 *   node --import tsx scripts/screenshot-challenge.ts
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { codeLabel, openCheckout, readSmsCode, startE2eHarness } from '../test/e2e/harness.ts';

const output = fileURLToPath(new URL('../docs/images/challenge-window-01.png', import.meta.url));

async function main(): Promise<void> {
  const harness = await startE2eHarness();
  try {
    // Twice the CSS pixels, so the picture stays sharp on high-density screens.
    const context = await harness.browser.newContext({
      viewport: { width: 800, height: 600 },
      deviceScaleFactor: 2,
      locale: 'en-GB',
    });
    const page = await context.newPage();
    const { checkout, frame } = await openCheckout(page, harness.merchant, '01');
    const codeField = frame.getByLabel(codeLabel);
    await codeField.waitFor({ state: 'visible' });
    await codeField.pressSequentially(await readSmsCode(harness.acs.baseURL, checkout.acsTransID));
    mkdirSync(dirname(output), { recursive: true });
    await page.locator('iframe[name="challenge"]').screenshot({ path: output, animations: 'disabled' });
    await context.close();
    process.stdout.write(`wrote ${output}\n`);
  } finally {
    await harness.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`screenshot-challenge: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
