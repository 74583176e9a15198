/**
 * The port through which one-time codes leave the ACS. Adapters: the sandbox outbox
 * (default) and Twilio. An adapter only delivers; recording the message for the inbox and
 * the timeline is the flow's job, the same for every adapter.
 */

/** One text message to deliver. */
export type SmsRequest = Readonly<{ to: string; body: string; idempotencyKey: string }>;

/** What the provider said. `failed` carries the provider's error code (Twilio's numbering). */
export type SmsSendResult = Readonly<
  | { status: 'queued' | 'sent' | 'delivered'; providerId: string | undefined }
  | { status: 'failed'; errorCode: string; providerId: string | undefined }
>;

/** Delivers text messages. */
export type CodeSender = Readonly<{
  /** A short name for logs and metrics (`outbox`, `twilio`). */
  name: string;
  send(request: SmsRequest): Promise<SmsSendResult>;
}>;
