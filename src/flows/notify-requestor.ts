/**
 * Results Request delivery: the ACS (playing the DS too) POSTs the RReq to the AReq's
 * threeDSServerURL and expects an RRes that echoes the IDs. The first attempt is awaited,
 * within ACS_RREQ_TIMEOUT_MS, so the cardholder never waits longer; if it fails, retries run
 * in the background with doubling delays up to ACS_RREQ_MAX_ATTEMPTS. Every attempt, and the
 * messages exchanged, are recorded for the timeline.
 */

import type { RReqAttempt } from '../domain/sms.ts';
import type { Transaction } from '../domain/transaction.ts';
import { ProtocolError } from '../errors.ts';
import { parseJsonStrict } from '../protocol/json-strict.ts';
import type { RReq } from '../protocol/rreq.ts';
import { isErro, parseRRes } from '../protocol/rres.ts';
import type { FlowDeps } from './deps.ts';
import { timelineEntry } from './message-log.ts';

type AttemptOutcome = Pick<RReqAttempt, 'outcome' | 'httpStatus' | 'detail'>;

/** Sends `rreq` for `tx`: awaits the first attempt, schedules retries. True when delivered. */
export async function notifyRequestor(deps: FlowDeps, tx: Transaction, rreq: RReq): Promise<boolean> {
  const ids = { acsTransID: tx.acsTransID, threeDSServerTransID: tx.threeDSServerTransID };
  deps.store.recordMessages([timelineEntry('out', 'RReq', rreq, ids, deps.clock())]);
  const delivered = await attempt(deps, tx, rreq, 1);
  if (!delivered) scheduleRetry(deps, tx, rreq, 2);
  return delivered;
}

function scheduleRetry(deps: FlowDeps, tx: Transaction, rreq: RReq, n: number): void {
  const { maxAttempts, retryDelayMs } = deps.config.rreq;
  if (n > maxAttempts) {
    deps.logger.warn('RReq not delivered; giving up', { acsTransID: tx.acsTransID, attempts: maxAttempts });
    return;
  }
  const timer = setTimeout(
    () => {
      attempt(deps, tx, rreq, n)
        .then((delivered) => {
          if (!delivered) scheduleRetry(deps, tx, rreq, n + 1);
        })
        .catch((error: unknown) =>
          deps.logger.error('RReq retry failed unexpectedly', { acsTransID: tx.acsTransID, err: error }),
        );
    },
    retryDelayMs * 2 ** (n - 2),
  );
  timer.unref();
}

async function attempt(deps: FlowDeps, tx: Transaction, rreq: RReq, n: number): Promise<boolean> {
  const outcome = await deliverOnce(deps, tx, rreq);
  try {
    deps.store.recordRReqAttempt({
      acsTransID: tx.acsTransID,
      attempt: n,
      ...outcome,
      at: deps.clock().toISOString(),
    });
  } catch (error) {
    // The store may be closed during shutdown while a background retry finishes.
    deps.logger.warn('could not record RReq attempt', { acsTransID: tx.acsTransID, err: error });
  }
  return outcome.outcome === 'delivered';
}

async function deliverOnce(deps: FlowDeps, tx: Transaction, rreq: RReq): Promise<AttemptOutcome> {
  if (tx.threeDSServerURL === undefined) {
    return { outcome: 'network-error', httpStatus: undefined, detail: 'the AReq gave no threeDSServerURL' };
  }
  const reply = await deps.postJson(tx.threeDSServerURL, rreq, deps.config.rreq.timeoutMs);
  if (reply.kind === 'timeout') return { outcome: 'timeout', httpStatus: undefined, detail: undefined };
  if (reply.kind === 'network-error')
    return { outcome: 'network-error', httpStatus: undefined, detail: reply.detail };
  if (reply.httpStatus !== 200)
    return { outcome: 'http-error', httpStatus: reply.httpStatus, detail: undefined };

  const ids = { acsTransID: tx.acsTransID, threeDSServerTransID: tx.threeDSServerTransID };
  let body: unknown;
  try {
    body = parseJsonStrict(reply.body);
  } catch {
    return { outcome: 'invalid-rres', httpStatus: 200, detail: 'reply is not JSON' };
  }
  if (isErro(body)) {
    deps.store.recordMessages([timelineEntry('in', 'Erro', body, ids, deps.clock())]);
    return { outcome: 'erro', httpStatus: 200, detail: 'the 3DS Server answered with an Erro' };
  }
  deps.store.recordMessages([timelineEntry('in', 'RRes', body, ids, deps.clock())]);
  try {
    parseRRes(body, {
      threeDSServerTransID: tx.threeDSServerTransID,
      acsTransID: tx.acsTransID,
      dsTransID: tx.dsTransID,
      messageVersion: tx.messageVersion,
      ...(tx.sdkTransID === undefined ? {} : { sdkTransID: tx.sdkTransID }),
    });
  } catch (error) {
    const detail =
      error instanceof ProtocolError ? `${error.errorCode} ${error.errorDetail}` : 'RRes not valid';
    return { outcome: 'invalid-rres', httpStatus: 200, detail: detail.slice(0, 200) };
  }
  return { outcome: 'delivered', httpStatus: 200, detail: undefined };
}
