/**
 * Twilio's delivery reports: after a text is accepted, Twilio posts its progress (sent,
 * delivered, undelivered, failed, with an error code) to the status callback URL given at
 * send time. A report counts only with a valid X-Twilio-Signature; it then updates the stored
 * message found by its provider ID (the message SID), which the sandbox inbox and the
 * timeline show. Reports for messages we do not know, or in states we do not track, change
 * nothing but are still acknowledged, so Twilio does not retry them.
 */
import { isTwilioSignatureValid, type TwilioWebhookParams } from '../../delivery/twilio-signature.ts';
import type { SmsStatus } from '../../domain/sms.ts';
import type { FlowDeps } from '../common/deps.ts';

/** Where Twilio posts delivery reports, relative to the ACS's public URL. */
export const twilioStatusPath = '/webhooks/twilio/status';

/** The absolute status callback URL to send with each message (and to sign reports against). */
export function twilioStatusCallbackUrl(publicUrl: string): string {
  return `${publicUrl.replace(/\/+$/, '')}${twilioStatusPath}`;
}

/** A delivery report as it arrived. */
export type SmsStatusReport = Readonly<{
  /** The absolute URL Twilio called (public URL + path and query), which the signature covers. */
  url: string;
  /** The X-Twilio-Signature header. */
  signature: string | undefined;
  /** The form-encoded POST parameters. */
  params: Readonly<Record<string, unknown>>;
}>;

/** What became of a report. */
export type SmsStatusOutcome =
  /** Missing or wrong signature: refuse it. */
  | 'forbidden'
  /** The stored message now has the reported status. */
  | 'updated'
  /** Signed, but no stored message has this MessageSid. */
  | 'unknown-message'
  /** Signed, but not a status we track (or no MessageSid): nothing to do. */
  | 'ignored';

/** Statuses a report may set: Twilio's names, which are ours too (src/domain/sms.ts). */
const trackedStatuses: readonly SmsStatus[] = ['queued', 'sent', 'delivered', 'undelivered', 'failed'];

/** Only the string fields of a parsed form (what Twilio signed). */
function formParams(params: Readonly<Record<string, unknown>>): TwilioWebhookParams {
  const kept: Record<string, string | readonly string[]> = {};
  for (const [name, value] of Object.entries(params)) {
    if (typeof value === 'string') kept[name] = value;
    else if (Array.isArray(value) && value.every((v) => typeof v === 'string')) kept[name] = value;
  }
  return kept;
}

function single(params: TwilioWebhookParams, name: string): string | undefined {
  const value = params[name];
  return typeof value === 'string' ? value : undefined;
}

type StatusUpdate = Readonly<{ providerId: string; status: SmsStatus; errorCode: string | undefined }>;

/** The update a signed report asks for, if it is one we act on. */
function updateOf(params: TwilioWebhookParams): StatusUpdate | undefined {
  const providerId = single(params, 'MessageSid');
  const status = single(params, 'MessageStatus');
  if (providerId === undefined || !/^(SM|MM)[0-9a-fA-F]{32}$/.test(providerId)) return undefined;
  const tracked = trackedStatuses.find((s) => s === status);
  if (tracked === undefined) return undefined;
  const errorCode = single(params, 'ErrorCode');
  const failed = tracked === 'failed' || tracked === 'undelivered';
  return {
    providerId,
    status: tracked,
    errorCode: failed && errorCode !== undefined && /^[0-9]{1,6}$/.test(errorCode) ? errorCode : undefined,
  };
}

/** Handles one delivery report from Twilio, signed with `authToken`. */
export async function receiveSmsStatus(
  deps: FlowDeps,
  authToken: string,
  report: SmsStatusReport,
): Promise<SmsStatusOutcome> {
  const params = formParams(report.params);
  if (!isTwilioSignatureValid(authToken, report.signature, report.url, params)) {
    deps.logger.warn('twilio status report refused: bad signature');
    return 'forbidden';
  }
  const update = updateOf(params);
  if (update === undefined) {
    deps.logger.debug('twilio status report ignored', { messageStatus: single(params, 'MessageStatus') });
    return 'ignored';
  }
  const now = deps.clock().toISOString();
  if (
    !(await deps.store.updateSmsStatusByProviderId(update.providerId, update.status, update.errorCode, now))
  ) {
    deps.logger.info('twilio status report for an unknown message', { providerId: update.providerId });
    return 'unknown-message';
  }
  deps.logger.info('sms status updated', {
    providerId: update.providerId,
    status: update.status,
    ...(update.errorCode === undefined ? {} : { errorCode: update.errorCode }),
  });
  return 'updated';
}
