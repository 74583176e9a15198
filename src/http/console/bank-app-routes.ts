/**
 * The console's bank app (/console/bank-app): out-of-band challenges and decoupled
 * authentications waiting for the cardholder's answer, approved or denied with CSRF-checked
 * form posts. The same use case as the sandbox bank app (src/flows/sandbox/bank-app.ts), inside the
 * console and its session. After an answer the page is shown again (303) with a notice chosen
 * from a fixed set, so nothing from the request is ever echoed.
 */
import express, { type Response, Router } from 'express';
import {
  type ConsoleBankAppNotice,
  consoleBankAppPath,
  renderConsoleBankApp,
} from '../../../views/console/bank-app.ts';
import type { FlowDeps } from '../../flows/common/deps.ts';
import { type AnswerRefusal, answerInBankApp, pendingRequests } from '../../flows/sandbox/bank-app.ts';
import { mountPoints, under } from '../common/mount-points.ts';
import { consoleCsrfTokenOf, consoleOperatorOf, consoleSession, verifyCsrf } from './console-session.ts';

/** What the page says after an answer, by the `answer` query value the redirect carries. */
const notices: Readonly<Record<'approved' | 'denied' | AnswerRefusal, ConsoleBankAppNotice>> = {
  approved: { kind: 'ok', text: 'Approved. The ACS carries on with the authentication.' },
  denied: { kind: 'ok', text: 'Denied. The ACS ends the authentication as not authenticated.' },
  'not-found': { kind: 'error', text: 'There is no such transaction.' },
  'not-waiting': {
    kind: 'error',
    text: 'That transaction is no longer waiting for an answer (it ended or timed out).',
  },
  'already-answered': { kind: 'error', text: 'That request was answered already.' },
};

function noticeOf(answer: unknown): ConsoleBankAppNotice | undefined {
  return typeof answer === 'string' && Object.hasOwn(notices, answer)
    ? notices[answer as keyof typeof notices]
    : undefined;
}

function frameOf(res: Response) {
  return { operator: consoleOperatorOf(res).username, csrfToken: consoleCsrfTokenOf(res) };
}

/** The console routes of the bank app page and its answer forms. */
export function consoleBankAppRoutes(deps: FlowDeps): Router {
  const router = Router();
  const session = consoleSession(deps);
  const form = express.urlencoded({ extended: false, limit: '32kb', parameterLimit: 10 });

  router.get(under(mountPoints.console, consoleBankAppPath), session, async (req, res) => {
    res.type('html').send(
      renderConsoleBankApp({
        frame: frameOf(res),
        requests: await pendingRequests(deps),
        notice: noticeOf(req.query.answer),
      }),
    );
  });

  for (const approval of ['approved', 'denied'] as const) {
    const verb = approval === 'approved' ? 'approve' : 'deny';
    router.post(
      `${under(mountPoints.console, consoleBankAppPath)}/:acsTransID/${verb}`,
      session,
      form,
      verifyCsrf,
      async (req, res) => {
        const answer = await answerInBankApp(deps, req.params.acsTransID as string, approval);
        res.redirect(303, `${consoleBankAppPath}?answer=${answer.ok ? approval : answer.refusal}`);
      },
    );
  }
  return router;
}
