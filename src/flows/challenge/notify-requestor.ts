/**
 * Results Request delivery: the ACS (playing the DS too) POSTs the RReq to the AReq's
 * threeDSServerURL and expects an RRes that echoes the IDs. The first attempt is awaited,
 * within ACS_RREQ_TIMEOUT_MS, so the cardholder never waits longer. If it fails, the next
 * attempt is scheduled in the database (doubling delays up to ACS_RREQ_MAX_ATTEMPTS), not in
 * a timer of this process alone: whichever instance sweeps first when it is due claims it and
 * makes it, so a retry survives a restart and is never made twice. This process also sets a
 * timer for the retries it schedules, so a single instance retries on time without waiting
 * for its sweeper. Every attempt, and the messages exchanged, are recorded for the timeline.
 *
 * Every reply is checked strictly (src/protocol/rres.ts, checkReply) and the verdict kept with
 * the attempt. What is expected depends on the RReq as sent: an RReq made faulty on purpose
 * (docs/faults.md: an identifier not the transaction's, transStatus missing) expects an Erro,
 * and that Erro ends delivery as an RRes would; any other expects an RRes.
 */

import type { RReqAttempt } from '../../domain/sms.ts';
import type { Transaction } from '../../domain/transaction.ts';
import { parseJsonStrict } from '../../protocol/json-strict.ts';
import type { RReq } from '../../protocol/rreq.ts';
import { checkReply, type ReplyExpectation } from '../../protocol/rres.ts';
import type { FlowDeps } from '../common/deps.ts';
import { maskPansIn, timelineEntry } from '../common/message-log.ts';

/** An RReq as it leaves the ACS: built by rreq-for.ts, or altered by the card's fault. */
export type RReqAsSent = RReq | Readonly<Record<string, unknown>>;

type AttemptOutcome = Pick<RReqAttempt, 'outcome' | 'httpStatus' | 'detail' | 'verdict'>;

/** How many due retries one pass claims. */
const retryBatch = 50;

/**
 * Sends `rreq` for `tx`: awaits the first attempt, schedules retries. True when the reply ended
 * delivery (a conforming RRes, or the Erro a faulty RReq expects). With `delayMs`, the first
 * attempt is itself scheduled that long ahead (the rreq-late fault) and false is returned.
 */
export async function notifyRequestor(
  deps: FlowDeps,
  tx: Transaction,
  rreq: RReqAsSent,
  options: Readonly<{ delayMs?: number }> = {},
): Promise<boolean> {
  if (options.delayMs !== undefined && options.delayMs > 0) {
    await scheduleAttempt(deps, tx.acsTransID, rreq, 1, options.delayMs);
    return false;
  }
  const settled = await attempt(deps, tx, rreq, 1);
  if (!settled) await scheduleRetry(deps, tx.acsTransID, rreq, 2);
  return settled;
}

/**
 * What a well-behaved 3DS Server answers to `rreq`: an Erro 301 (Table A.4, transaction ID not
 * recognised) when an identifier is not `tx`'s, an Erro 201 (required element missing) without
 * messageCategory, or without transStatus for a payment, else an RRes.
 */
export function expectedReplyTo(
  tx: Transaction,
  rreq: RReqAsSent,
): Pick<ReplyExpectation, 'expected' | 'erroCodes'> {
  const sent = rreq as Readonly<Record<string, unknown>>;
  const sameId = (name: 'threeDSServerTransID' | 'acsTransID' | 'dsTransID') =>
    typeof sent[name] === 'string' && (sent[name] as string).toLowerCase() === tx[name].toLowerCase();
  if (!sameId('threeDSServerTransID') || !sameId('acsTransID') || !sameId('dsTransID'))
    return { expected: 'Erro', erroCodes: ['301'] };
  // Table A.1, RReq: messageCategory always, transStatus for a payment (01).
  if (sent.messageCategory === undefined || (sent.transStatus === undefined && sent.messageCategory === '01'))
    return { expected: 'Erro', erroCodes: ['201'] };
  return { expected: 'RRes' };
}

/**
 * Makes every RReq attempt due by `asOf` (default: now) that no other instance has claimed;
 * returns how many it made. The sweeper calls it on every instance.
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
      const rreq = retry.rreq as RReqAsSent;
      if (await attempt(deps, tx, rreq, retry.attempt)) await deps.store.cancelRReqRetry(tx.acsTransID);
      else await scheduleRetry(deps, tx.acsTransID, rreq, retry.attempt + 1);
    }
    if (due.length < retryBatch) return made;
  }
}

async function scheduleRetry(deps: FlowDeps, acsTransID: string, rreq: RReqAsSent, n: number): Promise<void> {
  const { maxAttempts, retryDelayMs } = deps.config.rreq;
  if (n > maxAttempts) {
    await deps.store.cancelRReqRetry(acsTransID);
    deps.logger.warn('RReq not delivered; giving up', { acsTransID, attempts: maxAttempts });
    return;
  }
  await scheduleAttempt(deps, acsTransID, rreq, n, retryDelayMs * 2 ** (n - 2));
}

/** Keeps attempt `n` in the database, due in `delayMs`, and sets this process's timer for it. */
async function scheduleAttempt(
  deps: FlowDeps,
  acsTransID: string,
  rreq: RReqAsSent,
  n: number,
  delayMs: number,
): Promise<void> {
  const dueAt = new Date(deps.clock().getTime() + delayMs);
  await deps.store.scheduleRReqRetry({ acsTransID, rreq, attempt: n, dueAt: dueAt.toISOString() });
  const timer = setTimeout(() => {
    deliverDueRReqs(deps, dueAt).catch((error: unknown) =>
      deps.logger.error('RReq retry failed unexpectedly', { acsTransID, err: error }),
    );
  }, delayMs);
  timer.unref();
}

