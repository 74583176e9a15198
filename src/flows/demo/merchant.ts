/**
 * The demo merchant: a checkout inside the console that plays the 3DS Requestor and 3DS
 * Server, so any test card runs end to end from the browser. It sends the AReq in-process,
 * frames the challenge with the CReq, receives the RReq and the final CRes, and shows what
 * came back. It keeps no state of its own: everything is keyed by acsTransID and read back
 * from the transaction and its message timeline, which the ACS stores anyway (so a second
 * instance behind the same store shows the same order).
 */
import type { RReqAttempt } from '../../domain/sms.ts';
import type { Transaction } from '../../domain/transaction.ts';
import { ProtocolError } from '../../errors/index.ts';
import { decodeBase64UrlJson, encodeBase64UrlJson } from '../../protocol/base64url-json.ts';
import type { Erro } from '../../protocol/erro.ts';
import { isJsonObject, isUuid } from '../../protocol/formats.ts';
import { parseJsonStrict } from '../../protocol/json-strict.ts';
import { jwks } from '../../signing/jwks.ts';
import { type ResultJwsCheck, verifyResultJws } from '../../signing/result-verify.ts';
import type { FlowDeps } from '../common/deps.ts';
import { maskMessage } from '../common/message-log.ts';
import { authenticate } from '../threeds/authenticate.ts';
import { signedResult } from '../threeds/results.ts';
import { buildDemoAReq, type DemoRequestHeaders, demoThreeDSServerURL } from './areq.ts';
import type { DemoCheckout, DemoWindowSize } from './checkout-form.ts';

/** What sending the AReq gave: a transaction to show, or an Erro (no transaction exists then). */
export type DemoStart = Readonly<
  | { kind: 'transaction'; acsTransID: string; windowSize: DemoWindowSize }
  | { kind: 'erro'; erro: Erro; areq: Readonly<Record<string, unknown>> }
>;

/** The form post that opens the challenge in the checkout's iframe (first CReq). */
export type DemoChallengePost = Readonly<{
  acsURL: string;
  /** base64url CReq, unpadded (Table A.3). */
  creq: string;
  threeDSSessionData: string;
  windowSize: DemoWindowSize;
}>;

/** The signed result as the demo 3DS Server fetched and verified it. */
export type DemoSignedResult = Readonly<{ check: ResultJwsCheck; agreesWithTransaction: boolean }>;

/** One demo order, read back from the transaction and its timeline. */
export type DemoOrder = Readonly<{
  transaction: Transaction;
  areq: Readonly<Record<string, unknown>> | undefined;
  ares: Readonly<Record<string, unknown>> | undefined;
  /** Set while the ARes is C and the first CReq has not been posted yet. */
  challenge: DemoChallengePost | undefined;
  finalCRes: Readonly<Record<string, unknown>> | undefined;
  /** The RReq the ACS sent to the demo's threeDSServerURL. */
  rreq: Readonly<Record<string, unknown>> | undefined;
  /** What the demo answered (RRes, or an Erro). */
  rreqAnswer: Readonly<Record<string, unknown>> | undefined;
  rreqAttempts: readonly RReqAttempt[];
  signedResult: DemoSignedResult | undefined;
}>;

/** Where a demo transaction stands, for the result page's refresh script. */
export type DemoOrderStatus = Readonly<{ state: Transaction['state']; transStatus: string | undefined }>;

/** The final CRes as the notificationURL received it. */
export type DemoNotification = Readonly<
  | {
      ok: true;
      acsTransID: string;
      cres: Readonly<Record<string, unknown>>;
      transStatus: string | undefined;
      /** True when threeDSSessionData came back exactly as the demo sent it. */
      sessionDataEchoed: boolean;
    }
  | { ok: false; problem: string; acsTransID: string | undefined }
>;

/** Sends the checkout's AReq to this ACS, in-process, as the demo's 3DS Server. */
export async function startDemoCheckout(
  deps: FlowDeps,
  checkout: DemoCheckout,
  headers: DemoRequestHeaders,
): Promise<DemoStart> {
  const areq = buildDemoAReq(
    checkout,
    headers,
    { threeDSServerTransID: deps.newId() },
    deps.config.publicUrl,
    deps.clock(),
  );
  const answer = await authenticate(deps, JSON.stringify(areq));
  if (answer.messageType === 'Erro') return { kind: 'erro', erro: answer, areq: maskMessage(areq) };
  return { kind: 'transaction', acsTransID: answer.acsTransID, windowSize: checkout.windowSize };
}

/** threeDSSessionData the demo sends with the CReq and expects back with the CRes. */
export function demoSessionData(tx: Pick<Transaction, 'threeDSServerTransID'>): string {
  return Buffer.from(`demo-order:${tx.threeDSServerTransID}`, 'utf8').toString('base64url');
}

/**
 * The demo transaction with this acsTransID on one of `channels` (the browser checkout's 02 by
 * default; the RReq endpoint also takes the app checkout's 01), or undefined when there is none.
 */
