/**
 * The challenge window's own posts: submit an answer (code, password, or "continue" after an
 * approval in the bank app), resend, choose another method, cancel, and the out-of-band
 * window's status poll. Each post carries the signed per-transaction token the window was
 * rendered with (no cookies); a post for a transaction that already has its result gets an
 * error page and changes nothing.
 */
import type { Challenge } from '../../domain/challenge.ts';
import type { Transaction } from '../../domain/transaction.ts';
import { isUuid } from '../../protocol/formats.ts';
import { verifyFormState } from '../../signing/form-state.ts';
import type { FlowDeps } from '../common/deps.ts';
import { errorStep } from '../common/page-step.ts';
import {
  answerChallenge,
  type ChallengeOutcome,
  cancelledEnd,
  resendChallenge,
  switchMethod,
} from './challenge-core.ts';
import { languageOf, screenStep } from './challenge-screen.ts';
import type { ChallengeStep } from './challenge-step.ts';
import type { CResAsSent } from './cres-faults.ts';
import { type ChallengeEnd, finishChallenge } from './finish-challenge.ts';
import { kbaSelectionOf } from './kba-question.ts';
import { finalPostOf } from './page-faults.ts';

/**
 * The fields the challenge forms post. `code` is an array when several boxes of the security
 * question are ticked (each posts `code` once).
 */
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

/**
 * Ends the challenge and turns the final CRes into the auto-post to the notificationURL, as the
 * transaction's fault has it posted (page-faults.ts: not base64url, or posted twice). The result
 * is written from the outcome alone; the fault's entry goes into the timeline with it.
 */
async function end(
  deps: FlowDeps,
  open: Open,
  challenge: Challenge,
  how: ChallengeEnd,
): Promise<ChallengeStep> {
  const lang = languageOf(open.tx);
  const { notificationURL } = open.tx;
  const post = finalPostOf(open.tx, how.transStatus, deps.clock());
  // The fault entries are stored with the result, beside the CRes, only when the page will post.
  const entries = notificationURL === undefined ? [] : post.entries;
  const cres: CResAsSent | undefined = await finishChallenge(deps, open.tx, challenge, how, entries);
  if (cres === undefined || notificationURL === undefined) {
    return errorStep('transactionFinished', 409, lang, challenge.windowSize);
  }
  return {
    kind: 'post',
    lang,
    windowSize: challenge.windowSize,
    action: notificationURL,
    ...(post.postTwice ? { postTwice: true } : {}),
    fields: [
      { name: 'cres', value: post.cresField(cres) },
      ...(challenge.threeDSSessionData === undefined
        ? []
        : [{ name: 'threeDSSessionData', value: challenge.threeDSSessionData }]),
    ],
  };
}

/** How often a post that lost a race with a concurrent one reloads and tries again. */
const maxRaces = 10;

/** The outcome of a shared rule (challenge-core.ts) as the window's next page. */
async function pageFor(
  deps: FlowDeps,
  open: Open,
  outcome: ChallengeOutcome,
  form: ChallengeForm,
): Promise<ChallengeStep> {
  switch (outcome.kind) {
    case 'screen':
      return await screenStep(deps, open.tx, outcome.challenge, outcome.message);
    case 'end':
      return end(deps, open, outcome.challenge, outcome.end);
    case 'lost-race':
      return reshow(deps, open.tx.acsTransID, form);
    case 'unavailable':
      return errorStep('unavailable', 503, languageOf(open.tx), open.challenge.windowSize);
  }
}

/**
 * The cardholder submits an answer: a code, a password, the security question's ticked boxes, or
 * Continue after approving in the app.
 * The attempt is taken before the answer is judged (answerChallenge, challenge-core.ts); a post
 * that loses that compare-and-set to a concurrent one reloads and tries again.
 */
export async function submitCode(
  deps: FlowDeps,
  acsTransID: string,
  form: ChallengeForm,
): Promise<ChallengeStep> {
  for (let race = 0; race < maxRaces; race += 1) {
    const open = await load(deps, acsTransID, form);
    if (!isOpen(open)) return open;
    const answer = open.challenge.method === 'kba' ? kbaSelectionOf(form.code) : form.code;
    const outcome = await answerChallenge(deps, open.tx, open.challenge, answer);
    if (outcome.kind !== 'lost-race') return pageFor(deps, open, outcome, form);
  }
  return reshow(deps, acsTransID, form);
}

/** The cardholder asks again: a new SMS code (replacing the old one), or a new bank-app request. */
export const resendCode: ChallengeAction = onOpenChallenge(async (deps, open, form) =>
  pageFor(deps, open, await resendChallenge(deps, open.tx, open.challenge), form),
);

/** The cardholder switches to another enrolled method; the attempt budget carries over. */
export const chooseMethod: ChallengeAction = onOpenChallenge(async (deps, open, form) =>
  pageFor(deps, open, await switchMethod(deps, open.tx, open.challenge, form.method), form),
);

/** The cardholder cancels: N with challengeCancel 01. */
export const cancelChallenge: ChallengeAction = onOpenChallenge((deps, open) =>
  end(deps, open, open.challenge, cancelledEnd),
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

/** After losing a race with a concurrent post: show the window as it now stands. */
async function reshow(deps: FlowDeps, acsTransID: string, form: ChallengeForm): Promise<ChallengeStep> {
  const open = await load(deps, acsTransID, form);
  return isOpen(open) ? await screenStep(deps, open.tx, open.challenge) : open;
}
