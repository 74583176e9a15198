/**
 * The console's login page: username and password, one clear error message for a refusal
 * (the same for an unknown user and a wrong password), field messages for empty fields, and
 * the hidden `next` path and login CSRF token. Works by keyboard alone: the first field with a
 * problem, or the username, takes focus.
 */

import { csrfField, productName } from '../common/console-layout.ts';
import { html, type SafeHtml } from '../common/html.ts';
import { renderDocument } from '../common/layout.ts';

/** Problems the login form reports beside its fields. */
export type LoginFieldErrors = Readonly<{ username?: string; password?: string }>;

/** What the login page shows. */
export type LoginPageModel = Readonly<{
  csrfToken: string;
  /** Where to go after logging in (already checked to be a console path). */
  next: string;
  /** The username typed last time (never the password). */
  username?: string;
  /** A message about the whole attempt (wrong credentials, throttled). */
  error?: string;
  fieldErrors?: LoginFieldErrors;
}>;

function fieldError(id: string, message: string | undefined): SafeHtml {
  return html`${message !== undefined && html`<p class="field-error" id="${id}">${message}</p>`}`;
}

/** Renders the login page. */
export function renderLoginPage(model: LoginPageModel): string {
  const errors = model.fieldErrors ?? {};
  // The first field with a problem takes focus; with none, the username field.
  const focusPassword =
    errors.username === undefined && (errors.password !== undefined || model.username !== undefined);
  const body = html`<main id="main" class="console-main narrow">
<div class="panel login-panel">
<p class="brand-line">${productName}</p>
<h1>Log in to the console</h1>
${model.error !== undefined && html`<p class="form-error" role="alert" id="login-error">${model.error}</p>`}
<form class="form" method="post" action="/console/login" novalidate>
${csrfField(model.csrfToken)}
<input type="hidden" name="next" value="${model.next}">
<div class="field">
<label for="username">Username</label>
<input id="username" name="username" type="text" value="${model.username ?? ''}" autocomplete="username" autocapitalize="none" spellcheck="false" maxlength="64" required${errors.username !== undefined ? html` aria-invalid="true" aria-describedby="username-error"` : ''}${focusPassword ? '' : html` autofocus`}>
${fieldError('username-error', errors.username)}
</div>
<div class="field">
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" maxlength="1024" required${errors.password !== undefined ? html` aria-invalid="true" aria-describedby="password-error"` : ''}${focusPassword ? html` autofocus` : ''}>
${fieldError('password-error', errors.password)}
</div>
<div class="form-actions"><button type="submit" class="button">Log in</button></div>
</form>
</div>
</main>`;
  return renderDocument({
    lang: 'en',
    title: `Log in – ${productName}`,
    stylesheet: '/static/console.css',
    bodyClass: 'console console-login',
    body,
  });
}
