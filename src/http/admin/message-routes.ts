/**
 * /api/admin/messages: the text messages the ACS sent, with their codes and delivery status, in
 * any mode (the sandbox's own /sandbox/api/messages exists only in sandbox mode).
 */
import type { Router } from 'express';
import { z } from 'zod';
import { inboxMessages } from '../../flows/sandbox/inbox.ts';
import type { FlowDeps } from '../../flows/shared/deps.ts';
import { limitSchema, parseInput, uuidQuerySchema } from './admin-input.ts';
import { sandboxMessageJson } from './admin-json.ts';

/** A phone number in a query: E.164, with its + optional (an unencoded + arrives as a space). */
const phoneQuerySchema = z
  .string()
  .transform((value) => value.trim().replace(/^\+/, ''))
  .refine((digits) => /^[1-9][0-9]{3,14}$/.test(digits), {
    error: 'expected a phone number in E.164 form (write + as %2B, or leave it out)',
  })
  .transform((digits) => `+${digits}`);

/** The query of GET /api/admin/messages. */
const messageQuerySchema = z
  .object({
    to: phoneQuerySchema.optional(),
    acsTransID: uuidQuerySchema.transform((id) => id.toLowerCase()).optional(),
    limit: limitSchema(50, 200),
  })
  .strict();

/** Adds the text message routes to the admin router. */
export function addMessageRoutes(router: Router, deps: FlowDeps): void {
  router.get('/messages', async (req, res) => {
    const query = parseInput(messageQuerySchema, req.query);
    res.json({ messages: (await inboxMessages(deps, query)).map(sandboxMessageJson) });
  });
}
