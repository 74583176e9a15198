/**
 * The console's dashboard (GET /console) and keys page (GET /console/keys, with the sandbox
 * DS root CA, and the sandbox TLS CA when ACS_TLS_SANDBOX_CERT is on, as PEM downloads). Both sit behind the console session; the JWKS itself is the
 * public /.well-known/jwks.json.
 */
import { X509Certificate } from 'node:crypto';
import { Router } from 'express';
import {
  type DashboardModel,
  type OutcomeRow,
  type RecentTransactionRow,
  renderDashboard,
  type UndeliveredRow,
} from '../../../views/console/dashboard.ts';
import {
  type CertificateFacts,
  displayCertificateDate,
  keyDownloads,
  renderKeysPage,
} from '../../../views/console/keys.ts';
import type { Transaction } from '../../domain/transaction.ts';
import type { FlowDeps } from '../../flows/common/deps.ts';
import { type Dashboard, readDashboard } from '../../flows/console/dashboard.ts';
import { mountPoints, under } from '../common/mount-points.ts';
import { consoleCsrfTokenOf, consoleOperatorOf, consoleSession } from './console-session.ts';

/** The order transStatus columns appear in the outcome table (successes first). */
const statusOrder = ['Y', 'A', 'I', 'C', 'D', 'N', 'U', 'R'] as const;

/** What a transaction without a card record is called (as the store's outcome counts name it). */
const unknownScenario = 'unknown-card';

const openStateLabels: Readonly<Record<Transaction['state'], string>> = {
  final: 'final',
  'awaiting-creq': 'awaiting CReq',
  challenging: 'challenging',
  'awaiting-decoupled': 'awaiting decoupled approval',
};

/** Routes for the dashboard and the keys page. */
export function consoleHomeRoutes(deps: FlowDeps): Router {
  const router = Router();
  const session = consoleSession(deps);
  const dsRootCa = certificateFacts(deps.keys.dsRootCaPem);
  const tlsSandboxCaPem = deps.keys.tlsSandboxCaPem;
  const tlsSandboxCa =
    tlsSandboxCaPem === undefined ? undefined : { facts: certificateFacts(tlsSandboxCaPem) };

  router.get('/', session, async (_req, res) => {
    const operator = consoleOperatorOf(res);
    res
      .type('html')
      .send(
        renderDashboard(
          dashboardModel(await readDashboard(deps), operator.username, consoleCsrfTokenOf(res)),
        ),
      );
  });

  router.get('/keys', session, (_req, res) => {
    res.type('html').send(
      renderKeysPage({
        operator: consoleOperatorOf(res).username,
        csrfToken: consoleCsrfTokenOf(res),
        resultSigningAlg: deps.keys.resultSigningAlg,
        resultKid: deps.keys.resultKid,
        acsContentSigningAlg: deps.keys.acsContentSigningAlg,
        dsRootCa,
        tlsSandboxCa,
      }),
    );
  });

  router.get(under(mountPoints.console, keyDownloads.dsRootCa), session, (_req, res) => {
    // attachment() sets a type from the file name's extension, so the PEM type comes after it.
    res.attachment('ds-root-ca.pem').type('application/x-pem-file').send(deps.keys.dsRootCaPem);
  });

  if (tlsSandboxCaPem !== undefined) {
    router.get(under(mountPoints.console, keyDownloads.tlsSandboxCa), session, (_req, res) => {
      res.attachment('tls-sandbox-ca.pem').type('application/x-pem-file').send(tlsSandboxCaPem);
    });
  }

  return router;
}

/** The dashboard's data made display-ready. */
function dashboardModel(dashboard: Dashboard, operator: string, csrfToken: string): DashboardModel {
  const statuses = statusColumns(dashboard.outcomes);
  return {
    operator,
    csrfToken,
    recent: dashboard.recent.map(recentRow),
    outcomeStatuses: statuses,
    outcomes: outcomeRows(dashboard.outcomes),
    outcomesSince: dashboard.outcomesSince,
    undelivered: dashboard.undelivered.map(
      ({ transaction, lastAttempt, attempts }): UndeliveredRow => ({
        acsTransID: transaction.acsTransID,
        maskedPan: transaction.maskedPan,
        scenario: transaction.scenario ?? unknownScenario,
        attempts,
        lastOutcome: lastAttempt === undefined ? 'not delivered' : attemptLabel(lastAttempt),
        lastAt: lastAttempt?.at,
        destination: originOf(transaction.threeDSServerURL),
      }),
    ),
  };
}

function recentRow(transaction: Transaction): RecentTransactionRow {
  const result = transaction.result;
  return {
    acsTransID: transaction.acsTransID,
    createdAt: transaction.createdAt,
    maskedPan: transaction.maskedPan,
    scenario: transaction.scenario ?? unknownScenario,
    aresStatus: transaction.aresStatus,
    finalStatus: result?.transStatus,
    finalLabel:
      result === undefined
        ? openStateLabels[transaction.state]
        : [
            result.transStatus,
            result.transStatusReason === undefined ? '' : ` (reason ${result.transStatusReason})`,
            result.challengeCancel === undefined ? '' : `, challengeCancel ${result.challengeCancel}`,
          ].join(''),
    decisionCheck: transaction.decisionCheck,
  };
}

/** The transStatus values present, in a fixed order (unexpected values last, sorted). */
function statusColumns(outcomes: Dashboard['outcomes']): readonly string[] {
  const present = new Set(outcomes.map((o) => o.transStatus));
  const known: readonly string[] = statusOrder;
  return [
    ...statusOrder.filter((s) => present.has(s)),
    ...[...present].filter((s) => !known.includes(s)).sort(),
  ];
}

function outcomeRows(outcomes: Dashboard['outcomes']): readonly OutcomeRow[] {
  const byScenario = new Map<string, Record<string, number>>();
  for (const { scenario, transStatus, count } of outcomes) {
    const counts = byScenario.get(scenario) ?? {};
    counts[transStatus] = (counts[transStatus] ?? 0) + count;
    byScenario.set(scenario, counts);
  }
  return [...byScenario]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([scenario, counts]) => ({
      scenario,
      counts,
      total: Object.values(counts).reduce((sum, n) => sum + n, 0),
    }));
}

function attemptLabel(attempt: { outcome: string; httpStatus: number | undefined }): string {
  return attempt.httpStatus === undefined
    ? attempt.outcome
    : `${attempt.outcome} (HTTP ${attempt.httpStatus})`;
}

/** Only the origin of a URL (its path or query could carry a requestor's tokens). */
function originOf(url: string | undefined): string {
  if (url === undefined) return '';
  try {
    return new URL(url).origin;
  } catch {
    return '';
  }
}

/** The public facts of a PEM certificate, or undefined when it cannot be parsed. */
function certificateFacts(pem: string): CertificateFacts | undefined {
  try {
    const certificate = new X509Certificate(pem);
    return {
      subject: certificate.subject.split('\n').join(', '),
      validFrom: displayCertificateDate(new Date(certificate.validFrom)),
      validTo: displayCertificateDate(new Date(certificate.validTo)),
      fingerprint256: certificate.fingerprint256,
    };
  } catch {
    return undefined;
  }
}
