// Over 300 lines: buildARes and the Table A.1 rule of each element group, kept together so one reading
// shows the whole message.
/**
 * The ARes the ACS answers with. `buildARes` applies the version's Table A.1 rules for which
 * elements appear with which transStatus and channel, so callers pass the decision and never
 * decide the wire shape. A call that breaks those rules (a challenge without acsURL on the
 * browser channel, an ECI on a rejection) is a programmer mistake: it throws an InternalError,
 * not a ProtocolError, because no Erro can fix it.
 */
import { InternalError } from '../errors/index.ts';
import type { AReq, MessageExtension } from './areq.ts';
import {
  type AcsRenderingType,
  authenticationElementOf,
  type ChallengeMethod,
  decoupledAuthenticationMethod,
  decoupledAuthenticationType,
  renderingTypeOf,
} from './authentication-method.ts';
import { isHttpUrl, isUuid } from './formats.ts';
import { renderingFitsDevice } from './rendering-choice.ts';
import type { TransStatus } from './trans-status.ts';
import { type MessageVersion, versionAtLeast } from './version.ts';

export type { AcsRenderingType, ChallengeMethod } from './authentication-method.ts';

/** An ARes message (Table A.1), with only the elements its version and transStatus allow. */
export type ARes = Readonly<{
  messageType: 'ARes';
  messageVersion: MessageVersion;
  threeDSServerTransID: string;
  acsTransID: string;
  /** Echoed from the AReq when a DS forwarded it, assigned by the ACS-as-DS otherwise. */
  dsTransID: string;
  dsReferenceNumber: string;
  acsReferenceNumber: string;
  acsOperatorID?: string;
  sdkTransID?: string;
  transStatus: TransStatus;
  transStatusReason?: string;
  eci?: string;
  authenticationValue?: string;
  /** Where the browser posts the CReq (BRW, transStatus C). */
  acsURL?: string;
  acsChallengeMandated?: 'Y' | 'N';
  /** 2.1.0 / 2.2.0. */
  authenticationType?: string;
  /** 2.3.1. */
  authenticationMethod?: readonly string[];
  /** The signed ACS content (APP, transStatus C). */
  acsSignedContent?: string;
  acsRenderingType?: AcsRenderingType;
  /** A string up to 2.2.0, a CardholderInfo object in 2.3.1. */
  cardholderInfo?: string | Readonly<{ text: string }>;
  acsDecConInd?: 'Y' | 'N';
  broadInfo?: Readonly<Record<string, unknown>>;
  messageExtension?: readonly MessageExtension[];
  /** 2.3.1, APP. */
  threeDSRequestorAppURLInd?: 'Y' | 'N';
  /** 2.3.1, APP. */
  deviceInfoRecognisedVersion?: string;
}>;

/**
 * What the ACS decided and the identifiers it answers with: the ARes elements it chooses, as
 * they go on the wire, plus the AReq and what `buildARes` turns into the version's shape.
 */
export type AResInput = Readonly<
  {
    areq: AReq;
    /** The challenge method (C); reported as authenticationType or authenticationMethod. */
    authenticationMethod?: ChallengeMethod;
    /** The app's first screen (APP, transStatus C); derived from the method when absent. */
    acsRenderingType?: AcsRenderingType;
    cardholderInfo?: string;
  } & Pick<
    ARes,
    | 'acsTransID'
    | 'dsTransID'
    | 'dsReferenceNumber'
    | 'acsReferenceNumber'
    | 'acsOperatorID'
    | 'transStatus'
    | 'transStatusReason'
    | 'eci'
    | 'authenticationValue'
    | 'acsURL'
    | 'acsChallengeMandated'
    | 'acsSignedContent'
    | 'acsDecConInd'
    | 'broadInfo'
    | 'messageExtension'
  >
>;

type Writable<T> = { -readonly [K in keyof T]: T[K] };

