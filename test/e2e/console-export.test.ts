/**
 * The console's "Export JSON" button in real Chromium (issue 10): an operator logs in, opens the
 * page of a finished challenge whose card rehearses a requestor fault, sees the fault entry in
 * the timeline, clicks the button, and the browser saves a file that holds the transaction's
 * exchange document (src/flows/admin/exchange-export.ts): the format marker, the acsTransID, the
 * messages in order with the fault's entry among them, and no full card number.
 */
import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOperator } from '../../src/flows/console/operators.ts';
import { launchChromium } from '../support/browser.ts';
import {
  latestCode,
  openWindow,
  postAction,
  startChallengeAuthentication,
} from '../support/challenge-driver.ts';
import { startThreeDSServerDouble, type ThreeDSServerDouble } from '../support/three-ds-server-double.ts';
import { type ListeningAcs, startListeningAcs } from './listening-acs.ts';

/** The seeded challenge-sms card with the cres-unknown-version fault (data/test-cards.json). */
const faultPan = '4000000000004087';
const operator = { username: 'export.tester', password: 'correct horse battery staple' } as const;

let browser: Browser;
let acs: ListeningAcs;
let threeDSServer: ThreeDSServerDouble;

beforeAll(async () => {
  threeDSServer = await startThreeDSServerDouble();
  acs = await startListeningAcs({ ACS_RREQ_RETRY_DELAY_MS: '20', ACS_RREQ_TIMEOUT_MS: '2000' });
  await createOperator(acs.acs.deps, operator);
  browser = await launchChromium();
}, 30_000);

afterAll(async () => {
  await browser?.close();
  await acs?.close();
  await threeDSServer?.close();
});

/** A finished SMS challenge of the fault card, driven over HTTP; returns its acsTransID. */
async function finishedFaultChallenge(): Promise<string> {
  const started = await startChallengeAuthentication(acs.acs, {
    pan: faultPan,
    threeDSServerURL: threeDSServer.rreqURL,
  });
  const challenge = await openWindow(acs.acs, started);
  const res = await postAction(acs.acs, challenge, 'submit', {
    code: await latestCode(acs.acs, challenge.acsTransID),
  });
  expect(res.status).toBe(200);
  return challenge.acsTransID;
}

describe('console export in Chromium', { timeout: 60_000 }, () => {
  it('downloads the exchange of a fault card’s transaction as a JSON file', async () => {
    const acsTransID = await finishedFaultChallenge();
    const context: BrowserContext = await browser.newContext({ acceptDownloads: true, locale: 'en-GB' });
    try {
      context.setDefaultTimeout(10_000);
      const page = await context.newPage();
      const pagePath = `/console/transactions/${acsTransID}`;
      await page.goto(`${acs.baseURL}${pagePath}`);
      expect(page.url()).toBe(`${acs.baseURL}/console/login?next=${encodeURIComponent(pagePath)}`);
      await page.getByLabel('Username').fill(operator.username);
      await page.getByLabel('Password').fill(operator.password);
      await Promise.all([
        page.waitForURL(`${acs.baseURL}${pagePath}`),
        page.getByRole('button', { name: 'Log in' }).click(),
      ]);

      // The fault's entry stands in the timeline apart from the messages.
      await expect(
        page.locator('ol.timeline > li.event-fault .event-head > strong').allTextContents(),
      ).resolves.toEqual(['Fault (rehearsal)']);

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: 'Export JSON' }).click(),
      ]);
      expect(download.suggestedFilename()).toBe(`acs-exchange-${acsTransID}.json`);
      const text = await readFile(await download.path(), 'utf8');
      const document = JSON.parse(text) as {
        format: string;
        transaction: { acsTransID: string; fault: string; maskedPan: string };
        messages: { messageType: string; direction: string; offsetMs: number }[];
      };
      expect(document.format).toBe('acs-exchange');
      expect(document.transaction).toMatchObject({
        acsTransID,
        fault: 'cres-unknown-version',
        maskedPan: '400000******4087',
      });
      expect(document.messages.map((m) => `${m.direction} ${m.messageType}`)).toEqual([
        'in AReq',
        'out ARes',
        'in CReq',
        'out Fault',
        'out CRes',
        'out RReq',
        'in RRes',
      ]);
      const offsets = document.messages.map((m) => m.offsetMs);
      expect(offsets).toEqual([...offsets].sort((a, b) => a - b));
      expect(text).not.toContain(faultPan);
      // The page stays where it was: a download, not a navigation.
      expect(page.url()).toBe(`${acs.baseURL}${pagePath}`);
    } finally {
      await context.close();
    }
  });
});
