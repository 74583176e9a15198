/**
 * The challenge window's own posts: submit an answer (code, password, or "continue" after an
 * approval in the bank app), resend, choose another method, cancel, and the out-of-band
 * window's status poll. Each post carries the signed per-transaction token the window was
 * rendered with (no cookies); a post for a transaction that already has its result gets an
 * error page and changes nothing.
 */
import type { Challenge } from '../../domain/challenge.ts';
import type { Transaction } from '../../domain/transaction.ts';
import { afterSubmission, attemptsRemaining, resendsRemaining } from '../../otp/challenge-rules.ts';
import { encodeBase64UrlJson } from '../../protocol/base64url-json.ts';
import type { FinalCRes } from '../../protocol/final-cres.ts';
import { isUuid } from '../../protocol/formats.ts';
import { verifyFormState } from '../../signing/form-state.ts';
import type { FlowDeps } from '../shared/deps.ts';
import { errorStep } from '../shared/page-step.ts';
import { judgeResponse } from './challenge-methods.ts';
import { languageOf, messageForDelivery, screenStep } from './challenge-screen.ts';
import type { ChallengeStep } from './challenge-step.ts';
import { type ChallengeEnd, finishChallenge } from './finish-challenge.ts';
import { sendCode } from './send-code.ts';

/** The fields the challenge forms post. */
export type ChallengeForm = Readonly<{ token: unknown; code?: unknown; method?: unknown }>;

type Open = Readonly<{ tx: Transaction; challenge: Challenge }>;

/** Checks the token and state: the open challenge, or the error page to show instead. */
async function load(deps: FlowDeps, acsTransID: string, form: ChallengeForm): Promise<Open | ChallengeStep> {
  if (!isUuid(acsTransID)) return errorStep('notFound', 404);
  const tx = await deps.store.getTransaction(acsTransID);
  if (tx === undefined) return errorStep('notFound', 404);
  const lang = languageOf(tx);
  const challenge = await deps.store.getChallenge(acsTransID);
  const windowSize = challenge?.windowSize;
  if (tx.state === 'final') return errorStep('transactionFinished', 409, lang, windowSize);
  const token = typeof form.token === 'string' ? form.token : '';
  if (verifyFormState(deps.keys, token, acsTransID, deps.clock().getTime()) === undefined) {
    return errorStep('sessionExpired', 403, lang, windowSize);
  }
  if (tx.state !== 'challenging' || challenge === undefined)
    return errorStep('invalidRequest', 400, lang, windowSize);
  return { tx, challenge };
}

function isOpen(value: Open | ChallengeStep): value is Open {
  return 'tx' in value;
}

/** A window post that acts on the open challenge. */
type ChallengeAction = (deps: FlowDeps, acsTransID: string, form: ChallengeForm) => Promise<ChallengeStep>;

/** The post as an action: `act` runs on the open challenge; a bad token or state gets its error page. */
function onOpenChallenge(
  act: (deps: FlowDeps, open: Open, form: ChallengeForm) => Promise<ChallengeStep>,
): ChallengeAction {
  return async (deps, acsTransID, form) => {
    const open = await load(deps, acsTransID, form);
    return isOpen(open) ? act(deps, open, form) : open;
  };
}

/** Ends the challenge and turns the final CRes into the auto-post to the notificationURL. */
async function end(
  deps: FlowDeps,
  open: Open,
  challenge: Challenge,
  how: ChallengeEnd,
): Promise<ChallengeStep> {
  const lang = languageOf(open.tx);
  const cres: FinalCRes | undefined = await finishChallenge(deps, open.tx, challenge, how);
  if (cres === undefined || open.tx.notificationURL === undefined) {
    return errorStep('transactionFinished', 409, lang, challenge.windowSize);
  }
  return {
    kind: 'post',
    lang,
    windowSize: challenge.windowSize,
    action: open.tx.notificationURL,
    fields: [
      { name: 'cres', value: encodeBase64UrlJson(cres) },
      ...(challenge.threeDSSessionData === undefined
        ? []
        : [{ name: 'threeDSSessionData', value: challenge.threeDSSessionData }]),
    ],
  };
}

/** How often a post that lost a race with a concurrent one reloads and tries again. */
const maxRaces = 10;

/**
 * The cardholder submits an answer: a code, a password, or Continue after approving in the app.
 *
 * The attempt is taken before the answer is judged: the challenge is saved with one more
 * interaction and one more wrong attempt (compare-and-set), and only a post that wins that
 * save is judged. A right answer gives the wrong attempt back by ending the challenge; an
 * expired code or a pending approval gives it back by saving the state it replaced. So however
 * many posts arrive at once, on however many instances, no answer is ever judged without its
 * attempt counted, and the limit of wrong answers (docs/flows.md) holds.
 */
export async function submitCode(
  deps: FlowDeps,
  acsTransID: string,
  form: ChallengeForm,
): Promise<ChallengeStep> {
  for (let race = 0; race < maxRaces; race += 1) {
    const open = await load(deps, acsTransID, form);
    if (!isOpen(open)) return open;
    const step = await submitOnce(deps, open, form);
    if (step !== 'lost-race') return step;
  }
  return reshow(deps, acsTransID, form);
}

