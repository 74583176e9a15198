// Over 300 lines: the AReq's typed shape and its one parse function; the per-element checks already
// live in areq-fields.ts, areq-objects.ts and element-checks.ts.
/**
 * The AReq as the ACS reads it: `parseAReq` is the only door from a parsed JSON body to a typed
 * AReq. It checks, in the order the spec's error codes rank them: a JSON object (101), a
 * messageType of AReq (201 / 101), a supported messageVersion (201 / 102), every required
 * element present (one 201 naming them all), no well-formed critical message extension (202:
 * this ACS recognises none), every element well formed (one 203 naming them all). Errors name
 * elements, never values, and echo the transaction IDs that were readable.
 */
import { type EchoedIds, ProtocolError, type ProtocolErrorCode } from '../errors/index.ts';
import {
  type AReqTable,
  areqTables,
  type Condition,
  type DeviceChannel,
  type MessageCategory,
  type Requirement,
} from './areq-fields.ts';
import { checkPresent, criticalExtensionPaths, type Findings } from './element-checks.ts';
import { isJsonObject, isUuid } from './formats.ts';
import { isSupportedVersion, type MessageVersion, supportedVersions } from './version.ts';

export type { DeviceChannel, MessageCategory } from './areq-fields.ts';

/** A phone number as the AReq carries it (PhoneNumber object). */
export type PhoneNumber = Readonly<{ cc: string; subscriber: string }>;

/** The SDK's ephemeral public key (an EC P-256 JWK). */
export type SdkEphemPubKey = Readonly<{ kty: 'EC'; crv: 'P-256'; x: string; y: string }>;

/** The SDK UI the device can show (DeviceRenderOptions object). */
export type DeviceRenderOptions = Readonly<{
  sdkInterface: '01' | '02' | '03';
  sdkUiType: readonly string[];
}>;

/** One message extension (Table A.7). */
export type MessageExtension = Readonly<{
  name: string;
  id: string;
  criticalityIndicator: boolean;
  data: unknown;
}>;

/** A validated AReq: the elements the ACS uses, typed, in the spec's spelling. */
export type AReq = Readonly<{
  messageVersion: MessageVersion;
  messageType: 'AReq';
  threeDSServerTransID: string;
  deviceChannel: DeviceChannel;
  messageCategory: MessageCategory;
  acctNumber: string;
  dsTransID?: string;
  dsReferenceNumber?: string;
  dsURL?: string;
  sdkTransID?: string;
  sdkAppID?: string;
  sdkReferenceNumber?: string;
  sdkEphemPubKey?: SdkEphemPubKey;
  sdkMaxTimeout?: string;
  sdkType?: string;
  deviceRenderOptions?: DeviceRenderOptions;
  cardExpiryDate?: string;
  cardholderName?: string;
  email?: string;
  mobilePhone?: PhoneNumber;
  homePhone?: PhoneNumber;
  workPhone?: PhoneNumber;
  purchaseAmount?: string;
  purchaseCurrency?: string;
  purchaseExponent?: string;
  purchaseDate?: string;
  merchantName?: string;
  acquirerBIN?: string;
  acquirerMerchantID?: string;
  mcc?: string;
  merchantCountryCode?: string;
  threeDSRequestorID?: string;
  threeDSRequestorName?: string;
  threeDSRequestorURL?: string;
  /** Normalised to a list: 2.1.0 and 2.2.0 send one value, 2.3.1 sends an array. */
  threeDSRequestorChallengeInd?: readonly string[];
  threeDSRequestorDecReqInd?: string;
  threeDSRequestorDecMaxTime?: string;
  threeDSRequestorAuthenticationInd?: string;
  threeRIInd?: string;
  threeDSServerURL?: string;
  threeDSServerRefNumber?: string;
  threeDSServerOperatorID?: string;
  threeDSCompInd?: string;
  notificationURL?: string;
  browserAcceptHeader?: string;
  browserLanguage?: string;
  browserUserAgent?: string;
  browserIP?: string;
  browserJavaEnabled?: boolean;
  browserJavascriptEnabled?: boolean;
  browserColorDepth?: string;
  browserScreenHeight?: string;
  browserScreenWidth?: string;
  browserTZ?: string;
  transType?: string;
  messageExtension?: readonly MessageExtension[];
  broadInfo?: Readonly<Record<string, unknown>>;
}>;

type Plan = Readonly<{ always: readonly string[]; conditional: ReadonlyArray<readonly [string, Condition]> }>;

const channels: readonly DeviceChannel[] = ['01', '02', '03'];
const categories: readonly MessageCategory[] = ['01', '02'];

/** Required elements per version, channel and category, resolved once (undefined: value unusable). */
const plans: ReadonlyMap<string, Plan> = buildPlans();

/** Validates a parsed JSON body as an AReq of its messageVersion; throws ProtocolError otherwise. */
export function parseAReq(value: unknown): AReq {
  if (!isJsonObject(value)) throw failure('101', 'message is not a JSON object', {}, undefined);
  return parseMessage(ownElements(value));
}

