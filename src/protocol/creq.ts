/**
 * The Challenge Request (CReq): the only door into a challenge. A browser CReq arrives base64url
 * encoded in the `creq` form field; an app CReq arrives as the plaintext of a JWE. Either way the
 * caller decodes it, runs parseJsonStrict, and hands the value here with the channel it knows from
 * the stored transaction (the CReq itself does not say).
 *
 * Field rules follow Table A.1 of each version (element, channel, inclusion, format), as restated
 * by clearhaus/3DSv2-api-documentation `creq.html` (browser) and the 2.3.1 Annex A, and what a real
 * SDK sends (stripe-android `ChallengeRequestData`):
 * - browser: threeDSServerTransID, acsTransID, messageType, messageVersion, challengeWindowSize (R).
 * - app: sdkTransID and sdkCounterStoA (R) plus the cardholder's action. 2.2.0 adds
 *   threeDSRequestorAppURL and whitelistingDataEntry; 2.3.1 renames whitelisting to trust list and
 *   adds oobAppURLInd (R), challengeDataEntryTwo, challengeAddCode, infoContinueIndicator,
 *   deviceBindingDataEntry and oobAppStatus, and turns oobContinue from boolean true into "01"/"02".
 *
 * Deliberately not enforced: the Table A.16 rule that at most one of challengeCancel,
 * resendChallenge and challengeNoEntry is present. The Stripe SDK sends challengeNoEntry=Y together
 * with challengeCancel, resendChallenge or oobContinue whenever no text was typed, and an ACS that
 * rejected that would break every cancel and resend from a real app. The flow gives the fields
 * precedence instead (cancel, resend, OOB continue, data entry, no entry). Only the contradiction
 * challengeDataEntry + challengeNoEntry is refused (203).
 *
 * Elements a version does not define are ignored, as an unknown element would be.
 */

import { hasLength, isJsonObject, isOneOf, isUuid } from './formats.ts';
import { checkElements, isAbsent, readEnvelope } from './message-envelope.ts';
import { type MessageVersion, versionAtLeast } from './version.ts';

/** The channel the transaction was created on; decides which CReq shape is valid. */
export type CReqChannel = 'browser' | 'app';

/** challengeWindowSize: 01 250x400, 02 390x400, 03 500x600, 04 600x400, 05 full screen. */
export const challengeWindowSizes = ['01', '02', '03', '04', '05'] as const;

/** One challengeWindowSize value. */
export type ChallengeWindowSize = (typeof challengeWindowSizes)[number];

/** Every challengeCancel value any supported version defines (Table A.1, "Challenge Cancelation Indicator"). */
export type ChallengeCancel = '01' | '02' | '03' | '04' | '05' | '06' | '07' | '08' | '09' | '10';

/**
 * challengeCancel values valid per version. 2.2.0 reserves 02 and adds 03 (decoupled timeout) and
 * 08 (SDK timeout); 2.3.1 adds 09/10 (Erro in reply to CRes/CReq). For 2.1.0 the public sources
 * disagree (02 requestor cancelled and 03 abandoned vs 08 SDK timeout), so 01-08 are accepted.
 */
const challengeCancelByVersion: Readonly<Record<MessageVersion, readonly ChallengeCancel[]>> = {
  '2.1.0': ['01', '02', '03', '04', '05', '06', '07', '08'],
  '2.2.0': ['01', '03', '04', '05', '06', '07', '08'],
  '2.3.1': ['01', '03', '04', '05', '06', '07', '08', '09', '10'],
};

/** One message extension (Table A.9): opaque to this ACS, kept for the timeline. */
export type MessageExtension = {
  name: string;
  id: string;
  criticalityIndicator: boolean;
  data: Record<string, unknown>;
};

/** A CReq posted by the 3DS Requestor through the cardholder's browser. */
export type BrowserCReq = {
  messageType: 'CReq';
  messageVersion: MessageVersion;
  threeDSServerTransID: string;
  acsTransID: string;
  challengeWindowSize: ChallengeWindowSize;
  messageExtension?: readonly MessageExtension[];
};

