/**
 * /api/admin/transactions: search transactions, read one's whole timeline (messages in and
 * out, the decision check that fired, every RReq attempt), and send a finished challenge's
 * RReq again. A full PAN is never accepted in a query: only the masked form is searched.
 */
import type { Router } from 'express';
import { z } from 'zod';
import { scenarios } from '../../domain/scenario.ts';
import { findTransactions, resendRReq, transactionDetail } from '../../flows/admin/transactions.ts';
import type { FlowDeps } from '../../flows/shared/deps.ts';
import {
  adminJsonBody,
  emptyBodySchema,
  limitSchema,
  parseInput,
  refuseNonJson,
  uuidParam,
  uuidQuerySchema,
} from './admin-input.ts';
import {
  challengeJson,
  rreqAttemptJson,
  timelineMessageJson,
  transactionJson,
  transactionSummaryJson,
} from './admin-json.ts';

/** The query of GET /api/admin/transactions. */
const transactionQuerySchema = z
  .object({
    id: uuidQuerySchema.optional(),
    maskedPan: z
      .string()
      .regex(/^[0-9]{6}\*{3,9}[0-9]{4}$/, {
        error: 'expected a masked PAN: the first 6 digits, 3 to 9 *, the last 4 digits',
      })
      .optional(),
    scenario: z.enum(scenarios, { error: `expected one of ${scenarios.join(', ')}` }).optional(),
    before: z.iso
      .datetime({ error: 'expected an ISO 8601 UTC time, like 2026-11-25T10:00:00.000Z' })
      .transform((time) => new Date(time).toISOString())
      .optional(),
    limit: limitSchema(50, 200),
  })
  .strict();

const noSuchTransaction = 'no transaction with that acsTransID';

/** Adds the transaction routes to the admin router. */
export function addTransactionRoutes(router: Router, deps: FlowDeps): void {
  router.get('/transactions', async (req, res) => {
    const query = parseInput(transactionQuerySchema, req.query);
    res.json({ transactions: (await findTransactions(deps, query)).map(transactionSummaryJson) });
  });

  router.get('/transactions/:acsTransID', async (req, res) => {
    const detail = await transactionDetail(deps, uuidParam(req, 'acsTransID', noSuchTransaction));
    res.json({
      transaction: transactionJson(detail.transaction),
      decision: { check: detail.decision.check, threeDSCompInd: detail.decision.threeDSCompInd ?? null },
      challenge: detail.challenge === undefined ? null : challengeJson(detail.challenge),
      messages: detail.messages.map(timelineMessageJson),
      rreqAttempts: detail.rreqAttempts.map(rreqAttemptJson),
    });
  });

  router.post('/transactions/:acsTransID/rreq', refuseNonJson, adminJsonBody, async (req, res) => {
    const acsTransID = uuidParam(req, 'acsTransID', noSuchTransaction);
    parseInput(emptyBodySchema, req.body ?? {});
    const resent = await resendRReq(deps, acsTransID);
    res.json({
      delivered: resent.delivered,
      rreq: resent.rreq,
      rreqAttempts: resent.rreqAttempts.map(rreqAttemptJson),
    });
  });
}
