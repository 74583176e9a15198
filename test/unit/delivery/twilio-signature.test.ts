import twilio from 'twilio';
import { describe, expect, it } from 'vitest';
import { isTwilioSignatureValid } from '../../../src/delivery/twilio-signature.ts';

const authToken = '12345678901234567890123456789012';
const url = 'https://acs.example/webhooks/twilio/status';
const params = { MessageSid: `SM${'a'.repeat(32)}`, MessageStatus: 'delivered', To: '+15555550100' };

describe('isTwilioSignatureValid', () => {
  const signature = twilio.getExpectedTwilioSignature(authToken, url, params);

  it('accepts the signature Twilio computes for the URL and parameters', () => {
    expect(isTwilioSignatureValid(authToken, signature, url, params)).toBe(true);
    // Twilio may have called the URL with the default port spelled out.
    expect(
      isTwilioSignatureValid(authToken, signature, 'https://acs.example:443/webhooks/twilio/status', params),
    ).toBe(true);
  });

  it('refuses a missing, empty or wrong signature', () => {
    expect(isTwilioSignatureValid(authToken, undefined, url, params)).toBe(false);
    expect(isTwilioSignatureValid(authToken, '', url, params)).toBe(false);
    expect(isTwilioSignatureValid('another-token', signature, url, params)).toBe(false);
    expect(isTwilioSignatureValid('', signature, url, params)).toBe(false);
  });

  it('refuses a signature for other parameters or another URL', () => {
    expect(isTwilioSignatureValid(authToken, signature, url, { ...params, MessageStatus: 'failed' })).toBe(
      false,
    );
    expect(isTwilioSignatureValid(authToken, signature, `${url}?x=1`, params)).toBe(false);
    expect(isTwilioSignatureValid(authToken, signature, 'not a url', params)).toBe(false);
  });
});
