/**
 * A merchant's checkout for browser tests, on its own origin (http://localhost:<port>, while
 * the ACS answers on http://127.0.0.1:<port>), so the challenge really runs in a cross-site
 * iframe. Its server side plays the 3DS Requestor: it sends the AReq, builds the CReq and
 * serves a page whose form posts `creq` + `threeDSSessionData` into the iframe (by script,
 * or by a visible button when JavaScript is off). Its notificationURL records the final CRes
 * and shows a "done" page inside the iframe.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer, request as httpsRequest } from 'node:https';
import type { AddressInfo } from 'node:net';
import { type WindowSize, windowSizes } from '../../src/domain/challenge.ts';
import type { MessageVersion } from '../../src/protocol/version.ts';
import { windowDimensions } from '../../views/common/window-size.ts';
import { validAReq } from '../support/areq-fixtures.ts';

/** The challenge-sms test card (README.md, test cards). */
export const challengeSmsPan = '4000000000001000';

/** One checkout the merchant started: what it sent and what the ACS answered. */
export type Checkout = {
  order: number;
  windowSize: WindowSize;
  areq: Record<string, unknown>;
  ares: Record<string, unknown>;
  acsTransID: string;
  threeDSSessionData: string;
  notificationURL: string;
};

/** One POST the notificationURL received. */
export type Notification = {
  /** The `order` query parameter, proving the notificationURL was used exactly as given. */
  order: string | null;
  cres: string | undefined;
  threeDSSessionData: string | undefined;
  /** The CRes decoded from base64url JSON, if it decoded. */
  decodedCRes: Record<string, unknown> | undefined;
};

/** A running merchant site. */
export type MerchantSite = {
  /** e.g. http://localhost:41235 */
  origin: string;
  /** The checkout page that frames a challenge of the given window size. */
  checkoutURL(windowSize: WindowSize): string;
  checkouts: Checkout[];
  notifications: Notification[];
  /** Resolves with the notification for `order` once it has arrived (rejects after `ms`). */
  waitForNotification(order: number, ms?: number): Promise<Notification>;
  close(): Promise<void>;
};

/** Where the merchant's server sends AReqs and RReqs go, and which card it pays with. */
export type MerchantSiteOptions = {
  /** The ACS's base URL; the AReq goes to `${acsBaseURL}/3ds/areq`. */
  acsBaseURL: string;
  /** The AReq's threeDSServerURL (the 3DS Server double's /rreq). */
  threeDSServerURL: string;
  pan?: string;
  version?: MessageVersion;
  /** The AReq's notificationURL, used as given, instead of the merchant's own /3ds/notify. */
  notificationURL?: string;
  /** Serve the checkout over HTTPS with this certificate and key (PEM): https://localhost:<port>. */
  tls?: { certificatePem: string; keyPem: string };
  /** The CA (PEM) the merchant's server trusts when the ACS is on https. */
  acsCa?: string;
};

