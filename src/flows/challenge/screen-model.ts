/**
 * What the challenge window shows, as display-ready strings. The flow that builds it owns
 * every decision (method, counts, message); the page only lays it out and escapes it.
 */

import { deliveryFailureMessageKeys } from '../../delivery/delivery-errors.ts';
import type { WindowSize } from '../../domain/challenge.ts';
import type { AuthenticationMethod } from '../../domain/scenario.ts';
import type { Lang } from '../common/language.ts';
import type { HiddenField } from '../common/page-step.ts';

/** Catalogue keys the challenge window may show above its form. */
export const challengeMessageKeys = [
  'wrongCode',
  'wrongPassword',
  'wrongAnswer',
  'codeExpired',
  'codeSent',
  'codeResent',
  'requestResent',
  ...deliveryFailureMessageKeys,
  'notApprovedYet',
] as const;

/** A message shown above the form: errors are announced at once, info politely. */
export type ChallengeMessage = {
  kind: 'error' | 'info';
  key: (typeof challengeMessageKeys)[number];
};

/** Everything the challenge window needs, already formatted for display. */
export type ChallengePageModel = {
  lang: Lang;
  windowSize: WindowSize;
  /** The scheme's programme name, e.g. "Visa Secure" (text only: no trademark images). */
  programmeName: string;
  issuerName: string;
  merchantName: string;
  /** The formatted purchase amount, or undefined for a non-payment authentication (NPA). */
  amount: string | undefined;
  /** The card's last four digits; the page shows "•••• 1000" and nothing more of the PAN. */
  panLast4: string;
  method: AuthenticationMethod;
  /** Already masked, e.g. "••• ••• ••34" (SMS only). */
  maskedPhone?: string;
  /** The security question's options, shown as checkboxes posting `code` (kba only). */
  kbaOptions?: readonly Readonly<{ key: string; label: string }>[];
  attemptsRemaining: number;
  resendsRemaining: number;
  message?: ChallengeMessage;
  /**
   * Absolute paths the page's forms post to. `status` (out-of-band only) is where
   * /static/oob-poll.js posts the hidden fields every 2 s, expecting JSON
   * `{ "approved": boolean, "done": boolean }`; without it the page does not poll.
   */
  actions: { submit: string; resend: string; cancel: string; chooseMethod?: string; status?: string };
  /** Methods the cardholder may switch to (shown only with actions.chooseMethod). */
  otherMethods?: readonly AuthenticationMethod[];
  hiddenFields: readonly HiddenField[];
};
