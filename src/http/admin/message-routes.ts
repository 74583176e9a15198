/**
 * /api/admin/messages: the text messages the ACS sent, with their codes and delivery status, in
 * any mode (the sandbox's own /sandbox/api/messages exists only in sandbox mode).
 */
import type { Router } from 'express';
import type { FlowDeps } from '../../flows/common/deps.ts';
import { inboxMessages } from '../../flows/sandbox/inbox.ts';
import { parseInput } from './admin-input.ts';
import { messageListJson } from './admin-json.ts';
import type { AdminSchemas } from './admin-schemas.ts';

/** Adds the text message routes to the admin router, validating with `schemas`. */
export function addMessageRoutes(router: Router, deps: FlowDeps, { parameters }: AdminSchemas): void {
  router.get('/messages', async (req, res) => {
    const query = parseInput(parameters.MessageSearch, req.query);
    res.json(messageListJson(await inboxMessages(deps, query)));
  });
}
