/**
 * The demo merchant (/console/demo): a checkout page that plays the 3DS Requestor, its order
 * pages, and the two endpoints a 3DS Server exposes, which the ACS and the challenge window
 * reach without a console session: the threeDSServerURL (/console/demo/rreq, RReq in, RRes
 * out) and the notificationURL (/console/demo/notify, the final CRes). Console pages sit
 * behind consoleSession per route (never router-wide, so the two open endpoints stay open).
 * The app checkout has its own routes (app-checkout-routes.ts), mounted at /console/demo/app.
 */
import express, { type Request, Router } from 'express';
import { type DemoErroView, type DemoFormFields, renderDemoFormPage } from '../../../views/demo/demo-form.ts';
import { renderDemoNotify } from '../../../views/demo/demo-notify.ts';
import {
  type DemoAttemptView,
  type DemoOrderPageModel,
  type DemoSignedResultView,
  type DemoStage,
  demoOrderHref,
  renderDemoOrderPage,
} from '../../../views/demo/demo-order.ts';
import { formatAmount } from '../../domain/money.ts';
import { AcsError } from '../../errors/index.ts';
import type { FlowDeps } from '../../flows/common/deps.ts';
import type { DemoRequestHeaders } from '../../flows/demo/areq.ts';
import {
  type DemoFormErrors,
  type DemoFormValues,
  type DemoWindowSize,
  defaultDemoValues,
  demoChallengeIndicators,
  demoCurrencies,
  demoWindowSizes,
  readDemoCheckout,
} from '../../flows/demo/checkout-form.ts';
import {
  type DemoOrder,
  demoOrderStatus,
  loadDemoOrder,
  readDemoNotification,
  startDemoCheckout,
} from '../../flows/demo/merchant.ts';
import { answerDemoRReq } from '../../flows/demo/rreq.ts';
import { demoCardChoices, publicTestPans } from '../../flows/demo/test-cards.ts';
import type { Erro } from '../../protocol/erro.ts';
import { supportedVersions } from '../../protocol/version.ts';
import { emvBody } from '../common/emv-body.ts';
import type { PageGuard } from '../common/page-guard.ts';
import { respondWith } from '../common/response-style.ts';
import { appCheckoutPath, appCheckoutRoutes } from './app-checkout-routes.ts';

/** The console routes of the demo merchant, and its open 3DS Server endpoints. */
export function consoleDemoRoutes(deps: FlowDeps, guard: PageGuard): Router {
  const router = Router();
  const { session, verifyCsrf, frameOf } = guard;
  const consoleForm = express.urlencoded({ extended: false, limit: '32kb', parameterLimit: 40 });
  const notifyForm = express.urlencoded({ extended: false, limit: '64kb', parameterLimit: 10 });

  // The demo's threeDSServerURL: the ACS posts the RReq here (no session: it is a server call).
  router.post(
    '/rreq',
    respondWith('emv'),
    emvBody(deps.config.http.maxBodyBytes, 'RReq'),
    async (req, res) => {
      res.setHeader('Cache-Control', 'no-store');
      res.json(await answerDemoRReq(deps, req.body as string));
    },
  );

  // The demo's notificationURL: the challenge window posts the final CRes here, in the iframe.
  router.post('/notify', respondWith('html'), notifyForm, async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const notification = await readDemoNotification(deps, {
      order: req.query.order,
      cres: body.cres,
      threeDSSessionData: body.threeDSSessionData,
    });
    res.setHeader('Cache-Control', 'no-store');
    res
      .status(notification.ok ? 200 : 400)
      .type('html')
      .send(
        renderDemoNotify(
          notification.ok
            ? {
                ok: true,
                acsTransID: notification.acsTransID,
                transStatus: notification.transStatus ?? 'unknown',
                sessionDataEchoed: notification.sessionDataEchoed,
                resultHref: demoOrderHref(notification.acsTransID),
              }
            : {
                ok: false,
                problem: notification.problem,
                resultHref:
                  notification.acsTransID === undefined ? undefined : demoOrderHref(notification.acsTransID),
              },
        ),
      );
  });

  // The app checkout (its own page and JSON endpoint), before /:acsTransID could take "app".
  router.use(appCheckoutPath, appCheckoutRoutes(deps, guard));

  router.get('/', session, async (_req, res) => {
    res.type('html').send(await formPage(deps, frameOf(res), defaultDemoValues, {}, undefined));
  });

  router.post('/', session, consoleForm, verifyCsrf, async (req, res) => {
    const reading = readDemoCheckout((req.body ?? {}) as Record<string, unknown>);
    if (!reading.ok) {
      res
        .status(400)
        .type('html')
        .send(await formPage(deps, frameOf(res), reading.values, reading.errors, undefined));
      return;
    }
    const start = await startDemoCheckout(deps, reading.checkout, requestHeadersOf(req));
    if (start.kind === 'erro') {
      res
        .status(200)
        .type('html')
        .send(await formPage(deps, frameOf(res), reading.values, {}, erroView(start.erro, start.areq)));
      return;
    }
    res.redirect(303, `${demoOrderHref(start.acsTransID)}?size=${start.windowSize}`);
  });

  router.get('/:acsTransID/status', session, respondWith('json'), async (req, res) => {
    const status = await demoOrderStatus(deps, req.params.acsTransID);
    if (status === undefined) throw new AcsError('not_found', 'no demo order with that acsTransID');
    res.json(status);
  });

  router.get('/:acsTransID', session, async (req, res) => {
    const size = req.query.size;
    const windowSize: DemoWindowSize = demoWindowSizes.find((w) => w.value === size)?.value ?? '05';
    const order = await loadDemoOrder(deps, req.params.acsTransID, windowSize);
    if (order === undefined) throw new AcsError('not_found', 'no demo order with that acsTransID');
    res.type('html').send(renderDemoOrderPage(orderPageModel(order, frameOf(res))));
  });
  return router;
}

