/**
 * The console's transaction explorer (/console/transactions): search and list, one
 * transaction's summary and message timeline, "Resend RReq", and the download of its whole
 * exchange as JSON (the admin API's export, src/flows/admin/exchange-export.ts). The search
 * form posts, and is answered with a redirect to the search in its safe form, so a card number
 * a tester types is masked before it can reach a URL, the browser's history or a log line.
 */
import express, { type Request, type Response, Router } from 'express';
import { renderTransactionPage, type TransactionSummary } from '../../../views/console/transaction.ts';
import { renderTransactionList, type TransactionRow } from '../../../views/console/transactions.ts';
import type { Challenge } from '../../domain/challenge.ts';
import type { StoredMessage, Transaction } from '../../domain/transaction.ts';
import { AcsError } from '../../errors/index.ts';
import { exchangeFileName, exportExchange } from '../../flows/admin/exchange-export.ts';
import { resendRReq, threeDSCompIndOf } from '../../flows/admin/transactions.ts';
import type { FlowDeps } from '../../flows/common/deps.ts';
import {
  parseTransactionSearch,
  rreqResendProblem,
  searchTransactions,
  type TransactionDetail,
  type TransactionSearch,
  type TransactionSearchForm,
  transactionDetail,
} from '../../flows/console/transactions.ts';
import { isUuid } from '../../protocol/formats.ts';
import { mountPoints, under } from '../common/mount-points.ts';
import { consoleCsrfTokenOf, consoleOperatorOf, consoleSession, verifyCsrf } from './console-session.ts';

const listPath = '/console/transactions';
const listRoute = under(mountPoints.console, listPath);

/** The console routes for the transaction explorer. */
export function consoleTransactionsRoutes(deps: FlowDeps): Router {
  const router = Router();
  const formPost = [express.urlencoded({ extended: false, limit: '32kb' }), verifyCsrf];
  router.use(listRoute, consoleSession(deps));

  router.get(listRoute, async (req, res) => {
    const form = searchFormOf(req.query);
    const search = parseTransactionSearch(form);
    // A card number in the URL (typed by hand) is answered with its masked form at once.
    if (search.ok && search.safeQuery !== form.q.trim()) {
      res.redirect(303, searchHref(search.safeQuery, form.scenario.trim(), form.before.trim()));
      return;
    }
    await sendList(deps, res, form, search);
  });

  router.post(`${listRoute}/search`, ...formPost, async (req, res) => {
    const form = { ...searchFormOf(req.body), before: '' };
    const search = parseTransactionSearch(form);
    if (!search.ok) {
      await sendList(deps, res, form, search);
      return;
    }
    res.redirect(303, searchHref(search.safeQuery, search.scenario ?? '', ''));
  });

  router.get(`${listRoute}/:acsTransID`, async (req, res) => {
    const detail = await detailOf(deps, paramOf(req));
    const resent: unknown = req.query.resent;
    res.type('html').send(
      renderTransactionPage({
        frame: frameOf(res),
        summary: summaryOf(detail.transaction, detail.challenge, detail.messages),
        messages: detail.messages,
        rreqAttempts: detail.rreqAttempts,
        canResendRReq: detail.canResendRReq,
        notice:
          resent === 'delivered'
            ? { text: 'RReq sent again and delivered.', ok: true }
            : resent === 'failed'
              ? {
                  text: 'RReq sent again but not delivered: retries follow; see the attempts below.',
                  ok: false,
                }
              : undefined,
      }),
    );
  });

  router.get(`${listRoute}/:acsTransID/export`, async (req, res) => {
    const acsTransID = paramOf(req);
    // The console's own 404 page for an ID that is no transaction, as its page has.
    if (!isUuid(acsTransID) || (await deps.store.getTransaction(acsTransID)) === undefined) {
      throw noSuchTransaction();
    }
    const document = await exportExchange(deps, acsTransID);
    res
      .type('application/json')
      .attachment(exchangeFileName(acsTransID))
      .send(`${JSON.stringify(document, null, 2)}\n`);
  });

  router.post(`${listRoute}/:acsTransID/rreq`, ...formPost, async (req, res) => {
    const acsTransID = paramOf(req);
    const detail = await detailOf(deps, acsTransID);
    const problem = rreqResendProblem(detail.transaction);
    if (problem !== undefined) {
      throw new AcsError('conflict', `This transaction has no RReq to send: ${problem}.`, {
        title: 'Nothing to resend',
      });
    }
    const { delivered } = await resendRReq(deps, acsTransID);
    res.redirect(
      303,
      `${listPath}/${encodeURIComponent(acsTransID)}?resent=${delivered ? 'delivered' : 'failed'}#rreq`,
    );
  });

  return router;
}

