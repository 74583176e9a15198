/**
 * Twilio's webhooks: POST /webhooks/twilio/status receives delivery reports for the texts
 * the Twilio sender sent. Form-encoded, signed with the account's auth token against the
 * public URL Twilio was given; a report without a valid signature is refused with 403, any
 * signed one is acknowledged with 200 at once (Twilio retries anything else).
 */
import express, { Router } from 'express';
import { AcsError } from '../../errors/index.ts';
import { receiveSmsStatus, twilioStatusPath } from '../../flows/challenge/sms-status.ts';
import type { FlowDeps } from '../../flows/common/deps.ts';
import { mountPoints, under } from '../common/mount-points.ts';
import { respondWith } from '../common/response-style.ts';

/** What the webhook needs to check signatures. */
export type TwilioRoutesOptions = Readonly<{
  /** The auth token the reports are signed with (the one the sender uses). */
  authToken: string;
  /** The ACS's public base URL (ACS_PUBLIC_URL), as Twilio calls it. */
  publicUrl: string;
}>;

/** Routes for Twilio's webhooks (mount only when SMS go through Twilio). */
export function twilioRoutes(deps: FlowDeps, options: TwilioRoutesOptions): Router {
  const router = Router();
  const form = express.urlencoded({ extended: false, limit: '16kb', parameterLimit: 100 });
  const base = options.publicUrl.replace(/\/+$/, '');

  router.post(under(mountPoints.webhooks, twilioStatusPath), respondWith('json'), form, async (req, res) => {
    const body: unknown = req.body;
    const outcome = await receiveSmsStatus(deps, options.authToken, {
      // originalUrl keeps any query string Twilio was given, which the signature covers.
      url: `${base}${req.originalUrl}`,
      signature: req.get('x-twilio-signature'),
      params: typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {},
    });
    if (outcome === 'forbidden') {
      throw new AcsError('forbidden', 'the X-Twilio-Signature header is missing or does not match');
    }
    res.setHeader('Cache-Control', 'no-store');
    res.status(200).json({ outcome });
  });
  return router;
}