/** What a 3DS Requestor reads from the cardholder's own request for the AReq's browser data. */
function requestHeadersOf(req: Request): DemoRequestHeaders {
  return { userAgent: req.get('user-agent'), acceptHeader: req.get('accept'), ip: req.ip };
}

/** The page frame: who is logged in, and the CSRF token of the page's forms. */
type PageFrame = ReturnType<PageGuard['frameOf']>;

async function formPage(
  deps: FlowDeps,
  frame: PageFrame,
  values: DemoFormValues,
  errors: DemoFormErrors,
  erro: DemoErroView | undefined,
): Promise<string> {
  const choices = await demoCardChoices(deps);
  const fields: DemoFormFields = {
    ...values,
    // A typed card number goes back to the page only when it is one of the public test numbers.
    pan: publicTestPans.includes(values.pan.replace(/[\s-]/g, '')) ? values.pan : '',
  };
  return renderDemoFormPage({
    frame,
    values: fields,
    errors,
    options: {
      currencies: demoCurrencies.map((c) => ({ value: c.numeric, label: `${c.alpha} (${c.numeric})` })),
      versions: supportedVersions.map((v) => ({ value: v, label: v })),
      windowSizes: demoWindowSizes,
      challengeIndicators: demoChallengeIndicators,
    },
    suggestions: choices.suggestions,
    otherCards: choices.others,
    erro,
  });
}

function erroView(erro: Erro, areq: Readonly<Record<string, unknown>>): DemoErroView {
  return {
    erro: JSON.stringify(erro, null, 2),
    areq: JSON.stringify(areq, null, 2),
    errorCode: erro.errorCode,
    errorDescription: erro.errorDescription,
  };
}

function pretty(message: Readonly<Record<string, unknown>> | undefined): string | undefined {
  return message === undefined ? undefined : JSON.stringify(message, null, 2);
}

function stageOf(order: DemoOrder): DemoStage {
  switch (order.transaction.state) {
    case 'final':
      return 'final';
    case 'awaiting-decoupled':
      return 'decoupled';
    case 'awaiting-creq':
      return order.challenge === undefined ? 'challenging' : 'challenge';
    case 'challenging':
      return 'challenging';
  }
}

function amountOf(order: DemoOrder): string {
  const { amount, currency, exponent } = order.transaction.purchase;
  if (amount === undefined || currency === undefined) return 'none';
  try {
    return formatAmount(amount, currency, exponent ?? '0', 'en');
  } catch {
    return `${amount} (currency ${currency}, exponent ${exponent ?? '0'})`;
  }
}

function signedResultView(order: DemoOrder): DemoSignedResultView | undefined {
  const signed = order.signedResult;
  if (signed === undefined) return undefined;
  if (!signed.check.valid) return { valid: false, reason: signed.check.reason };
  return {
    valid: true,
    alg: signed.check.alg,
    kid: signed.check.kid ?? '(none)',
    agrees: signed.agreesWithTransaction,
    payload: JSON.stringify(signed.check.payload, null, 2),
  };
}

function attemptViews(order: DemoOrder): DemoAttemptView[] {
  return order.rreqAttempts.map((a) => ({
    attempt: a.attempt,
    outcome: a.outcome,
    httpStatus: a.httpStatus === undefined ? '–' : String(a.httpStatus),
    detail: a.detail ?? '',
    at: a.at,
  }));
}

function orderPageModel(order: DemoOrder, frame: PageFrame): DemoOrderPageModel {
  const tx = order.transaction;
  const result = tx.result;
  return {
    frame,
    acsTransID: tx.acsTransID,
    threeDSServerTransID: tx.threeDSServerTransID,
    merchantName: tx.purchase.merchantName ?? '',
    amount: amountOf(order),
    maskedPan: tx.maskedPan,
    scenario: tx.scenario ?? 'no card record',
    messageVersion: tx.messageVersion,
    decisionCheck: tx.decisionCheck,
    aresStatus: tx.aresStatus,
    aresStatusReason: tx.aresStatusReason,
    method: tx.authenticationMethod,
    stage: stageOf(order),
    createdAt: tx.createdAt,
    result:
      result === undefined
        ? undefined
        : {
            transStatus: result.transStatus,
            transStatusReason: result.transStatusReason,
            eci: result.eci,
            authenticationValue: result.authenticationValue,
            challengeCancel: result.challengeCancel,
            completedAt: result.completedAt,
          },
    challenge: order.challenge,
    areq: pretty(order.areq),
    ares: pretty(order.ares),
    finalCRes: pretty(order.finalCRes),
    rreq: pretty(order.rreq),
    rreqAnswer: pretty(order.rreqAnswer),
    rreqAnswerType:
      typeof order.rreqAnswer?.messageType === 'string' ? order.rreqAnswer.messageType : undefined,
    attempts: attemptViews(order),
    signedResult: signedResultView(order),
  };
}
