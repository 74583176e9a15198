// The demo merchant's notification page, shown inside the challenge iframe: tell the checkout
// page around it (this same origin only) that the challenge is over, so it shows the result.
// Without JavaScript, or when the page is not framed, the "Show the result" link does it.
const notice = document.getElementById('demo-notify');
if (notice instanceof HTMLElement && window.parent !== window) {
  window.parent.postMessage(
    { type: 'acs-demo:challenge-finished', acsTransID: notice.dataset.acsTransId },
    window.location.origin,
  );
}
