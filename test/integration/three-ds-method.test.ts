/**
 * The threeDSMethodURL answers the 3DS Server's hidden iframe by posting threeDSMethodData
 * back to the notification URL (query string kept), and refuses anything malformed.
 */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hiddenValue } from '../support/challenge-driver.ts';
import { createTestAcs, type TestAcs } from '../support/test-acs.ts';

let acs: TestAcs;
beforeAll(async () => {
  acs = await createTestAcs();
});
afterAll(() => acs.close());

const threeDSServerTransID = 'd461f105-1792-407f-95ff-9a496fd918a9';
const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('3DS Method', () => {
  it('posts threeDSMethodData with the threeDSServerTransID back to the notification URL', async () => {
    const threeDSMethodNotificationURL = 'https://server.test/method-done?tx=1&y=2';
    const res = await request(acs.app)
      .post('/3ds/method')
      .type('form')
      .send({ threeDSMethodData: encode({ threeDSServerTransID, threeDSMethodNotificationURL }) });
    expect(res.status).toBe(200);
    expect(res.text).toContain('action="https://server.test/method-done?tx=1&amp;y=2"');
    const posted = JSON.parse(
      Buffer.from(hiddenValue(res.text, 'threeDSMethodData') ?? '', 'base64url').toString(),
    );
    expect(posted).toEqual({ threeDSServerTransID });
    expect(res.headers['x-frame-options']).toBeUndefined();
    expect(res.headers['content-security-policy']).toContain("form-action 'self' https://server.test");
  });

  it.each([
    ['missing', {}],
    ['not base64url', { threeDSMethodData: '%%%' }],
    ['no notification URL', { threeDSMethodData: encode({ threeDSServerTransID }) }],
    [
      'a javascript: URL',
      {
        threeDSMethodData: encode({
          threeDSServerTransID,
          threeDSMethodNotificationURL: 'javascript:alert(1)',
        }),
      },
    ],
    [
      'a bad transaction ID',
      {
        threeDSMethodData: encode({
          threeDSServerTransID: 'x',
          threeDSMethodNotificationURL: 'https://a.test',
        }),
      },
    ],
  ])('refuses %s with an error page', async (_name, form) => {
    const res = await request(acs.app).post('/3ds/method').type('form').send(form);
    expect(res.status).toBe(400);
    expect(res.text).toContain('<!doctype html>');
    expect(res.text).not.toContain('<form method="post"');
  });
});
