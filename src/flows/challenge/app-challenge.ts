/**
 * The app channel's challenge (deviceChannel 01): each CReq the 3DS SDK posts to the acsURL,
 * read and checked by app-creq.ts, is answered with one JWE CRes, a screen (app-screens.ts) or
 * the final CRes, each carrying the next acsCounterAtoS; a refused CReq with a plain Erro (HTTP
 * 200: an SDK reads no other status's body, Stripe's StripeHttpClient), and when it names a live
 * transaction that transaction ends once (end-with-erro.ts).
 *
 * The first CReq opens the challenge, as the browser's first CReq opens the window: the methods
 * are those the device can draw (rendering-choice.ts, the same choice the ARes made), the first
 * SMS code goes out unless the screen is the method choice. Later CReqs act, in this precedence
 * (src/protocol/creq.ts explains why): challengeCancel, resendChallenge, oobContinue,
 * challengeHTMLDataEntry, challengeDataEntry, nothing. Each first claims its sdkCounterStoA with a
 * compare-and-set, so a replay that raced it loses; what it does is challenge-core.ts's rules,
 * the browser's own.
 */
import { type Challenge, openedChallenge } from '../../domain/challenge.ts';
import type { Transaction } from '../../domain/transaction.ts';
import { ProtocolError, type ProtocolErrorCode } from '../../errors/index.ts';
import { buildErro, type Erro } from '../../protocol/erro.ts';
import { isJsonObject, isUuid } from '../../protocol/formats.ts';
import { chooseRendering } from '../../protocol/rendering-choice.ts';
import type { ChallengeKey } from '../../signing/app-channel.ts';
import { encryptCRes } from '../../signing/challenge-jwe.ts';
import type { FlowDeps } from '../common/deps.ts';
import { timelineEntry } from '../common/message-log.ts';
import { rateLimits, withinLimit } from '../common/rate-limits.ts';
import { type ReadCReq, readAppCReq } from './app-creq.ts';
import { readHtmlEntry } from './app-html.ts';
import { appScreenCRes, isChoosing, methodOfChoice } from './app-screens.ts';
import type { AppAgreement } from './app-session.ts';
import {
  answerChallenge,
  type ChallengeOutcome,
  cancelledEnd,
  resendChallenge,
  switchMethod,
} from './challenge-core.ts';
import { enrolledMethods } from './challenge-methods.ts';
import { creqErrorContext, endWithErro } from './end-with-erro.ts';
import { type ChallengeEnd, finishChallenge } from './finish-challenge.ts';
import { sendCode } from './send-code.ts';

/** What the acsURL answers an SDK: a JWE CRes (application/jose) or a plain Erro (application/json). */
export type AppAnswer = Readonly<{ kind: 'jwe'; body: string }> | Readonly<{ kind: 'erro'; erro: Erro }>;

/** Where an app CReq came from: the client address the code-post limit counts by. */
export type AppCReqOrigin = Readonly<{ clientAddress: string }>;

/** Answers one app CReq (the JWE as posted). */
export async function answerAppCReq(deps: FlowDeps, jwe: string, origin: AppCReqOrigin): Promise<AppAnswer> {
  const read = await readAppCReq(deps, jwe);
  if (read.kind === 'refused') {
    const { tx, error } = read;
    if (tx === undefined) {
      deps.metrics.erroByCode.inc({ errorCode: error.errorCode, messageType: 'CReq' });
      return { kind: 'erro', erro: buildErro(error, '2.2.0') };
    }
    const erro = erroAbout(tx, error.errorCode, error.errorDetail);
    await endWithErro(deps, tx, read.challenge, erro, read.received === undefined ? [] : [read.received]);
    return { kind: 'erro', erro };
  }
  if (read.challenge === undefined) return openAppChallenge(deps, read);
  if (carriesAnswer(read, read.challenge) && !(await withinCodePostLimit(deps, origin))) {
    // The browser's limit on code posts (challenge-routes.ts, HTTP 429 page), as an Erro the SDK
    // can read: 403 transient system failure (Table A.4). An SDK ends its challenge on any Erro
    // (Stripe's ChallengeResponseProcessor), so the transaction ends too, once, and is reported.
    const erro = erroAbout(read.tx, '403', 'codePostsPerAddress');
    await endWithErro(deps, read.tx, read.challenge, erro, [read.received]);
    return { kind: 'erro', erro };
  }
  return act(deps, read, read.challenge);
}

