/**
 * The Results Request (RReq): the ACS tells the 3DS Server (through the DS, which this simulator
 * also plays) how a challenge ended. Built from plain input; each element appears only where the
 * version's table defines it and its condition holds (clearhaus `rreq_210/220/231.html`, 2.3.1
 * Table A.1):
 *
 * | element              | when                                                              |
 * | -------------------- | ----------------------------------------------------------------- |
 * | sdkTransID           | 01-APP (required)                                                 |
 * | transStatus          | always (required for 01-PA; this ACS always knows it)             |
 * | transStatusReason    | transStatus N, U or R (required for 01-PA)                        |
 * | authenticationType   | 2.1.0/2.2.0, transStatus Y or N: 01 static, 02 dynamic, 03 OOB, 04 decoupled (2.2.0) |
 * | authenticationMethod | 2.3.1, transStatus Y or N: array, 01 static passcode, 02 SMS OTP, 04 app OTP, 11 push confirmation, 12 decoupled |
 * | eci                  | transStatus Y or A, when given                                    |
 * | authenticationValue  | transStatus Y or A (required for 01-PA)                           |
 * | interactionCounter   | 01-APP and 02-BRW, 2 digits, unless the ACS confirmed decoupled   |
 * | challengeCancel      | only when the challenge was cancelled or timed out; 10 (2.3.1)     |
 * |                      | when the CReq was answered with an Erro                           |
 * | challengeErrorReporting | 2.3.1, 01-APP and 02-BRW: the Erro, required with challengeCancel 09 or 10 |
 * | acsRenderingType     | 01-APP unless decoupled; 2.3.1 adds deviceUserInterfaceMode (R)   |
 *
 * deviceChannel is an input, not an element: no version's RReq defines it. sdkTransID is sent for
 * 01-APP in 2.1.0 too (the public 2.1.0 table omits it, but the element is required for 01-APP in
 * 2.2.0 and 2.3.1 and a 2.1.0 SDK flow needs it to correlate). The OOB challenge of this simulator
 * (approve in the bank app) is reported as 11 "Push Confirmation" in 2.3.1, the code the ARes uses
 * (authentication-method.ts), so both messages name the same method. Input that breaks these rules
 * is a programming error and throws an InternalError (invariant_broken).
 */

import { InternalError } from '../errors/index.ts';
import { isTransStatusReasonDefined } from './ares.ts';
import type { ChallengeCancel } from './creq.ts';
import type { Erro } from './erro.ts';
import type { ChallengeOutcomeStatus, TransStatusReason } from './trans-status.ts';
import type { MessageVersion } from './version.ts';

/** How the cardholder was (or was to be) authenticated, in plain names. */
export type AuthenticationMethodName = 'sms' | 'totp' | 'password' | 'kba' | 'oob' | 'decoupled';

/** acsRenderingType (Table A.14): interface 01 native / 02 HTML; template 01-05 (2.3.1: 01-07). */
export type AcsRenderingType = {
  acsInterface: '01' | '02';
  acsUiTemplate: '01' | '02' | '03' | '04' | '05' | '06' | '07';
  /** 2.3.1 only: 01 portrait, 02 landscape, 03 voice, 04 other. Defaults to 01 in 2.3.1. */
  deviceUserInterfaceMode?: '01' | '02' | '03' | '04';
};

/** An RReq as sent. */
export type RReq = {
  messageType: 'RReq';
  messageVersion: MessageVersion;
  threeDSServerTransID: string;
  acsTransID: string;
  dsTransID: string;
  sdkTransID?: string;
  messageCategory: '01' | '02';
  transStatus: ChallengeOutcomeStatus;
  transStatusReason?: TransStatusReason;
  authenticationType?: '01' | '02' | '03' | '04';
  authenticationMethod?: readonly string[];
  eci?: string;
  authenticationValue?: string;
  interactionCounter?: string;
  challengeCancel?: ChallengeCancel;
  /** 2.3.1: the Erro the ACS answered the CReq with (challengeCancel 10). */
  challengeErrorReporting?: Erro;
  acsRenderingType?: AcsRenderingType;
};

/**
 * What the ACS knows when it reports a challenge's result: the RReq elements it has as they go
 * on the wire, plus what `buildRReq` turns into the version's elements.
 */
export type RReqInput = Pick<
  RReq,
  | 'messageVersion'
  | 'threeDSServerTransID'
  | 'acsTransID'
  | 'dsTransID'
  | 'sdkTransID'
  | 'messageCategory'
  | 'transStatus'
  | 'transStatusReason'
  | 'eci'
  | 'authenticationValue'
  | 'challengeCancel'
  | 'challengeErrorReporting'
  | 'acsRenderingType'
> & {
  deviceChannel: '01' | '02' | '03';
  authenticationMethod?: AuthenticationMethodName;
  /** Authentication cycles the cardholder went through (0-99). */
  interactionCounter: number;
  /** True when the ARes confirmed decoupled authentication (acsDecConInd Y). */
  decoupled?: boolean;
};

/** 2.1.0/2.2.0 authenticationType per method (authentication-method.ts gives the sources). */
const authenticationTypes: Readonly<Record<AuthenticationMethodName, '01' | '02' | '03' | '04'>> = {
  password: '01',
  kba: '01',
  sms: '02',
  totp: '02',
  oob: '03',
  decoupled: '04',
};

