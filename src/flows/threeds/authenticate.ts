/**
 * Authentication (AReq -> ARes), the DS and ACS halves together:
 * read the message, find the card, decide, sign what must be signed, store the transaction
 * with its messages in one step, answer. A message that breaks the rules is answered with an
 * Erro, and that exchange is stored too (PAN masked) so a tester can see what went wrong.
 *
 * Everything between reading and storing is one evaluation (`evaluateAReq`) that a replay of an
 * exported exchange (src/flows/admin/replay.ts) runs too, as a dry run: its side effects (the
 * card lookup, the challenge limit's counter, the waits) come in as `AReqEffects`, and storing
 * and metrics stay here, on the real path only.
 */

import { type Decision, decide, requestsDecoupledInARes } from '../../decision/decide.ts';
import type { Card } from '../../domain/card.ts';
import { maskPan } from '../../domain/pan.ts';
import { schemeOfPan } from '../../domain/scheme.ts';
import type { Transaction } from '../../domain/transaction.ts';
import { InternalError, ProtocolError } from '../../errors/index.ts';
import { type AReq, parseAReq } from '../../protocol/areq.ts';
import { type ARes, buildARes } from '../../protocol/ares.ts';
import { type Erro, erroForFailure } from '../../protocol/erro.ts';
import { parseJsonStrict } from '../../protocol/json-strict.ts';
import { panLookupHash } from '../../signing/keyed-hash.ts';
import { authenticationProof } from '../common/authentication-proof.ts';
import type { FlowDeps } from '../common/deps.ts';
import { maskPansIn, timelineEntry } from '../common/message-log.ts';
import { rateLimits, withinLimit } from '../common/rate-limits.ts';
import { aresDelayOf, faultEntriesAtAReq } from './areq-faults.ts';
import { type ChallengeSetup, fitChallengeToDevice, setUpChallenge } from './challenge-setup.ts';

/** Answers one AReq (raw JSON text) with an ARes or an Erro. */
export async function authenticate(deps: FlowDeps, body: string): Promise<ARes | Erro> {
  const receivedAt = deps.clock();
  let parsed: unknown;
  try {
    parsed = parseJsonStrict(body);
  } catch (error) {
    return answerWithErro(deps, error, undefined, receivedAt);
  }
  const evaluation = await evaluateAReq(deps, parsed, {
    findCard: (areq) => deps.store.findCardByPanHash(panLookupHash(deps.keys, areq.acctNumber)),
    limitChallenges: (card, decision) => limitChallenges(deps, card, decision),
    wait: deps.sleep,
  });
  if (evaluation.kind === 'refused') return answerWithErro(deps, evaluation.failure, parsed, receivedAt);
  deps.metrics.decisionsByCheck.inc({ check: evaluation.check });
  if (evaluation.kind === 'erro') return answerWithErro(deps, evaluation.failure, parsed, receivedAt);

  const { transaction, ares } = evaluation;
  const sentAt = deps.clock();
  const ids = { acsTransID: transaction.acsTransID, threeDSServerTransID: transaction.threeDSServerTransID };
  await deps.store.recordAuthentication(transaction, [
    timelineEntry('in', 'AReq', parsed, ids, receivedAt),
    ...faultEntriesAtAReq(transaction, evaluation.aresDelayMs, receivedAt),
    timelineEntry('out', 'ARes', ares, ids, sentAt),
  ]);
  deps.metrics.aresByStatus.inc({ transStatus: transaction.aresStatus });
  return ares;
}

/**
 * What the real AReq path does besides deciding, and a replay (src/flows/admin/replay.ts) does
 * not: find the card by the PAN's lookup hash, count the challenge against the per-card limit,
 * and wait.
 */
export type AReqEffects = Readonly<{
  /** The card the AReq names (undefined: no card record). */
  findCard: (areq: AReq) => Promise<Card | undefined>;
  /** The decision once the per-card challenge limit has had its say. */
  limitChallenges: (card: Card | undefined, decision: Decision) => Promise<Decision>;
  /** Waits `ms` (the acs-slow scenario's delay, then the ares-late fault's). */
  wait: (ms: number) => Promise<void>;
}>;

