/**
 * The challenge window as real integrations frame it (issue 12, item 8), in Chromium. Some
 * requestors' browser libraries frame challengeWindowSize 01-04 as height x width: 01 as
 * 400x250 instead of 250x400, 03 as 600x500 instead of 500x600. A merchant page on another
 * loopback origin frames the window at such sizes; the code field, Verify and Cancel must be
 * inside the frame's viewport without scrolling, the page must log no console error or warning
 * (an `autofocus` in a cross-origin frame is refused and reported), and the final auto-post
 * must reach the notificationURL with the ACS's origin (and no path), not `Origin: null`.
 * The security question's window (challenge-kba: five checkboxes instead of the code field)
 * must fit the same frames, every checkbox in view.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, ConsoleMessage, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WindowSize } from '../../src/domain/challenge.ts';
import { validAReq } from '../support/areq-fixtures.ts';
import { launchChromium } from '../support/browser.ts';
import { checkFinalCRes } from '../support/message-rules/check-final-cres.ts';
import { startThreeDSServerDouble, type ThreeDSServerDouble } from '../support/three-ds-server-double.ts';
import { codeLabel, readSmsCode } from './harness.ts';
import { type ListeningAcs, startListeningAcs } from './listening-acs.ts';

/** The challenge-sms test card (README.md, test cards). */
const challengeSmsPan = '4000000000001000';

/** The challenge-kba test card, and its right set (src/flows/challenge/kba-question.ts). */
const challengeKbaPan = '4000000000001604';
const kbaRightLabels = ['Riverside Books', 'Metro Cinema'];

/** A frame as a requestor sized it, and the window size its CReq declared. */
type Framing = { windowSize: WindowSize; width: number; height: number };

/** What one checkout sent and got back. */
type Checkout = { order: number; areq: Record<string, unknown>; ares: Record<string, unknown> };

/** One POST to the notificationURL, with the headers that tell who sent it. */
type Notification = {
  order: string | null;
  origin: string | undefined;
  referer: string | undefined;
  cres: Record<string, unknown> | undefined;
  threeDSSessionData: string | null;
};

/** A merchant checkout on its own origin that frames the challenge at any size. */
type Merchant = {
  origin: string;
  checkoutURL(framing: Framing, pan?: string): string;
  checkouts: Map<number, Checkout>;
  notifications: Notification[];
  close(): Promise<void>;
};

/** Where the framed document's essentials are, measured inside the frame. */
type Layout = {
  innerWidth: number;
  innerHeight: number;
  scrollX: number;
  scrollY: number;
  boxes: Record<
    'code' | 'verify' | 'cancel',
    { top: number; bottom: number; left: number; right: number } | null
  >;
};

/**
 * Evaluated in the challenge frame (a string: the project's TypeScript has no DOM types); the
 * answer's box is the code field's, or the security question's whole set of checkboxes.
 */
const layoutScript = (answerSelector = '#code') => `(() => {
  const box = (element) => {
    if (!element) return null;
    const r = element.getBoundingClientRect();
    return { top: r.top, bottom: r.bottom, left: r.left, right: r.right };
  };
  return {
    innerWidth: window.innerWidth,
    innerHeight: window.innerHeight,
    scrollX: window.scrollX,
    scrollY: window.scrollY,
    boxes: {
      code: box(document.querySelector('${answerSelector}')),
      verify: box(document.querySelector('form.verify button.primary')),
      cancel: box(document.querySelector('button[form="cancel-form"]')),
    },
  };
})()`;

let acs: ListeningAcs;
let threeDSServer: ThreeDSServerDouble;
let merchant: Merchant;
let browser: Browser;

beforeAll(async () => {
  threeDSServer = await startThreeDSServerDouble();
  acs = await startListeningAcs({ ACS_RREQ_RETRY_DELAY_MS: '20', ACS_RREQ_TIMEOUT_MS: '2000' });
  merchant = await startMerchant(acs.baseURL, threeDSServer.rreqURL);
  browser = await launchChromium();
}, 30_000);

afterAll(async () => {
  await browser?.close();
  await merchant?.close();
  await threeDSServer?.close();
  await acs?.close();
});

/** The five framings: the declared sizes as some libraries turn them, and a square small one. */
const framings: Framing[] = [
  { windowSize: '01', width: 400, height: 250 },
  { windowSize: '03', width: 600, height: 500 },
  { windowSize: '02', width: 400, height: 390 },
  { windowSize: '04', width: 400, height: 600 },
  { windowSize: '01', width: 250, height: 250 },
];

