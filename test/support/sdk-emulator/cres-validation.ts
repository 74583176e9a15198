/**
 * Reads a decrypted CRes the way Stripe's SDK does (ChallengeResponseData.fromJson, then
 * ChallengeResponseProcessor.processPayload), with the element tables of cres-fields.ts:
 * messageType CRes (101); challengeCompletionInd Y or N; the three transaction IDs as UUIDs;
 * messageVersion; no critical message extension (202); a final CRes with transStatus Y or N and
 * no other element than the final ones; an interim CRes with an acsUiType of its version that the
 * device said it can show, the elements that UI type needs, and every element within its length;
 * then the IDs equal to the CReq's (301) and the version equal to the CReq's (102).
 * Missing elements are 201 and malformed ones 203, as Stripe's ChallengeResponseParseException.
 */
import { checkExtensions, checkUrl, decodeHtml, readImage, readSelectInfo } from './cres-elements.ts';
import {
  finalCResFields,
  interimCResFields,
  requiredForUiType,
  textFieldMaxLength,
  uiTypesOf,
} from './cres-fields.ts';
import { type DeviceRenderOptions, isUuid, type MessageVersion, type UiType } from './protocol-types.ts';
import { SdkRuleViolation } from './sdk-rule-violation.ts';

/** What a CRes must agree with: the session's IDs, version and device. */
export type CResExpectations = Readonly<{
  messageVersion: MessageVersion;
  threeDSServerTransID: string;
  acsTransID: string;
  sdkTransID: string;
  deviceRenderOptions?: DeviceRenderOptions;
}>;

type Envelope = Readonly<{
  threeDSServerTransID: string;
  acsTransID: string;
  sdkTransID: string;
  messageVersion: string;
  acsCounterAtoS: string;
  messageExtension?: readonly unknown[];
}>;

/** The last CRes: the outcome. */
export type FinalCRes = Envelope & Readonly<{ final: true; transStatus: 'Y' | 'N' }>;

/** An interim CRes: one screen to draw. Text elements keep their Table A.1 names. */
export type ChallengeScreen = Envelope &
  Readonly<{
    final: false;
    acsUiType: UiType;
    texts: Readonly<Partial<Record<string, string>>>;
    challengeInfoTextIndicator?: boolean;
    selectOptions?: readonly Readonly<{ name: string; text: string }>[];
    /** acsHTML and acsHTMLRefresh, decoded from base64url. */
    html?: string;
    htmlRefresh?: string;
    issuerImage?: Readonly<Record<string, string>>;
    psImage?: Readonly<Record<string, string>>;
  }>;

export type ParsedCRes = FinalCRes | ChallengeScreen;

const missing = (element: string) => new SdkRuleViolation('201', element, `${element} is missing`);
const malformed = (element: string, detail: string) => new SdkRuleViolation('203', element, detail);

/** Validates a decrypted CRes payload against the session; throws SdkRuleViolation. */
export function readCResPayload(payload: Record<string, unknown>, expected: CResExpectations): ParsedCRes {
  if (payload.messageType !== 'CRes') {
    throw new SdkRuleViolation(
      '101',
      'messageType',
      `messageType is ${JSON.stringify(payload.messageType)}, not CRes`,
    );
  }
  const completion = requiredString(payload, 'challengeCompletionInd');
  if (completion !== 'Y' && completion !== 'N') throw malformed('challengeCompletionInd', 'is not Y or N');
  const envelope = readEnvelope(payload, expected.messageVersion);
  const parsed: ParsedCRes =
    completion === 'Y' ? readFinal(payload, envelope) : readScreen(payload, envelope, expected);
  for (const id of ['sdkTransID', 'threeDSServerTransID', 'acsTransID'] as const) {
    if (envelope[id] !== expected[id]) {
      throw new SdkRuleViolation(
        '301',
        id,
        `${id} ${envelope[id]} is not this transaction's ${expected[id]}`,
      );
    }
  }
  if (envelope.messageVersion !== expected.messageVersion) {
    throw new SdkRuleViolation(
      '102',
      'messageVersion',
      `messageVersion ${envelope.messageVersion} is not the CReq's ${expected.messageVersion}`,
    );
  }
  return parsed;
}

function requiredString(payload: Record<string, unknown>, element: string): string {
  const value = payload[element];
  if (value === undefined || value === null || value === '') throw missing(element);
  if (typeof value !== 'string') throw malformed(element, `${element} is not a string`);
  return value;
}

