/**
 * The first CReq (browser): the merchant's page posts `creq` (and optional
 * threeDSSessionData) into its iframe at the acsURL. The CReq is authenticated by its content:
 * it must name a transaction this ACS answered with C, with the same threeDSServerTransID and
 * messageVersion, still waiting for its first CReq. Then the window opens and the first code
 * is sent; on a card with the challenge-slow fault (docs/faults.md) only after the page has been
 * held back, the code then sent and the window's deadline counted from when the page is shown.
 *
 * A CReq that names a transaction but breaks the rules ends that transaction (U, reason 07): the
 * Erro goes, in place of the CRes, to the notificationURL (EMV 3DS 2.2.0 section 5.9 error
 * handling). The 3DS Server learns of it by the Erro itself in 2.1.0 and 2.2.0, and in 2.3.1 by
 * an RReq with challengeCancel 10 carrying that Erro as challengeErrorReporting (2.3.1 Table
 * A.1, rreq_231.html; docs/flows.md). One that names nothing usable gets an error page.
 */

import { openedChallenge, type WindowSize } from '../../domain/challenge.ts';
import type { Transaction } from '../../domain/transaction.ts';
import { ProtocolError } from '../../errors/index.ts';
import { decodeBase64UrlJson, encodeBase64UrlJson } from '../../protocol/base64url-json.ts';
import { type BrowserCReq, parseCReq } from '../../protocol/creq.ts';
import { erroForFailure } from '../../protocol/erro.ts';
import { isJsonObject, isUuid } from '../../protocol/formats.ts';
import { parseJsonStrict } from '../../protocol/json-strict.ts';
import type { FlowDeps } from '../common/deps.ts';
import { timelineEntry } from '../common/message-log.ts';
import { errorStep } from '../common/page-step.ts';
import { enrolledMethods } from './challenge-methods.ts';
import { languageOf, messageForDelivery, screenStep } from './challenge-screen.ts';
import type { ChallengeStep } from './challenge-step.ts';
import { creqErrorContext, endWithErro } from './end-with-erro.ts';
import { finishChallenge } from './finish-challenge.ts';
import { challengePageHold } from './page-faults.ts';
import { sendCode } from './send-code.ts';

/** The form fields of the first CReq post. */
export type FirstCReqForm = Readonly<{ creq: unknown; threeDSSessionData: unknown }>;

/** Longest threeDSSessionData echoed (the spec allows 1024 characters; we are lenient). */
const maxSessionDataLength = 2048;

/** Handles the first CReq post. */
export async function openChallenge(deps: FlowDeps, form: FirstCReqForm): Promise<ChallengeStep> {
  let json: unknown;
  try {
    json = decodeBase64UrlJson(form.creq, parseJsonStrict, 'creq');
  } catch {
    return errorStep('invalidRequest', 400);
  }
  const acsTransID = isJsonObject(json) && isUuid(json.acsTransID) ? json.acsTransID : undefined;
  const tx = acsTransID === undefined ? undefined : await deps.store.getTransaction(acsTransID);
  if (tx === undefined) return errorStep('notFound', 404);
  const lang = languageOf(tx);
  if (tx.state === 'final') return errorStep('transactionFinished', 409, lang);
  if (tx.deviceChannel !== '02') return errorStep('invalidRequest', 400, lang);

  const sessionData = form.threeDSSessionData;
  if (
    sessionData !== undefined &&
    (typeof sessionData !== 'string' ||
      sessionData.length > maxSessionDataLength ||
      // Echoed unchanged, so stored as given: a NUL cannot be (PostgreSQL text refuses it).
      sessionData.includes('\u0000'))
  ) {
    return rejectCReq(deps, tx, json, new ProtocolError('203', 'threeDSSessionData'), undefined);
  }
  let creq: BrowserCReq;
  try {
    creq = parseCReq(json, 'browser');
  } catch (error) {
    return rejectCReq(deps, tx, json, error, sessionData);
  }
  if (creq.threeDSServerTransID !== tx.threeDSServerTransID) {
    return rejectCReq(deps, tx, json, new ProtocolError('301', 'threeDSServerTransID'), sessionData);
  }
  if (creq.messageVersion !== tx.messageVersion) {
    return rejectCReq(deps, tx, json, new ProtocolError('305', 'messageVersion'), sessionData);
  }

  if (tx.state === 'challenging') {
    // The same CReq again (a reload): show the window as it stands, send nothing new.
    const challenge = await deps.store.getChallenge(tx.acsTransID);
    return challenge === undefined
      ? errorStep('invalidRequest', 400, lang)
      : await screenStep(deps, tx, challenge);
  }
  if (tx.state !== 'awaiting-creq') return errorStep('invalidRequest', 400, lang);

  const now = deps.clock();
  if (tx.deadlineAt !== undefined && now.getTime() >= Date.parse(tx.deadlineAt)) {
    await finishChallenge(deps, tx, undefined, { transStatus: 'N', reason: '14', challengeCancel: '05' });
    return errorStep('sessionExpired', 410, lang, creq.challengeWindowSize);
  }
  return startWindow(deps, tx, creq, typeof sessionData === 'string' ? sessionData : undefined, json, now);
}

