/**
 * How a challenge authenticates the cardholder, in the ACS's own words, and how each version
 * says it on the wire: 2.1.0 / 2.2.0 `authenticationType` (one code) and 2.3.1
 * `authenticationMethod` (a list), plus the app channel's first UI template (chosen by
 * rendering-choice.ts). The ARes and the RReq both report the method, so the mapping lives here
 * once.
 */
import { InternalError } from '../errors/index.ts';
import type { DeviceRenderOptions } from './areq.ts';
import { chooseRendering, type SingleChallengeMethod } from './rendering-choice.ts';
import type { MessageVersion } from './version.ts';

/**
 * A challenge method as the ACS names it; `choice` lets the cardholder pick SMS, app or password;
 * `kba` is a security question answered by ticking options (knowledge-based).
 */
export type ChallengeMethod = 'sms' | 'totp' | 'password' | 'oob' | 'kba' | 'choice';

/**
 * The app channel's rendering of the first challenge screen (AcsRenderingType object): interface
 * 01 native / 02 HTML; template 01 text, 02 single select, 03 multi select, 04 OOB, 05 HTML other
 * (2.3.1's 06 HTML OOB and 07 information are never chosen); 2.3.1's deviceUserInterfaceMode
 * 01 portrait, 02 landscape, 03 voice, 04 other.
 */
export type AcsRenderingType = Readonly<{
  acsInterface: '01' | '02';
  acsUiTemplate: '01' | '02' | '03' | '04' | '05';
  deviceUserInterfaceMode?: '01' | '02' | '03' | '04';
}>;

/**
 * 2.1.0 / 2.2.0 Table A.1 authenticationType: 01 static, 02 dynamic, 03 OOB. A security question
 * (kba) is static: its answer is a fixed piece of knowledge, as a password is; the two versions
 * define no knowledge-based value.
 */
const authenticationTypes: Readonly<Record<ChallengeMethod, '01' | '02' | '03'>> = {
  password: '01',
  kba: '01',
  sms: '02',
  totp: '02',
  // A choice opens on the preferred method, a one-time code.
  choice: '02',
  oob: '03',
};

/**
 * 2.3.1 Table A.1 authenticationMethod: 01 static passcode, 02 SMS OTP, 04 app OTP, 06 KBA
 * (knowledge-based: the security question), 11 push confirmation (the sandbox bank app's approve
 * button). A choice lists every offered method.
 */
const authenticationMethods: Readonly<Record<ChallengeMethod, readonly string[]>> = {
  password: ['01'],
  kba: ['06'],
  sms: ['02'],
  totp: ['04'],
  oob: ['11'],
  choice: ['02', '04', '01'],
};

/** authenticationType (2.2.0) for a decoupled authentication. */
export const decoupledAuthenticationType = '04';

/** authenticationMethod (2.3.1) for a decoupled authentication. */
export const decoupledAuthenticationMethod: readonly string[] = ['12'];

/** The 2.1.0 / 2.2.0 authenticationType of a challenge method. */
export function authenticationTypeOf(method: ChallengeMethod): '01' | '02' | '03' {
  return authenticationTypes[method];
}

/** The 2.3.1 authenticationMethod list of a challenge method. */
export function authenticationMethodCodesOf(method: ChallengeMethod): readonly string[] {
  return authenticationMethods[method];
}

/** The element a version uses to report the method, with its value. */
export function authenticationElementOf(
  version: MessageVersion,
  method: ChallengeMethod,
): Readonly<{ authenticationType: string }> | Readonly<{ authenticationMethod: readonly string[] }> {
  return version === '2.3.1'
    ? { authenticationMethod: authenticationMethodCodesOf(method) }
    : { authenticationType: authenticationTypeOf(method) };
}

/** The methods a `choice` offers, in the order of its 2.3.1 authenticationMethod list. */
const choiceMethods: readonly SingleChallengeMethod[] = ['sms', 'totp', 'password'];

/** Every native template: what a device whose deviceRenderOptions are not known is taken to draw. */
const everyNativeTemplate: DeviceRenderOptions = { sdkInterface: '01', sdkUiType: ['01', '02', '03', '04'] };

/**
 * The app channel's first screen for a challenge `method` on a device with `options`, by the
 * rules of rendering-choice.ts (where a caller that knows the cardholder's methods goes
 * directly). Without options the device is taken to draw every native template. A method the
 * device cannot show is a caller's mistake: the ARes answers such a device U, never C.
 */
export function renderingTypeOf(
  method: ChallengeMethod,
  options: DeviceRenderOptions | undefined,
): AcsRenderingType {
  const choice = chooseRendering({
    methods: method === 'choice' ? choiceMethods : [method],
    deviceRenderOptions: options ?? everyNativeTemplate,
  });
  if (choice.kind !== 'rendered') {
    throw new InternalError(
      'invariant_broken',
      `renderingTypeOf: the device cannot show a ${method} challenge`,
    );
  }
  return choice.acsRenderingType;
}
