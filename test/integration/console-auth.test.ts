/**
 * Console operator access over HTTP: the login page, argon2id password checks with one
 * message for every refusal, throttling after 5 failures per username or per address, the
 * session cookie's attributes, CSRF on form posts (and on the login form for browsers),
 * logout, the open-redirect-safe `next`, the dashboard and the keys page with its PEM download.
 */
import { X509Certificate } from 'node:crypto';
import type { Express } from 'express';
import request from 'supertest';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loginLimits, maxLoginFailures } from '../../src/flows/console/login.ts';
import {
  createOperator,
  defaultAdminUsername,
  ensureFirstOperator,
  sessionLifetimeMs,
} from '../../src/flows/console/operators.ts';
import { safeNextPath } from '../../src/http/console/auth-routes.ts';
import { verifyPassword } from '../../src/signing/password-hash.ts';
import { validAReq } from '../support/areq-fixtures.ts';
import { createTestAcs, type TestAcs } from '../support/test-acs.ts';

const username = 'qa.tester';
const password = 'correct horse battery';

/** The Set-Cookie header lines of a response. */
function setCookies(res: request.Response): string[] {
  const header: unknown = res.headers['set-cookie'];
  return Array.isArray(header) ? header.map(String) : [];
}

/** The Set-Cookie line for `name`, if any. */
function cookieLine(res: request.Response, name: string): string | undefined {
  return setCookies(res).find((line) => line.startsWith(`${name}=`));
}

/** `name=value` of a Set-Cookie line, for a Cookie header. */
function cookiePair(line: string | undefined): string {
  if (line === undefined) throw new Error('expected a cookie');
  return line.split(';')[0] as string;
}

/** The value of the hidden _csrf field of a page. */
function csrfOf(page: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(page);
  if (match?.[1] === undefined) throw new Error('no _csrf field on the page');
  return match[1];
}

async function logInAs(app: Express, user = username, pass = password, next?: string) {
  return request(app)
    .post('/console/login')
    .type('form')
    .send({ username: user, password: pass, ...(next === undefined ? {} : { next }) });
}

/** Logs in and returns the session cookie (`acs_console=...`). */
async function sessionCookie(app: Express): Promise<string> {
  const res = await logInAs(app);
  expect(res.status).toBe(303);
  return cookiePair(cookieLine(res, 'acs_console'));
}

let acs: TestAcs;
let app: Express;

// One ACS for the file (making keys is the slow part); tests that need a fresh one make it.
beforeAll(async () => {
  acs = await createTestAcs();
  app = acs.app;
  await createOperator(acs.deps, { username, password });
});

afterAll(() => acs.close());

// Every test starts after the throttling windows of the tests before it have passed.
beforeEach(() => acs.advance(loginLimits.failuresPerAddress.windowMs + 1000));

describe('login page', () => {
  it('renders a form with username, password, next and a CSRF token, under strict headers', async () => {
    const res = await request(app).get('/console/login?next=%2Fconsole%2Fcards');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.text).toContain('<form class="form" method="post" action="/console/login" novalidate>');
    expect(res.text).toContain('<label for="username">Username</label>');
    expect(res.text).toContain('<label for="password">Password</label>');
    expect(res.text).toContain('<input type="hidden" name="next" value="/console/cards">');
    expect(res.text).not.toMatch(/<script>|style="/);
    const token = csrfOf(res.text);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(cookieLine(res, 'acs_console_login')).toMatch(
      new RegExp(
        `^acs_console_login=${token}; Max-Age=3600; Path=/console/login; Expires=[^;]+; HttpOnly; SameSite=Strict$`,
      ),
    );
  });

  it('sends a visitor without a session from any console page to the login page, coming back after', async () => {
    const dashboard = await request(app).get('/console');
    expect(dashboard.status).toBe(303);
    expect(dashboard.headers.location).toBe('/console/login?next=%2Fconsole');
    const keys = await request(app).get('/console/keys?tab=1');
    expect(keys.status).toBe(303);
    expect(keys.headers.location).toBe('/console/login?next=%2Fconsole%2Fkeys%3Ftab%3D1');
    const forged = await request(app)
      .get('/console')
      .set('Cookie', `acs_console=${'A'.repeat(43)}`);
    expect(forged.status).toBe(303);
    expect(forged.headers.location).toBe('/console/login?next=%2Fconsole');
  });
});

