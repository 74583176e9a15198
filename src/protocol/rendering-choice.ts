/**
 * Which screen an app challenge opens on: the ARes's acsRenderingType (Table A.1 and the
 * AcsRenderingType object: acsInterface 01 native / 02 HTML; acsUiTemplate 01 text, 02 single
 * select, 03 multi select, 04 OOB, 05 HTML other), chosen from what the device says it can draw
 * (the AReq's deviceRenderOptions: sdkInterface 01 native / 02 HTML / 03 both, and the sdkUiType
 * list) and the methods the cardholder is enrolled in, first one preferred.
 *
 * One pure function, so the ARes, the challenge's first screen and the RReq (which must carry
 * the same acsRenderingType) all get the same answer from the same stored facts. The rules, in
 * order (docs/flows.md, "The app channel"):
 *
 * 1. Native before HTML when the device has both (sdkInterface 03).
 * 2. Native: only methods whose own screen the device lists count (text 01 for SMS, app code and
 *    password; multi select 03 for the security question; OOB 04 for the bank-app approval). Two or more of them and single select 02
 *    listed: the select screen, offering those. Otherwise the first of them on its own screen,
 *    so a device that lists only text never gets a select and starts on the first text method.
 * 3. HTML: when no native screen fits and the device draws HTML (sdkInterface 02 or 03) and
 *    lists 05, every method in HTML Other (05), which can show a choice as well as any method.
 *    2.3.1's HTML OOB (06) is not chosen: 05 already draws the bank-app page.
 * 4. Nothing fits: the device cannot show this card's challenge (`unsupported-device`); the ACS
 *    answers U with transStatusReason 03 "Unsupported device" instead of a challenge it cannot
 *    deliver.
 *
 * The answer is version-free: 2.3.1's deviceUserInterfaceMode is added by the message builders
 * (ares.ts, rreq.ts), both with the same default.
 */
import { InternalError } from '../errors/index.ts';
import type { DeviceRenderOptions } from './areq.ts';
import type { AcsRenderingType, ChallengeMethod } from './authentication-method.ts';

/** One method the cardholder can use (a `choice` offers several of them). */
export type SingleChallengeMethod = Exclude<ChallengeMethod, 'choice'>;

/** What the first screen is, or why there is none. */
export type RenderingChoice =
  | Readonly<{
      kind: 'rendered';
      acsRenderingType: AcsRenderingType;
      /** The method the challenge starts with; `choice` when the first screen lets the cardholder pick. */
      method: ChallengeMethod;
      /** The methods the challenge offers: several for a choice, else the one it uses. */
      offered: readonly SingleChallengeMethod[];
    }>
  | Readonly<{ kind: 'unsupported-device' }>;

/** What the choice is made from. */
export type RenderingInput = Readonly<{
  /** The cardholder's methods, first one preferred (never empty). */
  methods: readonly SingleChallengeMethod[];
  deviceRenderOptions: DeviceRenderOptions;
}>;

/** The native template each method's own screen uses. */
const nativeTemplates: Readonly<Record<SingleChallengeMethod, '01' | '03' | '04'>> = {
  sms: '01',
  totp: '01',
  password: '01',
  kba: '03',
  oob: '04',
};

const singleSelect = '02';
const htmlOther = '05';

/** The first screen of an app challenge for these methods on this device. */
export function chooseRendering(input: RenderingInput): RenderingChoice {
  const { methods, deviceRenderOptions: device } = input;
  if (methods.length === 0) {
    throw new InternalError('invariant_broken', 'chooseRendering: a challenge needs at least one method');
  }
  const listed = new Set(device.sdkUiType);
  const rendered = (
    acsInterface: '01' | '02',
    acsUiTemplate: AcsRenderingType['acsUiTemplate'],
    offered: readonly SingleChallengeMethod[],
  ): RenderingChoice => ({
    kind: 'rendered',
    acsRenderingType: { acsInterface, acsUiTemplate },
    method: offered.length > 1 ? 'choice' : (offered[0] as SingleChallengeMethod),
    offered,
  });

  if (device.sdkInterface !== '02') {
    const drawable = methods.filter((method) => listed.has(nativeTemplates[method]));
    if (drawable.length > 1 && listed.has(singleSelect)) return rendered('01', singleSelect, drawable);
    const [first] = drawable;
    if (first !== undefined) return rendered('01', nativeTemplates[first], [first]);
  }
  if (device.sdkInterface !== '01' && listed.has(htmlOther)) return rendered('02', htmlOther, methods);
  return { kind: 'unsupported-device' };
}

/**
 * True when `rendering` is one the device can show (the rule an SDK applies to the ARes):
 * acsInterface within sdkInterface, acsUiTemplate one of sdkUiType, HTML Other only in HTML.
 */
export function renderingFitsDevice(rendering: AcsRenderingType, device: DeviceRenderOptions): boolean {
  const interfaceFits =
    rendering.acsInterface === '01' ? device.sdkInterface !== '02' : device.sdkInterface !== '01';
  const htmlOnly = rendering.acsUiTemplate === htmlOther;
  return (
    interfaceFits &&
    device.sdkUiType.includes(rendering.acsUiTemplate) &&
    (!htmlOnly || rendering.acsInterface === '02')
  );
}
