/**
 * Builds what the challenge window shows from the transaction and its challenge: display
 * strings (scheme programme, merchant, amount in the purchase currency and exponent, the
 * card's last four digits, the masked phone), the counters, and the signed token every form
 * carries. The page itself only lays this out.
 */

import { deliveryFailureMessage } from '../../delivery/delivery-errors.ts';
import type { Challenge } from '../../domain/challenge.ts';
import { formatAmount } from '../../domain/money.ts';
import { schemeProgrammeNames } from '../../domain/scheme.ts';
import type { Transaction } from '../../domain/transaction.ts';
import { attemptsRemaining, resendsRemaining } from '../../otp/challenge-rules.ts';
import { signFormState } from '../../signing/form-state.ts';
import type { FlowDeps } from '../common/deps.ts';
import { type Lang, langFromBrowserLanguage } from '../common/language.ts';
import type { ChallengeStep } from './challenge-step.ts';
import { kbaOptions } from './kba-question.ts';
import type { ChallengeMessage, ChallengePageModel } from './screen-model.ts';

/** The cardholder's language for this transaction. */
export function languageOf(tx: Pick<Transaction, 'browserLanguage'>): Lang {
  return langFromBrowserLanguage(tx.browserLanguage);
}

/** A phone number with all but its last two digits hidden, grouped for reading. */
export function maskPhone(phone: string): string {
  return `••• ••• ••${phone.slice(-2)}`;
}

/** The purchase amount for display, or undefined (NPA, or nothing displayable). */
export function displayAmount(tx: Transaction, lang: Lang): string | undefined {
  const { amount, currency, exponent } = tx.purchase;
  if (tx.messageCategory !== '01' || amount === undefined || currency === undefined) return undefined;
  try {
    return formatAmount(amount, currency, exponent ?? '0', lang);
  } catch {
    return undefined;
  }
}

/** The message to show after sending a code: sent, or why it did not reach the phone. */
export function messageForDelivery(
  sent: Readonly<{ delivered: boolean; errorCode: string | undefined }>,
  sentKey: 'codeSent' | 'codeResent',
): ChallengeMessage {
  if (sent.delivered) return { kind: 'info', key: sentKey };
  return { kind: 'error', key: deliveryFailureMessage(sent.errorCode ?? '') };
}

/** The challenge page model for `tx` in its current state. */
export async function challengeScreen(
  deps: FlowDeps,
  tx: Transaction,
  challenge: Challenge,
  message?: ChallengeMessage,
): Promise<ChallengePageModel> {
  const lang = languageOf(tx);
  const policy = deps.config.challenge;
  const phone = tx.cardId === undefined ? undefined : (await deps.store.getCard(tx.cardId))?.phone;
  const expiresAt = Date.parse(tx.deadlineAt ?? deps.clock().toISOString());
  const base = `/3ds/challenge/${tx.acsTransID}`;
  return {
    lang,
    windowSize: challenge.windowSize,
    programmeName: tx.scheme === undefined ? 'Secure' : schemeProgrammeNames[tx.scheme],
    issuerName: policy.issuerName,
    merchantName: tx.purchase.merchantName ?? '',
    amount: displayAmount(tx, lang),
    panLast4: tx.maskedPan.slice(-4),
    method: challenge.method,
    ...(phone === undefined || challenge.method !== 'sms' ? {} : { maskedPhone: maskPhone(phone) }),
    ...(challenge.method === 'kba' ? { kbaOptions } : {}),
    attemptsRemaining: attemptsRemaining(challenge, policy),
    resendsRemaining: resendsRemaining(challenge, policy),
    ...(message === undefined ? {} : { message }),
    actions: {
      submit: `${base}/submit`,
      resend: `${base}/resend`,
      cancel: `${base}/cancel`,
      ...(challenge.methods.length > 1 ? { chooseMethod: `${base}/method` } : {}),
      ...(challenge.method === 'oob' ? { status: `${base}/status` } : {}),
    },
    ...(challenge.methods.length > 1
      ? { otherMethods: challenge.methods.filter((m) => m !== challenge.method) }
      : {}),
    hiddenFields: [
      {
        name: 'token',
        value: signFormState(deps.keys, { acsTransID: tx.acsTransID, step: 'challenge', expiresAt }),
      },
    ],
  };
}

/** The step that shows the challenge window for `tx` as it stands, with an optional message. */
export async function screenStep(
  deps: FlowDeps,
  tx: Transaction,
  challenge: Challenge,
  message?: ChallengeMessage,
): Promise<ChallengeStep> {
  return { kind: 'challenge', model: await challengeScreen(deps, tx, challenge, message) };
}