/**
 * What an AReq comes to, before anything is stored or counted: refused by the parser (the
 * failure its Erro answers), an Erro the decision chose (the acs-error cards), or the ARes with
 * the transaction that would be stored and the waits it took.
 */
export type AReqEvaluation =
  | Readonly<{ kind: 'refused'; failure: unknown }>
  | Readonly<{ kind: 'erro'; failure: unknown; check: string }>
  | Readonly<{
      kind: 'ares';
      check: string;
      transaction: Transaction;
      ares: ARes;
      /** The decision's own wait (acs-slow), 0 for none. */
      decisionDelayMs: number;
      /** The ares-late fault's wait, 0 for none. */
      aresDelayMs: number;
    }>;

/**
 * The one evaluation of an AReq, the real path's and the replay's: parse, find the card, decide,
 * fit the decision to the device, let the challenge limit speak, wait, set up the challenge and
 * build the transaction and its ARes. Every side effect goes through `effects`; nothing is
 * stored here and no metric is counted.
 */
export async function evaluateAReq(
  deps: FlowDeps,
  parsed: unknown,
  effects: AReqEffects,
): Promise<AReqEvaluation> {
  let areq: AReq;
  try {
    areq = parseAReq(parsed);
  } catch (failure) {
    return { kind: 'refused', failure };
  }
  const card = await effects.findCard(areq);
  const decision = await effects.limitChallenges(
    card,
    fitChallengeToDevice(areq, decide(decisionInputOf(areq, card), deps.config.decision)),
  );
  if (decision.kind === 'error') {
    return { kind: 'erro', failure: unavailableFailure(areq), check: decision.check };
  }
  if (decision.kind === 'result' && decision.delayMs !== undefined) await effects.wait(decision.delayMs);
  // ares-late (docs/faults.md): before the challenge is set up, so its deadlines start when the ARes leaves.
  const aresDelayMs = aresDelayOf(card);
  if (aresDelayMs > 0) await effects.wait(aresDelayMs);

  const acsTransID = deps.newId();
  const setup =
    decision.kind === 'result'
      ? undefined
      : await setUpChallenge(deps, areq, acsTransID, decision, deps.clock());
  const transaction = newTransaction(deps, areq, card, decision, acsTransID, setup);
  return {
    kind: 'ares',
    check: decision.check,
    transaction,
    ares: buildAResFor(deps, areq, transaction, setup),
    decisionDelayMs: decision.kind === 'result' ? (decision.delayMs ?? 0) : 0,
    aresDelayMs,
  };
}

/** The acs-error cards' answer: Erro 403, the ACS "temporarily unable" to authenticate. */
function unavailableFailure(areq: AReq): ProtocolError {
  return new ProtocolError('403', 'the ACS is temporarily unable to authenticate this card', {
    messageType: 'AReq',
    messageVersion: areq.messageVersion,
    ids: {
      threeDSServerTransID: areq.threeDSServerTransID,
      dsTransID: areq.dsTransID,
      sdkTransID: areq.sdkTransID,
    },
  });
}

/** Past the per-card challenge limit, a challenge becomes N with reason 04 (frequency limit). */
async function limitChallenges(
  deps: FlowDeps,
  card: Card | undefined,
  decision: Decision,
): Promise<Decision> {
  if (card === undefined || (decision.kind !== 'challenge' && decision.kind !== 'decoupled')) return decision;
  if (
    await withinLimit(deps, rateLimits.challengesPerCard, card.id, deps.config.limits.challengesPerCardPerDay)
  )
    return decision;
  return { kind: 'result', check: 'card-challenge-limit', transStatus: 'N', reason: '04' };
}

function decisionInputOf(areq: AReq, card: Card | undefined) {
  return {
    messageVersion: areq.messageVersion,
    deviceChannel: areq.deviceChannel,
    messageCategory: areq.messageCategory,
    challengeIndicators: areq.threeDSRequestorChallengeInd ?? [],
    decoupledRequested: requestsDecoupledInARes(areq.threeDSRequestorDecReqInd),
    amount: majorUnits(areq.purchaseAmount, areq.purchaseExponent),
    scenario: card?.scenario,
  };
}