describe('logging in', () => {
  it('sets an HttpOnly, SameSite=Strict session cookie for /console and goes to the dashboard', async () => {
    const res = await logInAs(app);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/console');
    const line = cookieLine(res, 'acs_console');
    expect(line).toMatch(
      /^acs_console=[A-Za-z0-9_-]{43}; Max-Age=28800; Path=\/console; Expires=[^;]+; HttpOnly; SameSite=Strict$/,
    );
    const page = await request(app).get('/console').set('Cookie', cookiePair(line));
    expect(page.status).toBe(200);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.text).toContain('<h1>Dashboard</h1>');
    expect(page.text).toContain(`<span class="operator" title="Logged in as ${username}">${username}</span>`);
  });

  it('marks the cookie Secure when the public URL is https', async () => {
    const secure = await createTestAcs({ ACS_PUBLIC_URL: 'https://acs.example' });
    try {
      await createOperator(secure.deps, { username, password });
      const res = await logInAs(secure.app);
      expect(res.status).toBe(303);
      expect(cookieLine(res, 'acs_console')).toMatch(
        /; Path=\/console; Expires=[^;]+; HttpOnly; Secure; SameSite=Strict$/,
      );
    } finally {
      await secure.close();
    }
  });

  it('accepts the username in any case and with surrounding spaces', async () => {
    const res = await logInAs(app, '  QA.Tester ');
    expect(res.status).toBe(303);
    expect(cookieLine(res, 'acs_console')).toBeDefined();
  });

  it('refuses a wrong password and an unknown user with the same message, setting no session', async () => {
    for (const [user, pass] of [
      [username, 'wrong password!'],
      ['nobody', password],
    ] as const) {
      const res = await logInAs(app, user, pass);
      expect(res.status).toBe(401);
      expect(res.text).toContain(
        '<p class="form-error" role="alert" id="login-error">Wrong username or password</p>',
      );
      expect(res.text).toContain(`value="${user}"`);
      expect(res.text).not.toContain(pass);
      expect(cookieLine(res, 'acs_console')).toBeUndefined();
    }
    expect(acs.logs.join('\n')).not.toContain('wrong password!');
  });

  it('says which field is empty', async () => {
    const res = await logInAs(app, '', '');
    expect(res.status).toBe(400);
    expect(res.text).toContain('<p class="field-error" id="username-error">Enter your username.</p>');
    expect(res.text).toContain('<p class="field-error" id="password-error">Enter your password.</p>');
    expect(res.text).toContain('aria-invalid="true" aria-describedby="username-error"');
  });

  it(`throttles a username after ${maxLoginFailures} failures for 15 minutes, even with the right password`, async () => {
    for (let i = 0; i < maxLoginFailures; i += 1) {
      expect((await logInAs(app, username, `wrong-${i}-password`)).status).toBe(401);
    }
    const refused = await logInAs(app);
    expect(refused.status).toBe(429);
    expect(refused.headers['retry-after']).toBe('900');
    expect(refused.text).toContain('Too many attempts, try again in 15 minutes');
    expect(cookieLine(refused, 'acs_console')).toBeUndefined();
    expect(await acs.deps.metrics.registry.render()).toContain(
      'acs_rate_limited_total{limit="console-login"} 1',
    );

    acs.advance(loginLimits.failuresPerUsername.windowMs - 1000);
    expect((await logInAs(app)).status).toBe(429);
    acs.advance(2000);
    expect((await logInAs(app)).status).toBe(303);
  });

  it(`throttles a client address after ${maxLoginFailures} failures across usernames`, async () => {
    for (let i = 0; i < maxLoginFailures; i += 1) {
      expect((await logInAs(app, `guess${i}`, 'some password')).status).toBe(401);
    }
    const refused = await logInAs(app);
    expect(refused.status).toBe(429);
    expect(refused.text).toContain('Too many attempts, try again in 15 minutes');
  });

  it('checks at most the limit of 100 parallel wrong passwords, and locks no one else out', async () => {
    const proxied = await createTestAcs({ ACS_TRUST_PROXY: '1' });
    try {
      await createOperator(proxied.deps, { username, password });
      const proxiedApp = proxied.app;
      const from = (address: string, pass: string) =>
        request(proxiedApp)
          .post('/console/login')
          .set('X-Forwarded-For', address)
          .type('form')
          .send({ username, password: pass });
      const answers = await Promise.all(
        Array.from({ length: 100 }, (_, i) => from('203.0.113.66', `wrong-${i}-password`)),
      );
      const statuses = answers.map((res) => res.status);
      // Counted before checking, atomically: exactly the limit of guesses were checked.
      expect(statuses.filter((status) => status === 401)).toHaveLength(maxLoginFailures);
      expect(statuses.filter((status) => status === 429)).toHaveLength(100 - maxLoginFailures);
      // The guesser's address stays refused, even with the right password...
      expect((await from('203.0.113.66', password)).status).toBe(429);
      // ...while the operator logs in from anywhere else.
      expect((await from('198.51.100.7', password)).status).toBe(303);
    } finally {
      await proxied.close();
    }
  });

  it('stops guessing spread over many addresses with the slower per-username limit', async () => {
    const proxied = await createTestAcs({ ACS_TRUST_PROXY: '1' });
    try {
      await createOperator(proxied.deps, { username, password });
      const proxiedApp = proxied.app;
      const from = (address: string, pass: string) =>
        request(proxiedApp)
          .post('/console/login')
          .set('X-Forwarded-For', address)
          .type('form')
          .send({ username, password: pass });
      const perUsername = loginLimits.failuresPerUsername.max;
      for (let i = 0; i < perUsername; i += 1) {
        expect((await from(`192.0.2.${i + 1}`, 'not the password')).status).toBe(401);
      }
      expect((await from('198.51.100.7', password)).status).toBe(429);
      proxied.advance(loginLimits.failuresPerUsername.windowMs + 1000);
      expect((await from('198.51.100.7', password)).status).toBe(303);
    } finally {
      await proxied.close();
    }
  });

  it('does not count successful logins as failures', async () => {
    for (let i = 0; i < maxLoginFailures + 2; i += 1) expect((await logInAs(app)).status).toBe(303);
    expect((await logInAs(app, username, 'not the password')).status).toBe(401);
  });

  it('starts a new session at every login and ends the one the browser had', async () => {
    const first = await sessionCookie(app);
    const again = await request(app)
      .post('/console/login')
      .set('Cookie', first)
      .type('form')
      .send({ username, password });
    expect(again.status).toBe(303);
    const second = cookiePair(cookieLine(again, 'acs_console'));
    expect(second).not.toBe(first);
    expect((await request(app).get('/console').set('Cookie', first)).status).toBe(303);
    expect((await request(app).get('/console').set('Cookie', second)).status).toBe(200);
  });

  it('ends a session after 8 hours', async () => {
    const cookie = await sessionCookie(app);
    acs.advance(sessionLifetimeMs - 1000);
    expect((await request(app).get('/console').set('Cookie', cookie)).status).toBe(200);
    acs.advance(2000);
    const expired = await request(app).get('/console').set('Cookie', cookie);
    expect(expired.status).toBe(303);
    expect(expired.headers.location).toBe('/console/login?next=%2Fconsole');
  });

  it('sends a logged-in operator away from the login page', async () => {
    const cookie = await sessionCookie(app);
    const res = await request(app).get('/console/login?next=%2Fconsole%2Fkeys').set('Cookie', cookie);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/console/keys');
  });
});

