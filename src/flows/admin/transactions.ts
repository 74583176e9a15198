/**
 * Transactions as a tester inspects them (admin API, console): search, the full story of one
 * (the transaction, its challenge, every message in and out, every RReq delivery attempt), and
 * sending a finished challenge's RReq again when the 3DS Server missed it. Views leave out
 * what is secret at rest: the sealed app-channel key, the current code's hash.
 */
import type { Challenge } from '../../domain/challenge.ts';
import type { RReqAttempt } from '../../domain/sms.ts';
import type { StoredMessage, Transaction } from '../../domain/transaction.ts';
import { AcsError } from '../../errors/index.ts';
import type { Erro } from '../../protocol/erro.ts';
import type { RReq } from '../../protocol/rreq.ts';
import type { TransactionFilter } from '../../store/port.ts';
import { notifyRequestor } from '../challenge/notify-requestor.ts';
import { rreqFor } from '../challenge/rreq-for.ts';
import type { FlowDeps } from '../common/deps.ts';

/** A transaction without its sealed secrets. */
export type TransactionView = Omit<Transaction, 'acsEphemeralKeySealed'>;

/** A challenge's progress without the code's hash or the requestor's session data. */
export type ChallengeView = Omit<Challenge, 'codeHash' | 'threeDSSessionData' | 'lastTotpStep'>;

/**
 * What the decision was made on, beside the check that fired: the threeDSCompInd the AReq carried
 * (Y: the 3DS Method completed; N: it did not in time; U: no 3DS Method). Read from the AReq kept
 * in the timeline; undefined when the AReq did not carry it (app and 3RI channels).
 */
export type DecisionLog = Readonly<{
  check: string;
  threeDSCompInd: string | undefined;
}>;

/** Everything the ACS remembers about one transaction, for its timeline. */
export type TransactionDetail = Readonly<{
  transaction: TransactionView;
  decision: DecisionLog;
  challenge: ChallengeView | undefined;
  /** Every message in and out, oldest first, PANs masked. */
  messages: readonly StoredMessage[];
  /** Every RReq delivery attempt, in order (a resend starts again at attempt 1). */
  rreqAttempts: readonly RReqAttempt[];
}>;

/** The outcome of sending an RReq again. */
export type RReqResend = Readonly<{
  delivered: boolean;
  rreq: RReq;
  rreqAttempts: readonly RReqAttempt[];
}>;

/** Transactions matching `filter`, newest first. */
export async function findTransactions(
  deps: Pick<FlowDeps, 'store'>,
  filter: TransactionFilter,
): Promise<readonly TransactionView[]> {
  return (await deps.store.listTransactions(filter)).map(transactionView);
}

/** The whole story of one transaction; AcsError not_found when there is none with this acsTransID. */
export async function transactionDetail(
  deps: Pick<FlowDeps, 'store'>,
  acsTransID: string,
): Promise<TransactionDetail> {
  const tx = await requireTransaction(deps, acsTransID);
  const challenge = await deps.store.getChallenge(tx.acsTransID);
  const messages = await deps.store.listMessages(tx.acsTransID);
  return {
    transaction: transactionView(tx),
    decision: { check: tx.decisionCheck, threeDSCompInd: threeDSCompIndOf(messages) },
    challenge: challenge === undefined ? undefined : challengeView(challenge),
    messages,
    rreqAttempts: await deps.store.listRReqAttempts(tx.acsTransID),
  };
}

/**
 * Sends the RReq of a finished challenge again, rebuilt from the stored result exactly as it was
 * first sent, with the usual retries when it fails. AcsError conflict when the transaction was
 * not challenged (C or D) or its challenge has not ended: there is no result to report.
 */
export async function resendRReq(deps: FlowDeps, acsTransID: string): Promise<RReqResend> {
  const tx = await requireTransaction(deps, acsTransID);
  if (tx.aresStatus !== 'C' && tx.aresStatus !== 'D') {
    throw new AcsError(
      'conflict',
      `the transaction was not challenged (ARes ${tx.aresStatus}): no RReq to send`,
    );
  }
  const { result } = tx;
  if (result === undefined) {
    throw new AcsError('conflict', 'the challenge has not ended: no result to report yet');
  }
  const rreq = rreqFor(
    { ...tx, result },
    await deps.store.getChallenge(tx.acsTransID),
    result.challengeCancel === '10' || result.challengeCancel === '09'
      ? await reportedErro(deps, tx.acsTransID, result.challengeCancel === '09' ? 'in' : 'out')
      : undefined,
  );
  deps.logger.info('RReq sent again on request', { acsTransID: tx.acsTransID });
  const delivered = await notifyRequestor(deps, tx, rreq);
  return { delivered, rreq, rreqAttempts: await deps.store.listRReqAttempts(tx.acsTransID) };
}

/** The threeDSCompInd of the AReq kept in `messages`, when it carried one (the decision log shows it). */
export function threeDSCompIndOf(messages: readonly StoredMessage[]): string | undefined {
  const areq = messages.find((message) => message.direction === 'in' && message.messageType === 'AReq');
  const value = areq?.body.threeDSCompInd;
  return typeof value === 'string' ? value : undefined;
}

/**
 * The Erro an RReq reports, as kept in the timeline: the one that answered an invalid CReq
 * (`out`, challengeCancel 10) or the one the 3DS SDK sent (`in`, challengeCancel 09).
 */
async function reportedErro(
  deps: Pick<FlowDeps, 'store'>,
  acsTransID: string,
  direction: 'in' | 'out',
): Promise<Erro | undefined> {
  const messages = await deps.store.listMessages(acsTransID);
  const erro = messages.find((message) => message.direction === direction && message.messageType === 'Erro');
  return erro === undefined ? undefined : (erro.body as Erro);
}

async function requireTransaction(deps: Pick<FlowDeps, 'store'>, acsTransID: string): Promise<Transaction> {
  const tx = await deps.store.getTransaction(acsTransID);
  if (tx === undefined) throw new AcsError('not_found', 'no transaction with that acsTransID');
  return tx;
}

function transactionView(tx: Transaction): TransactionView {
  const { acsEphemeralKeySealed: _sealed, ...view } = tx;
  return view;
}

function challengeView(challenge: Challenge): ChallengeView {
  const { codeHash: _hash, threeDSSessionData: _session, lastTotpStep: _step, ...view } = challenge;
  return view;
}