/** The purchase amount in major units, for the risk threshold (precision is not needed). */
function majorUnits(amount: string | undefined, exponent: string | undefined): number | undefined {
  if (amount === undefined) return undefined;
  return Number(amount) / 10 ** Number(exponent ?? '0');
}

function newTransaction(
  deps: FlowDeps,
  areq: AReq,
  card: Card | undefined,
  decision: Exclude<Decision, { kind: 'error' }>,
  acsTransID: string,
  setup: ChallengeSetup | undefined,
): Transaction {
  const now = deps.clock();
  const dsTransID = areq.dsTransID ?? deps.newId();
  const scheme = card?.scheme ?? schemeOfPan(areq.acctNumber);
  const base = {
    acsTransID,
    threeDSServerTransID: areq.threeDSServerTransID,
    dsTransID,
    sdkTransID: areq.sdkTransID,
    messageVersion: areq.messageVersion,
    deviceChannel: areq.deviceChannel,
    messageCategory: areq.messageCategory,
    cardId: card?.id,
    maskedPan: maskPan(areq.acctNumber),
    scheme,
    scenario: card?.scenario,
    decisionCheck: decision.check,
    fault: card?.fault,
    faultDelayMs: card?.faultDelayMs,
    purchase: {
      amount: areq.purchaseAmount,
      currency: areq.purchaseCurrency,
      exponent: areq.purchaseExponent,
      merchantName: areq.merchantName === undefined ? undefined : maskPansIn(areq.merchantName),
    },
    notificationURL: areq.notificationURL,
    threeDSServerURL: areq.threeDSServerURL,
    browserLanguage: areq.browserLanguage,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
  };
  if (decision.kind === 'result' || setup === undefined) {
    if (decision.kind !== 'result')
      throw new InternalError('invariant_broken', 'a challenge decision needs its setup');
    const { eci, authenticationValue } = authenticationProof(deps, base, decision.transStatus);
    return {
      ...base,
      aresStatus: decision.transStatus,
      aresStatusReason: decision.reason,
      authenticationMethod: undefined,
      state: 'final',
      result: {
        transStatus: decision.transStatus,
        transStatusReason: decision.reason,
        eci,
        authenticationValue,
        challengeCancel: undefined,
        interactionCounter: undefined,
        completedAt: now.toISOString(),
      },
      acsEphemeralKeySealed: undefined,
      deadlineAt: undefined,
    };
  }
  return {
    ...base,
    aresStatus: decision.kind === 'challenge' ? 'C' : 'D',
    aresStatusReason: undefined,
    authenticationMethod: decision.method,
    state: setup.state,
    result: undefined,
    acsEphemeralKeySealed: setup.acsEphemeralKeySealed,
    deadlineAt: setup.deadlineAt,
  };
}

function buildAResFor(deps: FlowDeps, areq: AReq, tx: Transaction, setup: ChallengeSetup | undefined): ARes {
  return buildARes({
    areq,
    acsTransID: tx.acsTransID,
    dsTransID: tx.dsTransID,
    dsReferenceNumber: areq.dsReferenceNumber ?? deps.config.identity.dsReferenceNumber,
    acsReferenceNumber: deps.config.identity.acsReferenceNumber,
    acsOperatorID: deps.config.identity.acsOperatorID,
    transStatus: tx.aresStatus,
    transStatusReason: tx.aresStatusReason,
    eci: tx.result?.eci,
    authenticationValue: tx.result?.authenticationValue,
    ...setup?.aresFields,
  });
}

async function answerWithErro(deps: FlowDeps, error: unknown, parsed: unknown, at: Date): Promise<Erro> {
  const erro = erroForFailure(error, {
    fallbackVersion: '2.2.0',
    log: deps.logger,
    logFields: { during: 'authentication' },
  });
  const threeDSServerTransID =
    typeof erro.threeDSServerTransID === 'string' ? erro.threeDSServerTransID : undefined;
  await deps.store.recordMessages([
    ...(parsed === undefined ? [] : [timelineEntry('in', 'AReq', parsed, { threeDSServerTransID }, at)]),
    timelineEntry('out', 'Erro', erro, { threeDSServerTransID }, deps.clock()),
  ]);
  deps.metrics.erroByCode.inc({ errorCode: erro.errorCode, messageType: 'AReq' });
  return erro;
}