describe('login CSRF (browser posts)', () => {
  it('refuses a login posted from another site', async () => {
    const res = await request(app)
      .post('/console/login')
      .set('Origin', 'https://evil.example')
      .type('form')
      .send({ username, password });
    expect(res.status).toBe(403);
    expect(res.text).toContain('A login from another site was refused.');
    expect(cookieLine(res, 'acs_console')).toBeUndefined();
    const fetchMetadata = await request(app)
      .post('/console/login')
      .set('Sec-Fetch-Site', 'cross-site')
      .type('form')
      .send({ username, password });
    expect(fetchMetadata.status).toBe(403);
  });

  it("needs the login form's token with its cookie when a browser posts", async () => {
    const agent = request.agent(app);
    const page = await agent.get('/console/login');
    const token = csrfOf(page.text);
    // A browser on the ACS's public origin (supertest's own host changes with every request).
    const origin = 'http://acs.test';

    const without = await agent
      .post('/console/login')
      .set('Origin', origin)
      .type('form')
      .send({ username, password, _csrf: 'A'.repeat(43) });
    expect(without.status).toBe(403);
    expect(without.text).toContain('The login form expired. Please try again.');
    expect(cookieLine(without, 'acs_console')).toBeUndefined();

    const ok = await agent
      .post('/console/login')
      .set('Origin', origin)
      .set('Sec-Fetch-Site', 'same-origin')
      .type('form')
      .send({ username, password, _csrf: token, next: '/console/keys' });
    expect(ok.status).toBe(303);
    expect(ok.headers.location).toBe('/console/keys');
    expect(cookieLine(ok, 'acs_console_login')).toMatch(
      /^acs_console_login=; Path=\/console\/login; Expires=Thu, 01 Jan 1970/,
    );
  });

  it('accepts Origin: null (what Chromium sends under Referrer-Policy: no-referrer) only with the token', async () => {
    const agent = request.agent(app);
    const token = csrfOf((await agent.get('/console/login')).text);
    const without = await agent
      .post('/console/login')
      .set('Origin', 'null')
      .type('form')
      .send({ username, password });
    expect(without.status).toBe(403);
    expect(without.text).toContain('The login form expired. Please try again.');
    const ok = await agent
      .post('/console/login')
      .set('Origin', 'null')
      .set('Sec-Fetch-Site', 'same-origin')
      .type('form')
      .send({ username, password, _csrf: token });
    expect(ok.status).toBe(303);
    expect(ok.headers.location).toBe('/console');
  });
});

