/**
 * Checks that a webhook request really comes from Twilio: Twilio signs every request it makes
 * with the account's auth token (HMAC-SHA1 over the full URL it called and the sorted POST
 * parameters, base64, in the X-Twilio-Signature header). The SDK's own validateRequest does
 * the comparison, in constant time and tolerant of an explicit default port.
 */
import twilio from 'twilio';

/** POST parameters as a form parser gives them: a repeated name carries every value. */
export type TwilioWebhookParams = Readonly<Record<string, string | readonly string[]>>;

/** True when `signature` is Twilio's signature of `url` and `params` under `authToken`. */
export function isTwilioSignatureValid(
  authToken: string,
  signature: string | undefined,
  url: string,
  params: TwilioWebhookParams,
): boolean {
  if (authToken === '' || signature === undefined || signature === '') return false;
  try {
    return twilio.validateRequest(authToken, signature, url, params);
  } catch {
    // A URL the SDK cannot parse cannot be the one Twilio signed.
    return false;
  }
}
