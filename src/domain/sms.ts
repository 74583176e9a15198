/**
 * A text message the ACS sent (or tried to send) to a cardholder's phone. In the sandbox the
 * outbox is the phone: testers read the code there.
 */
import type { ReplyVerdict } from '../protocol/rres.ts';

/** Delivery states, as Twilio names them (the outbox uses the same). */
export type SmsStatus = 'queued' | 'sent' | 'delivered' | 'failed' | 'undelivered';

/** A stored text message. `body` and `code` are kept sealed at rest by the store's caller. */
export type SmsMessage = Readonly<{
  id: string;
  acsTransID: string | undefined;
  to: string;
  body: string;
  code: string | undefined;
  status: SmsStatus;
  /** The provider's error code when delivery failed (Twilio's numbers, e.g. 21211). */
  errorCode: string | undefined;
  providerId: string | undefined;
  createdAt: string;
  updatedAt: string;
}>;

/**
 * One attempt to deliver an RReq to the 3DS Server. `refused`: not sent, the outbound
 * destination policy refused the threeDSServerURL (the detail says why).
 */
export type RReqAttempt = Readonly<{
  acsTransID: string;
  attempt: number;
  outcome: 'delivered' | 'http-error' | 'network-error' | 'timeout' | 'invalid-rres' | 'erro' | 'refused';
  httpStatus: number | undefined;
  detail: string | undefined;
  /** The check of the reply (src/protocol/rres.ts, checkReply); undefined when no reply was read. */
  verdict: ReplyVerdict | undefined;
  at: string;
}>;