/**
 * True when the CReq answers the challenge, as the browser window's submit does: a typed code or
 * password, or an HTML form submitted with one (not a choice of method, a resend or a continue).
 */
function carriesAnswer(read: ReadCReq, challenge: Challenge): boolean {
  if (isChoosing(challenge) || read.creq.challengeCancel !== undefined) return false;
  const html = read.creq.challengeHTMLDataEntry;
  if (html !== undefined) {
    const entry = readHtmlEntry(html);
    return entry.action === 'submit' && entry.code !== undefined;
  }
  return read.creq.challengeDataEntry !== undefined;
}

function withinCodePostLimit(deps: FlowDeps, origin: AppCReqOrigin): Promise<boolean> {
  const max = deps.config.limits.codePostsPerAddressPerMinute;
  return withinLimit(deps, rateLimits.codePostsPerAddress, origin.clientAddress, max);
}

/** The first CReq: opens the challenge and shows its first screen. */
async function openAppChallenge(deps: FlowDeps, read: ReadCReq): Promise<AppAnswer> {
  const { tx, agreement, key } = read;
  const now = deps.clock();
  if (tx.deadlineAt !== undefined && now.getTime() >= Date.parse(tx.deadlineAt)) {
    await finishChallenge(deps, tx, undefined, { transStatus: 'N', reason: '14', challengeCancel: '05' }, [
      read.received,
    ]);
    return plainErro(deps, tx, '402', 'CReq');
  }
  const enrolled = await enrolledMethods(deps, tx);
  const rendering =
    enrolled.length === 0 || agreement.deviceRenderOptions === undefined
      ? undefined
      : chooseRendering({ methods: enrolled, deviceRenderOptions: agreement.deviceRenderOptions });
  const offered = rendering?.kind === 'rendered' ? rendering.offered : enrolled;
  const renderingType =
    agreement.acsRenderingType ?? (rendering?.kind === 'rendered' ? rendering.acsRenderingType : undefined);
  const fresh: Challenge = {
    // No window on the app channel: the SDK draws full screen.
    ...openedChallenge({
      acsTransID: tx.acsTransID,
      methods: offered,
      windowSize: '05',
      threeDSSessionData: undefined,
      now,
    }),
    appEnc: key.enc,
    sdkCounterStoA: 0,
    acsCounterAtoS: 1,
    acsInterface: renderingType?.acsInterface,
    acsUiTemplate: renderingType?.acsUiTemplate,
    appScreen: offered.length > 1 ? 'choice' : 'method',
  };
  if (!(await deps.store.startChallenge(fresh, openDeadline(deps, tx, agreement, now), [read.received]))) {
    return plainErro(deps, tx, '301', 'acsTransID');
  }
  const open: Transaction = { ...tx, state: 'challenging' };
  if (offered.length === 0) {
    // Enrolled in nothing the ACS can check: it cannot authenticate (as the browser, N/22).
    return answer(deps, open, fresh, key, 0, {
      kind: 'end',
      challenge: fresh,
      end: { transStatus: 'N', reason: '22' },
    });
  }
  if (read.creq.challengeCancel !== undefined) {
    return answer(deps, open, fresh, key, 0, { kind: 'end', challenge: fresh, end: cancelEnd(read) });
  }
  if (fresh.appScreen === 'choice' || fresh.method !== 'sms') {
    return answer(deps, open, fresh, key, 0, { kind: 'screen', challenge: fresh });
  }
  const phone = tx.cardId === undefined ? undefined : (await deps.store.getCard(tx.cardId))?.phone;
  const sent = await sendCode(deps, open, fresh, phone ?? '');
  await deps.store.saveChallenge(sent.challenge, fresh);
  return answer(deps, open, sent.challenge, key, 0, { kind: 'screen', challenge: sent.challenge });
}

