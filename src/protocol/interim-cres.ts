// Over 300 lines: Table A.20's rule per UI type, its checks and the builder read side by side with the
// table; split, a field's rule and its output would sit in different files.
/**
 * The app channel's interim Challenge Response (CRes, challengeCompletionInd "N"), built by the
 * ACS: one challenge screen. The input uses plain names mapped to the spec fields below; Table
 * A.20 decides what each UI type must and may show.
 *
 * | input            | field                        | UI types            |
 * | ---------------- | ---------------------------- | ------------------- |
 * | header           | challengeInfoHeader (45)     | 01-04 required      |
 * | label            | challengeInfoLabel (45)      | 02/03 required; 01 label of the entry box (2.3.1: also challengeEntryBox.challengeDataEntryLabel, required) |
 * | text             | challengeInfoText (350)      | 01-04 required      |
 * | showWarning      | challengeInfoTextIndicator   | 01-04               |
 * | submitLabel      | submitAuthenticationLabel    | 01-03 required      |
 * | resendLabel      | resendInformationLabel       | 01 only             |
 * | whyLabel/whyText | whyInfoLabel/whyInfoText     | 01-04               |
 * | expandLabel/expandText | expandInfoLabel/expandInfoText | 01-04     |
 * | choices          | challengeSelectInfo          | 02/03 required      |
 * | continueLabel    | oobContinueLabel             | 04 required         |
 * | appURL/appLabel  | oobAppURL (256)/oobAppLabel (45) | 04, from 2.2.0 (omitted before) |
 * | html             | acsHTML (base64url)          | 05 required, alone  |
 * | entry            | challengeEntryBox settings   | 01, 2.3.1 only      |
 * | issuerImage/psImage | issuerImage/psImage       | 01-04               |
 *
 * issuerImage and psImage (Table A.1: objects of the image's URLs per screen density, medium,
 * high and extraHigh, the same in 2.1.0, 2.2.0 and 2.3.1, which adds optional members) are the
 * ACS's own neutral images (src/flows/challenge/app-images.ts), never a scheme's trademark.
 * A screen that breaks these rules is a programming error: an InternalError (invariant_broken).
 *
 * The final CRes, which ends the challenge, is in final-cres.ts.
 */

import { InternalError } from '../errors/index.ts';
import { acsCounterAtoS } from './acs-counter.ts';
import { type MessageVersion, versionAtLeast } from './version.ts';

/** The native UI template of a challenge screen (acsUiType 01-05). */
export type ChallengeUiType = 'text' | 'single-select' | 'multi-select' | 'oob' | 'html';

/** acsUiType code of each UI template. */
export const acsUiTypes: Readonly<Record<ChallengeUiType, '01' | '02' | '03' | '04' | '05'>> = {
  text: '01',
  'single-select': '02',
  'multi-select': '03',
  oob: '04',
  html: '05',
};

/** One challenge screen for the app channel, in plain names (see the table above). */
export type ChallengeScreenInput = {
  messageVersion: MessageVersion;
  threeDSServerTransID: string;
  acsTransID: string;
  sdkTransID: string;
  acsCounterAtoS: number;
  uiType: ChallengeUiType;
  header?: string;
  label?: string;
  text?: string;
  showWarning?: boolean;
  submitLabel?: string;
  resendLabel?: string;
  whyLabel?: string;
  whyText?: string;
  expandLabel?: string;
  expandText?: string;
  choices?: readonly { key: string; label: string }[];
  continueLabel?: string;
  /** The OOB authentication app to open (2.2.0+: oobAppURL; left out of a 2.1.0 CRes, which has no such element). */
  appURL?: string;
  appLabel?: string;
  html?: string;
  /** The issuer's logo and the payment system's logo, as absolute URLs per density. */
  issuerImage?: ChallengeImage;
  psImage?: ChallengeImage;
  /** 2.3.1 text screens: how the SDK draws the entry box (ignored by older versions). */
  entry?: {
    keyboard?: 'numeric' | 'alphanumeric';
    maxLength?: number;
    masked?: boolean;
    autofill?: 'sms-otp' | 'password';
  };
};

/** issuerImage / psImage (Table A.1): the image's URL for each screen density. */
export type ChallengeImage = Readonly<{ medium: string; high: string; extraHigh: string }>;

/** The 2.3.1 challengeEntryBox object (Table A.26). */
export type ChallengeEntryBox = {
  challengeDataEntryLabel: string;
  challengeDataEntryKeyboardType?: '01' | '02';
  challengeDataEntryLengthMax?: string;
  challengeDataEntryMasking?: 'Y' | 'N';
  challengeDataEntryToggle?: 'Y';
  challengeDataEntryAutofill?: 'Y';
  challengeDataEntryAutofillType?: '01' | '02';
};

