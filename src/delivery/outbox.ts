/**
 * The sandbox "phone": delivery that keeps the message (the flow stores it for the inbox)
 * and succeeds at once, except for Twilio's magic failure numbers, which fail with Twilio's
 * error codes exactly as the real service would.
 */
import type { CodeSender } from './code-sender.ts';
import { magicNumberError } from './magic-numbers.ts';

/** The outbox CodeSender. */
export function createOutboxSender(): CodeSender {
  return {
    name: 'outbox',
    async send(request) {
      const errorCode = magicNumberError(request.to);
      if (errorCode !== undefined) return { status: 'failed', errorCode, providerId: undefined };
      return { status: 'delivered', providerId: undefined };
    },
  };
}