describe('where a login leads (no open redirect)', () => {
  it.each([
    ['/console/cards?scenario=challenge-sms', '/console/cards?scenario=challenge-sms'],
    [
      '/console/transactions/3f1c2a4e-9b7d-4c1e-8a2f-6d5e4c3b2a19',
      '/console/transactions/3f1c2a4e-9b7d-4c1e-8a2f-6d5e4c3b2a19',
    ],
    ['//evil.example/console', '/console'],
    ['https://evil.example/console', '/console'],
    ['/\\evil.example/console', '/console'],
    ['/console/../sandbox', '/console'],
    ['/consoleevil', '/console'],
    ['/sandbox', '/console'],
    ['/console/login', '/console'],
    ['javascript:alert(1)', '/console'],
    ['/console\n/x', '/console'],
  ])('next=%j leads to %s', async (next, expected) => {
    expect(safeNextPath(next)).toBe(expected);
    const res = await logInAs(app, username, password, next);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(expected);
  });
});

describe('CSRF on console forms and logout', () => {
  it('refuses a logout without the CSRF token, or with a wrong one, and keeps the session', async () => {
    const cookie = await sessionCookie(app);
    const missing = await request(app).post('/console/logout').set('Cookie', cookie).type('form').send({});
    expect(missing.status).toBe(403);
    expect(missing.text).toContain('<h1>Form expired</h1>');
    const wrong = await request(app)
      .post('/console/logout')
      .set('Cookie', cookie)
      .type('form')
      .send({ _csrf: 'A'.repeat(43) });
    expect(wrong.status).toBe(403);
    expect((await request(app).get('/console').set('Cookie', cookie)).status).toBe(200);
  });

  it('answers a post without a session with a 401 page', async () => {
    const res = await request(app).post('/console/logout').type('form').send({ _csrf: 'x' });
    expect(res.status).toBe(401);
    expect(res.text).toContain('<h1>Not logged in</h1>');
  });

  it('logs out: the session ends, the cookie is cleared, and the login page follows', async () => {
    const cookie = await sessionCookie(app);
    const dashboard = await request(app).get('/console').set('Cookie', cookie);
    const token = csrfOf(dashboard.text);
    expect(dashboard.text).toContain('<form class="logout" method="post" action="/console/logout">');

    const res = await request(app)
      .post('/console/logout')
      .set('Cookie', cookie)
      .type('form')
      .send({ _csrf: token });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/console/login');
    expect(cookieLine(res, 'acs_console')).toMatch(
      /^acs_console=; Path=\/console; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Strict$/,
    );

    const after = await request(app).get('/console').set('Cookie', cookie);
    expect(after.status).toBe(303);
    expect(after.headers.location).toBe('/console/login?next=%2Fconsole');
  });
});