async function submitOnce(
  deps: FlowDeps,
  open: Open,
  form: ChallengeForm,
): Promise<ChallengeStep | 'lost-race'> {
  const { tx, challenge } = open;
  const policy = deps.config.challenge;
  const wrongKey = challenge.method === 'password' ? 'wrongPassword' : 'wrongCode';
  const response =
    typeof form.code === 'string' ? (challenge.method === 'password' ? form.code : form.code.trim()) : '';
  if (response === '' && challenge.method !== 'oob') {
    return screenStep(deps, tx, challenge, { kind: 'error', key: wrongKey });
  }
  if (attemptsRemaining(challenge, policy) === 0) {
    return end(deps, open, challenge, { transStatus: 'N', reason: '19' });
  }

  // Take the attempt first (counted as wrong until judged otherwise).
  const taken = afterSubmission(challenge, 'wrong', deps.clock());
  if (!(await deps.store.saveChallenge(taken, challenge))) return 'lost-race';

  const verdict = await judgeResponse(deps, tx, challenge, response.slice(0, 128));
  switch (verdict) {
    case 'accepted':
      // The record keeps the counters of the open window; the answer that ended it is counted in
      // the result's interactionCounter (docs/admin-api.md).
      await deps.store.saveChallenge(challenge, taken);
      return end(deps, open, afterSubmission(challenge, 'accepted', deps.clock()), { transStatus: 'Y' });
    case 'denied':
      await deps.store.saveChallenge(challenge, taken);
      return end(deps, open, afterSubmission(challenge, 'expired', deps.clock()), {
        transStatus: 'N',
        reason: '01',
      });
    case 'exhausted':
      return end(deps, open, taken, { transStatus: 'N', reason: '19' });
    case 'pending':
      // Nothing was answered yet: the attempt is given back (unless another post came since).
      await deps.store.saveChallenge({ ...challenge, updatedAt: taken.updatedAt }, taken);
      return screenStep(deps, tx, challenge, { kind: 'info', key: 'notApprovedYet' });
    case 'expired': {
      // Every answer counts as an interaction; only a wrong one costs an attempt.
      const expired = afterSubmission(challenge, 'expired', deps.clock());
      const given = await deps.store.saveChallenge(expired, taken);
      return screenStep(deps, tx, given ? expired : taken, { kind: 'error', key: 'codeExpired' });
    }
    case 'wrong':
      if (attemptsRemaining(taken, policy) === 0) {
        return end(deps, open, taken, { transStatus: 'N', reason: '19' });
      }
      return screenStep(deps, tx, taken, { kind: 'error', key: wrongKey });
  }
}

/** The cardholder asks again: a new SMS code (replacing the old one), or a new bank-app request. */
export const resendCode: ChallengeAction = onOpenChallenge(async (deps, { tx, challenge }, form) => {
  if (challenge.method === 'oob') {
    return await screenStep(deps, tx, challenge, { kind: 'info', key: 'requestResent' });
  }
  if (challenge.method !== 'sms' || resendsRemaining(challenge, deps.config.challenge) === 0) {
    return await screenStep(deps, tx, challenge);
  }
  return sendAndShow(deps, tx, challenge, 'codeResent', form);
});

/** The cardholder switches to another enrolled method; the attempt budget carries over. */
export const chooseMethod: ChallengeAction = onOpenChallenge(async (deps, { tx, challenge }, form) => {
  const method = challenge.methods.find((m) => m === form.method);
  if (method === undefined || method === challenge.method) {
    return await screenStep(deps, tx, challenge);
  }
  const switched: Challenge = { ...challenge, method, updatedAt: deps.clock().toISOString() };
  if (method === 'sms' && switched.codeHash === undefined) {
    return sendAndShow(deps, tx, switched, 'codeSent', form, challenge);
  }
  if (!(await deps.store.saveChallenge(switched, challenge))) return reshow(deps, tx.acsTransID, form);
  return await screenStep(deps, tx, switched);
});

/** The cardholder cancels: N with challengeCancel 01. */
export const cancelChallenge: ChallengeAction = onOpenChallenge((deps, open) =>
  end(deps, open, open.challenge, { transStatus: 'N', reason: '01', challengeCancel: '01' }),
);

/** The out-of-band window's poll: has the cardholder answered in the bank app yet? */
export async function approvalStatus(
  deps: FlowDeps,
  acsTransID: string,
  form: ChallengeForm,
): Promise<{ approved: boolean; done: boolean } | undefined> {
  if (!isUuid(acsTransID)) return undefined;
  const token = typeof form.token === 'string' ? form.token : '';
  if (verifyFormState(deps.keys, token, acsTransID, deps.clock().getTime()) === undefined) return undefined;
  const tx = await deps.store.getTransaction(acsTransID);
  if (tx === undefined) return undefined;
  const approval = await deps.store.getApproval(acsTransID);
  return { approved: approval === 'approved', done: tx.state === 'final' || approval !== undefined };
}

async function sendAndShow(
  deps: FlowDeps,
  tx: Transaction,
  challenge: Challenge,
  sentKey: 'codeSent' | 'codeResent',
  form: ChallengeForm,
  stored: Challenge = challenge,
): Promise<ChallengeStep> {
  const phone = tx.cardId === undefined ? undefined : (await deps.store.getCard(tx.cardId))?.phone;
  if (phone === undefined) return errorStep('unavailable', 503, languageOf(tx), challenge.windowSize);
  const sent = await sendCode(deps, tx, challenge, phone);
  if (!(await deps.store.saveChallenge(sent.challenge, stored))) return reshow(deps, tx.acsTransID, form);
  return await screenStep(deps, tx, sent.challenge, messageForDelivery(sent, sentKey));
}

/** After losing a race with a concurrent post: show the window as it now stands. */
async function reshow(deps: FlowDeps, acsTransID: string, form: ChallengeForm): Promise<ChallengeStep> {
  const open = await load(deps, acsTransID, form);
  return isOpen(open) ? await screenStep(deps, open.tx, open.challenge) : open;
}
