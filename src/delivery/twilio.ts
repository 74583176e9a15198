/**
 * Real SMS delivery through Twilio's Messages API (POST /2010-04-01/Accounts/{AccountSid}/
 * Messages.json) with the official twilio SDK. One request per code, never retried here or
 * by the SDK, and at most one per idempotency key (src/delivery/send-once.ts): a text cannot
 * be taken back. Twilio's errors come back in its own numbering (21211, 21612, ...); a request
 * that got no answer is `network`. Nothing here logs: the flow logs codes, never bodies.
 */
import twilio from 'twilio';
import { StartupError } from '../errors/index.ts';
import { isHttpUrl } from '../protocol/formats.ts';
import type { CodeSender, SmsRequest, SmsSendResult } from './code-sender.ts';
import { httpErrorCode, networkErrorCode } from './delivery-errors.ts';
import { createSendOnce } from './send-once.ts';
import { twilioHttpClient } from './twilio-http-client.ts';

/** How to reach Twilio and what to send with every message. */
export type TwilioSenderOptions = Readonly<{
  /** The account (or test-credentials) SID: AC + 32 hex digits. */
  accountSid: string;
  /** The account's auth token (or the test auth token). */
  authToken: string;
  /** The sender number (E.164) or alphanumeric sender ID; needed unless a Messaging Service is given. */
  from?: string | undefined;
  /** A Messaging Service (MG + 32 hex digits) to send through; it picks the sender when `from` is absent. */
  messagingServiceSid?: string | undefined;
  /** Where Twilio posts delivery status updates (the ACS's /webhooks/twilio/status). */
  statusCallbackUrl?: string | undefined;
  /** Twilio's ValidityPeriod: the code's lifetime in seconds (Twilio accepts 1 to 36000). */
  validityPeriodSeconds: number;
  /** Tests and local doubles only: send api.twilio.com requests to this base URL instead. */
  apiBaseUrl?: string | undefined;
  /** Per-request timeout in milliseconds (default 5000): the cardholder's page waits on it. */
  timeoutMs?: number | undefined;
}>;

const defaultTimeoutMs = 5000;
/** Keys remembered by the send-once guard; far more than concurrent challenges in a simulator. */
const maxRememberedKeys = 10_000;

/** Throws when an option is unusable (naming the option, never echoing its value). */
function checkOptions(options: TwilioSenderOptions): void {
  const problems: string[] = [];
  if (!/^AC[0-9a-fA-F]{32}$/.test(options.accountSid)) problems.push('accountSid must be AC + 32 hex digits');
  if (options.authToken.length === 0) problems.push('authToken is required');
  if (options.from === undefined && options.messagingServiceSid === undefined)
    problems.push('from or messagingServiceSid is required');
  if (options.from !== undefined && options.from.trim() === '') problems.push('from must not be empty');
  if (options.messagingServiceSid !== undefined && !/^MG[0-9a-fA-F]{32}$/.test(options.messagingServiceSid))
    problems.push('messagingServiceSid must be MG + 32 hex digits');
  if (
    !Number.isInteger(options.validityPeriodSeconds) ||
    options.validityPeriodSeconds < 1 ||
    options.validityPeriodSeconds > 36_000
  )
    problems.push('validityPeriodSeconds must be a whole number from 1 to 36000');
  if (options.statusCallbackUrl !== undefined && !isHttpUrl(options.statusCallbackUrl))
    problems.push('statusCallbackUrl must be an http(s) URL');
  if (options.apiBaseUrl !== undefined && !isHttpUrl(options.apiBaseUrl))
    problems.push('apiBaseUrl must be an http(s) URL');
  if (options.timeoutMs !== undefined && !(Number.isInteger(options.timeoutMs) && options.timeoutMs > 0))
    problems.push('timeoutMs must be a positive whole number');
  if (problems.length > 0) throw new StartupError('config_invalid', `twilio sender: ${problems.join('; ')}`);
}

/** Our delivery state for the status Twilio gave a message it just accepted. */
function acceptedStatus(status: string): 'queued' | 'sent' | 'delivered' {
  // accepted (Messaging Service), scheduled, queued and sending all mean "not yet out".
  if (status === 'sent' || status === 'delivered') return status;
  return 'queued';
}

/** The result of a create call that answered. */
function resultOf(message: { sid: string; status: string; errorCode: number | null }): SmsSendResult {
  if (message.status === 'failed' || message.status === 'undelivered' || message.status === 'canceled') {
    return {
      status: 'failed',
      errorCode: message.errorCode === null ? message.status : String(message.errorCode),
      providerId: message.sid,
    };
  }
  return { status: acceptedStatus(message.status), providerId: message.sid };
}

/** The result of a create call that threw: Twilio's error code, or `network`. */
function failureOf(error: unknown): SmsSendResult {
  if (error instanceof twilio.RestException) {
    const errorCode = typeof error.code === 'number' ? String(error.code) : httpErrorCode(error.status);
    return { status: 'failed', errorCode, providerId: undefined };
  }
  return { status: 'failed', errorCode: networkErrorCode, providerId: undefined };
}

/** The Twilio CodeSender. Throws at once when the options are unusable. */
export function createTwilioSender(options: TwilioSenderOptions): CodeSender {
  checkOptions(options);
  const timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
  const client = twilio(options.accountSid, options.authToken, {
    httpClient: twilioHttpClient({ timeoutMs, apiBaseUrl: options.apiBaseUrl }),
    autoRetry: false,
    // The SDK's debug logging writes requests to the console, past our redacting logger;
    // pinning the level keeps a stray TWILIO_LOG_LEVEL=debug from turning it on.
    logLevel: 'info',
  });
  const sendOnce = createSendOnce({
    ttlMs: options.validityPeriodSeconds * 1000,
    maxKeys: maxRememberedKeys,
  });

  const create = async (request: SmsRequest): Promise<SmsSendResult> => {
    try {
      const message = await client.messages.create({
        to: request.to,
        body: request.body,
        ...(options.from === undefined ? {} : { from: options.from }),
        ...(options.messagingServiceSid === undefined
          ? {}
          : { messagingServiceSid: options.messagingServiceSid }),
        ...(options.statusCallbackUrl === undefined ? {} : { statusCallback: options.statusCallbackUrl }),
        validityPeriod: options.validityPeriodSeconds,
      });
      return resultOf(message);
    } catch (error) {
      return failureOf(error);
    }
  };

  return {
    name: 'twilio',
    send: (request) => sendOnce(request, () => create(request)),
  };
}
