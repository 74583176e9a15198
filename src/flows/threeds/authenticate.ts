/**
 * Authentication (AReq -> ARes), the DS and ACS halves together:
 * read the message, find the card, decide, sign what must be signed, store the transaction
 * with its messages in one step, answer. A message that breaks the rules is answered with an
 * Erro, and that exchange is stored too (PAN masked) so a tester can see what went wrong.
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
  let areq: AReq;
  try {
    parsed = parseJsonStrict(body);
    areq = parseAReq(parsed);
  } catch (error) {
    return answerWithErro(deps, error, parsed, receivedAt);
  }

  const card = await deps.store.findCardByPanHash(panLookupHash(deps.keys, areq.acctNumber));
  const decision = await limitChallenges(
    deps,
    card,
    fitChallengeToDevice(areq, decide(decisionInputOf(areq, card), deps.config.decision)),
  );
  deps.metrics.decisionsByCheck.inc({ check: decision.check });
  if (decision.kind === 'error') {
    const failure = new ProtocolError('403', 'the ACS is temporarily unable to authenticate this card', {
      messageType: 'AReq',
      messageVersion: areq.messageVersion,
      ids: {
        threeDSServerTransID: areq.threeDSServerTransID,
        dsTransID: areq.dsTransID,
        sdkTransID: areq.sdkTransID,
      },
    });
    return answerWithErro(deps, failure, parsed, receivedAt);
  }
  if (decision.kind === 'result' && decision.delayMs !== undefined) await deps.sleep(decision.delayMs);
  // ares-late (docs/faults.md): before the challenge is set up, so its deadlines start when the ARes leaves.
  const aresDelay = aresDelayOf(card);
  if (aresDelay > 0) await deps.sleep(aresDelay);

  const acsTransID = deps.newId();
  const setup =
    decision.kind === 'result'
      ? undefined
      : await setUpChallenge(deps, areq, acsTransID, decision, deps.clock());
  const transaction = newTransaction(deps, areq, card, decision, acsTransID, setup);
  const ares = buildAResFor(deps, areq, transaction, setup);
  const sentAt = deps.clock();
  const ids = { acsTransID: transaction.acsTransID, threeDSServerTransID: transaction.threeDSServerTransID };
  await deps.store.recordAuthentication(transaction, [
    timelineEntry('in', 'AReq', parsed, ids, receivedAt),
    ...faultEntriesAtAReq(transaction, aresDelay, receivedAt),
    timelineEntry('out', 'ARes', ares, ids, sentAt),
  ]);
  deps.metrics.aresByStatus.inc({ transStatus: transaction.aresStatus });
  return ares;
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
