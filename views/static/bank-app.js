// Sandbox bank app: keep the list of requests current without a reload, so a request appears
// a moment after the purchase starts, as a push notification would. Every 3 s, while the page
// is visible and the tester is not pointing at or focused in the list, fetch the page again
// from our own origin and swap in its list if it changed. Answering needs no script: Approve
// and Deny are plain forms, and the Refresh link does this by hand.

const intervalMs = 3000;
const listId = 'approvals';

/** Only a path on this origin is ever fetched ("/x", never "//host" or "https://..."). */
function isSameOriginPath(path) {
  return typeof path === 'string' && path.startsWith('/') && !path.startsWith('//') && !path.includes('\\');
}

const first = document.getElementById(listId);
const refreshPath = first instanceof HTMLElement ? first.dataset.refresh : undefined;

if (first instanceof HTMLElement && isSameOriginPath(refreshPath)) {
  let inFlight = false;
  let leaving = false;

  // An answer is being posted: the page is about to change anyway.
  document.addEventListener('submit', () => {
    leaving = true;
  });

  // Never move the list under the tester's hand: a new request would push the buttons down.
  const inUse = (list) =>
    list.matches(':hover') || (document.activeElement !== null && list.contains(document.activeElement));

  async function refresh() {
    const shown = document.getElementById(listId);
    if (inFlight || leaving || document.visibilityState !== 'visible' || shown === null || inUse(shown))
      return;
    inFlight = true;
    try {
      const response = await fetch(refreshPath, {
        headers: { Accept: 'text/html' },
        credentials: 'same-origin',
        cache: 'no-store',
        redirect: 'error',
      });
      if (!response.ok) return;
      const fresh = new DOMParser()
        .parseFromString(await response.text(), 'text/html')
        .getElementById(listId);
      if (fresh !== null && !leaving && !inUse(shown) && fresh.innerHTML !== shown.innerHTML) {
        shown.replaceWith(document.importNode(fresh, true));
      }
    } catch {
      // Offline or the server restarting: try again on the next tick.
    } finally {
      inFlight = false;
    }
  }

  setInterval(refresh, intervalMs);
  document.addEventListener('visibilitychange', refresh);
}
