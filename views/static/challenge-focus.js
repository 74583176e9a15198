// Puts the cursor in the challenge window's first field (or on Continue) where a page may take
// focus by itself: a top-level window, or a frame of the same origin (the console's demo).
// In a cross-origin frame, which is where real 3DS Requestors show this page, browsers refuse
// focus that the cardholder did not ask for and report it in the merchant's console, so the
// page leaves focus alone there (an `autofocus` attribute would be refused and reported too).
// `window.frameElement` is null in a cross-origin frame and reading it raises nothing.
const target = document.querySelector('[data-autofocus]');
const mayTakeFocus = window.self === window.top || window.frameElement !== null;
if (mayTakeFocus && target instanceof HTMLElement) target.focus({ preventScroll: true });
