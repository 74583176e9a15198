/**
 * The sandbox "bank app": what the cardholder's phone would show for out-of-band challenges
 * (approve the purchase open in the browser) and decoupled authentication (ARes D, approve
 * while the merchant waits). An answer is recorded once; a decoupled transaction then ends
 * at once (RReq Y, or N reason 01 when denied); an out-of-band window continues by itself.
 */
import { formatAmount } from '../../domain/money.ts';
import type { Transaction } from '../../domain/transaction.ts';
import { isUuid } from '../../protocol/formats.ts';
import type { Approval } from '../../store/port.ts';
import { finishChallenge } from '../challenge/finish-challenge.ts';
import type { FlowDeps } from '../common/deps.ts';

/** One request waiting in the bank app. */
export type PendingRequest = Readonly<{
  acsTransID: string;
  kind: 'oob' | 'decoupled';
  merchantName: string;
  amount: string | undefined;
  maskedPan: string;
  createdAt: string;
  expiresAt: string | undefined;
  approval: Approval | undefined;
}>;

/** Why an answer was not taken. */
export type AnswerRefusal = 'not-found' | 'not-waiting' | 'already-answered';

function amountOf(tx: Transaction): string | undefined {
  const { amount, currency, exponent } = tx.purchase;
  if (amount === undefined || currency === undefined) return undefined;
  try {
    return formatAmount(amount, currency, exponent ?? '0', 'en');
  } catch {
    return undefined;
  }
}

/** The requests waiting in the bank app, oldest first. */
export async function pendingRequests(deps: FlowDeps, limit = 50): Promise<readonly PendingRequest[]> {
  return (await deps.store.listPendingApprovals(limit)).map(({ transaction: tx, approval }) => ({
    acsTransID: tx.acsTransID,
    kind: tx.state === 'awaiting-decoupled' ? 'decoupled' : 'oob',
    merchantName: tx.purchase.merchantName ?? '',
    amount: amountOf(tx),
    maskedPan: tx.maskedPan,
    createdAt: tx.createdAt,
    expiresAt: tx.deadlineAt,
    approval,
  }));
}

/** The cardholder approves or denies in the bank app. */
export async function answerInBankApp(
  deps: FlowDeps,
  acsTransID: string,
  approval: Approval,
): Promise<{ ok: true } | { ok: false; refusal: AnswerRefusal }> {
  const tx = isUuid(acsTransID) ? await deps.store.getTransaction(acsTransID) : undefined;
  if (tx === undefined) return { ok: false, refusal: 'not-found' };
  const waiting =
    tx.state === 'awaiting-decoupled' || (tx.state === 'challenging' && tx.authenticationMethod === 'oob');
  if (!waiting) return { ok: false, refusal: 'not-waiting' };
  if (!(await deps.store.recordApproval(acsTransID, approval, deps.clock().toISOString()))) {
    return { ok: false, refusal: 'already-answered' };
  }
  if (tx.state === 'awaiting-decoupled') {
    await finishChallenge(
      deps,
      tx,
      undefined,
      approval === 'approved' ? { transStatus: 'Y' } : { transStatus: 'N', reason: '01' },
    );
  }
  return { ok: true };
}
