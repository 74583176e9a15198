/**
 * Makes the README's pictures of the tester console: docs/images/console-dashboard.png,
 * console-inbox.png, console-timeline.png and console-demo.png (1280 x 800 viewport shots).
 * It starts a throwaway test ACS on a loopback port, logs in as an operator, adds a test
 * card through the card form, and runs a realistic morning of scenarios from the demo
 * merchant in Debian's Chromium: frictionless outcomes, an Erro, SMS challenges completed
 * and cancelled, a phone number that cannot receive texts, and one 3DS Server that never
 * answers its RReq, so every panel has something true to show. Run it after changing the
 * console's views:
 *   node --import tsx scripts/screenshot-console.ts
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { createOperator } from '../src/flows/console/operators.ts';
import { readSmsCode } from '../test/e2e/harness.ts';
import { type ListeningAcs, startListeningAcs } from '../test/e2e/listening-acs.ts';
import { validAReq } from '../test/support/areq-fixtures.ts';
import { launchChromium } from '../test/support/browser.ts';

const imagesDir = fileURLToPath(new URL('../docs/images/', import.meta.url));
const operator = { username: 'qa.lead', password: 'correct horse battery staple' } as const;
/** The card the story adds through the console (Luhn-valid, in the Visa range, not seeded). */
const newCard = { pan: '4000000000003105', phone: '+447700900123', name: 'Quinn Tester' } as const;
/** Twilio's magic "invalid number", which the outbox honours: the SMS fails on purpose. */
const unreachableCard = { pan: '4000000000004202', phone: '+15005550001', name: 'Robin Offline' } as const;
const codeLabel = 'Enter the 6-digit code';

/** One checkout on the demo merchant's form. */
type Checkout = Readonly<{
  pan: string;
  amount: string;
  merchantName: string;
  windowSize?: string;
  version?: string;
}>;

async function logIn(page: Page, baseURL: string): Promise<void> {
  await page.goto(`${baseURL}/console/login`);
  await page.getByLabel('Username').fill(operator.username);
  await page.getByLabel('Password').fill(operator.password);
  await Promise.all([page.waitForURL(`${baseURL}/console`), page.getByLabel('Password').press('Enter')]);
}

async function createCard(page: Page, baseURL: string, card: typeof newCard | typeof unreachableCard) {
  await page.goto(`${baseURL}/console/cards/new`);
  await page.getByLabel('Card number').fill(card.pan);
  await page.getByLabel('Scenario').selectOption('challenge-sms');
  await page.getByLabel('Cardholder name').fill(card.name);
  await page.getByLabel('Phone number').fill(card.phone);
  await Promise.all([
    page.waitForURL(/notice=created$/),
    page.getByRole('button', { name: 'Create card' }).click(),
  ]);
}

/** Fills and sends the demo checkout; returns the acsTransID (undefined when the ACS answered Erro). */
async function checkout(page: Page, baseURL: string, order: Checkout): Promise<string | undefined> {
  await page.goto(`${baseURL}/console/demo`);
  await page.getByLabel('Card number', { exact: true }).fill(order.pan);
  await page.getByLabel('Amount').fill(order.amount);
  await page.getByLabel('Merchant name').fill(order.merchantName);
  await page.getByLabel('Message version').selectOption(order.version ?? '2.2.0');
  await page.getByLabel('Challenge window size').selectOption(order.windowSize ?? '02');
  // The answer is a new document: the order page (after a redirect) or the form with the Erro.
  await Promise.all([
    page.waitForEvent('load'),
    page.getByRole('button', { name: 'Pay and authenticate' }).click(),
  ]);
  const match = /\/console\/demo\/([0-9a-f-]{36})/.exec(page.url());
  return match?.[1];
}

/** Waits for the code field in the framed challenge, then types the code the SMS carried. */
async function typeCode(page: Page, baseURL: string, acsTransID: string): Promise<void> {
  const field = page.frameLocator('#demo-challenge').getByLabel(codeLabel);
  await field.waitFor({ state: 'visible' });
  await field.pressSequentially(await readSmsCode(baseURL, acsTransID));
}

async function verify(page: Page, baseURL: string, acsTransID: string): Promise<void> {
  await Promise.all([
    page.waitForURL(`${baseURL}/console/demo/${acsTransID}`),
    page.frameLocator('#demo-challenge').getByRole('button', { name: 'Verify', exact: true }).click(),
  ]);
}

async function cancel(page: Page, baseURL: string, acsTransID: string): Promise<void> {
  await Promise.all([
    page.waitForURL(`${baseURL}/console/demo/${acsTransID}`),
    page.frameLocator('#demo-challenge').getByRole('button', { name: 'Cancel', exact: true }).click(),
  ]);
}

/**
 * A 3DS Server that sends the AReq itself and never answers the RReq (its threeDSServerURL
 * points at a closed port): the cardholder still completes the challenge, and the dashboard
 * lists the failed deliveries.
 */
