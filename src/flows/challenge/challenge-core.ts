/**
 * The challenge's channel-neutral rules, shared by the browser window (challenge-actions.ts) and
 * the app channel (app-challenge.ts): judging an answer with its attempt taken first
 * (compare-and-set), sending a new code, switching method, cancelling. Each returns an outcome;
 * the browser turns it into a page, the app into a CRes screen or the final CRes. So attempts,
 * resends, expiry and the N/19 after too many wrong answers are the same on both channels
 * (docs/flows.md).
 */
import type { Challenge } from '../../domain/challenge.ts';
import type { Transaction } from '../../domain/transaction.ts';
import { afterSubmission, attemptsRemaining, resendsRemaining } from '../../otp/challenge-rules.ts';
import type { FlowDeps } from '../common/deps.ts';
import { judgeResponse } from './challenge-methods.ts';
import { messageForDelivery } from './challenge-screen.ts';
import type { ChallengeEnd } from './finish-challenge.ts';
import type { ChallengeMessage } from './screen-model.ts';
import { sendCode } from './send-code.ts';

/** What one action leads to. */
export type ChallengeOutcome =
  /** Show the challenge as `challenge` now stands, with an optional message. */
  | Readonly<{ kind: 'screen'; challenge: Challenge; message?: ChallengeMessage }>
  /** End the challenge (finishChallenge) with `challenge`'s counters. */
  | Readonly<{ kind: 'end'; challenge: Challenge; end: ChallengeEnd }>
  /** A concurrent action saved first: reload and try again, or show what now stands. */
  | Readonly<{ kind: 'lost-race' }>
  /** No code can be sent (no phone on file). */
  | Readonly<{ kind: 'unavailable' }>;

/** The end of a challenge the cardholder cancelled: N with challengeCancel 01. */
export const cancelledEnd: ChallengeEnd = { transStatus: 'N', reason: '01', challengeCancel: '01' };

/** The end after too many wrong answers: N, reason 19 (docs/flows.md). */
const exhaustedEnd: ChallengeEnd = { transStatus: 'N', reason: '19' };

/**
 * Judges the cardholder's answer (`raw`: the typed code or password, or the security question's
 * ticked options comma-separated; ignored for oob). Nothing ticked is an empty answer.
 *
 * The attempt is taken before the answer is judged: the challenge is saved with one more
 * interaction and one more wrong attempt (compare-and-set), and only an action that wins that
 * save is judged. A right answer gives the wrong attempt back by ending the challenge; an
 * expired code or a pending approval gives it back by saving the state it replaced. So however
 * many answers arrive at once, on however many instances, no answer is ever judged without its
 * attempt counted, and the limit of wrong answers holds.
 */