/** transStatus values each version defines (S, SPC, is not offered by this ACS). */
const statusesByVersion: Readonly<Record<MessageVersion, ReadonlySet<TransStatus>>> = {
  '2.1.0': new Set(['Y', 'N', 'U', 'A', 'C', 'R']),
  '2.2.0': new Set(['Y', 'N', 'U', 'A', 'C', 'D', 'R', 'I']),
  '2.3.1': new Set(['Y', 'N', 'U', 'A', 'C', 'D', 'R', 'I']),
};

/** Highest transStatusReason each version defines (2.1.0: 21, 2.2.0: 26, 2.3.1: 30). */
const lastReasonByVersion: Readonly<Record<MessageVersion, number>> = {
  '2.1.0': 21,
  '2.2.0': 26,
  '2.3.1': 30,
};

/** The Device Information data version this ACS declares it recognises (2.3.1, APP). */
const recognisedDeviceInfoVersion = '1.4';

/** True when `reason` is a transStatusReason the version defines (01..last). */
export function isTransStatusReasonDefined(version: MessageVersion, reason: string): boolean {
  if (!/^[0-9]{2}$/.test(reason)) return false;
  const n = Number(reason);
  return n >= 1 && n <= lastReasonByVersion[version];
}

/** Builds the ARes for a decision, following the AReq's version and channel. */
export function buildARes(input: AResInput): ARes {
  const { areq, transStatus } = input;
  const version = areq.messageVersion;
  if (!statusesByVersion[version].has(transStatus))
    mistake(`transStatus ${transStatus} is not defined in ${version}`);
  requireUuid(input.acsTransID, 'acsTransID');
  requireUuid(input.dsTransID, 'dsTransID');
  requireText(input.dsReferenceNumber, 'dsReferenceNumber', 32);
  requireText(input.acsReferenceNumber, 'acsReferenceNumber', 32);

  const ares: Writable<ARes> = {
    messageType: 'ARes',
    messageVersion: version,
    threeDSServerTransID: areq.threeDSServerTransID,
    acsTransID: input.acsTransID,
    dsTransID: input.dsTransID,
    dsReferenceNumber: input.dsReferenceNumber,
    acsReferenceNumber: input.acsReferenceNumber,
    transStatus,
  };
  if (input.acsOperatorID !== undefined && input.acsOperatorID !== '') {
    ares.acsOperatorID = requireText(input.acsOperatorID, 'acsOperatorID', 32);
  }
  if (areq.deviceChannel === '01') appChannelElements(ares, areq);
  reasonElement(ares, input);
  proofElements(ares, input);
  challengeElements(ares, input);
  decoupledElements(ares, input);
  infoElements(ares, input);
  return ares;
}

// 2.2.0 Table A.1: sdkTransID echoed for APP; 2.3.1 adds threeDSRequestorAppURLInd and
// deviceInfoRecognisedVersion as required APP elements.
function appChannelElements(ares: Writable<ARes>, areq: AReq): void {
  if (areq.sdkTransID === undefined) mistake('an APP AReq without sdkTransID');
  ares.sdkTransID = areq.sdkTransID;
  if (areq.messageVersion === '2.3.1') {
    // The sandbox's OOB app is not reached through the requestor's app, so no app URL is supported.
    ares.threeDSRequestorAppURLInd = 'N';
    ares.deviceInfoRecognisedVersion = recognisedDeviceInfoVersion;
  }
}

// Table A.1 transStatusReason: required for N, U and R in a payment; it explains a result, so it
// never accompanies a challenge (C) or a decoupled start (D).
function reasonElement(ares: Writable<ARes>, input: AResInput): void {
  const { transStatus, transStatusReason: reason, areq } = input;
  if (reason === undefined || reason === '') {
    const needed =
      (transStatus === 'N' || transStatus === 'U' || transStatus === 'R') && areq.messageCategory === '01';
    if (needed) mistake(`transStatus ${transStatus} needs a transStatusReason`);
    return;
  }
  if (transStatus === 'C' || transStatus === 'D')
    mistake(`no transStatusReason with transStatus ${transStatus}`);
  if (!isTransStatusReasonDefined(areq.messageVersion, reason)) {
    mistake(`transStatusReason ${reason} is not defined in ${areq.messageVersion}`);
  }
  ares.transStatusReason = reason;
}