async function challengeWithDeadThreeDSServer(context: BrowserContext, running: ListeningAcs): Promise<void> {
  // A tab of its own: the final auto-post then fails to reach the notificationURL, as it should.
  const page = await context.newPage();
  const areq = validAReq({
    version: '2.2.0',
    channel: '02',
    acctNumber: '5200000000001005',
    overrides: { merchantName: 'Northwind Rail', purchaseAmount: '8450', purchaseCurrency: '826' },
  });
  const ares = (await (
    await fetch(`${running.baseURL}/3ds/areq`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(areq),
    })
  ).json()) as Record<string, unknown>;
  const acsTransID = String(ares.acsTransID);
  const creq = Buffer.from(
    JSON.stringify({
      messageType: 'CReq',
      messageVersion: '2.2.0',
      threeDSServerTransID: areq.threeDSServerTransID,
      acsTransID,
      challengeWindowSize: '05',
    }),
  ).toString('base64url');
  await page.setContent(
    `<form method="post" action="${String(ares.acsURL)}"><input type="hidden" name="creq" value="${creq}"><button>Go</button></form>`,
  );
  await Promise.all([page.waitForURL(String(ares.acsURL)), page.getByRole('button', { name: 'Go' }).click()]);
  const field = page.getByLabel(codeLabel);
  await field.pressSequentially(await readSmsCode(running.baseURL, acsTransID));
  // The final CRes then goes to a notificationURL nobody serves: the page's own error, not ours.
  await page.getByRole('button', { name: 'Verify', exact: true }).click();
  for (let i = 0; i < 200; i += 1) {
    if ((await running.acs.deps.store.listRReqAttempts(acsTransID)).length >= 3) {
      await page.close();
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('the RReq retries did not all run');
}

async function main(): Promise<void> {
  // Quick retries, so all three RReq attempts to the silent 3DS Server are on the dashboard.
  const running = await startListeningAcs({ ACS_RREQ_RETRY_DELAY_MS: '20', ACS_RREQ_TIMEOUT_MS: '5000' });
  const browser = await launchChromium();
  const base = running.baseURL;
  const minutes = (n: number) => running.acs.advance(n * 60_000);
  try {
    await createOperator(running.acs.deps, operator);
    const context = await browser.newContext({
      viewport: { width: 1280, height: 800 },
      locale: 'en-GB',
      colorScheme: 'light',
    });
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    await logIn(page, base);
    await createCard(page, base, newCard);
    await createCard(page, base, unreachableCard);

    // A morning of scenarios, a few minutes apart.
    await checkout(page, base, { pan: '4000000000000101', amount: '24.90', merchantName: 'Demo Shop' });
    minutes(3);
    await checkout(page, base, { pan: '5200000000000106', amount: '112.00', merchantName: 'Harbour Books' });
    minutes(2);
    await checkout(page, base, { pan: '4000000000000200', amount: '9.99', merchantName: 'Demo Shop' });
    minutes(4);
    await checkout(page, base, { pan: '4000000000009003', amount: '310.00', merchantName: 'Atlas Travel' });
    minutes(1);
    await checkout(page, base, { pan: '4000000000009102', amount: '15.00', merchantName: 'Demo Shop' });
    minutes(6);
    const seeded = await checkout(page, base, {
      pan: '4000000000001000',
      amount: '64.50',
      merchantName: 'Harbour Books',
    });
    if (seeded === undefined) throw new Error('the challenge-sms checkout got an Erro');
    await typeCode(page, base, seeded);
    await verify(page, base, seeded);
    minutes(5);
    const cancelled = await checkout(page, base, {
      pan: '5200000000001005',
      amount: '220.00',
      merchantName: 'Atlas Travel',
    });
    if (cancelled === undefined) throw new Error('the challenge-sms checkout got an Erro');
    await typeCode(page, base, cancelled);
    await cancel(page, base, cancelled);
    minutes(3);
    const unreachable = await checkout(page, base, {
      pan: unreachableCard.pan,
      amount: '42.00',
      merchantName: 'Demo Shop',
    });
    if (unreachable === undefined) throw new Error('the unreachable-phone checkout got an Erro');
    await page.frameLocator('#demo-challenge').getByLabel(codeLabel).waitFor({ state: 'visible' });
    await cancel(page, base, unreachable);
    minutes(7);
    await challengeWithDeadThreeDSServer(context, running);
    minutes(4);
    await checkout(page, base, { pan: '4000000000000507', amount: '999.00', merchantName: 'Atlas Travel' });
    minutes(2);

    // The new card, end to end: the demo page with the code typed into the framed window.
    const story = await checkout(page, base, {
      pan: newCard.pan,
      amount: '49.99',
      merchantName: 'Demo Shop',
      windowSize: '02',
    });
    if (story === undefined) throw new Error('the new card got an Erro');
    await typeCode(page, base, story);
    mkdirSync(imagesDir, { recursive: true });
    await shoot(page, 'console-demo.png');
    await verify(page, base, story);

    await page.goto(`${base}/console/inbox`);
    await page.getByText('Live: new messages appear here without reloading.').waitFor();
    await shoot(page, 'console-inbox.png');

    // The timeline with every message but the final CRes folded (as a tester would, by their
    // summaries), so all six messages, the RReq attempt and the resend button fit in one picture.
    await page.goto(`${base}/console/transactions/${story}`);
    for (const type of ['AReq', 'ARes', 'CReq', 'RReq', 'RRes']) {
      await page.getByText(`${type} message`, { exact: true }).click();
    }
    // The timeline panel at the top of the picture (strings: the project has no DOM types).
    await page.evaluate(
      "document.getElementById('timeline-heading').closest('section').scrollIntoView(); window.scrollBy(0, -12)",
    );
    await page.mouse.move(0, 0);
    await shoot(page, 'console-timeline.png');

    // The dashboard is not much taller than the window: the whole page, so the RReq
    // delivery failures below the recent transactions are in the picture too.
    await page.goto(`${base}/console`);
    await shoot(page, 'console-dashboard.png', { fullPage: true });
    await context.close();
  } finally {
    await browser.close();
    await running.close();
  }
}

async function shoot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<void> {
  const path = `${imagesDir}${name}`;
  await page.screenshot({ path, animations: 'disabled', caret: 'hide', fullPage: options.fullPage === true });
  process.stdout.write(`wrote ${path}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`screenshot-console: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
