/**
 * A transaction's whole exchange as one JSON document a tester attaches to a bug report
 * (docs/admin-api.md, "Export and replay"): which ACS answered, the transaction and its true
 * outcome, the check that decided, every timeline message in order with its time since the AReq
 * (fault entries included as they are, src/flows/common/fault-log.ts), and every RReq delivery
 * attempt with the verdict on its reply. POST /api/admin/replays runs the document's AReq again
 * (src/flows/admin/replay.ts).
 *
 * Nothing secret goes in: the transaction is read through the admin view (no sealed key), the
 * challenge's code hash and threeDSSessionData are left out, and the timeline bodies are the
 * ones kept at rest, PAN masked (src/flows/common/message-log.ts). App-channel CReq and CRes
 * bodies keep the size of their JWE as `encryptedLength` (src/flows/challenge/encrypted-size.ts).
 */
import type { Fault } from '../../domain/fault.ts';
import type { Scenario } from '../../domain/scenario.ts';
import type { Scheme } from '../../domain/scheme.ts';
import type { RReqAttempt } from '../../domain/sms.ts';
import type { StoredMessage, TransactionResult, TransactionState } from '../../domain/transaction.ts';
import type { ReplyVerdict } from '../../protocol/rres.ts';
import type { FlowDeps } from '../common/deps.ts';
import { acsVersion } from './acs-version.ts';
import { type TransactionView, transactionDetail } from './transactions.ts';

/** The format marker of an exported exchange. */
export const exchangeFormat = 'acs-exchange';

/** The version of the format; a reader refuses another. */
export const exchangeFormatVersion = 1;

/** The transaction as exported: its ids, what it was about, and its true outcome. */
export type ExchangeTransaction = Readonly<{
  acsTransID: string;
  threeDSServerTransID: string;
  dsTransID: string;
  sdkTransID: string | null;
  messageVersion: string;
  deviceChannel: string;
  messageCategory: string;
  maskedPan: string;
  scheme: Scheme | null;
  scenario: Scenario | null;
  cardId: string | null;
  fault: Fault | null;
  faultDelayMs: number | null;
  aresStatus: string;
  aresStatusReason: string | null;
  state: TransactionState;
  /** The final result (never altered by a fault); null while the transaction waits. */
  result: Readonly<{
    transStatus: string;
    transStatusReason: string | null;
    eci: string | null;
    authenticationValue: string | null;
    challengeCancel: string | null;
    interactionCounter: number | null;
    completedAt: string;
  }> | null;
  createdAt: string;
}>;

/** One timeline entry: a message in or out, or a fault's entry (messageType 'Fault'). */
export type ExchangeMessage = Readonly<{
  at: string;
  /** Milliseconds since the AReq was received. */
  offsetMs: number;
  direction: 'in' | 'out';
  messageType: string;
  /** As kept at rest: PAN masked; app-channel CReq/CRes carry `encryptedLength`. */
  body: Readonly<Record<string, unknown>>;
}>;

/** One RReq delivery attempt and the ACS's verdict on the reply. */
export type ExchangeRReqAttempt = Readonly<{
  attempt: number;
  outcome: RReqAttempt['outcome'];
  httpStatus: number | null;
  detail: string | null;
  /** null when no reply was read (network error, timeout). */
  verdict: ReplyVerdict | null;
  at: string;
  offsetMs: number;
}>;

/** An exported exchange. */
export type ExchangeDocument = Readonly<{
  format: typeof exchangeFormat;
  formatVersion: typeof exchangeFormatVersion;
  exportedAt: string;
  /** The ACS that answered: its release and the public URL its acsURL starts with. */
  acs: Readonly<{ version: string; publicUrl: string }>;
  transaction: ExchangeTransaction;
  /** The check that decided (docs/flows.md, "The decision") and the AReq's threeDSCompInd. */
  decision: Readonly<{ check: string; threeDSCompInd: string | null }>;
  messages: readonly ExchangeMessage[];
  rreqAttempts: readonly ExchangeRReqAttempt[];
}>;

/** The file name an export is downloaded as. */
export function exchangeFileName(acsTransID: string): string {
  return `acs-exchange-${acsTransID.replace(/[^0-9A-Za-z-]/g, '')}.json`;
}

/** The exchange of transaction `acsTransID`; AcsError not_found when there is none. */
export async function exportExchange(
  deps: Pick<FlowDeps, 'store' | 'clock' | 'config'>,
  acsTransID: string,
): Promise<ExchangeDocument> {
  const detail = await transactionDetail(deps, acsTransID);
  const start = startOf(detail.messages, detail.transaction);
  const offset = (at: string) => Math.max(0, Date.parse(at) - start);
  return {
    format: exchangeFormat,
    formatVersion: exchangeFormatVersion,
    exportedAt: deps.clock().toISOString(),
    acs: { version: acsVersion(), publicUrl: deps.config.publicUrl },
    transaction: exchangeTransaction(detail.transaction),
    decision: { check: detail.decision.check, threeDSCompInd: detail.decision.threeDSCompInd ?? null },
    messages: detail.messages.map((message) => ({
      at: message.createdAt,
      offsetMs: offset(message.createdAt),
      direction: message.direction,
      messageType: message.messageType,
      body: message.body,
    })),
    rreqAttempts: detail.rreqAttempts.map((attempt) => ({
      attempt: attempt.attempt,
      outcome: attempt.outcome,
      httpStatus: attempt.httpStatus ?? null,
      detail: attempt.detail ?? null,
      verdict: attempt.verdict ?? null,
      at: attempt.at,
      offsetMs: offset(attempt.at),
    })),
  };
}

/** When the AReq was received (its timeline entry), else when the transaction was created. */
function startOf(messages: readonly StoredMessage[], tx: TransactionView): number {
  const areq = messages.find((message) => message.direction === 'in' && message.messageType === 'AReq');
  return Date.parse(areq?.createdAt ?? tx.createdAt);
}

function exchangeTransaction(tx: TransactionView): ExchangeTransaction {
  const { result } = tx;
  return {
    acsTransID: tx.acsTransID,
    threeDSServerTransID: tx.threeDSServerTransID,
    dsTransID: tx.dsTransID,
    sdkTransID: tx.sdkTransID ?? null,
    messageVersion: tx.messageVersion,
    deviceChannel: tx.deviceChannel,
    messageCategory: tx.messageCategory,
    maskedPan: tx.maskedPan,
    scheme: tx.scheme ?? null,
    scenario: tx.scenario ?? null,
    cardId: tx.cardId ?? null,
    fault: tx.fault ?? null,
    faultDelayMs: tx.faultDelayMs ?? null,
    aresStatus: tx.aresStatus,
    aresStatusReason: tx.aresStatusReason ?? null,
    state: tx.state,
    result: result === undefined ? null : resultJson(result),
    createdAt: tx.createdAt,
  };
}

/** A final result as JSON (absent values as null): the export's and the admin API's. */
export function resultJson(result: TransactionResult) {
  return {
    transStatus: result.transStatus,
    transStatusReason: result.transStatusReason ?? null,
    eci: result.eci ?? null,
    authenticationValue: result.authenticationValue ?? null,
    challengeCancel: result.challengeCancel ?? null,
    interactionCounter: result.interactionCounter ?? null,
    completedAt: result.completedAt,
  };
}
