/*
 * The demo merchant's app checkout (/console/demo/app): this page plays a shopping app and its
 * 3DS SDK. The work is in the ES modules under /static/app-sdk/ (checkout.js first), loaded with
 * import() because the console's pages load classic scripts; the console's CSP (script-src
 * 'self') allows them as it allows this file.
 */
(() => {
  const root = document.getElementById('app-checkout');
  if (!root) return;
  import('/static/app-sdk/checkout.js')
    .then((checkout) => checkout.startAppCheckout(root))
    .catch((error) => {
      const status = document.getElementById('app-status');
      if (status) status.textContent = `The app checkout could not start: ${error.message}`;
    });
})();
