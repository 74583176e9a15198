/**
 * How the console answers a failure (src/http/common/error-handler.ts, console surface): a
 * console page with the status of the failure's code, inside the console's frame (navigation
 * with the section marked, the operator, logout) when logged in, and a small page with the way
 * to log in otherwise; never the cardholder's error page, never JSON, never a stack.
 */
import type { Express } from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleLogin } from '../support/console-login.ts';
import { createTestAcs, type TestAcs } from '../support/test-acs.ts';

let acs: TestAcs;
let app: Express;
let cookie: string;
let csrf: string;

beforeAll(async () => {
  acs = await createTestAcs();
  app = acs.app;
  ({ cookie, csrf } = await consoleLogin(acs, 'rita'));
});
afterAll(async () => {
  await acs.close();
});

/** The text of the page's main element, tags removed. */
function mainText(html: string): string {
  const main = /<main[\s\S]*<\/main>/.exec(html)?.[0] ?? '';
  return main
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

describe('console error pages', () => {
  it("shows a missing card in the console's frame, with the cards marked and the way back", async () => {
    const res = await request(app).get('/console/cards/no-such-card').set('cookie', cookie);
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.text).toContain('<a href="/console/cards" aria-current="page">');
    expect(res.text).toContain('<span class="operator" title="Logged in as rita">rita</span>');
    expect(mainText(res.text)).toBe(
      'No such card There is no test card with that id: it may have been deleted. Back to Test cards',
    );
  });

  it('refuses a form without its CSRF token inside the frame, with the way back to its section', async () => {
    const res = await request(app)
      .post('/console/transactions/search')
      .set('cookie', cookie)
      .type('form')
      .send({ q: '' });
    expect(res.status).toBe(403);
    expect(res.text).toContain('<a href="/console/transactions" aria-current="page">');
    expect(mainText(res.text)).toBe(
      'Form expired This form could not be checked (it may be from an older session). Go back, reload the page and try again. Back to Transactions',
    );
  });

  it("answers an unknown console address with the code's own page, and a bad inbox feed filter with 400", async () => {
    const missing = await request(app).get('/console/no-such-page').set('cookie', cookie);
    expect(missing.status).toBe(404);
    expect(mainText(missing.text)).toContain('Not found There is nothing at this address.');
    expect(missing.text).not.toContain('no such resource');

    const feed = await request(app).get('/console/inbox/events?to=not-a-phone').set('cookie', cookie);
    expect(feed.status).toBe(400);
    expect(feed.headers['content-type']).toMatch(/^text\/html/);
    expect(feed.text).toContain('<a href="/console/inbox" aria-current="page">');
    expect(mainText(feed.text)).toContain('Invalid filter');
  });

  it('answers a visitor without a session with a notice that leads to the login page', async () => {
    const res = await request(app).post('/console/cards/x/delete').type('form').send({ _csrf: csrf });
    expect(res.status).toBe(401);
    expect(res.text).not.toContain('console-nav');
    expect(mainText(res.text)).toBe(
      'ACS Simulator Not logged in Your session has ended or you are not logged in. Log in and try again. Log in',
    );
    expect(res.text).toContain('<a class="button" href="/console/login">Log in</a>');
  });
});
