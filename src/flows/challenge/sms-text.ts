/**
 * The text of the one-time-code SMS, in the cardholder's language. It names the amount and
 * the merchant the code is bound to (dynamic linking, PSD2 RTS art. 5) and warns never to
 * share the code. Kept short: one SMS segment for typical merchant names.
 */
import type { Lang } from '../common/language.ts';

/** What the SMS says. */
export type SmsTextInput = Readonly<{
  lang: Lang;
  issuer: string;
  code: string;
  amount: string | undefined;
  merchant: string | undefined;
  minutes: number;
}>;

/** The SMS body for a one-time code. */
export function smsText(input: SmsTextInput): string {
  const merchant = input.merchant ?? '';
  if (input.lang === 'es') {
    const purpose =
      input.amount === undefined ? `confirmar en ${merchant}` : `pagar ${input.amount} en ${merchant}`;
    return `${input.issuer}: tu código ${input.code} sirve para ${purpose}. Caduca en ${input.minutes} min. No lo compartas con nadie.`;
  }
  const purpose =
    input.amount === undefined ? `confirm with ${merchant}` : `pay ${input.amount} at ${merchant}`;
  return `${input.issuer}: your code ${input.code} is to ${purpose}. It expires in ${input.minutes} min. Never share it.`;
}