/** POSTs the AReq; over https it trusts only `ca` (the ACS's sandbox CA). */
async function postAReq(
  url: string,
  areq: unknown,
  ca: string | undefined,
): Promise<Record<string, unknown>> {
  const body = JSON.stringify(areq);
  if (ca === undefined) {
    const answer = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    return (await answer.json()) as Record<string, unknown>;
  }
  const text = await new Promise<string>((resolve, reject) => {
    const req = httpsRequest(
      url,
      { method: 'POST', ca, headers: { 'content-type': 'application/json' } },
      (res) => {
        let received = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          received += chunk;
        });
        res.on('end', () => resolve(received));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
  return JSON.parse(text) as Record<string, unknown>;
}

/** Starts the merchant on 127.0.0.1 with a free port, addressed as http://localhost:<port>. */
export async function startMerchantSite(options: MerchantSiteOptions): Promise<MerchantSite> {
  const checkouts: Checkout[] = [];
  const notifications: Notification[] = [];
  let nextOrder = 1001;
  let origin = '';

  async function checkout(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const size = url.searchParams.get('size') ?? '05';
    if (!isWindowSize(size)) return sendHtml(res, 400, page('Bad request', '<p>Unknown window size.</p>'));
    const order = nextOrder++;
    const notificationURL = options.notificationURL ?? `${origin}/3ds/notify?order=${order}`;
    const areq = validAReq({
      version: options.version ?? '2.2.0',
      channel: '02',
      acctNumber: options.pan ?? challengeSmsPan,
      overrides: {
        threeDSServerURL: options.threeDSServerURL,
        notificationURL,
        // What a real 3DS Requestor reads from the cardholder's own request.
        ...(req.headers['user-agent'] ? { browserUserAgent: req.headers['user-agent'] } : {}),
        ...(req.headers.accept ? { browserAcceptHeader: req.headers.accept } : {}),
      },
    });
    const ares = await postAReq(`${options.acsBaseURL}/3ds/areq`, areq, options.acsCa);
    if (ares.transStatus !== 'C' || typeof ares.acsURL !== 'string' || typeof ares.acsTransID !== 'string') {
      const what = `${String(ares.messageType)} ${String(ares.transStatus ?? ares.errorCode)}`;
      return sendHtml(res, 502, page('Checkout failed', `<p>The ACS answered ${escapeHtml(what)}.</p>`));
    }
    const threeDSSessionData = Buffer.from(`order=${order};session=${randomUUID()}`).toString('base64url');
    checkouts.push({
      order,
      windowSize: size,
      areq,
      ares,
      acsTransID: ares.acsTransID,
      threeDSSessionData,
      notificationURL,
    });
    const creq = {
      messageType: 'CReq',
      messageVersion: areq.messageVersion,
      threeDSServerTransID: areq.threeDSServerTransID,
      acsTransID: ares.acsTransID,
      challengeWindowSize: size,
    };
    sendHtml(
      res,
      200,
      checkoutPage({
        order,
        windowSize: size,
        acsURL: ares.acsURL,
        creq: Buffer.from(JSON.stringify(creq)).toString('base64url'),
        threeDSSessionData,
      }),
    );
  }

  async function notify(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const form = new URLSearchParams(await readBody(req));
    const cres = form.get('cres') ?? undefined;
    const notification: Notification = {
      order: url.searchParams.get('order'),
      cres,
      threeDSSessionData: form.get('threeDSSessionData') ?? undefined,
      decodedCRes: decodeCRes(cres),
    };
    notifications.push(notification);
    const status = String(notification.decodedCRes?.transStatus ?? 'unknown');
    const title = status === 'Y' ? 'Payment authenticated' : 'Payment not authenticated';
    sendHtml(
      res,
      200,
      page(
        title,
        `<p id="result" data-trans-status="${escapeHtml(status)}">transStatus ${escapeHtml(status)}</p>`,
      ),
    );
  }

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', origin);
    let handled: Promise<void>;
    if (req.method === 'GET' && url.pathname === '/checkout') handled = checkout(req, res, url);
    else if (req.method === 'POST' && url.pathname === '/3ds/notify') handled = notify(req, res, url);
    else handled = Promise.resolve(sendHtml(res, 404, page('Not found', '')));
    handled.catch((error: unknown) => {
      if (!res.headersSent) sendHtml(res, 500, page('Error', escapeHtml(String(error))));
    });
  };
  const tls = options.tls;
  const server: Server =
    tls === undefined
      ? createServer(handle)
      : createHttpsServer({ cert: tls.certificatePem, key: tls.keyPem }, handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  // `localhost` here and `127.0.0.1` for the ACS: different sites, so the frame is cross-site.
  origin = `${tls === undefined ? 'http' : 'https'}://localhost:${(server.address() as AddressInfo).port}`;

  return {
    origin,
    checkoutURL: (windowSize) => `${origin}/checkout?size=${windowSize}`,
    checkouts,
    notifications,
    async waitForNotification(order, ms = 10_000) {
      const until = Date.now() + ms;
      for (;;) {
        const found = notifications.find((n) => n.order === String(order));
        if (found !== undefined) return found;
        if (Date.now() > until) throw new Error(`no notification for order ${order} within ${ms} ms`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function isWindowSize(value: string): value is WindowSize {
  return (windowSizes as readonly string[]).includes(value);
}

function decodeCRes(cres: string | undefined): Record<string, unknown> | undefined {
  if (cres === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(cres, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

type CheckoutPageModel = {
  order: number;
  windowSize: WindowSize;
  acsURL: string;
  creq: string;
  threeDSSessionData: string;
};

/**
 * The checkout page: an iframe of the requested size and a form that targets it. The inline
 * script posts the CReq at once; without JavaScript the <noscript> button does it (and a
 * full-page frame then leaves room above itself for that button).
 */
function checkoutPage(model: CheckoutPageModel): string {
  const frameStyle =
    model.windowSize === '05'
      ? 'position:fixed;inset:0;width:100%;height:100%'
      : `width:${windowDimensions[model.windowSize].width}px;height:${windowDimensions[model.windowSize].height}px;margin:0 16px;box-shadow:0 1px 6px rgba(0,0,0,.25)`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Example Shop – checkout</title>
<style>
body { margin: 0; font-family: sans-serif; background: #f4f1ea; }
header { padding: 12px 16px; }
h1 { margin: 0 0 4px; font-size: 20px; }
form { padding: 0 16px 12px; }
iframe { display: block; border: 0; background: #fff; ${frameStyle}; }
</style>
<noscript><style>
body.full-page { display: flex; flex-direction: column; height: 100vh; }
body.full-page iframe { position: static; flex: 1; height: auto; }
</style></noscript>
</head>
<body class="${model.windowSize === '05' ? 'full-page' : 'framed'}">
<header><h1>Example Shop</h1><p>Order ${model.order}: your bank will now confirm the payment.</p></header>
<form id="creq-form" method="post" action="${escapeHtml(model.acsURL)}" target="challenge">
<input type="hidden" name="creq" value="${escapeHtml(model.creq)}">
<input type="hidden" name="threeDSSessionData" value="${escapeHtml(model.threeDSSessionData)}">
<noscript><button type="submit">Continue to your bank</button></noscript>
</form>
<iframe name="challenge" title="Payment verification by your bank"></iframe>
<script>document.getElementById('creq-form').submit();</script>
</body>
</html>
`;
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>
<body><h1>${escapeHtml(title)}</h1>${body}</body></html>
`;
}

function sendHtml(res: ServerResponse, status: number, html: string): void {
  res
    .writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' })
    .end(html);
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

function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;');
}
