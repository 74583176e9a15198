/**
 * What one outbound POST of a JSON message came to. The client itself is
 * src/delivery/outbound-client.ts (bounded time and size, no redirects, destination policy).
 */
import { createOutboundClient } from './outbound-client.ts';

/** What came back from one POST. */
export type PostOutcome = Readonly<
  | { kind: 'response'; httpStatus: number; body: string }
  | { kind: 'timeout' }
  | { kind: 'network-error'; detail: string }
  /** Not sent: the destination policy refused the URL (the detail says why). */
  | { kind: 'refused'; detail: string }
>;

/**
 * POSTs `message` as JSON to `url` under the sandbox policy with no allow-list.
 * @deprecated Build the client from configuration with createOutboundClient; this stays
 * only until every composition root does.
 */
export const postJson = createOutboundClient({ allow: [], sandbox: true });