/** An interim (challenge screen) CRes as sent. */
export type ChallengeCRes = {
  messageType: 'CRes';
  messageVersion: MessageVersion;
  threeDSServerTransID: string;
  acsTransID: string;
  sdkTransID: string;
  acsCounterAtoS: string;
  challengeCompletionInd: 'N';
  acsUiType: '01' | '02' | '03' | '04' | '05';
  challengeInfoHeader?: string;
  challengeInfoLabel?: string;
  challengeInfoText?: string;
  challengeInfoTextIndicator?: 'Y' | 'N';
  challengeEntryBox?: ChallengeEntryBox;
  submitAuthenticationLabel?: string;
  resendInformationLabel?: string;
  whyInfoLabel?: string;
  whyInfoText?: string;
  expandInfoLabel?: string;
  expandInfoText?: string;
  challengeSelectInfo?: readonly Record<string, string>[];
  oobContinueLabel?: string;
  oobAppURL?: string;
  oobAppLabel?: string;
  acsHTML?: string;
  issuerImage?: ChallengeImage;
  psImage?: ChallengeImage;
};

type ScreenField = Exclude<
  keyof ChallengeScreenInput,
  'messageVersion' | 'threeDSServerTransID' | 'acsTransID' | 'sdkTransID' | 'acsCounterAtoS' | 'uiType'
>;

/** What one UI type shows: M = must be given, O = may be given; anything else must be absent. */
type ScreenRule = Partial<Record<ScreenField, 'M' | 'O'>>;

/** Table A.20: what every native screen (acsUiType 01-04) may add: why/expand info and the images. */
const nativeExtras: ScreenRule = {
  showWarning: 'O',
  whyLabel: 'O',
  whyText: 'O',
  expandLabel: 'O',
  expandText: 'O',
  issuerImage: 'O',
  psImage: 'O',
};

/** Table A.20: single- and multi-select screens (acsUiType 02 and 03) show the same fields. */
const selectScreen: ScreenRule = {
  ...nativeExtras,
  header: 'M',
  label: 'M',
  text: 'M',
  submitLabel: 'M',
  choices: 'M',
};

/** Table A.20 per UI type. */
const screenRules: Readonly<Record<ChallengeUiType, ScreenRule>> = {
  text: {
    ...nativeExtras,
    header: 'M',
    label: 'O',
    text: 'M',
    submitLabel: 'M',
    resendLabel: 'O',
    entry: 'O',
  },
  'single-select': selectScreen,
  'multi-select': selectScreen,
  oob: {
    ...nativeExtras,
    header: 'M',
    label: 'O',
    text: 'M',
    continueLabel: 'M',
    appURL: 'O',
    appLabel: 'O',
  },
  html: { html: 'M' },
};

/** Maximum lengths from Table A.1. */
const maxLengths: Partial<Record<ScreenField, number>> = {
  header: 45,
  label: 45,
  text: 350,
  submitLabel: 45,
  resendLabel: 45,
  whyLabel: 45,
  whyText: 256,
  expandLabel: 45,
  expandText: 256,
  continueLabel: 45,
  appURL: 256,
  appLabel: 45,
};

const screenFields: readonly ScreenField[] = [
  'header',
  'label',
  'text',
  'showWarning',
  'submitLabel',
  'resendLabel',
  'whyLabel',
  'whyText',
  'expandLabel',
  'expandText',
  'choices',
  'continueLabel',
  'appURL',
  'appLabel',
  'html',
  'entry',
  'issuerImage',
  'psImage',
];

function checkScreen(input: ChallengeScreenInput): void {
  const rules = screenRules[input.uiType];
  const fail = (detail: string): never => {
    throw new InternalError('invariant_broken', `buildChallengeCRes: ${input.uiType} screen: ${detail}`);
  };
  for (const field of screenFields) {
    const value = input[field];
    const rule = rules[field];
    if (value === undefined) {
      if (rule === 'M') fail(`${field} is required`);
      continue;
    }
    if (rule === undefined) fail(`${field} is not shown on this screen`);
    if (value === '') fail(`${field} is empty`);
    if (field === 'issuerImage' || field === 'psImage') checkImage(field, value as ChallengeImage, fail);
    const max = maxLengths[field];
    if (max !== undefined && typeof value === 'string' && value.length > max)
      fail(`${field} exceeds ${max} characters`);
  }
  if (input.uiType === 'text' && input.messageVersion === '2.3.1' && !input.label) {
    fail('label is required (challengeEntryBox.challengeDataEntryLabel)');
  }
  const choices = input.choices;
  if (choices !== undefined) {
    const keys = new Set(choices.map((choice) => choice.key));
    if (choices.length < 1 || choices.length > 8 || keys.size !== choices.length)
      fail('choices must be 1-8 distinct keys');
    for (const choice of choices) {
      if (!/^[A-Za-z0-9]{1,4}$/.test(choice.key) || choice.label.length < 1 || choice.label.length > 45) {
        fail('each choice needs a key of 1-4 letters or digits and a label of 1-45 characters');
      }
    }
  }
  // Table A.1 (2.3.1): acsHTML is at most 300000 characters once base64url-encoded.
  if (input.html !== undefined && Math.ceil((Buffer.byteLength(input.html, 'utf8') * 4) / 3) > 300_000) {
    fail('html exceeds 300000 characters once encoded');
  }
  const maxLength = input.entry?.maxLength;
  if (maxLength !== undefined && (!Number.isInteger(maxLength) || maxLength < 1 || maxLength > 45)) {
    fail('entry.maxLength must be 1-45');
  }
}

