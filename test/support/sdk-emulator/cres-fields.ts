/**
 * The data elements a CRes from the ACS to the 3DS SDK may carry, per version, with their
 * maximum lengths (the CRes rows of EMV 3DS Table A.1 as publicly restated; the lengths agree
 * with the CRes parsers of public SDKs), and the fields each UI type needs (Stripe's ChallengeResponseData:
 * getUiType, getSubmitAuthenticationLabel, getOobContinueLabel, getDecodedAcsHtml, isValidForUi).
 *
 * A final CRes (challengeCompletionInd Y) may carry only the envelope and transStatus (Stripe's
 * FINAL_CRES_FIELDS; the restated 2.2.0 and 2.3.1 final CRes tables list the same nine elements).
 * No public table of the SDK-facing interim CRes of 2.3.1 was found: it is taken as 2.2.0's here,
 * so a 2.3.1-only element is refused until it is added below with its source.
 */
import { atLeast, type MessageVersion, type UiType } from './protocol-types.ts';

/** Elements of every CRes. */
export const envelopeFields = [
  'threeDSServerTransID',
  'acsTransID',
  'sdkTransID',
  'acsCounterAtoS',
  'challengeCompletionInd',
  'messageType',
  'messageVersion',
  'messageExtension',
] as const;

/** The only elements a final CRes may carry. */
export const finalCResFields: ReadonlySet<string> = new Set<string>([...envelopeFields, 'transStatus']);

/** Maximum lengths (characters) of the text elements of an interim CRes. */
export const textFieldMaxLength: Readonly<Record<string, number>> = {
  challengeAddInfo: 256,
  challengeInfoHeader: 45,
  challengeInfoLabel: 45,
  challengeInfoText: 350,
  expandInfoLabel: 45,
  expandInfoText: 256,
  oobAppLabel: 45,
  oobAppURL: 256,
  oobContinueLabel: 45,
  resendInformationLabel: 45,
  submitAuthenticationLabel: 45,
  whitelistingInfoText: 64,
  whyInfoLabel: 45,
  whyInfoText: 256,
};

/** Text elements that appeared in 2.2.0 (app-based OOB, whitelisting). */
const since220 = new Set(['oobAppURL', 'oobAppLabel', 'whitelistingInfoText']);

/** The elements an interim CRes of `version` may carry. */
export function interimCResFields(version: MessageVersion): ReadonlySet<string> {
  const texts = Object.keys(textFieldMaxLength).filter(
    (name) => atLeast(version, '2.2.0') || !since220.has(name),
  );
  return new Set<string>([
    ...envelopeFields,
    'acsUiType',
    'acsHTML',
    'acsHTMLRefresh',
    'challengeInfoTextIndicator',
    'challengeSelectInfo',
    'issuerImage',
    'psImage',
    ...texts,
    // 2.3.1 text screens: the entry box settings (Table A.26, as src/protocol/interim-cres.ts cites it).
    ...(version === '2.3.1' ? ['challengeEntryBox'] : []),
  ]);
}

/** Table A.1: messageExtension holds at most 10 entries (15 in 2.3.1). */
export function maxMessageExtensions(version: MessageVersion): number {
  return version === '2.3.1' ? 15 : 10;
}

/** The acsUiType values of `version` (Table A.1; 06 and 07 are 2.3.1's). */
export function uiTypesOf(version: MessageVersion): readonly UiType[] {
  return version === '2.3.1' ? ['01', '02', '03', '04', '05', '06', '07'] : ['01', '02', '03', '04', '05'];
}

/**
 * The elements a screen of each UI type must carry, non-blank (Table A.20 per UI type, as Stripe
 * enforces it). 01-03: header, label, text and the submit button label (Stripe:
 * requiresSubmitButton and isValidForUi); 02-03 also the options; 04: header, text and the
 * continue label (getOobContinueLabel); 05: acsHTML (getDecodedAcsHtml); 06 (HTML OOB) and
 * 07 (information), which Stripe does not know, by analogy with 05 and 04.
 */
export const requiredForUiType: Readonly<Record<UiType, readonly string[]>> = {
  '01': ['challengeInfoHeader', 'challengeInfoLabel', 'challengeInfoText', 'submitAuthenticationLabel'],
  '02': [
    'challengeInfoHeader',
    'challengeInfoLabel',
    'challengeInfoText',
    'submitAuthenticationLabel',
    'challengeSelectInfo',
  ],
  '03': [
    'challengeInfoHeader',
    'challengeInfoLabel',
    'challengeInfoText',
    'submitAuthenticationLabel',
    'challengeSelectInfo',
  ],
  '04': ['challengeInfoHeader', 'challengeInfoText', 'oobContinueLabel'],
  '05': ['acsHTML'],
  '06': ['acsHTML'],
  '07': ['challengeInfoHeader', 'challengeInfoText'],
};

/** Image elements (issuerImage, psImage): the density URLs, and 2.3.1's default/dark/monochrome. */
export function imageMembers(version: MessageVersion): ReadonlySet<string> {
  const densities = ['medium', 'high', 'extraHigh'];
  return new Set(version === '2.3.1' ? [...densities, 'default', 'dark', 'monochrome'] : densities);
}
