import { describe, expect, it } from 'vitest';
import { rewriteTwilioUri } from '../../../src/delivery/twilio-http-client.ts';

describe('rewriteTwilioUri', () => {
  const path = '/2010-04-01/Accounts/AC0123/Messages.json';

  it('sends twilio.com requests to the base URL, keeping path and query', () => {
    expect(rewriteTwilioUri(`https://api.twilio.com${path}?PageSize=1`, 'http://127.0.0.1:4010')).toBe(
      `http://127.0.0.1:4010${path}?PageSize=1`,
    );
  });

  it('keeps a path prefix of the base URL and rewrites edge and region hosts', () => {
    expect(rewriteTwilioUri(`https://api.dublin.ie1.twilio.com${path}`, 'http://localhost:9/twilio/')).toBe(
      `http://localhost:9/twilio${path}`,
    );
  });

  it('leaves other hosts alone', () => {
    for (const uri of [`https://example.com${path}`, `https://nottwilio.com${path}`]) {
      expect(rewriteTwilioUri(uri, 'http://127.0.0.1:4010')).toBe(uri);
    }
  });
});