/**
 * The message's own elements on an object without a prototype, so that no element can come
 * from (or be hidden by) a prototype, whatever the caller passed.
 */
function ownElements(value: Readonly<Record<string, unknown>>): Readonly<Record<string, unknown>> {
  return Object.assign(Object.create(null) as Record<string, unknown>, value);
}

function parseMessage(value: Readonly<Record<string, unknown>>): AReq {
  const ids = readableIds(value);
  const version = isSupportedVersion(value.messageVersion) ? value.messageVersion : undefined;

  if (value.messageType === undefined) throw failure('201', 'messageType', ids, version);
  if (value.messageType !== 'AReq') throw failure('101', 'messageType', ids, version);
  if (value.messageVersion === undefined) throw failure('201', 'messageVersion', ids, undefined);
  if (version === undefined) throw failure('102', 'messageVersion', ids, undefined);

  const channel = channels.find((c) => c === value.deviceChannel);
  const category = categories.find((c) => c === value.messageCategory);
  const findings = validate(value, areqTables[version], planFor(version, channel, category), category);
  if (findings.missing.length > 0) throw failure('201', findings.missing.join(', '), ids, version);
  const critical = extensionsWellFormed(findings) ? criticalExtensionPaths(value.messageExtension) : [];
  if (critical.length > 0) throw failure('202', critical.join(', '), ids, version);
  if (findings.invalid.length > 0) throw failure('203', findings.invalid.join(', '), ids, version);
  // Unreachable: an unusable deviceChannel or messageCategory is already missing or invalid.
  if (channel === undefined) throw failure('203', 'deviceChannel', ids, version);
  if (category === undefined) throw failure('203', 'messageCategory', ids, version);
  return toAReq(value, version, channel, category);
}

function validate(
  message: Readonly<Record<string, unknown>>,
  table: AReqTable,
  plan: Plan,
  category: MessageCategory | undefined,
): Findings {
  const findings: Findings = { missing: [], invalid: [] };
  // An element is absent when it is not there or undefined (which JSON cannot carry anyway).
  for (const name of plan.always) {
    if (message[name] === undefined) findings.missing.push(name);
  }
  for (const [name, when] of plan.conditional) {
    if (message[name] === undefined && when(message, category)) findings.missing.push(name);
  }
  for (const name of Object.keys(message)) {
    const rule = table.get(name);
    const value = message[name];
    if (rule !== undefined && value !== undefined) checkPresent(rule.check, value, name, findings);
  }
  return findings;
}

/** A malformed messageExtension is a format error (203) whether or not an item says it is critical. */
function extensionsWellFormed(findings: Findings): boolean {
  return !findings.invalid.some(
    (path) => path === 'messageExtension' || path.startsWith('messageExtension['),
  );
}

function failure(
  code: ProtocolErrorCode,
  detail: string,
  ids: EchoedIds,
  version: MessageVersion | undefined,
) {
  return new ProtocolError(code, detail, { messageType: 'AReq', ids, messageVersion: version });
}

/** The transaction IDs that can be echoed in an Erro: only well-formed UUIDs. */
function readableIds(message: Readonly<Record<string, unknown>>): EchoedIds {
  const ids: { threeDSServerTransID?: string; dsTransID?: string; sdkTransID?: string } = {};
  if (isUuid(message.threeDSServerTransID)) ids.threeDSServerTransID = message.threeDSServerTransID;
  if (isUuid(message.dsTransID)) ids.dsTransID = message.dsTransID;
  if (isUuid(message.sdkTransID)) ids.sdkTransID = message.sdkTransID;
  return ids;
}

function planFor(version: MessageVersion, channel?: DeviceChannel, category?: MessageCategory): Plan {
  return plans.get(planKey(version, channel, category)) as Plan;
}

function planKey(version: MessageVersion, channel?: DeviceChannel, category?: MessageCategory): string {
  return `${version}|${channel ?? '-'}|${category ?? '-'}`;
}

function buildPlans(): Map<string, Plan> {
  const built = new Map<string, Plan>();
  for (const version of supportedVersions) {
    for (const channel of [...channels, undefined]) {
      for (const category of [...categories, undefined]) {
        const always: string[] = [];
        const conditional: Array<readonly [string, Condition]> = [];
        for (const [name, rule] of areqTables[version]) {
          if (rule.required === undefined || !applies(rule.required, channel, category)) continue;
          if (rule.required.when === undefined) always.push(name);
          else conditional.push([name, rule.required.when]);
        }
        built.set(planKey(version, channel, category), { always, conditional });
      }
    }
  }
  return built;
}

function applies(requirement: Requirement, channel?: DeviceChannel, category?: MessageCategory): boolean {
  const channelOk =
    requirement.channels === undefined || (channel !== undefined && requirement.channels.includes(channel));
  const categoryOk =
    requirement.categories === undefined ||
    (category !== undefined && requirement.categories.includes(category));
  return channelOk && categoryOk;
}

