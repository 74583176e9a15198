/**
 * The challenge window's own posts: submit a code, resend it, cancel. Each post carries the
 * signed per-transaction token the window was rendered with (no cookies); a post for a
 * transaction that already has its result gets an error page and changes nothing.
 */
import type { Challenge } from '../domain/challenge.ts';
import type { Transaction } from '../domain/transaction.ts';
import { afterSubmission, attemptsRemaining, judgeCode, resendsRemaining } from '../otp/challenge-rules.ts';
import { isCodeShaped } from '../otp/code.ts';
import { encodeBase64UrlJson } from '../protocol/base64url-json.ts';
import type { FinalCRes } from '../protocol/cres.ts';
import { isUuid } from '../protocol/formats.ts';
import { verifyFormState } from '../signing/form-state.ts';
import { otpCodeHash, safeEqualHex } from '../signing/keyed-hash.ts';
import { challengeScreen, languageOf } from './challenge-screen.ts';
import { type ChallengeStep, errorStep } from './challenge-step.ts';
import type { FlowDeps } from './deps.ts';
import { type ChallengeEnd, finishChallenge } from './finish-challenge.ts';
import { sendCode } from './send-code.ts';

/** The fields every challenge form posts. */
export type ChallengeForm = Readonly<{ token: unknown; code?: unknown }>;

type Open = Readonly<{ tx: Transaction; challenge: Challenge }>;

/** Checks the token and state: the open challenge, or the error page to show instead. */
function load(deps: FlowDeps, acsTransID: string, form: ChallengeForm): Open | ChallengeStep {
  if (!isUuid(acsTransID)) return errorStep('notFound', 404);
  const tx = deps.store.getTransaction(acsTransID);
  if (tx === undefined) return errorStep('notFound', 404);
  const lang = languageOf(tx);
  const challenge = deps.store.getChallenge(acsTransID);
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

/** The cardholder submits a code. */
export async function submitCode(
  deps: FlowDeps,
  acsTransID: string,
  form: ChallengeForm,
): Promise<ChallengeStep> {
  const open = load(deps, acsTransID, form);
  if (!isOpen(open)) return open;
  const { tx, challenge } = open;
  const now = deps.clock();
  const policy = deps.config.challenge;
  const code = typeof form.code === 'string' ? form.code.trim() : '';
  if (code === '')
    return {
      kind: 'challenge',
      model: challengeScreen(deps, tx, challenge, { kind: 'error', key: 'wrongCode' }),
    };

  const matches =
    isCodeShaped(code) &&
    challenge.codeHash !== undefined &&
    safeEqualHex(otpCodeHash(deps.keys, acsTransID, code), challenge.codeHash);
  const verdict = judgeCode(challenge, matches, now, policy);
  const next = afterSubmission(challenge, verdict, now);
  if (verdict === 'accepted') return end(deps, open, next, { transStatus: 'Y' });
  if (verdict === 'exhausted' || (verdict === 'wrong' && attemptsRemaining(next, policy) === 0)) {
    return end(deps, open, next, { transStatus: 'N', reason: '19' });
  }
  if (!deps.store.saveChallenge(next, challenge)) return reshow(deps, acsTransID, form);
  return {
    kind: 'challenge',
    model: challengeScreen(deps, tx, next, {
      kind: 'error',
      key: verdict === 'expired' ? 'codeExpired' : 'wrongCode',
    }),
  };
}

/** The cardholder asks for a new code; it replaces the old one. */
export async function resendCode(
  deps: FlowDeps,
  acsTransID: string,
  form: ChallengeForm,
): Promise<ChallengeStep> {
  const open = load(deps, acsTransID, form);
  if (!isOpen(open)) return open;
  const { tx, challenge } = open;
  if (resendsRemaining(challenge, deps.config.challenge) === 0) {
    return { kind: 'challenge', model: challengeScreen(deps, tx, challenge) };
  }
  const phone = tx.cardId === undefined ? undefined : deps.store.getCard(tx.cardId)?.phone;
  if (phone === undefined) return errorStep('unavailable', 503, languageOf(tx), challenge.windowSize);
  const sent = await sendCode(deps, tx, challenge, phone);
  deps.metrics.codesSent.inc({ sender: deps.codeSender.name, delivered: String(sent.delivered) });
  if (!deps.store.saveChallenge(sent.challenge, challenge)) return reshow(deps, acsTransID, form);
  return {
    kind: 'challenge',
    model: challengeScreen(
      deps,
      tx,
      sent.challenge,
      sent.delivered ? { kind: 'info', key: 'codeResent' } : { kind: 'error', key: 'deliveryFailed' },
    ),
  };
}

/** The cardholder cancels: N with challengeCancel 01. */
export async function cancelChallenge(
  deps: FlowDeps,
  acsTransID: string,
  form: ChallengeForm,
): Promise<ChallengeStep> {
  const open = load(deps, acsTransID, form);
  if (!isOpen(open)) return open;
  return end(deps, open, open.challenge, { transStatus: 'N', reason: '01', challengeCancel: '01' });
}

/** After losing a race with a concurrent post: show the window as it now stands. */
function reshow(deps: FlowDeps, acsTransID: string, form: ChallengeForm): ChallengeStep {
  const open = load(deps, acsTransID, form);
  return isOpen(open) ? { kind: 'challenge', model: challengeScreen(deps, open.tx, open.challenge) } : open;
}