describe('dashboard', () => {
  it('shows a transaction made through /3ds/areq, its outcome by scenario, and no RReq failures', async () => {
    const createdAt = acs.deps.clock().toISOString();
    const areq = await request(app)
      .post('/3ds/areq')
      .send(validAReq({ version: '2.2.0', channel: '02', acctNumber: '4000000000000101' }));
    expect(areq.status).toBe(200);
    expect(areq.body.transStatus).toBe('Y');
    const acsTransID: string = areq.body.acsTransID;

    const page = await request(app)
      .get('/console')
      .set('Cookie', await sessionCookie(app));
    expect(page.status).toBe(200);
    const row = page.text.slice(page.text.indexOf('<tbody>'), page.text.indexOf('</tbody>'));
    expect(row).toContain(
      `<time datetime="${createdAt}">${createdAt.slice(0, 10)} ${createdAt.slice(11, 19)} UTC</time>`,
    );
    expect(row).toContain('<td class="mono nowrap">400000******0101</td>');
    expect(row).toContain('<td>frictionless-y</td>');
    expect(row).toContain('<td><span class="status-Y">Y</span></td>');
    expect(row).toContain(`<a href="/console/transactions/${acsTransID}">${acsTransID}</a>`);
    const decisionCheck = (await acs.deps.store.getTransaction(acsTransID))?.decisionCheck;
    expect(decisionCheck).toBeTypeOf('string');
    expect(row).toContain(`<td class="mono">${decisionCheck}</td>`);
    expect(page.text).toContain(
      '<tr><th scope="row">frictionless-y</th><td class="num">1</td><td class="num">1</td></tr>',
    );
    expect(page.text).toContain('<p class="empty">Every RReq was delivered.</p>');
    expect(page.text).not.toContain('4000000000000101');
  });

  it('lists an undelivered RReq with its latest attempt', async () => {
    const areq = await request(app)
      .post('/3ds/areq')
      .send(validAReq({ version: '2.2.0', channel: '02', acctNumber: '4000000000001000' }));
    expect(areq.body.transStatus).toBe('C');
    const acsTransID: string = areq.body.acsTransID;
    await acs.deps.store.recordRReqAttempt({
      acsTransID,
      attempt: 1,
      outcome: 'http-error',
      httpStatus: 502,
      detail: undefined,
      verdict: undefined,
      at: '2026-11-25T10:00:05.000Z',
    });
    const page = await request(app)
      .get('/console')
      .set('Cookie', await sessionCookie(app));
    const section = page.text.slice(page.text.indexOf('id="rreq-heading"'));
    expect(section).toContain('<td class="mono">http://127.0.0.1:9</td>');
    expect(section).toContain('<td class="num">1</td>');
    expect(section).toContain('<span class="badge badge-bad">http-error (HTTP 502)</span>');
    expect(section).toContain(`<a href="/console/transactions/${acsTransID}">${acsTransID}</a>`);
  });

  it('escapes what a requestor sent', async () => {
    await request(app)
      .post('/3ds/areq')
      .send(validAReq({ version: '2.2.0', channel: '02', acctNumber: '4000000000000101' }));
    const page = await request(app)
      .get('/console')
      .set('Cookie', await sessionCookie(app));
    expect(page.text).not.toMatch(/<script/i);
  });
});

