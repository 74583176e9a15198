// Submits the page's auto-post form once the document is parsed (loaded with `defer`).
// The form's visible Continue button does the same job when JavaScript is off.
const form = document.querySelector('form[data-auto-post]');
if (form instanceof HTMLFormElement) {
  document.documentElement.classList.add('submitting');
  form.submit();
}
