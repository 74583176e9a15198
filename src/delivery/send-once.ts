/**
 * At most one send per idempotency key. A text message cannot be unsent, so an adapter that
 * talks to a real provider must never send twice for one SmsRequest.idempotencyKey: a second
 * call with a key already seen (in flight or finished, successful or not) gets the first
 * call's result and sends nothing. A failure is remembered too: a timed-out request may
 * still have reached the provider, and a new attempt is a new code with a new key.
 *
 * This is a best-effort guard inside one process (bounded, forgetting keys once a code could
 * no longer be used); the store's unique idempotency key is what holds across instances.
 */
import type { SmsRequest, SmsSendResult } from './code-sender.ts';

/** Sends one request; called at most once per idempotency key while the key is remembered. */
export type SendOnce = (request: SmsRequest, send: () => Promise<SmsSendResult>) => Promise<SmsSendResult>;

/** How long and how many keys to remember. */
export type SendOnceOptions = Readonly<{
  /** How long a key is remembered, in milliseconds (the code's lifetime is enough). */
  ttlMs: number;
  /** The most keys kept; the oldest is forgotten first. */
  maxKeys: number;
  /** The current time in milliseconds. */
  now?: () => number;
}>;

type Entry = Readonly<{ result: Promise<SmsSendResult>; expiresAt: number }>;

/** A guard that runs `send` once per idempotency key. */
export function createSendOnce(options: SendOnceOptions): SendOnce {
  const now = options.now ?? Date.now;
  const seen = new Map<string, Entry>();

  const forgetExpired = (at: number) => {
    // Insertion order is expiry order (one TTL for all), so stop at the first live key.
    for (const [key, entry] of seen) {
      if (entry.expiresAt > at) break;
      seen.delete(key);
    }
  };

  return (request, send) => {
    const at = now();
    forgetExpired(at);
    const earlier = seen.get(request.idempotencyKey);
    if (earlier !== undefined) return earlier.result;
    while (seen.size >= options.maxKeys) {
      const oldest = seen.keys().next();
      if (oldest.done === true) break;
      seen.delete(oldest.value);
    }
    const result = send();
    seen.set(request.idempotencyKey, { result, expiresAt: at + options.ttlMs });
    return result;
  };
}