// Table A.1 eci / authenticationValue: proof of an authentication (Y), an attempt (A) or an
// informational-only result (I, 2.2.0+); the authenticationValue is required for Y and A in a payment.
function proofElements(ares: Writable<ARes>, input: AResInput): void {
  const { transStatus, eci, authenticationValue, areq } = input;
  const carriesProof = transStatus === 'Y' || transStatus === 'A' || transStatus === 'I';
  if ((eci !== undefined || authenticationValue !== undefined) && !carriesProof) {
    mistake(`no eci or authenticationValue with transStatus ${transStatus}`);
  }
  const needsValue = (transStatus === 'Y' || transStatus === 'A') && areq.messageCategory === '01';
  if (authenticationValue === undefined && needsValue)
    mistake(`transStatus ${transStatus} needs an authenticationValue`);
  if (authenticationValue !== undefined) {
    const valid =
      areq.messageVersion === '2.3.1'
        ? authenticationValue.length >= 1 && authenticationValue.length <= 4000
        : authenticationValue.length === 28 && /^[A-Za-z0-9+/]{26,28}={0,2}$/.test(authenticationValue);
    if (!valid) mistake('authenticationValue has the wrong format');
    ares.authenticationValue = authenticationValue;
  }
  if (eci !== undefined) {
    if (!/^[0-9]{2}$/.test(eci)) mistake('eci must be two digits');
    ares.eci = eci;
  }
}

// Table A.1 for transStatus C: acsChallengeMandated and the method; acsURL for the browser
// (the app finds it in acsSignedContent); acsSignedContent and acsRenderingType for the app.
function challengeElements(ares: Writable<ARes>, input: AResInput): void {
  const { areq, transStatus } = input;
  if (transStatus !== 'C') {
    const stray = input.acsURL ?? input.acsSignedContent ?? input.acsRenderingType;
    if (stray !== undefined)
      mistake(`no acsURL, acsSignedContent or acsRenderingType with transStatus ${transStatus}`);
    if (
      transStatus !== 'D' &&
      (input.acsChallengeMandated !== undefined || input.authenticationMethod !== undefined)
    ) {
      mistake(`no acsChallengeMandated or authenticationMethod with transStatus ${transStatus}`);
    }
    return;
  }
  if (areq.deviceChannel === '03') mistake('a 3RI transaction cannot be challenged');
  if (input.authenticationMethod === undefined) mistake('transStatus C needs an authenticationMethod');
  ares.acsChallengeMandated = input.acsChallengeMandated ?? 'N';
  Object.assign(ares, authenticationElementOf(areq.messageVersion, input.authenticationMethod));
  if (areq.deviceChannel === '02') {
    if (input.acsURL === undefined || !isHttpUrl(input.acsURL, 2048))
      mistake('a browser challenge needs an acsURL');
    if (input.acsSignedContent !== undefined || input.acsRenderingType !== undefined) {
      mistake('acsSignedContent and acsRenderingType are for the app channel');
    }
    ares.acsURL = input.acsURL;
    return;
  }
  const jws = input.acsSignedContent;
  if (jws === undefined || !/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(jws)) {
    mistake('an app challenge needs acsSignedContent (a compact JWS)');
  }
  if (input.acsURL !== undefined) {
    if (!isHttpUrl(input.acsURL, 2048)) mistake('acsURL must be an http(s) URL');
    ares.acsURL = input.acsURL;
  }
  ares.acsSignedContent = jws;
  ares.acsRenderingType = appRenderingType(input, input.authenticationMethod);
}

