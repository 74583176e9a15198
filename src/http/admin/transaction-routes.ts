/**
 * /api/admin/transactions: search transactions, read one's whole timeline (messages in and
 * out, the decision check that fired, every RReq attempt), export it as one document
 * (src/flows/admin/exchange-export.ts), and send a finished challenge's RReq again. A full PAN
 * is never accepted in a query: only the masked form is searched.
 */
import type { Router } from 'express';
import { exchangeFileName, exportExchange } from '../../flows/admin/exchange-export.ts';
import { findTransactions, resendRReq, transactionDetail } from '../../flows/admin/transactions.ts';
import type { FlowDeps } from '../../flows/common/deps.ts';
import { adminJsonBody, parseInput, parsePathParams, refuseNonJson } from './admin-input.ts';
import { rreqResendJson, transactionDetailJson, transactionListJson } from './admin-json.ts';
import type { AdminSchemas } from './admin-schemas.ts';
import { exchangeDocumentJson } from './exchange-json.ts';

const noSuchTransaction = 'no transaction with that acsTransID';

/** Adds the transaction routes to the admin router, validating with `schemas`. */
export function addTransactionRoutes(
  router: Router,
  deps: FlowDeps,
  { bodies, parameters }: AdminSchemas,
): void {
  router.get('/transactions', async (req, res) => {
    const query = parseInput(parameters.TransactionSearch, req.query);
    res.json(transactionListJson(await findTransactions(deps, query)));
  });

  router.get('/transactions/:acsTransID', async (req, res) => {
    const { acsTransID } = parsePathParams(parameters.TransactionPath, req, noSuchTransaction);
    res.json(transactionDetailJson(await transactionDetail(deps, acsTransID)));
  });

  // A download: a file name to save it under, and indented so a person can read it.
  router.get('/transactions/:acsTransID/export', async (req, res) => {
    const { acsTransID } = parsePathParams(parameters.TransactionPath, req, noSuchTransaction);
    const document = exchangeDocumentJson(await exportExchange(deps, acsTransID));
    res
      .type('application/json')
      .attachment(exchangeFileName(acsTransID))
      .send(`${JSON.stringify(document, null, 2)}\n`);
  });

  router.post('/transactions/:acsTransID/rreq', refuseNonJson, adminJsonBody, async (req, res) => {
    const { acsTransID } = parsePathParams(parameters.TransactionPath, req, noSuchTransaction);
    parseInput(bodies.EmptyBody, req.body ?? {});
    res.json(rreqResendJson(await resendRReq(deps, acsTransID)));
  });
}
