/**
 * Twilio's test "magic" destination numbers and the error each one produces. The outbox
 * honours them too, so a tester can rehearse every delivery failure without a Twilio
 * account. Any other number is delivered.
 */

/** Twilio error code per magic `To` number. */
export const magicNumberErrors: Readonly<Record<string, string>> = {
  '+15005550001': '21211', // invalid 'To' phone number
  '+15005550002': '21612', // cannot route to this number
  '+15005550003': '21408', // no international permission for the region
  '+15005550004': '21610', // the number has opted out (blocked)
  '+15005550009': '21614', // not a mobile number: cannot receive SMS
};

/** The Twilio error code a magic number stands for, if it is one. */
export function magicNumberError(to: string): string | undefined {
  return magicNumberErrors[to];
}