/** Makes attempt `n` (the first also enters the RReq in the timeline, when it is sent). */
async function attempt(deps: FlowDeps, tx: Transaction, rreq: RReqAsSent, n: number): Promise<boolean> {
  const expectation = expectedReplyTo(tx, rreq);
  if (n === 1) {
    const ids = { acsTransID: tx.acsTransID, threeDSServerTransID: tx.threeDSServerTransID };
    await deps.store.recordMessages([timelineEntry('out', 'RReq', rreq, ids, deps.clock())]);
  }
  const outcome = withoutPans(await deliverOnce(deps, tx, rreq, expectation));
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
  return (
    outcome.outcome === 'delivered' ||
    (expectation.expected === 'Erro' && outcome.verdict?.received === 'Erro')
  );
}

async function deliverOnce(
  deps: FlowDeps,
  tx: Transaction,
  rreq: RReqAsSent,
  expectation: Pick<ReplyExpectation, 'expected' | 'erroCodes'>,
): Promise<AttemptOutcome> {
  if (tx.threeDSServerURL === undefined) {
    return {
      outcome: 'network-error',
      httpStatus: undefined,
      detail: 'the AReq gave no threeDSServerURL',
      verdict: undefined,
    };
  }
  const reply = await deps.postJson(tx.threeDSServerURL, rreq, deps.config.rreq.timeoutMs);
  if (reply.kind === 'timeout')
    return { outcome: 'timeout', httpStatus: undefined, detail: undefined, verdict: undefined };
  if (reply.kind === 'network-error' || reply.kind === 'refused')
    return { outcome: reply.kind, httpStatus: undefined, detail: reply.detail, verdict: undefined };
  if (reply.httpStatus !== 200)
    return { outcome: 'http-error', httpStatus: reply.httpStatus, detail: undefined, verdict: undefined };

  const ids = { acsTransID: tx.acsTransID, threeDSServerTransID: tx.threeDSServerTransID };
  let body: unknown;
  try {
    body = parseJsonStrict(reply.body);
  } catch {
    const verdict = checkReply(reply.body, replyExpectationOf(tx, rreq, expectation));
    return { outcome: 'invalid-rres', httpStatus: 200, detail: 'reply is not JSON', verdict };
  }
  const verdict = checkReply(body, replyExpectationOf(tx, rreq, expectation));
  const erro = verdict.received === 'Erro';
  await deps.store.recordMessages([timelineEntry('in', erro ? 'Erro' : 'RRes', body, ids, deps.clock())]);
  if (erro) {
    const detail =
      expectation.expected === 'Erro'
        ? 'the 3DS Server answered with an Erro, as expected'
        : 'the 3DS Server answered with an Erro';
    return { outcome: 'erro', httpStatus: 200, detail, verdict };
  }
  if (verdict.received === 'RRes' && verdict.deviations.length === 0)
    return { outcome: 'delivered', httpStatus: 200, detail: undefined, verdict };
  const detail = verdict.deviations[0] ?? 'the reply is not an RRes';
  return { outcome: 'invalid-rres', httpStatus: 200, detail: detail.slice(0, 200), verdict };
}

/**
 * The attempt with every card number in its detail and deviations masked: the verdict quotes what
 * the 3DS Server sent, which may hold a PAN, and nothing is kept in clear (docs/security.md).
 */
function withoutPans(outcome: AttemptOutcome): AttemptOutcome {
  const { verdict, detail } = outcome;
  return {
    ...outcome,
    detail: detail === undefined ? undefined : maskPansIn(detail),
    verdict:
      verdict === undefined ? undefined : { ...verdict, deviations: verdict.deviations.map(maskPansIn) },
  };
}

/** The identifiers the reply is judged against: those of the RReq as sent (a faulty one's own). */
function replyExpectationOf(
  tx: Transaction,
  rreq: RReqAsSent,
  expectation: Pick<ReplyExpectation, 'expected' | 'erroCodes'>,
): ReplyExpectation {
  const sentId = (name: 'threeDSServerTransID' | 'acsTransID' | 'dsTransID', fallback: string): string =>
    typeof rreq[name] === 'string' ? (rreq[name] as string) : fallback;
  return {
    ...expectation,
    threeDSServerTransID: sentId('threeDSServerTransID', tx.threeDSServerTransID),
    acsTransID: sentId('acsTransID', tx.acsTransID),
    dsTransID: sentId('dsTransID', tx.dsTransID),
    messageVersion: tx.messageVersion,
    ...(tx.sdkTransID === undefined ? {} : { sdkTransID: tx.sdkTransID }),
  };
}