describe('keys page', () => {
  it('links the JWKS and the DS root CA download', async () => {
    const page = await request(app)
      .get('/console/keys')
      .set('Cookie', await sessionCookie(app));
    expect(page.status).toBe(200);
    expect(page.text).toContain('<a class="button" href="/.well-known/jwks.json" download="jwks.json">');
    expect(page.text).toContain(
      '<a class="button" href="/console/keys/ds-root-ca.pem" download="ds-root-ca.pem">',
    );
    expect(page.text).toContain(`kid <code>${acs.deps.keys.resultKid}</code>`);
    const fingerprint = new X509Certificate(acs.deps.keys.dsRootCaPem).fingerprint256;
    expect(page.text).toContain(`<code>${fingerprint}</code>`);
    expect(page.text).toContain('<a href="/console/keys" aria-current="page">Keys</a>');
  });

  it('serves the DS root CA as a PEM attachment that parses as a CA certificate', async () => {
    const res = await request(app)
      .get('/console/keys/ds-root-ca.pem')
      .set('Cookie', await sessionCookie(app))
      .buffer(true)
      .parse((response, done) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          text += chunk;
        });
        response.on('end', () => done(null, text));
      });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/x-pem-file; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename=ds-root-ca.pem');
    expect(res.headers['cache-control']).toBe('no-store');
    const pem = String(res.body);
    expect(pem).toBe(acs.deps.keys.dsRootCaPem);
    expect(pem).toMatch(/^-----BEGIN CERTIFICATE-----\n[A-Za-z0-9+/=\n]+-----END CERTIFICATE-----\n?$/);
    const certificate = new X509Certificate(pem);
    expect(certificate.ca).toBe(true);
    expect(pem).not.toContain('PRIVATE KEY');
  });

  it('offers the sandbox TLS CA as a PEM download when the ACS serves the sandbox certificate', async () => {
    const tlsAcs = await createTestAcs({ ACS_TLS_SANDBOX_CERT: 'true', ACS_PUBLIC_URL: 'https://acs.test' });
    try {
      const tlsApp = tlsAcs.app;
      await createOperator(tlsAcs.deps, { username, password });
      const cookie = await sessionCookie(tlsApp);
      const page = await request(tlsApp).get('/console/keys').set('Cookie', cookie);
      expect(page.text).toContain('href="/console/keys/tls-sandbox-ca.pem" download="tls-sandbox-ca.pem"');
      const res = await request(tlsApp)
        .get('/console/keys/tls-sandbox-ca.pem')
        .set('Cookie', cookie)
        .buffer(true);
      expect(res.status).toBe(200);
      expect(res.headers['content-disposition']).toBe('attachment; filename=tls-sandbox-ca.pem');
      const pem = res.text || String(res.body);
      expect(pem).toBe(tlsAcs.deps.keys.tlsSandboxCaPem);
      expect(new X509Certificate(pem).ca).toBe(true);
      expect(pem).not.toContain('PRIVATE KEY');
      // Without the sandbox certificate there is nothing to download.
      expect(
        (
          await request(app)
            .get('/console/keys/tls-sandbox-ca.pem')
            .set('Cookie', await sessionCookie(app))
        ).status,
      ).toBe(404);
    } finally {
      await tlsAcs.close();
    }
  });

  it('needs a session for the download', async () => {
    const res = await request(app).get('/console/keys/ds-root-ca.pem');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/console/login?next=%2Fconsole%2Fkeys%2Fds-root-ca.pem');
  });
});

describe('first operator', () => {
  it('creates admin with a random 20-character password once, when none is configured', async () => {
    const fresh = await createTestAcs();
    try {
      const { createdPassword } = await ensureFirstOperator(fresh.deps, undefined);
      expect(createdPassword).toMatch(/^[A-HJ-NP-Za-km-z2-9]{20}$/);
      const admin = await fresh.deps.store.findOperatorByUsername(defaultAdminUsername);
      expect(admin?.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
      expect(await verifyPassword(admin?.passwordHash ?? '', createdPassword ?? '')).toBe(true);
      expect(await ensureFirstOperator(fresh.deps, undefined)).toEqual({});
      expect(await fresh.deps.store.countOperators()).toBe(1);
      const res = await logInAs(fresh.app, defaultAdminUsername, createdPassword);
      expect(res.status).toBe(303);
      expect(fresh.logs.join('\n')).not.toContain(createdPassword);
    } finally {
      await fresh.close();
    }
  });

  it('creates the configured operator once and never changes an existing one', async () => {
    expect(
      await ensureFirstOperator(acs.deps, { username: 'Lead', password: 'configured secret 1' }),
    ).toEqual({});
    const lead = await acs.deps.store.findOperatorByUsername('lead');
    expect(await verifyPassword(lead?.passwordHash ?? '', 'configured secret 1')).toBe(true);
    expect(await ensureFirstOperator(acs.deps, { username: 'lead', password: 'another secret 2' })).toEqual(
      {},
    );
    expect((await acs.deps.store.findOperatorByUsername('lead'))?.passwordHash).toBe(lead?.passwordHash);
    expect(await acs.deps.store.countOperators()).toBe(2);
  });

  it('refuses configured credentials that break the rules', async () => {
    await expect(
      ensureFirstOperator(acs.deps, { username: 'x', password: 'long enough pw' }),
    ).rejects.toMatchObject({
      code: 'bad_request',
    });
    await expect(
      ensureFirstOperator(acs.deps, { username: 'newlead', password: 'short' }),
    ).rejects.toMatchObject({
      code: 'bad_request',
      message: 'The password must be at least 8 characters long.',
    });
  });
});