/** The transaction's detail; fails with not_found (the console's 404 page) when there is none. */
async function detailOf(deps: FlowDeps, acsTransID: string): Promise<TransactionDetail> {
  const detail = await transactionDetail(deps, acsTransID);
  if (detail === undefined) throw noSuchTransaction();
  return detail;
}

function noSuchTransaction(): AcsError {
  return new AcsError('not_found', 'There is no transaction with that acsTransID.', {
    title: 'No such transaction',
  });
}

async function sendList(
  deps: FlowDeps,
  res: Response,
  form: TransactionSearchForm,
  search: TransactionSearch,
): Promise<void> {
  const page = search.ok
    ? await searchTransactions(deps, search)
    : { transactions: [], nextBefore: undefined };
  const scenario = form.scenario.trim();
  res
    .status(search.ok ? 200 : 400)
    .type('html')
    .send(
      renderTransactionList({
        frame: frameOf(res),
        search: { q: search.safeQuery, scenario },
        errors: search.ok ? {} : search.errors,
        rows: page.transactions.map(rowOf),
        olderHref:
          page.nextBefore === undefined ? undefined : searchHref(search.safeQuery, scenario, page.nextBefore),
        paged: search.ok && search.before !== undefined,
      }),
    );
}

function searchHref(q: string, scenario: string, before: string): string {
  const query = new URLSearchParams();
  if (q !== '') query.set('q', q);
  if (scenario !== '') query.set('scenario', scenario);
  if (before !== '') query.set('before', before);
  const text = query.toString();
  return text === '' ? listPath : `${listPath}?${text}`;
}

function searchFormOf(source: unknown): TransactionSearchForm {
  const fields = typeof source === 'object' && source !== null ? (source as Record<string, unknown>) : {};
  const text = (name: string) => {
    const value = fields[name];
    return typeof value === 'string' ? value : '';
  };
  return { q: text('q'), scenario: text('scenario'), before: text('before') };
}

function paramOf(req: Request): string {
  const value: unknown = req.params.acsTransID;
  return typeof value === 'string' ? value : '';
}

function frameOf(res: Response): { operator: string; csrfToken: string } {
  return { operator: consoleOperatorOf(res).username, csrfToken: consoleCsrfTokenOf(res) };
}

function rowOf(tx: Transaction): TransactionRow {
  return {
    acsTransID: tx.acsTransID,
    maskedPan: tx.maskedPan,
    scheme: tx.scheme,
    scenario: tx.scenario,
    fault: tx.fault,
    faultDelayMs: tx.faultDelayMs,
    messageVersion: tx.messageVersion,
    deviceChannel: tx.deviceChannel,
    aresStatus: tx.aresStatus,
    finalStatus: tx.result?.transStatus,
    decisionCheck: tx.decisionCheck,
    createdAt: tx.createdAt,
  };
}

function summaryOf(
  tx: Transaction,
  challenge: Challenge | undefined,
  messages: readonly StoredMessage[],
): TransactionSummary {
  return {
    acsTransID: tx.acsTransID,
    threeDSServerTransID: tx.threeDSServerTransID,
    dsTransID: tx.dsTransID,
    sdkTransID: tx.sdkTransID,
    messageVersion: tx.messageVersion,
    deviceChannel: tx.deviceChannel,
    messageCategory: tx.messageCategory,
    maskedPan: tx.maskedPan,
    scheme: tx.scheme,
    scenario: tx.scenario,
    fault: tx.fault,
    faultDelayMs: tx.faultDelayMs,
    decisionCheck: tx.decisionCheck,
    threeDSCompInd: threeDSCompIndOf(messages),
    aresStatus: tx.aresStatus,
    aresStatusReason: tx.aresStatusReason,
    state: tx.state,
    challengeMethod: tx.aresStatus === 'D' ? 'decoupled' : (challenge?.method ?? tx.authenticationMethod),
    purchase: tx.purchase,
    result: tx.result,
    createdAt: tx.createdAt,
  };
}