describe('the challenge window in the frames real integrations use', { timeout: 60_000 }, () => {
  it.each<Framing>(framings)(
    'size $windowSize framed at $width x $height: code, Verify and Cancel in view, a quiet console, the ACS origin on the CRes',
    async (framing) => {
      const context = await browser.newContext({ viewport: { width: 1024, height: 768 }, locale: 'en-GB' });
      const noise: string[] = [];
      try {
        const page = await context.newPage();
        listenForNoise(page, noise);
        const response = await page.goto(merchant.checkoutURL(framing));
        expect(response?.status()).toBe(200);
        const order = Number(await page.locator('#order').textContent());
        const checkout = merchant.checkouts.get(order);
        if (checkout === undefined) throw new Error(`no checkout ${order}`);

        const frame = page.frameLocator('iframe[name="challenge"]');
        const codeField = frame.getByLabel(codeLabel);
        await codeField.waitFor({ state: 'visible' });
        const challengeFrame = frameOf(page);
        expect(new URL(challengeFrame.url()).origin).toBe(acs.baseURL);
        expect(new URL(page.url()).origin).toBe(merchant.origin);

        const layout = await challengeFrame.evaluate<Layout>(layoutScript());
        expect({ width: layout.innerWidth, height: layout.innerHeight }).toEqual({
          width: framing.width,
          height: framing.height,
        });
        expect({ scrollX: layout.scrollX, scrollY: layout.scrollY }).toEqual({ scrollX: 0, scrollY: 0 });
        for (const [name, box] of Object.entries(layout.boxes)) {
          expect({ name, box: box !== null }).toEqual({ name, box: true });
          if (box === null) continue;
          const inView =
            box.top >= 0 && box.left >= 0 && box.bottom <= framing.height && box.right <= framing.width;
          expect({ name, box, inView }).toEqual({ name, box, inView: true });
        }

        const code = await readSmsCode(acs.baseURL, String(checkout.ares.acsTransID));
        await codeField.pressSequentially(code);
        await frame.getByRole('button', { name: 'Verify', exact: true }).click();
        const notification = await waitForNotification(order);
        await frame.getByRole('heading', { name: 'Payment authenticated' }).waitFor();

        // The ACS's origin and nothing more: never Origin: null, never a path with the acsTransID.
        expect(notification.origin).toBe(acs.baseURL);
        expect(notification.referer).toBe(`${acs.baseURL}/`);
        expect(notification.cres?.transStatus).toBe('Y');
        expect(checkFinalCRes(notification.cres, { areq: checkout.areq, ares: checkout.ares })).toEqual([]);
        expect(noise).toEqual([]);
      } finally {
        await context.close();
      }
    },
  );
});

describe('the security question window in the same frames', { timeout: 60_000 }, () => {
  it.each<Framing>(framings)(
    'size $windowSize framed at $width x $height: every checkbox, Verify and Cancel in view; the right set completes it',
    async (framing) => {
      const context = await browser.newContext({ viewport: { width: 1024, height: 768 }, locale: 'en-GB' });
      const noise: string[] = [];
      try {
        const page = await context.newPage();
        listenForNoise(page, noise);
        const response = await page.goto(merchant.checkoutURL(framing, challengeKbaPan));
        expect(response?.status()).toBe(200);
        const order = Number(await page.locator('#order').textContent());
        const frame = page.frameLocator('iframe[name="challenge"]');
        await frame.getByRole('checkbox', { name: 'Metro Cinema' }).waitFor({ state: 'visible' });

        const layout = await frameOf(page).evaluate<Layout>(layoutScript('fieldset.kba'));
        expect({ scrollX: layout.scrollX, scrollY: layout.scrollY }).toEqual({ scrollX: 0, scrollY: 0 });
        for (const [name, box] of Object.entries(layout.boxes)) {
          expect({ name, box: box !== null }).toEqual({ name, box: true });
          if (box === null) continue;
          const inView =
            box.top >= 0 && box.left >= 0 && box.bottom <= framing.height && box.right <= framing.width;
          expect({ name, box, inView }).toEqual({ name, box, inView: true });
        }

        for (const label of kbaRightLabels) await frame.getByRole('checkbox', { name: label }).check();
        await frame.getByRole('button', { name: 'Verify', exact: true }).click();
        const notification = await waitForNotification(order);
        expect(notification.cres?.transStatus).toBe('Y');
        expect(noise).toEqual([]);
      } finally {
        await context.close();
      }
    },
  );
});

/** Records every console error or warning and every uncaught exception, from any frame. */
function listenForNoise(page: Page, noise: string[]): void {
  page.on('console', (message: ConsoleMessage) => {
    if (message.type() === 'error' || message.type() === 'warning') {
      noise.push(`${message.type()}: ${message.text()} (${message.location().url})`);
    }
  });
  page.on('pageerror', (error) => noise.push(`pageerror: ${error.message}`));
}