export async function answerChallenge(
  deps: FlowDeps,
  tx: Transaction,
  challenge: Challenge,
  raw: unknown,
): Promise<ChallengeOutcome> {
  const policy = deps.config.challenge;
  const wrongKey =
    challenge.method === 'password'
      ? 'wrongPassword'
      : challenge.method === 'kba'
        ? 'wrongAnswer'
        : 'wrongCode';
  const response = typeof raw === 'string' ? (challenge.method === 'password' ? raw : raw.trim()) : '';
  if (response === '' && challenge.method !== 'oob') {
    return { kind: 'screen', challenge, message: { kind: 'error', key: wrongKey } };
  }
  if (attemptsRemaining(challenge, policy) === 0) return { kind: 'end', challenge, end: exhaustedEnd };

  // Take the attempt first (counted as wrong until judged otherwise).
  const taken = afterSubmission(challenge, 'wrong', deps.clock());
  if (!(await deps.store.saveChallenge(taken, challenge))) return { kind: 'lost-race' };

  const verdict = await judgeResponse(deps, tx, challenge, response.slice(0, 128));
  switch (verdict) {
    case 'accepted':
      // The record keeps the counters of the open window; the answer that ended it is counted in
      // the result's interactionCounter (docs/admin-api.md).
      await deps.store.saveChallenge(challenge, taken);
      return {
        kind: 'end',
        challenge: afterSubmission(challenge, 'accepted', deps.clock()),
        end: { transStatus: 'Y' },
      };
    case 'denied':
      await deps.store.saveChallenge(challenge, taken);
      return {
        kind: 'end',
        challenge: afterSubmission(challenge, 'expired', deps.clock()),
        end: { transStatus: 'N', reason: '01' },
      };
    case 'exhausted':
      return { kind: 'end', challenge: taken, end: exhaustedEnd };
    case 'pending':
      // Nothing was answered yet: the attempt is given back (unless another action came since).
      await deps.store.saveChallenge({ ...challenge, updatedAt: taken.updatedAt }, taken);
      return { kind: 'screen', challenge, message: { kind: 'info', key: 'notApprovedYet' } };
    case 'expired': {
      // Every answer counts as an interaction; only a wrong one costs an attempt.
      const expired = afterSubmission(challenge, 'expired', deps.clock());
      const given = await deps.store.saveChallenge(expired, taken);
      return {
        kind: 'screen',
        challenge: given ? expired : taken,
        message: { kind: 'error', key: 'codeExpired' },
      };
    }
    case 'wrong':
      if (attemptsRemaining(taken, policy) === 0) return { kind: 'end', challenge: taken, end: exhaustedEnd };
      return { kind: 'screen', challenge: taken, message: { kind: 'error', key: wrongKey } };
  }
}

/** The cardholder asks again: a new SMS code (replacing the old one), or a new bank-app request. */
export async function resendChallenge(
  deps: FlowDeps,
  tx: Transaction,
  challenge: Challenge,
): Promise<ChallengeOutcome> {
  if (challenge.method === 'oob') {
    return { kind: 'screen', challenge, message: { kind: 'info', key: 'requestResent' } };
  }
  if (challenge.method !== 'sms' || resendsRemaining(challenge, deps.config.challenge) === 0) {
    return { kind: 'screen', challenge };
  }
  return sendAndSave(deps, tx, challenge, 'codeResent', challenge);
}

/** The cardholder switches to another enrolled method; the attempt budget carries over. */
export async function switchMethod(
  deps: FlowDeps,
  tx: Transaction,
  challenge: Challenge,
  wanted: unknown,
): Promise<ChallengeOutcome> {
  const method = challenge.methods.find((m) => m === wanted);
  // Choosing the current method changes nothing, unless it is SMS and no code went out yet (an
  // app challenge that opened on the select screen sends its first code only when SMS is chosen).
  const firstCode = method === 'sms' && challenge.codeHash === undefined;
  if (method === undefined || (method === challenge.method && !firstCode)) {
    return { kind: 'screen', challenge };
  }
  const switched: Challenge = { ...challenge, method, updatedAt: deps.clock().toISOString() };
  if (method === 'sms' && switched.codeHash === undefined) {
    return sendAndSave(deps, tx, switched, 'codeSent', challenge);
  }
  if (!(await deps.store.saveChallenge(switched, challenge))) return { kind: 'lost-race' };
  return { kind: 'screen', challenge: switched };
}

/** Sends a new code for `challenge` and saves it over `stored` (compare-and-set). */
async function sendAndSave(
  deps: FlowDeps,
  tx: Transaction,
  challenge: Challenge,
  sentKey: 'codeSent' | 'codeResent',
  stored: Challenge,
): Promise<ChallengeOutcome> {
  const phone = tx.cardId === undefined ? undefined : (await deps.store.getCard(tx.cardId))?.phone;
  if (phone === undefined) return { kind: 'unavailable' };
  const sent = await sendCode(deps, tx, challenge, phone);
  if (!(await deps.store.saveChallenge(sent.challenge, stored))) return { kind: 'lost-race' };
  return { kind: 'screen', challenge: sent.challenge, message: messageForDelivery(sent, sentKey) };
}