function toAReq(
  m: Readonly<Record<string, unknown>>,
  messageVersion: MessageVersion,
  deviceChannel: DeviceChannel,
  messageCategory: MessageCategory,
): AReq {
  return {
    messageVersion,
    messageType: 'AReq',
    threeDSServerTransID: m.threeDSServerTransID as string,
    deviceChannel,
    messageCategory,
    acctNumber: m.acctNumber as string,
    dsTransID: str(m.dsTransID),
    dsReferenceNumber: str(m.dsReferenceNumber),
    dsURL: str(m.dsURL),
    sdkTransID: str(m.sdkTransID),
    sdkAppID: str(m.sdkAppID),
    sdkReferenceNumber: str(m.sdkReferenceNumber),
    sdkEphemPubKey: ephemeralKeyOf(m.sdkEphemPubKey),
    sdkMaxTimeout: str(m.sdkMaxTimeout),
    sdkType: str(m.sdkType),
    deviceRenderOptions: renderOptionsOf(m.deviceRenderOptions),
    cardExpiryDate: str(m.cardExpiryDate),
    cardholderName: str(m.cardholderName),
    email: str(m.email),
    mobilePhone: phoneOf(m.mobilePhone),
    homePhone: phoneOf(m.homePhone),
    workPhone: phoneOf(m.workPhone),
    purchaseAmount: str(m.purchaseAmount),
    purchaseCurrency: str(m.purchaseCurrency),
    purchaseExponent: str(m.purchaseExponent),
    purchaseDate: str(m.purchaseDate),
    merchantName: str(m.merchantName),
    acquirerBIN: str(m.acquirerBIN),
    acquirerMerchantID: str(m.acquirerMerchantID),
    mcc: str(m.mcc),
    merchantCountryCode: str(m.merchantCountryCode),
    threeDSRequestorID: str(m.threeDSRequestorID),
    threeDSRequestorName: str(m.threeDSRequestorName),
    threeDSRequestorURL: str(m.threeDSRequestorURL),
    threeDSRequestorChallengeInd: challengeIndicatorsOf(m.threeDSRequestorChallengeInd),
    threeDSRequestorDecReqInd: str(m.threeDSRequestorDecReqInd),
    threeDSRequestorDecMaxTime: str(m.threeDSRequestorDecMaxTime),
    threeDSRequestorAuthenticationInd: str(m.threeDSRequestorAuthenticationInd),
    threeRIInd: str(m.threeRIInd),
    threeDSServerURL: str(m.threeDSServerURL),
    threeDSServerRefNumber: str(m.threeDSServerRefNumber),
    threeDSServerOperatorID: str(m.threeDSServerOperatorID),
    threeDSCompInd: str(m.threeDSCompInd),
    notificationURL: str(m.notificationURL),
    browserAcceptHeader: str(m.browserAcceptHeader),
    browserLanguage: str(m.browserLanguage),
    browserUserAgent: str(m.browserUserAgent),
    browserIP: str(m.browserIP),
    browserJavaEnabled: bool(m.browserJavaEnabled),
    browserJavascriptEnabled: bool(m.browserJavascriptEnabled),
    browserColorDepth: str(m.browserColorDepth),
    browserScreenHeight: str(m.browserScreenHeight),
    browserScreenWidth: str(m.browserScreenWidth),
    browserTZ: str(m.browserTZ),
    transType: str(m.transType),
    messageExtension: extensionsOf(m.messageExtension),
    broadInfo: messageVersion === '2.3.1' && isJsonObject(m.broadInfo) ? m.broadInfo : undefined,
  };
}

// The readers below run after validation; their guards only narrow the types.

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function bool(value: unknown): boolean | undefined {
  return typeof value === 'boolean' ? value : undefined;
}

function phoneOf(value: unknown): PhoneNumber | undefined {
  if (!isJsonObject(value) || typeof value.cc !== 'string' || typeof value.subscriber !== 'string')
    return undefined;
  return { cc: value.cc, subscriber: value.subscriber };
}

function ephemeralKeyOf(value: unknown): SdkEphemPubKey | undefined {
  if (!isJsonObject(value) || typeof value.x !== 'string' || typeof value.y !== 'string') return undefined;
  return { kty: 'EC', crv: 'P-256', x: value.x, y: value.y };
}

function renderOptionsOf(value: unknown): DeviceRenderOptions | undefined {
  if (!isJsonObject(value) || !Array.isArray(value.sdkUiType)) return undefined;
  const sdkInterface = (['01', '02', '03'] as const).find((i) => i === value.sdkInterface);
  if (sdkInterface === undefined) return undefined;
  return { sdkInterface, sdkUiType: value.sdkUiType.filter((t): t is string => typeof t === 'string') };
}

function challengeIndicatorsOf(value: unknown): readonly string[] | undefined {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return undefined;
}

function extensionsOf(value: unknown): readonly MessageExtension[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const extensions: MessageExtension[] = [];
  for (const item of value) {
    if (!isJsonObject(item) || typeof item.name !== 'string' || typeof item.id !== 'string') continue;
    if (typeof item.criticalityIndicator !== 'boolean') continue;
    extensions.push({
      name: item.name,
      id: item.id,
      criticalityIndicator: item.criticalityIndicator,
      data: item.data,
    });
  }
  return extensions;
}
