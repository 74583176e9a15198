/**
 * The cardholder's language, chosen by the flows (the challenge window, the SMS text) from the
 * AReq's browserLanguage (EMV 3DS 2.2.0 Table A.1: an IETF BCP 47 tag). The pages' texts live
 * in views/common/i18n.ts, keyed by this choice.
 */

/** Languages the ACS speaks to cardholders. */
export type Lang = 'en' | 'es';

/** Every language the ACS speaks. */
export const langs: readonly Lang[] = ['en', 'es'];

/** The language for a browserLanguage tag: es, es-ES, es-419 give Spanish; anything else English. */
export function langFromBrowserLanguage(tag: string | undefined): Lang {
  if (tag === undefined) return 'en';
  return /^es(?:-|$)/i.test(tag.trim()) ? 'es' : 'en';
}
