// Demo merchant (console): what a 3DS Requestor's page script does.
// - Checkout: measures the browser (screen, colour depth, time zone, language) into the hidden
//   fields the AReq's browser data elements need, as a requestor's page would.
// - Order page: posts the first CReq into the challenge iframe at once (the visible button does
//   it without JavaScript); shows the result when the notification page inside the frame says
//   the challenge is over (a message from this very origin and frame only); and, while the
//   transaction is still open, asks the server every few seconds whether it has ended.

const statusIntervalMs = 3000;

function setField(form, name, value) {
  const input = form.elements.namedItem(name);
  if (input instanceof HTMLInputElement) input.value = String(value);
}

const checkout = document.querySelector('form[action="/console/demo"]');
if (checkout instanceof HTMLFormElement) {
  setField(checkout, 'browserJavascriptEnabled', 'true');
  setField(
    checkout,
    'browserColorDepth',
    [1, 4, 8, 15, 16, 24, 32, 48].includes(screen.colorDepth) ? screen.colorDepth : 24,
  );
  setField(checkout, 'browserScreenHeight', Math.round(screen.height));
  setField(checkout, 'browserScreenWidth', Math.round(screen.width));
  setField(checkout, 'browserTZ', new Date().getTimezoneOffset());
  setField(checkout, 'browserLanguage', navigator.language.length <= 8 ? navigator.language : '');
}

const order = document.getElementById('demo-order');
if (order instanceof HTMLElement) {
  const statusUrl = order.dataset.statusUrl;
  const orderUrl = typeof statusUrl === 'string' ? statusUrl.replace(/\/status$/, '') : undefined;
  const isSameOriginPath = (path) =>
    typeof path === 'string' && path.startsWith('/') && !path.startsWith('//');

  const creqForm = document.getElementById('demo-creq-form');
  const frame = document.getElementById('demo-challenge');
  if (creqForm instanceof HTMLFormElement && creqForm.dataset.submitted === undefined) {
    creqForm.addEventListener('submit', () => {
      creqForm.dataset.submitted = '';
    });
    creqForm.dataset.submitted = '';
    creqForm.submit();
  }

  window.addEventListener('message', (event) => {
    if (event.origin !== window.location.origin) return;
    if (!(frame instanceof HTMLIFrameElement) || event.source !== frame.contentWindow) return;
    const data = event.data;
    if (typeof data !== 'object' || data === null || data.type !== 'acs-demo:challenge-finished') return;
    if (isSameOriginPath(orderUrl)) window.location.replace(orderUrl);
  });

  if (order.dataset.stage !== 'final' && isSameOriginPath(statusUrl) && isSameOriginPath(orderUrl)) {
    let inFlight = false;
    setInterval(async () => {
      if (inFlight || document.visibilityState !== 'visible') return;
      inFlight = true;
      try {
        const response = await fetch(statusUrl, {
          headers: { Accept: 'application/json' },
          credentials: 'same-origin',
          cache: 'no-store',
          redirect: 'error',
        });
        if (!response.ok) return;
        const status = await response.json();
        if (status.state === 'final') window.location.replace(orderUrl);
      } catch {
        // Offline or the server restarting: try again on the next tick.
      } finally {
        inFlight = false;
      }
    }, statusIntervalMs);
  }
}