export async function demoTransaction(
  deps: FlowDeps,
  acsTransID: unknown,
  channels: readonly string[] = ['02'],
): Promise<Transaction | undefined> {
  const tx = isUuid(acsTransID) ? await deps.store.getTransaction(acsTransID) : undefined;
  if (tx === undefined || !channels.includes(tx.deviceChannel)) return undefined;
  return tx.threeDSServerURL === demoThreeDSServerURL(deps.config.publicUrl) ? tx : undefined;
}

/** Where a demo transaction stands, or undefined when there is no such demo order. */
export async function demoOrderStatus(
  deps: FlowDeps,
  acsTransID: unknown,
): Promise<DemoOrderStatus | undefined> {
  const tx = await demoTransaction(deps, acsTransID);
  return tx === undefined ? undefined : { state: tx.state, transStatus: tx.result?.transStatus };
}

/** Reads a demo order back; `windowSize` is the size the tester chose for the challenge. */
export async function loadDemoOrder(
  deps: FlowDeps,
  acsTransID: unknown,
  windowSize: DemoWindowSize,
): Promise<DemoOrder | undefined> {
  const tx = await demoTransaction(deps, acsTransID);
  if (tx === undefined) return undefined;
  const messages = await deps.store.listMessages(tx.acsTransID);
  const find = (type: string, direction: 'in' | 'out') =>
    messages.findLast((m) => m.messageType === type && m.direction === direction)?.body;
  const ares = find('ARes', 'out');
  const rreqAt = messages.findLastIndex((m) => m.messageType === 'RReq' && m.direction === 'out');
  const rreqAnswer =
    rreqAt < 0
      ? undefined
      : messages
          .slice(rreqAt + 1)
          .findLast((m) => m.direction === 'in' && (m.messageType === 'RRes' || m.messageType === 'Erro'))
          ?.body;
  return {
    transaction: tx,
    areq: find('AReq', 'in'),
    ares,
    challenge: challengePost(tx, ares, windowSize),
    finalCRes: find('CRes', 'out'),
    rreq: rreqAt < 0 ? undefined : messages[rreqAt]?.body,
    rreqAnswer,
    rreqAttempts: await deps.store.listRReqAttempts(tx.acsTransID),
    signedResult: tx.result === undefined ? undefined : await fetchSignedResult(deps, tx),
  };
}

function challengePost(
  tx: Transaction,
  ares: Readonly<Record<string, unknown>> | undefined,
  windowSize: DemoWindowSize,
): DemoChallengePost | undefined {
  if (tx.state !== 'awaiting-creq' || typeof ares?.acsURL !== 'string') return undefined;
  const creq = {
    messageType: 'CReq',
    messageVersion: tx.messageVersion,
    threeDSServerTransID: tx.threeDSServerTransID,
    acsTransID: tx.acsTransID,
    challengeWindowSize: windowSize,
  };
  return {
    acsURL: ares.acsURL,
    creq: encodeBase64UrlJson(creq),
    threeDSSessionData: demoSessionData(tx),
    windowSize,
  };
}

/** The result JWS, verified with the published JWKS only, and checked against the transaction. */
async function fetchSignedResult(deps: FlowDeps, tx: Transaction): Promise<DemoSignedResult> {
  const check = await verifyResultJws(jwks(deps.keys), await signedResult(deps, tx.acsTransID));
  const agreesWithTransaction =
    check.valid &&
    check.payload.acsTransID === tx.acsTransID &&
    check.payload.threeDSServerTransID === tx.threeDSServerTransID &&
    check.payload.transStatus === tx.result?.transStatus;
  return { check, agreesWithTransaction };
}

/** Reads what the challenge window posted to the demo's notificationURL. */
export async function readDemoNotification(
  deps: FlowDeps,
  input: Readonly<{ order: unknown; cres: unknown; threeDSSessionData: unknown }>,
): Promise<DemoNotification> {
  let cres: unknown;
  try {
    cres = decodeBase64UrlJson(input.cres, parseJsonStrict, 'cres');
  } catch (error) {
    const problem =
      error instanceof ProtocolError && error.errorCode === '203'
        ? 'The cres field is not base64url-encoded JSON.'
        : 'The post carried no readable cres field.';
    return { ok: false, problem, acsTransID: undefined };
  }
  if (!isJsonObject(cres) || cres.messageType !== 'CRes') {
    return { ok: false, problem: 'The cres field does not hold a CRes message.', acsTransID: undefined };
  }
  const tx = await demoTransaction(deps, cres.acsTransID);
  if (tx === undefined) {
    return { ok: false, problem: 'The CRes names no order of this demo merchant.', acsTransID: undefined };
  }
  if (cres.threeDSServerTransID !== tx.threeDSServerTransID || input.order !== tx.threeDSServerTransID) {
    return {
      ok: false,
      problem: 'The CRes does not belong to the order this notification URL was given for.',
      acsTransID: tx.acsTransID,
    };
  }
  return {
    ok: true,
    acsTransID: tx.acsTransID,
    cres: maskMessage(cres),
    transStatus: typeof cres.transStatus === 'string' ? cres.transStatus : undefined,
    sessionDataEchoed: input.threeDSSessionData === demoSessionData(tx),
  };
}
