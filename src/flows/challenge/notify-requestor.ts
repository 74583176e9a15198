/**
 * Results Request delivery: the ACS (playing the DS too) POSTs the RReq to the AReq's
 * threeDSServerURL and expects an RRes that echoes the IDs. The first attempt is awaited,
 * within ACS_RREQ_TIMEOUT_MS, so the cardholder never waits longer. If it fails, the next
 * attempt is scheduled in the database (doubling delays up to ACS_RREQ_MAX_ATTEMPTS), not in
 * a timer of this process alone: whichever instance sweeps first when it is due claims it and
 * makes it, so a retry survives a restart and is never made twice. This process also sets a
 * timer for the retries it schedules, so a single instance retries on time without waiting
 * for its sweeper. Every attempt, and the messages exchanged, are recorded for the timeline.
 */

import type { RReqAttempt } from '../../domain/sms.ts';
import type { Transaction } from '../../domain/transaction.ts';
import { ProtocolError } from '../../errors/index.ts';
import { parseJsonStrict } from '../../protocol/json-strict.ts';
import type { RReq } from '../../protocol/rreq.ts';
import { isErro, parseRRes } from '../../protocol/rres.ts';
import type { FlowDeps } from '../common/deps.ts';
import { timelineEntry } from '../common/message-log.ts';

type AttemptOutcome = Pick<RReqAttempt, 'outcome' | 'httpStatus' | 'detail'>;

/** How many due retries one pass claims. */
const retryBatch = 50;

/** Sends `rreq` for `tx`: awaits the first attempt, schedules retries. True when delivered. */
export async function notifyRequestor(deps: FlowDeps, tx: Transaction, rreq: RReq): Promise<boolean> {
  const ids = { acsTransID: tx.acsTransID, threeDSServerTransID: tx.threeDSServerTransID };
  await deps.store.recordMessages([timelineEntry('out', 'RReq', rreq, ids, deps.clock())]);
  const delivered = await attempt(deps, tx, rreq, 1);
  if (!delivered) await scheduleRetry(deps, tx.acsTransID, rreq, 2);
  return delivered;
}

/**
 * Makes every RReq retry due by `asOf` (default: now) that no other instance has claimed;
 * returns how many attempts it made. The sweeper calls it on every instance.
 */
export async function deliverDueRReqs(deps: FlowDeps, asOf: Date = deps.clock()): Promise<number> {
  let made = 0;
  for (;;) {
    // Hidden from the other instances while this attempt runs, and retaken if this one dies.
    const leaseUntil = new Date(asOf.getTime() + 2 * deps.config.rreq.timeoutMs + 30_000).toISOString();
    const due = await deps.store.claimRReqRetries(asOf.toISOString(), leaseUntil, retryBatch);
    for (const retry of due) {
      const tx = await deps.store.getTransaction(retry.acsTransID);
      if (tx === undefined) {
        await deps.store.cancelRReqRetry(retry.acsTransID);
        continue;
      }
      made += 1;
      const rreq = retry.rreq as RReq;
      if (await attempt(deps, tx, rreq, retry.attempt)) await deps.store.cancelRReqRetry(tx.acsTransID);
      else await scheduleRetry(deps, tx.acsTransID, rreq, retry.attempt + 1);
    }
    if (due.length < retryBatch) return made;
  }
}

async function scheduleRetry(deps: FlowDeps, acsTransID: string, rreq: RReq, n: number): Promise<void> {
  const { maxAttempts, retryDelayMs } = deps.config.rreq;
  if (n > maxAttempts) {
    await deps.store.cancelRReqRetry(acsTransID);
    deps.logger.warn('RReq not delivered; giving up', { acsTransID, attempts: maxAttempts });
    return;
  }
  const delayMs = retryDelayMs * 2 ** (n - 2);
  const dueAt = new Date(deps.clock().getTime() + delayMs);
  await deps.store.scheduleRReqRetry({ acsTransID, rreq, attempt: n, dueAt: dueAt.toISOString() });
  const timer = setTimeout(() => {
    deliverDueRReqs(deps, dueAt).catch((error: unknown) =>
      deps.logger.error('RReq retry failed unexpectedly', { acsTransID, err: error }),
    );
  }, delayMs);
  timer.unref();
}

async function attempt(deps: FlowDeps, tx: Transaction, rreq: RReq, n: number): Promise<boolean> {
  const outcome = await deliverOnce(deps, tx, rreq);
  try {
    await deps.store.recordRReqAttempt({
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
  if (reply.kind === 'network-error' || reply.kind === 'refused')
    return { outcome: reply.kind, httpStatus: undefined, detail: reply.detail };
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
    await deps.store.recordMessages([timelineEntry('in', 'Erro', body, ids, deps.clock())]);
    return { outcome: 'erro', httpStatus: 200, detail: 'the 3DS Server answered with an Erro' };
  }
  await deps.store.recordMessages([timelineEntry('in', 'RRes', body, ids, deps.clock())]);
  try {
    parseRRes(body, {
      threeDSServerTransID: tx.threeDSServerTransID,
      acsTransID: tx.acsTransID,
      dsTransID: tx.dsTransID,
      messageVersion: tx.messageVersion,
      ...(tx.sdkTransID === undefined ? {} : { sdkTransID: tx.sdkTransID }),
    });
  } catch (error) {
    // parseRRes reports a bad RRes as a ProtocolError; anything else is a failure of ours.
    if (!(error instanceof ProtocolError))
      deps.logger.error('unexpected failure checking an RRes', { acsTransID: tx.acsTransID, err: error });
    const detail =
      error instanceof ProtocolError ? `${error.errorCode} ${error.errorDetail}` : 'RRes not valid';
    return { outcome: 'invalid-rres', httpStatus: 200, detail: detail.slice(0, 200) };
  }
  return { outcome: 'delivered', httpStatus: 200, detail: undefined };
}
