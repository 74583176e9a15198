/*
 * The app checkout's order: on "Pay in the app" the SDK makes its ephemeral P-256 key, its
 * sdkTransID and sdkEncData, and the app posts them with the order to the demo's 3DS Server
 * (JSON, with the session's CSRF token). The answer is the AReq sent (card number masked) and the
 * ARes, or the ACS's Erro, or a message per field (HTTP 400). A frictionless ARes ends the
 * checkout on its result; a C starts the challenge (challenge.js).
 */
import { runChallenge } from './challenge.js';
import { createEphemeralKeys, deviceDataJwe } from './jwe.js';
import { appPage } from './page.js';
import { drawEnd } from './screens.js';

/** The SDK's reference number (Table A.1: assigned by EMVCo to an SDK; at most 32 characters). */
const sdkReferenceNumber = 'ACS-SIM-BROWSER-SDK-0001';

/** EMV SDK device information (DV, DD, DPNA, SW), as much as a browser says of itself. */
function deviceData() {
  return {
    DV: '1.6',
    DD: { C001: 'Web', C005: navigator.language, C010: `${window.screen.width}x${window.screen.height}` },
    DPNA: {},
    SW: [],
  };
}

async function postOrder(url, body) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    credentials: 'same-origin',
    cache: 'no-store',
    redirect: 'error',
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json().catch(() => ({})) };
}

/** Runs one order (the form's values); false when the server refused the form (it stays editable). */
async function runOrder(page, sdkAppID, { order, enc }) {
  const shop = order.merchantName || 'Shop';
  const end = (options) => page.focusPhone(drawEnd(page.phoneScreen, { shop, ...options }));
  page.say('Making the SDK key and sending the AReq…');
  const keys = await createEphemeralKeys();
  const sdk = {
    sdkAppID,
    sdkTransID: crypto.randomUUID(),
    sdkReferenceNumber,
    sdkMaxTimeout: '05',
    sdkEphemPubKey: keys.publicJwk,
    sdkEncData: await deviceDataJwe(deviceData()),
  };
  const { status, body } = await postOrder(page.areqUrl, { ...order, ...sdk });
  if (status === 400 && body.fields) {
    page.showErrors(body.fields);
    page.say('The order was not sent.');
    return false;
  }
  if (status !== 200) throw new Error(body.message ?? `the demo 3DS Server answered HTTP ${status}`);
  page.logMessage({
    kind: 'AReq',
    title: 'AReq',
    meta: 'app → 3DS Server → ACS (card number masked)',
    message: body.areq,
  });
  if (body.kind === 'erro') {
    page.logMessage({ kind: 'Erro', title: 'Erro', meta: 'ACS → 3DS Server', message: body.erro });
    end({
      title: 'The ACS answered with an Erro',
      tone: 'bad',
      lines: [`Erro ${body.erro.errorCode}: ${body.erro.errorDescription}`],
    });
    page.say(`Erro ${body.erro.errorCode}.`);
    return true;
  }
  const ares = body.ares;
  page.logMessage({ kind: 'ARes', title: 'ARes', meta: 'ACS → 3DS Server → app', message: ares });
  if (ares.transStatus !== 'C') {
    end({
      title: 'No challenge (frictionless)',
      transStatus: ares.transStatus,
      tone: ares.transStatus === 'Y' || ares.transStatus === 'A' ? 'ok' : 'bad',
      lines: ares.transStatusReason ? [`transStatusReason ${ares.transStatusReason}`] : [],
      href: body.transactionHref,
    });
    page.say(`Frictionless: transStatus ${ares.transStatus}.`);
    return true;
  }
  await runChallenge({ page, ares, keys, sdk, enc, shop, href: body.transactionHref });
  return true;
}

/** Wires the app checkout page (#app-checkout). */
export function startAppCheckout(root) {
  const page = appPage(root);
  // One app installation per page load (sdkAppID, Table A.1: a UUID per installation).
  const sdkAppID = globalThis.crypto?.randomUUID?.();
  page.form.addEventListener('submit', async (event) => {
    event.preventDefault();
    page.clearErrors();
    if (!globalThis.crypto?.subtle || sdkAppID === undefined) {
      page.showErrors({ sdk: 'This page needs WebCrypto: open the console over https or on localhost.' });
      return;
    }
    // Read before the lock: FormData leaves disabled controls out.
    const values = page.formValues();
    page.clearMessages();
    page.lockForm(true);
    let ran = true;
    try {
      ran = await runOrder(page, sdkAppID, values);
    } catch (error) {
      drawEnd(page.phoneScreen, {
        shop: 'Shop',
        title: 'The checkout stopped',
        tone: 'bad',
        lines: [error.message],
      });
      page.say(`The checkout stopped: ${error.message}`);
    }
    if (!ran) page.lockForm(false);
  });
  // The idle phone shows the shop's name as typed.
  const shopName = root.querySelector('.phone-shop');
  page.form.elements.namedItem('merchantName')?.addEventListener('input', (event) => {
    if (shopName) shopName.textContent = event.target.value.trim() || 'Shop';
  });
  // A new order: the form again, the phone idle, the list empty.
  page.form.addEventListener('reset', () => window.location.reload());
}
