/**
 * Reading an app CReq (a compact JWE posted to the acsURL as application/jose) before anything
 * acts on it, in the order EMV 3DS 2.2.0 section 5.9 and the SDK key agreement imply:
 *
 * 1. The JWE's `kid` names the transaction (the SDK sets it to acsTransID): one this ACS answered
 *    C on the app channel and still waiting for a CReq; else Erro 301, nothing ended.
 * 2. `enc` is A128CBC-HS256 or A128GCM, and after the first CReq the same one; the session key
 *    (app-session.ts) decrypts it; else Erro 302 (data decryption failure, Table A.4).
 * 3. The plaintext is a valid app CReq (parseCReq 'app': 101/102/201/203) with the transaction's
 *    IDs (301) and messageVersion (305, as the browser's first CReq).
 * 4. sdkCounterStoA is exactly one more than the last accepted, 000 first; else 302 (a replayed
 *    or out-of-order CReq is treated as the SDK treats a CRes counter that is off: Stripe's
 *    DefaultMessageTransformer answers 302 for it).
 * From step 2 on the transaction is live and named: the caller ends it (end-with-erro.ts).
 */
import type { Challenge } from '../../domain/challenge.ts';
import type { NewMessage, Transaction } from '../../domain/transaction.ts';
import { AppChannelError, ProtocolError, type ProtocolErrorCode } from '../../errors/index.ts';
import { type AppCReq, parseCReq, redactCReq } from '../../protocol/creq.ts';
import { isJsonObject, isUuid } from '../../protocol/formats.ts';
import type { ChallengeKey } from '../../signing/app-channel.ts';
import { challengeEncOf, decryptCReq } from '../../signing/challenge-jwe.ts';
import type { FlowDeps } from '../common/deps.ts';
import { timelineEntry } from '../common/message-log.ts';
import { type AppAgreement, appAgreementOf, sessionKeyOf } from './app-session.ts';

/** A CReq that passed every check: what the challenge acts on. */
export type ReadCReq = Readonly<{
  kind: 'read';
  tx: Transaction;
  challenge: Challenge | undefined;
  creq: AppCReq;
  key: ChallengeKey;
  agreement: AppAgreement;
  /** The CReq for the timeline: decrypted, what was typed redacted, the JWE's length beside it. */
  received: NewMessage;
}>;

/** A CReq refused: `tx` set when it names a live transaction (which then ends). */
export type RefusedCReq = Readonly<{
  kind: 'refused';
  error: ProtocolError;
  tx: Transaction | undefined;
  challenge: Challenge | undefined;
  received: NewMessage | undefined;
}>;

/** The header's kid, when the body is a compact JWE whose header is readable JSON. */
function kidOf(jwe: string): string | undefined {
  const header = jwe.split('.')[0] ?? '';
  try {
    const parsed: unknown = JSON.parse(Buffer.from(header, 'base64url').toString('utf8'));
    return isJsonObject(parsed) && typeof parsed.kid === 'string' ? parsed.kid : undefined;
  } catch {
    return undefined;
  }
}

/** The CReq as the timeline keeps it: decrypted and redacted, with the JWE's length. */
function receivedEntry(tx: Transaction, body: unknown, jweLength: number, now: Date): NewMessage {
  const ids = { acsTransID: tx.acsTransID, threeDSServerTransID: tx.threeDSServerTransID };
  return timelineEntry('in', 'CReq', { ...(body as object), encryptedLength: jweLength }, ids, now);
}

/** Reads and checks one app CReq (see the module comment for the order). */
export async function readAppCReq(deps: FlowDeps, jwe: string): Promise<ReadCReq | RefusedCReq> {
  const refuse = (
    code: ProtocolErrorCode,
    detail: string,
    tx?: Transaction,
    challenge?: Challenge,
    received?: NewMessage,
  ): RefusedCReq => ({
    kind: 'refused',
    error: new ProtocolError(code, detail, { messageType: 'CReq' }),
    tx,
    challenge,
    received,
  });
  const kid = kidOf(jwe);
  const named = kid !== undefined && isUuid(kid) ? await deps.store.getTransaction(kid) : undefined;
  if (kid === undefined) return refuse('302', 'JWE');
  if (
    named === undefined ||
    named.deviceChannel !== '01' ||
    named.acsEphemeralKeySealed === undefined ||
    (named.state !== 'awaiting-creq' && named.state !== 'challenging')
  ) {
    return refuse('301', 'kid');
  }
  const tx = named;
  const now = deps.clock();
  const challenge = tx.state === 'challenging' ? await deps.store.getChallenge(tx.acsTransID) : undefined;
  const undecrypted = receivedEntry(tx, { decrypted: false }, jwe.length, now);
  const enc = challengeEncOf(jwe);
  if (enc === undefined || (challenge !== undefined && challenge.appEnc !== enc)) {
    return refuse('302', 'JWE', tx, challenge, undecrypted);
  }
  const agreement = await appAgreementOf(deps, tx);
  if (agreement === undefined) return refuse('403', 'sdkEphemPubKey', tx, challenge, undecrypted);
  let key: ChallengeKey;
  let payload: Record<string, unknown>;
  try {
    key = sessionKeyOf(deps, tx, agreement, enc);
    payload = (await decryptCReq(jwe, key)).payload;
  } catch (error) {
    if (!(error instanceof AppChannelError)) throw error;
    const code =
      error.code === 'payload_invalid' ? '101' : error.code === 'invalid_acs_ephemeral_key' ? '403' : '302';
    return refuse(code, code === '101' ? 'CReq' : 'JWE', tx, challenge, undecrypted);
  }
  let creq: AppCReq;
  try {
    creq = parseCReq(payload, 'app');
  } catch (error) {
    const received = receivedEntry(tx, redactPayload(payload), jwe.length, now);
    if (error instanceof ProtocolError) return { kind: 'refused', error, tx, challenge, received };
    throw error;
  }
  const received = receivedEntry(tx, redactCReq(creq), jwe.length, now);
  if (creq.acsTransID !== tx.acsTransID || creq.threeDSServerTransID !== tx.threeDSServerTransID) {
    return refuse('301', 'threeDSServerTransID', tx, challenge, received);
  }
  if (creq.sdkTransID !== tx.sdkTransID) return refuse('301', 'sdkTransID', tx, challenge, received);
  if (creq.messageVersion !== tx.messageVersion) {
    return refuse('305', 'messageVersion', tx, challenge, received);
  }
  const expected = challenge === undefined ? 0 : (challenge.sdkCounterStoA ?? -1) + 1;
  if (Number(creq.sdkCounterStoA) !== expected) {
    return refuse('302', 'sdkCounterStoA', tx, challenge, received);
  }
  return { kind: 'read', tx, challenge, creq, key, agreement, received };
}

/** A decrypted CReq that failed its checks, for the timeline: what may have been typed hidden. */
function redactPayload(payload: Record<string, unknown>): Record<string, unknown> {
  const copy = { ...payload };
  for (const name of ['challengeDataEntry', 'challengeDataEntryTwo', 'challengeHTMLDataEntry']) {
    if (copy[name] !== undefined) copy[name] = '***';
  }
  return copy;
}
