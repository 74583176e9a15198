// Out-of-band challenge window: while the cardholder approves the purchase in the bank app,
// ask the ACS every 2 s whether an answer came, and when it did (or the challenge is over)
// submit the page's own form, exactly as the Continue button would. Loaded with `defer` from
// our own origin; with JavaScript off the Continue button does the same job.
//
// The form names the status path in data-poll. Each poll POSTs the form's hidden fields
// (the signed token) as a urlencoded form and expects JSON { "approved": bool, "done": bool }.

const intervalMs = 2000;
// Server trouble (429, 5xx, network) waits longer before the next try.
const backoffMs = 6000;
// The challenge expires well before this; after it, Continue is the way on.
const giveUpAfterMs = 15 * 60 * 1000;

const form = document.querySelector('form[data-poll]');
const statusPath = form instanceof HTMLFormElement ? form.dataset.poll : undefined;

/** Only a path on this origin is ever polled ("/x", never "//host" or "https://..."). */
function isSameOriginPath(path) {
  return typeof path === 'string' && path.startsWith('/') && !path.startsWith('//') && !path.includes('\\');
}

if (form instanceof HTMLFormElement && isSameOriginPath(statusPath)) {
  const startedAt = Date.now();
  let timer;
  let inFlight = false;
  let finished = false;

  const hiddenFields = () => {
    const fields = new URLSearchParams();
    for (const input of form.querySelectorAll('input[type="hidden"]')) {
      if (input instanceof HTMLInputElement && input.name !== '') fields.append(input.name, input.value);
    }
    return fields;
  };

  const stop = () => {
    finished = true;
    clearTimeout(timer);
  };

  // Move on once: disable the form's buttons so a late click cannot post it a second time.
  const moveOn = () => {
    if (finished) return;
    stop();
    for (const button of form.querySelectorAll('button')) {
      if (button instanceof HTMLButtonElement) button.disabled = true;
    }
    document.documentElement.classList.add('submitting');
    form.submit();
  };

  const schedule = (delayMs) => {
    if (finished) return;
    if (Date.now() - startedAt > giveUpAfterMs) {
      stop();
      return;
    }
    clearTimeout(timer);
    timer = setTimeout(poll, delayMs);
  };

  async function poll() {
    if (finished || inFlight) return;
    inFlight = true;
    clearTimeout(timer);
    let next = intervalMs;
    try {
      const response = await fetch(statusPath, {
        method: 'POST',
        body: hiddenFields(),
        headers: { Accept: 'application/json' },
        credentials: 'same-origin',
        cache: 'no-store',
        redirect: 'error',
      });
      if (response.ok) {
        const status = await response.json();
        if (
          status !== null &&
          typeof status === 'object' &&
          (status.approved === true || status.done === true)
        ) {
          moveOn();
          return;
        }
      } else if (response.status === 429 || response.status >= 500) {
        next = backoffMs;
      } else {
        // Any other refusal (expired token, unknown transaction) will not change by asking
        // again: leave the page as it is, and Continue shows the ACS's answer.
        stop();
        return;
      }
    } catch {
      next = backoffMs;
    } finally {
      inFlight = false;
    }
    schedule(next);
  }

  // The cardholder pressed Continue, Cancel, Resend or another method: the page is leaving,
  // so stop asking (a late answer must not post this form over theirs).
  for (const any of document.querySelectorAll('form')) any.addEventListener('submit', stop);

  // Back from the bank app (another tab or app): ask at once instead of waiting for the timer.
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') poll();
  });

  schedule(intervalMs);
}