function frameOf(page: Page): Frame {
  const frame = page.frame({ name: 'challenge' });
  if (frame === null) throw new Error('the checkout page has no challenge iframe');
  return frame;
}

async function waitForNotification(order: number, ms = 10_000): Promise<Notification> {
  const until = Date.now() + ms;
  for (;;) {
    const found = merchant.notifications.find((n) => n.order === String(order));
    if (found !== undefined) return found;
    if (Date.now() > until) throw new Error(`no notification for order ${order} within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * The merchant: its server sends the AReq (2.2.0, browser, the challenge-sms card unless the
 * checkout names another), and its page frames the challenge at the requested size and posts the
 * CReq into it. It answers on
 * http://localhost:<port> while the ACS answers on http://127.0.0.1:<port>: another site.
 */
async function startMerchant(acsBaseURL: string, threeDSServerURL: string): Promise<Merchant> {
  const checkouts = new Map<number, Checkout>();
  const notifications: Notification[] = [];
  let nextOrder = 5001;
  let origin = '';

  async function checkoutPage(req: IncomingMessage, url: URL): Promise<string> {
    const windowSize = url.searchParams.get('size') ?? '01';
    const pan = url.searchParams.get('pan') ?? challengeSmsPan;
    const width = Number(url.searchParams.get('w'));
    const height = Number(url.searchParams.get('h'));
    const order = nextOrder++;
    const areq = validAReq({
      version: '2.2.0',
      channel: '02',
      acctNumber: pan,
      overrides: {
        threeDSServerURL,
        notificationURL: `${origin}/3ds/notify?order=${order}`,
        ...(req.headers['user-agent'] ? { browserUserAgent: req.headers['user-agent'] } : {}),
      },
    });
    const answer = await fetch(`${acsBaseURL}/3ds/areq`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(areq),
    });
    const ares = (await answer.json()) as Record<string, unknown>;
    if (ares.transStatus !== 'C') throw new Error(`the ACS answered ${JSON.stringify(ares)}`);
    checkouts.set(order, { order, areq, ares });
    const creq = Buffer.from(
      JSON.stringify({
        messageType: 'CReq',
        messageVersion: '2.2.0',
        threeDSServerTransID: areq.threeDSServerTransID,
        acsTransID: ares.acsTransID,
        challengeWindowSize: windowSize,
      }),
    ).toString('base64url');
    return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Checkout</title><link rel="icon" href="data:,">
<style>body { margin: 0; } iframe { display: block; border: 0; width: ${width}px; height: ${height}px; }</style>
</head>
<body>
<p>Order <span id="order">${order}</span></p>
<form id="creq-form" method="post" action="${String(ares.acsURL)}" target="challenge">
<input type="hidden" name="creq" value="${creq}">
<input type="hidden" name="threeDSSessionData" value="${Buffer.from(randomUUID()).toString('base64url')}">
</form>
<iframe name="challenge" title="Payment verification by your bank"></iframe>
<script>document.getElementById('creq-form').submit();</script>
</body>
</html>
`;
  }

  async function notify(req: IncomingMessage, url: URL): Promise<string> {
    const form = new URLSearchParams(await readBody(req));
    const cres = form.get('cres');
    notifications.push({
      order: url.searchParams.get('order'),
      origin: header(req.headers, 'origin'),
      referer: header(req.headers, 'referer'),
      cres:
        cres === null
          ? undefined
          : (JSON.parse(Buffer.from(cres, 'base64url').toString('utf8')) as Record<string, unknown>),
      threeDSSessionData: form.get('threeDSSessionData'),
    });
    return '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Done</title></head><body><h1>Payment authenticated</h1></body></html>';
  }

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', origin);
    const handle =
      req.method === 'GET' && url.pathname === '/checkout'
        ? checkoutPage(req, url)
        : req.method === 'POST' && url.pathname === '/3ds/notify'
          ? notify(req, url)
          : undefined;
    if (handle === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    handle.then(
      (html) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html),
      (error: unknown) => res.writeHead(500, { 'content-type': 'text/plain' }).end(String(error)),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://localhost:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    checkoutURL: (framing, pan = challengeSmsPan) =>
      `${origin}/checkout?size=${framing.windowSize}&w=${framing.width}&h=${framing.height}&pan=${pan}`,
    checkouts,
    notifications,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
      if (body.length > 65_536) req.destroy(new Error('body too large'));
    });
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });
}