/** A CReq sent by a 3DS SDK (already decrypted from its JWE). */
export type AppCReq = {
  messageType: 'CReq';
  messageVersion: MessageVersion;
  threeDSServerTransID: string;
  acsTransID: string;
  sdkTransID: string;
  /** "000"-"255": the SDK-to-ACS counter, checked for order by the secure channel. */
  sdkCounterStoA: string;
  challengeCancel?: ChallengeCancel;
  /** What the cardholder typed (a one-time code or password): never log it, redact before storing. */
  challengeDataEntry?: string;
  /** 2.3.1: the second entry box. Sensitive like challengeDataEntry. */
  challengeDataEntryTwo?: string;
  /** What the cardholder submitted in an HTML UI. Sensitive like challengeDataEntry. */
  challengeHTMLDataEntry?: string;
  challengeNoEntry?: 'Y';
  /** 2.1.0/2.2.0 accept Y or N; 2.3.1 only Y. */
  resendChallenge?: 'Y' | 'N';
  /** 2.1.0/2.2.0: boolean true; 2.3.1: 01 cardholder clicked, 02 automatic. */
  oobContinue?: true | '01' | '02';
  challengeAddCode?: 'Y';
  infoContinueIndicator?: true;
  whitelistingDataEntry?: 'Y' | 'N';
  trustListDataEntry?: 'Y' | 'N';
  deviceBindingDataEntry?: 'Y' | 'N';
  threeDSRequestorAppURL?: string;
  oobAppURLInd?: '01' | '02' | '03';
  oobAppStatus?: '01';
  messageExtension?: readonly MessageExtension[];
};

/** Either CReq shape. */
export type CReq = BrowserCReq | AppCReq;

type Rule = {
  name: string;
  required: boolean;
  valid: (value: unknown) => boolean;
  /** Lowest version that defines the element (default: all). */
  since?: MessageVersion;
  /** Only this version defines the element. */
  only?: MessageVersion;
};

const isYes = (value: unknown): boolean => value === 'Y';
const isYesNo = (value: unknown): boolean => value === 'Y' || value === 'N';
const isCounter = (value: unknown): boolean =>
  typeof value === 'string' && /^[0-9]{3}$/.test(value) && Number(value) <= 255;

/** An absolute URL of at most 2048 characters. Custom-scheme app links are tolerated (2.2.0 SDKs use them). */
function isAppUrl(value: unknown): boolean {
  if (!hasLength(value, 1, 2048)) return false;
  try {
    new URL(value);
    return true;
  } catch {
    return false;
  }
}

/** Table A.9 message extension array: 1-10 objects (2.3.1: 1-15). */
function isMessageExtensionList(version: MessageVersion) {
  const max = versionAtLeast(version, '2.3.1') ? 15 : 10;
  return (value: unknown): boolean =>
    Array.isArray(value) &&
    value.length >= 1 &&
    value.length <= max &&
    value.every(
      (item) =>
        isJsonObject(item) &&
        hasLength(item.name, 1, 64) &&
        hasLength(item.id, 1, 64) &&
        typeof item.criticalityIndicator === 'boolean' &&
        isJsonObject(item.data),
    );
}

function browserRules(version: MessageVersion): readonly Rule[] {
  return [
    { name: 'threeDSServerTransID', required: true, valid: isUuid },
    { name: 'acsTransID', required: true, valid: isUuid },
    { name: 'challengeWindowSize', required: true, valid: (v) => isOneOf(v, challengeWindowSizes) },
    { name: 'messageExtension', required: false, valid: isMessageExtensionList(version) },
  ];
}