/** Table A.1: each member an absolute http(s) URL of at most 2048 characters. */
function checkImage(field: string, image: ChallengeImage, fail: (detail: string) => never): void {
  for (const url of [image.medium, image.high, image.extraHigh]) {
    if (!/^https?:\/\/[^\s]+$/.test(url) || url.length > 2048) fail(`${field} needs absolute URLs`);
  }
}

function entryBox(label: string, entry: ChallengeScreenInput['entry']): ChallengeEntryBox {
  return {
    challengeDataEntryLabel: label,
    ...(entry?.keyboard
      ? { challengeDataEntryKeyboardType: entry.keyboard === 'numeric' ? '01' : '02' }
      : {}),
    ...(entry?.maxLength !== undefined
      ? { challengeDataEntryLengthMax: String(entry.maxLength).padStart(2, '0') }
      : {}),
    ...(entry?.masked !== undefined ? { challengeDataEntryMasking: entry.masked ? 'Y' : 'N' } : {}),
    ...(entry?.masked ? { challengeDataEntryToggle: 'Y' } : {}),
    ...(entry?.autofill
      ? {
          challengeDataEntryAutofill: 'Y',
          challengeDataEntryAutofillType: entry.autofill === 'sms-otp' ? '01' : '02',
        }
      : {}),
  } satisfies ChallengeEntryBox;
}

/** Builds an interim app CRes (challengeCompletionInd N) showing one challenge screen. */
export function buildChallengeCRes(input: ChallengeScreenInput): ChallengeCRes {
  checkScreen(input);
  const version231Text = input.uiType === 'text' && input.messageVersion === '2.3.1';
  const optional = <K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } =>
    (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
  return {
    messageType: 'CRes',
    messageVersion: input.messageVersion,
    threeDSServerTransID: input.threeDSServerTransID,
    acsTransID: input.acsTransID,
    sdkTransID: input.sdkTransID,
    acsCounterAtoS: acsCounterAtoS(input.acsCounterAtoS, 'buildChallengeCRes'),
    challengeCompletionInd: 'N',
    acsUiType: acsUiTypes[input.uiType],
    ...optional('challengeInfoHeader', input.header),
    ...(version231Text && input.label ? { challengeEntryBox: entryBox(input.label, input.entry) } : {}),
    // 2.3.1 keeps challengeInfoLabel beside the entry box: SDKs read it for a text screen (Stripe's
    // ChallengeResponseData requires it for acsUiType 01), an SDK that knows the box reads its label.
    ...optional('challengeInfoLabel', input.label),
    ...optional('challengeInfoText', input.text),
    ...optional(
      'challengeInfoTextIndicator',
      input.showWarning === undefined ? undefined : input.showWarning ? ('Y' as const) : ('N' as const),
    ),
    ...optional(
      'challengeSelectInfo',
      input.choices?.map((choice) => ({ [choice.key]: choice.label })),
    ),
    ...optional('submitAuthenticationLabel', input.submitLabel),
    ...optional('resendInformationLabel', input.resendLabel),
    ...optional('oobContinueLabel', input.continueLabel),
    ...optional('oobAppURL', versionAtLeast(input.messageVersion, '2.2.0') ? input.appURL : undefined),
    ...optional('oobAppLabel', versionAtLeast(input.messageVersion, '2.2.0') ? input.appLabel : undefined),
    ...optional('whyInfoLabel', input.whyLabel),
    ...optional('whyInfoText', input.whyText),
    ...optional('expandInfoLabel', input.expandLabel),
    ...optional('expandInfoText', input.expandText),
    ...optional('issuerImage', input.issuerImage),
    ...optional('psImage', input.psImage),
    ...optional(
      'acsHTML',
      input.html === undefined ? undefined : Buffer.from(input.html, 'utf8').toString('base64url'),
    ),
  };
}