async function startWindow(
  deps: FlowDeps,
  tx: Transaction,
  creq: BrowserCReq,
  threeDSSessionData: string | undefined,
  received: unknown,
  now: Date,
): Promise<ChallengeStep> {
  const lang = languageOf(tx);
  const methods = await enrolledMethods(deps, tx);
  const [method] = methods;
  const fresh = openedChallenge({
    acsTransID: tx.acsTransID,
    methods,
    windowSize: creq.challengeWindowSize as WindowSize,
    threeDSSessionData,
    now,
  });
  // challenge-slow (docs/faults.md): the CReq came in time, so the window opens now (no sweep can
  // call it late while the ACS itself holds the page), and its deadline counts from the page shown.
  const hold = challengePageHold(tx, now);
  const shownAt = now.getTime() + hold.delayMs;
  const deadlineAt = new Date(shownAt + deps.config.challenge.timeoutSeconds * 1000).toISOString();
  const ids = { acsTransID: tx.acsTransID, threeDSServerTransID: tx.threeDSServerTransID };
  if (
    !(await deps.store.startChallenge(fresh, deadlineAt, [
      timelineEntry('in', 'CReq', received, ids, now),
      ...hold.entries,
    ]))
  ) {
    return errorStep('transactionFinished', 409, lang, fresh.windowSize);
  }
  if (hold.delayMs > 0) await deps.sleep(hold.delayMs);
  const open: Transaction = { ...tx, state: 'challenging', deadlineAt };
  if (method === undefined) {
    // Enrolled in nothing the ACS can check (e.g. no phone on file): it cannot authenticate.
    await finishChallenge(deps, open, fresh, { transStatus: 'N', reason: '22' });
    return errorStep('unavailable', 503, lang, fresh.windowSize);
  }
  if (method !== 'sms') return await screenStep(deps, open, fresh);
  const phone = tx.cardId === undefined ? undefined : (await deps.store.getCard(tx.cardId))?.phone;
  const sent = await sendCode(deps, open, fresh, phone ?? '');
  await deps.store.saveChallenge(sent.challenge, fresh);
  return await screenStep(deps, open, sent.challenge, messageForDelivery(sent, 'codeSent'));
}

/**
 * A CReq that names a waiting transaction but is not valid: the transaction ends (U, reason 07),
 * the 3DS Server is told (an Erro before 2.3.1, an RReq with challengeCancel 10 from 2.3.1), and
 * the Erro is posted to the notificationURL in place of the CRes.
 */
async function rejectCReq(
  deps: FlowDeps,
  tx: Transaction,
  received: unknown,
  error: unknown,
  threeDSSessionData: unknown,
): Promise<ChallengeStep> {
  const lang = languageOf(tx);
  const erro = erroForFailure(error, {
    fallbackVersion: tx.messageVersion,
    context: creqErrorContext(tx),
    log: deps.logger,
    logFields: { during: 'first CReq', acsTransID: tx.acsTransID },
  });
  const now = deps.clock();
  const ids = { acsTransID: tx.acsTransID, threeDSServerTransID: tx.threeDSServerTransID };
  const won = await endWithErro(deps, tx, undefined, erro, [timelineEntry('in', 'CReq', received, ids, now)]);
  if (!won) return errorStep('transactionFinished', 409, lang);
  if (tx.notificationURL === undefined) return errorStep('invalidRequest', 400, lang);
  return {
    kind: 'post',
    lang,
    windowSize: undefined,
    action: tx.notificationURL,
    fields: [
      { name: 'cres', value: encodeBase64UrlJson(erro) },
      ...(typeof threeDSSessionData === 'string'
        ? [{ name: 'threeDSSessionData', value: threeDSSessionData }]
        : []),
    ],
  };
}