function readEnvelope(payload: Record<string, unknown>, version: MessageVersion): Envelope {
  const ids: Record<string, string> = {};
  for (const id of ['sdkTransID', 'threeDSServerTransID', 'acsTransID']) {
    const value = requiredString(payload, id);
    if (!isUuid(value)) throw malformed(id, `${id} is not a UUID`);
    ids[id] = value;
  }
  const messageVersion = requiredString(payload, 'messageVersion');
  const extensions = payload.messageExtension;
  if (extensions !== undefined) checkExtensions(extensions, version);
  return {
    threeDSServerTransID: ids.threeDSServerTransID as string,
    acsTransID: ids.acsTransID as string,
    sdkTransID: ids.sdkTransID as string,
    messageVersion,
    acsCounterAtoS: String(payload.acsCounterAtoS),
    ...(Array.isArray(extensions) ? { messageExtension: extensions } : {}),
  };
}

function readFinal(payload: Record<string, unknown>, envelope: Envelope): FinalCRes {
  for (const element of Object.keys(payload)) {
    if (!finalCResFields.has(element)) {
      throw new SdkRuleViolation('101', element, `a final CRes may not carry ${element}`);
    }
  }
  const transStatus = requiredString(payload, 'transStatus');
  if (transStatus !== 'Y' && transStatus !== 'N')
    throw malformed('transStatus', `transStatus ${transStatus} is not Y or N`);
  return { ...envelope, final: true, transStatus };
}

function readScreen(
  payload: Record<string, unknown>,
  envelope: Envelope,
  expected: CResExpectations,
): ChallengeScreen {
  const version = expected.messageVersion;
  const allowed = interimCResFields(version);
  for (const element of Object.keys(payload)) {
    if (!allowed.has(element))
      throw malformed(element, `${element} is not an element of a ${version} interim CRes`);
  }
  const acsUiType = readUiType(payload, version, expected.deviceRenderOptions);
  for (const element of requiredForUiType[acsUiType]) {
    const value = payload[element];
    if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
      throw missing(element);
    }
  }
  const texts: Record<string, string> = {};
  for (const [element, max] of Object.entries(textFieldMaxLength)) {
    const value = payload[element];
    if (value === undefined) continue;
    if (typeof value !== 'string' || value.length === 0)
      throw malformed(element, `${element} is not a non-empty string`);
    if (value.length > max) throw malformed(element, `${element} is longer than ${max} characters`);
    texts[element] = value;
  }
  if (acsUiType === '04' && texts.oobAppURL !== undefined) checkUrl('oobAppURL', texts.oobAppURL);
  const indicator = payload.challengeInfoTextIndicator;
  if (indicator !== undefined && indicator !== 'Y' && indicator !== 'N') {
    throw malformed('challengeInfoTextIndicator', 'is not Y or N');
  }
  return {
    ...envelope,
    final: false,
    acsUiType,
    texts,
    ...(indicator !== undefined ? { challengeInfoTextIndicator: indicator === 'Y' } : {}),
    ...(payload.challengeSelectInfo !== undefined
      ? { selectOptions: readSelectInfo(payload.challengeSelectInfo) }
      : {}),
    ...(payload.acsHTML !== undefined ? { html: decodeHtml('acsHTML', payload.acsHTML) } : {}),
    ...(payload.acsHTMLRefresh !== undefined
      ? { htmlRefresh: decodeHtml('acsHTMLRefresh', payload.acsHTMLRefresh) }
      : {}),
    ...(payload.issuerImage !== undefined
      ? { issuerImage: readImage('issuerImage', payload.issuerImage, version) }
      : {}),
    ...(payload.psImage !== undefined ? { psImage: readImage('psImage', payload.psImage, version) } : {}),
  };
}

/** acsUiType: known to the version and one the device listed (sdkUiType) for its interface. */
function readUiType(
  payload: Record<string, unknown>,
  version: MessageVersion,
  device: DeviceRenderOptions | undefined,
): UiType {
  const value = requiredString(payload, 'acsUiType');
  if (!(uiTypesOf(version) as readonly string[]).includes(value)) {
    throw malformed('acsUiType', `acsUiType ${value} does not exist in ${version}`);
  }
  const type = value as UiType;
  if (device) {
    if (!device.sdkUiType.includes(type)) {
      throw malformed(
        'acsUiType',
        `acsUiType ${type} is not one of the device's sdkUiType ${device.sdkUiType.join(',')}`,
      );
    }
    const html = type === '05' || type === '06';
    if (html && device.sdkInterface === '01')
      throw malformed('acsUiType', `acsUiType ${type} is HTML, the device is native only`);
    if (!html && device.sdkInterface === '02')
      throw malformed('acsUiType', `acsUiType ${type} is native, the device is HTML only`);
  }
  return type;
}