// Table A.1 acsRenderingType (APP, C): the first screen, one the device listed (given by the
// caller, which chose it with rendering-choice.ts, or derived from the method here); 2.3.1 adds
// deviceUserInterfaceMode, 01 portrait unless the caller knows better (the RReq builder,
// rreq.ts, uses the same default).
function appRenderingType(input: AResInput, method: ChallengeMethod): AcsRenderingType {
  const device = input.areq.deviceRenderOptions;
  if (device === undefined) mistake('an app challenge needs the AReq deviceRenderOptions');
  const rendering = input.acsRenderingType ?? renderingTypeOf(method, device);
  if (!renderingFitsDevice(rendering, device)) {
    mistake(
      `acsRenderingType ${rendering.acsInterface}/${rendering.acsUiTemplate} is not one the device lists`,
    );
  }
  const { acsInterface, acsUiTemplate, deviceUserInterfaceMode } = rendering;
  if (input.areq.messageVersion !== '2.3.1') {
    if (deviceUserInterfaceMode !== undefined) mistake('deviceUserInterfaceMode is defined from 2.3.1');
    return { acsInterface, acsUiTemplate };
  }
  return { acsInterface, acsUiTemplate, deviceUserInterfaceMode: deviceUserInterfaceMode ?? '01' };
}

// 2.2.0 Table A.1 for transStatus D: acsChallengeMandated, authenticationType 04 (2.3.1:
// authenticationMethod 12), acsDecConInd Y, and cardholderInfo telling the cardholder what to do.
function decoupledElements(ares: Writable<ARes>, input: AResInput): void {
  const { areq, transStatus } = input;
  if (transStatus !== 'D') {
    if (input.acsDecConInd !== undefined) mistake(`no acsDecConInd with transStatus ${transStatus}`);
    return;
  }
  if (input.acsDecConInd === 'N') mistake('transStatus D means the ACS confirms decoupled authentication');
  if (input.cardholderInfo === undefined || input.cardholderInfo === '')
    mistake('transStatus D needs cardholderInfo');
  ares.acsChallengeMandated = input.acsChallengeMandated ?? 'N';
  if (areq.messageVersion === '2.3.1') ares.authenticationMethod = decoupledAuthenticationMethod;
  else ares.authenticationType = decoupledAuthenticationType;
  ares.acsDecConInd = 'Y';
}

// cardholderInfo: frictionless or decoupled only (2.1.0: not for 3RI); broadInfo: 2.3.1 only;
// messageExtension: at most 10 (2.3.1: 15).
function infoElements(ares: Writable<ARes>, input: AResInput): void {
  const { areq, cardholderInfo, broadInfo, messageExtension } = input;
  const version = areq.messageVersion;
  if (cardholderInfo !== undefined && cardholderInfo !== '') {
    if (input.transStatus === 'C') mistake('no cardholderInfo with transStatus C');
    if (version === '2.1.0' && areq.deviceChannel === '03') mistake('2.1.0 has no cardholderInfo for 3RI');
    if (cardholderInfo.length > 128) mistake('cardholderInfo is longer than 128 characters');
    ares.cardholderInfo = version === '2.3.1' ? { text: cardholderInfo } : cardholderInfo;
  }
  if (broadInfo !== undefined) {
    if (!versionAtLeast(version, '2.3.1')) mistake(`${version} has no broadInfo in the ARes`);
    ares.broadInfo = broadInfo;
  }
  if (messageExtension !== undefined && messageExtension.length > 0) {
    if (messageExtension.length > (version === '2.3.1' ? 15 : 10)) mistake('too many message extensions');
    ares.messageExtension = messageExtension;
  }
}

function requireUuid(value: string, name: string): string {
  if (!isUuid(value)) mistake(`${name} must be a UUID`);
  return value;
}

function requireText(value: string, name: string, max: number): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > max) {
    mistake(`${name} must have 1 to ${max} characters`);
  }
  return value;
}

function mistake(message: string): never {
  throw new InternalError('invariant_broken', `buildARes: ${message}`);
}