function appRules(version: MessageVersion): readonly Rule[] {
  const legacy = !versionAtLeast(version, '2.3.1');
  return [
    { name: 'threeDSServerTransID', required: true, valid: isUuid },
    { name: 'acsTransID', required: true, valid: isUuid },
    { name: 'sdkTransID', required: true, valid: isUuid },
    { name: 'sdkCounterStoA', required: true, valid: isCounter },
    { name: 'challengeCancel', required: false, valid: (v) => isOneOf(v, challengeCancelByVersion[version]) },
    { name: 'challengeDataEntry', required: false, valid: (v) => hasLength(v, 1, 45) },
    { name: 'challengeHTMLDataEntry', required: false, valid: (v) => hasLength(v, 1, 256) },
    { name: 'challengeNoEntry', required: false, valid: isYes },
    { name: 'resendChallenge', required: false, valid: legacy ? isYesNo : isYes },
    {
      name: 'oobContinue',
      required: false,
      valid: legacy ? (v) => v === true : (v) => isOneOf(v, ['01', '02']),
    },
    { name: 'messageExtension', required: false, valid: isMessageExtensionList(version) },
    { name: 'threeDSRequestorAppURL', required: false, valid: isAppUrl, since: '2.2.0' },
    { name: 'whitelistingDataEntry', required: false, valid: isYesNo, only: '2.2.0' },
    { name: 'trustListDataEntry', required: false, valid: isYesNo, since: '2.3.1' },
    { name: 'deviceBindingDataEntry', required: false, valid: isYesNo, since: '2.3.1' },
    { name: 'challengeDataEntryTwo', required: false, valid: (v) => hasLength(v, 1, 45), since: '2.3.1' },
    { name: 'challengeAddCode', required: false, valid: isYes, since: '2.3.1' },
    { name: 'infoContinueIndicator', required: false, valid: (v) => v === true, since: '2.3.1' },
    { name: 'oobAppURLInd', required: true, valid: (v) => isOneOf(v, ['01', '02', '03']), since: '2.3.1' },
    { name: 'oobAppStatus', required: false, valid: (v) => v === '01', since: '2.3.1' },
  ];
}

/** Table A.1 note: a field is missing when absent, null or an empty string. */
/** Parses a browser CReq. */
export function parseCReq(value: unknown, channel: 'browser'): BrowserCReq;
/** Parses an app CReq. */
export function parseCReq(value: unknown, channel: 'app'): AppCReq;
/** Parses a CReq for the given channel. */
export function parseCReq(value: unknown, channel: CReqChannel): CReq;
/**
 * Validates a CReq (already JSON-parsed) for the channel the transaction was created on.
 * Throws ProtocolError (messageType CReq): 101 not an object or not a CReq, 201 required elements
 * missing, 102 version not supported, 203 format or value invalid. Errors name elements, never values.
 */
export function parseCReq(input: unknown, channel: CReqChannel): CReq {
  const envelope = readEnvelope(input, 'CReq');
  const { message: value, version, fail } = envelope;
  const rules = (channel === 'app' ? appRules(version) : browserRules(version)).filter(
    (rule) =>
      (rule.since === undefined || versionAtLeast(version, rule.since)) &&
      (rule.only === undefined || rule.only === version),
  );
  const parsed = checkElements(envelope, 'CReq', rules);
  if (channel === 'app' && !isAbsent(value.challengeDataEntry) && !isAbsent(value.challengeNoEntry)) {
    throw fail('203', 'challengeDataEntry,challengeNoEntry', version);
  }
  // Every present element has passed its rule above, so the record has the declared shape.
  return parsed as CReq;
}

/** A copy safe to keep in the message timeline: what the cardholder typed is replaced by "***". */
export function redactCReq<T extends CReq>(creq: T): T {
  const copy: Record<string, unknown> = { ...creq };
  for (const name of ['challengeDataEntry', 'challengeDataEntryTwo', 'challengeHTMLDataEntry']) {
    if (copy[name] !== undefined) copy[name] = '***';
  }
  return copy as T;
}