/**
 * How long the open challenge may last: the challenge limit, bounded by sdkMaxTimeout (Table A.1:
 * the SDK's maximum time, in minutes, for all exchanges, counted from the AReq).
 */
function openDeadline(deps: FlowDeps, tx: Transaction, agreement: AppAgreement, now: Date): string {
  const limit = now.getTime() + deps.config.challenge.timeoutSeconds * 1000;
  const sdkLimit =
    agreement.sdkMaxTimeoutMinutes === undefined
      ? limit
      : Date.parse(tx.createdAt) + agreement.sdkMaxTimeoutMinutes * 60_000;
  return new Date(Math.max(now.getTime() + 1000, Math.min(limit, sdkLimit))).toISOString();
}

/** challengeCancel 01 (cardholder) is the browser's cancel; any other reason ends it N, challengeCancel 06. */
function cancelEnd(read: ReadCReq): ChallengeEnd {
  return read.creq.challengeCancel === '01'
    ? cancelledEnd
    : { transStatus: 'N', reason: '01', challengeCancel: '06' };
}

/** A later CReq: claim its counter, then do what it asks. */
async function act(deps: FlowDeps, read: ReadCReq, challenge: Challenge): Promise<AppAnswer> {
  const { tx, creq, key } = read;
  const counter = challenge.acsCounterAtoS ?? 0;
  const html =
    creq.challengeHTMLDataEntry === undefined ? undefined : readHtmlEntry(creq.challengeHTMLDataEntry);
  const choice = isChoosing(challenge)
    ? (methodOfChoice(creq.challengeDataEntry) ?? (html?.method as typeof challenge.method | undefined))
    : undefined;
  const claimed: Challenge = {
    ...challenge,
    sdkCounterStoA: Number(creq.sdkCounterStoA),
    acsCounterAtoS: counter + 1,
    updatedAt: deps.clock().toISOString(),
    ...(choice !== undefined && challenge.methods.includes(choice) ? { appScreen: 'method' as const } : {}),
  };
  if (!(await deps.store.saveChallenge(claimed, challenge))) {
    // Another CReq with this counter (or the end of the challenge) came first: a replay.
    const erro = erroAbout(tx, '302', 'sdkCounterStoA');
    await endWithErro(deps, tx, challenge, erro, [read.received]);
    return { kind: 'erro', erro };
  }
  await deps.store.recordMessages([read.received]);
  const outcome = await outcomeOf(deps, read, claimed, html, choice);
  return answer(deps, tx, claimed, key, counter, outcome);
}

async function outcomeOf(
  deps: FlowDeps,
  read: ReadCReq,
  claimed: Challenge,
  html: ReturnType<typeof readHtmlEntry> | undefined,
  choice: Challenge['method'] | undefined,
): Promise<ChallengeOutcome> {
  const { tx, creq } = read;
  if (creq.challengeCancel !== undefined) return { kind: 'end', challenge: claimed, end: cancelEnd(read) };
  if (creq.resendChallenge === 'Y' || html?.action === 'resend') return resendChallenge(deps, tx, claimed);
  if (isChoosing(claimed) || choice !== undefined) {
    return choice === undefined
      ? { kind: 'screen', challenge: claimed }
      : switchMethod(deps, tx, claimed, choice);
  }
  if (creq.oobContinue !== undefined || html?.action === 'continue') {
    return claimed.method === 'oob'
      ? answerChallenge(deps, tx, claimed, '')
      : { kind: 'screen', challenge: claimed };
  }
  if (html !== undefined) return answerChallenge(deps, tx, claimed, html.code);
  if (creq.challengeDataEntry !== undefined)
    return answerChallenge(deps, tx, claimed, creq.challengeDataEntry);
  // Nothing entered (challengeNoEntry, or an empty CReq): as an empty answer in the browser.
  return claimed.method === 'oob'
    ? { kind: 'screen', challenge: claimed }
    : answerChallenge(deps, tx, claimed, '');
}