/** 2.3.1 authenticationMethod code per method. */
const authenticationMethods: Readonly<Record<AuthenticationMethodName, string>> = {
  password: '01',
  kba: '06',
  sms: '02',
  totp: '04',
  oob: '11',
  decoupled: '12',
};

function fail(detail: string): never {
  throw new InternalError('invariant_broken', `buildRReq: ${detail}`);
}

function authentication(input: RReqInput): Pick<RReq, 'authenticationType' | 'authenticationMethod'> {
  if (input.transStatus !== 'Y' && input.transStatus !== 'N') return {};
  const method =
    input.authenticationMethod ?? fail('authenticationMethod is required for transStatus Y or N');
  if (input.messageVersion === '2.3.1') return { authenticationMethod: [authenticationMethods[method]] };
  if (method === 'decoupled' && input.messageVersion === '2.1.0')
    fail('2.1.0 has no decoupled authentication');
  return { authenticationType: authenticationTypes[method] };
}

function renderingType(input: RReqInput): AcsRenderingType {
  const rendering = input.acsRenderingType ?? fail('acsRenderingType is required for 01-APP');
  const is231 = input.messageVersion === '2.3.1';
  if (!is231 && (rendering.acsUiTemplate === '06' || rendering.acsUiTemplate === '07')) {
    fail(`acsUiTemplate ${rendering.acsUiTemplate} needs 2.3.1`);
  }
  return {
    acsInterface: rendering.acsInterface,
    acsUiTemplate: rendering.acsUiTemplate,
    ...(is231 ? { deviceUserInterfaceMode: rendering.deviceUserInterfaceMode ?? '01' } : {}),
  };
}

/**
 * challengeCancel 09 and 10 with challengeErrorReporting (2.3.1 Table A.1, rreq_231.html): 10 is
 * "Error Message in response to the CReq message received by the ACS", 09 "Error Message in
 * response to the CRes message received by the ACS" (an SDK's Erro: the app channel only),
 * both defined from 2.3.1 only; challengeErrorReporting (an Error object, APP and BRW) is
 * required with either, and has no meaning without them.
 */
function checkErrorReporting(input: RReqInput): void {
  const reported = input.challengeErrorReporting !== undefined;
  const cancel = input.challengeCancel;
  if (cancel === '09' || cancel === '10') {
    if (input.messageVersion !== '2.3.1')
      fail(`challengeCancel ${cancel} is not defined in ${input.messageVersion}`);
    if (input.deviceChannel === '03') fail(`challengeCancel ${cancel} needs a challenge (01-APP or 02-BRW)`);
    if (cancel === '09' && input.deviceChannel !== '01')
      fail('challengeCancel 09 needs the app channel (01-APP)');
    if (!reported) fail(`challengeErrorReporting is required with challengeCancel ${cancel}`);
  } else if (reported) {
    fail('challengeErrorReporting is sent only with challengeCancel 09 or 10');
  }
}

/** Builds the RReq for a finished challenge, with the elements the version defines for this outcome. */
export function buildRReq(input: RReqInput): RReq {
  const { transStatus, messageVersion } = input;
  const payment = input.messageCategory === '01';
  const app = input.deviceChannel === '01';
  const decoupled = input.decoupled === true;
  if (decoupled && messageVersion === '2.1.0') fail('2.1.0 has no decoupled authentication');

  const negative = transStatus === 'N' || transStatus === 'U' || transStatus === 'R';
  if (negative && payment && input.transStatusReason === undefined) {
    fail('transStatusReason is required for transStatus N, U or R');
  }
  if (
    negative &&
    input.transStatusReason !== undefined &&
    !isTransStatusReasonDefined(messageVersion, input.transStatusReason)
  ) {
    fail(`transStatusReason ${input.transStatusReason} is not defined in ${messageVersion}`);
  }
  const authenticated = transStatus === 'Y' || transStatus === 'A';
  if (authenticated && payment && input.authenticationValue === undefined) {
    fail('authenticationValue is required for transStatus Y or A');
  }
  const counts = (input.deviceChannel === '01' || input.deviceChannel === '02') && !decoupled;
  if (
    counts &&
    (!Number.isInteger(input.interactionCounter) ||
      input.interactionCounter < 0 ||
      input.interactionCounter > 99)
  ) {
    fail('interactionCounter must be an integer 0-99');
  }
  if (app && input.sdkTransID === undefined) fail('sdkTransID is required for 01-APP');
  checkErrorReporting(input);

  return {
    messageType: 'RReq',
    messageVersion,
    threeDSServerTransID: input.threeDSServerTransID,
    acsTransID: input.acsTransID,
    dsTransID: input.dsTransID,
    ...(app ? { sdkTransID: input.sdkTransID } : {}),
    messageCategory: input.messageCategory,
    transStatus,
    ...(negative && input.transStatusReason !== undefined
      ? { transStatusReason: input.transStatusReason }
      : {}),
    ...authentication(input),
    ...(authenticated && input.eci !== undefined ? { eci: input.eci } : {}),
    ...(authenticated && input.authenticationValue !== undefined
      ? { authenticationValue: input.authenticationValue }
      : {}),
    ...(counts ? { interactionCounter: String(input.interactionCounter).padStart(2, '0') } : {}),
    ...(input.challengeCancel !== undefined ? { challengeCancel: input.challengeCancel } : {}),
    ...(input.challengeErrorReporting !== undefined
      ? { challengeErrorReporting: input.challengeErrorReporting }
      : {}),
    ...(app && !decoupled ? { acsRenderingType: renderingType(input) } : {}),
  };
}