/** The outcome as the JWE CRes carrying acsCounterAtoS `counter`. */
async function answer(
  deps: FlowDeps,
  tx: Transaction,
  claimed: Challenge,
  key: ChallengeKey,
  counter: number,
  outcome: ChallengeOutcome,
): Promise<AppAnswer> {
  const ids = { acsTransID: tx.acsTransID, threeDSServerTransID: tx.threeDSServerTransID };
  switch (outcome.kind) {
    case 'end': {
      const encryptedLength = async (cres: object) =>
        (await encryptCRes({ ...cres }, key, tx.acsTransID)).length;
      const cres = await finishChallenge(deps, tx, outcome.challenge, outcome.end, [], {
        acsCounterAtoS: counter,
        encryptedLength,
      });
      if (cres === undefined) return plainErro(deps, tx, '301', 'acsTransID');
      return { kind: 'jwe', body: await encryptCRes({ ...cres }, key, tx.acsTransID) };
    }
    case 'screen':
    case 'lost-race':
    case 'unavailable': {
      const shown =
        outcome.kind === 'screen'
          ? outcome.challenge
          : ((await deps.store.getChallenge(tx.acsTransID)) ?? claimed);
      const message =
        outcome.kind === 'screen'
          ? outcome.message
          : outcome.kind === 'unavailable'
            ? ({ kind: 'error', key: 'deliveryFailed' } as const)
            : undefined;
      const cres = await appScreenCRes(deps, tx, shown, counter, message);
      const body = await encryptCRes({ ...cres }, key, tx.acsTransID);
      await deps.store.recordMessages([
        timelineEntry('out', 'CRes', { ...cres, encryptedLength: body.length }, ids, deps.clock()),
      ]);
      return { kind: 'jwe', body };
    }
  }
}

/** The Erro about `tx`'s CReq. */
function erroAbout(tx: Transaction, code: ProtocolErrorCode, detail: string): Erro {
  return buildErro(new ProtocolError(code, detail, creqErrorContext(tx)), tx.messageVersion);
}

/** A plain Erro about `tx` that ends nothing (it has ended already, or timed out). */
function plainErro(deps: FlowDeps, tx: Transaction, code: '301' | '402', detail: string): AppAnswer {
  deps.metrics.erroByCode.inc({ errorCode: code, messageType: 'CReq' });
  return { kind: 'erro', erro: erroAbout(tx, code, detail) };
}

/**
 * An Erro the SDK posts to the acsURL (plain JSON, messageType Erro: it refused a CRes, or failed
 * itself): the transaction it names ends (U, reason 07) and the 3DS Server is told as for a
 * refused CReq (end-with-erro.ts), with the SDK's Erro itself. Nothing is answered but receipt.
 */
export async function receiveSdkErro(deps: FlowDeps, message: unknown): Promise<void> {
  if (!isJsonObject(message) || message.messageType !== 'Erro' || !isUuid(message.acsTransID)) return;
  const tx = await deps.store.getTransaction(message.acsTransID);
  if (tx === undefined || tx.deviceChannel !== '01') return;
  if (tx.state !== 'awaiting-creq' && tx.state !== 'challenging') return;
  const challenge = await deps.store.getChallenge(tx.acsTransID);
  try {
    await endWithErro(deps, tx, challenge, message as Erro, [], 'in');
  } catch (error) {
    // The result is written before the 3DS Server is told: an SDK Erro too odd to report is logged.
    deps.logger.error('could not report an SDK Erro', { acsTransID: tx.acsTransID, err: error });
  }
}
