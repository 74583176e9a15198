/**
 * From the ARes to the first CReq, as the app and its 3DS SDK go (Stripe's
 * DefaultInitChallengeRepository.startChallenge; the ARes rows of EMV 3DS Table A.1 for
 * deviceChannel 01): the ARes must be a challenge (transStatus C) for this AReq (same messageVersion,
 * threeDSServerTransID and sdkTransID, a UUID acsTransID) with acsSignedContent and an
 * acsRenderingType the device can show (acsInterface within sdkInterface, acsUiTemplate one of
 * sdkUiType, HTML Other only on the HTML interface). Then acsSignedContent is validated
 * (acs-signed-content.ts), the session key derived with sdkReferenceNumber (key-agreement.ts)
 * and the session opened; `enc` defaults to A128CBC-HS256, the one Stripe always uses.
 */
import { type AcsSignedContent, type TrustedRoot, verifyAcsSignedContent } from './acs-signed-content.ts';
import { checkDeviceRenderOptions } from './areq-app.ts';
import { deriveSessionKey } from './key-agreement.ts';
import type { SdkEphemeralKeys } from './keys.ts';
import {
  type ContentEncryption,
  type DeviceRenderOptions,
  isJsonObject,
  isUuid,
  type MessageVersion,
  messageVersions,
  type UiType,
} from './protocol-types.ts';
import { SdkSession } from './session.ts';

export type ChallengeStartInput = Readonly<{
  /** The AReq as sent (its app-channel elements from areq-app.ts). */
  areq: Record<string, unknown>;
  ares: Record<string, unknown>;
  keys: SdkEphemeralKeys;
  trustedRoots: TrustedRoot | readonly TrustedRoot[];
  enc?: ContentEncryption;
  requireHttps?: boolean;
  now?: Date;
  checkCResIv?: boolean;
  noEntryLikeStripe?: boolean;
}>;

/** ARes acsRenderingType (Table A.1; deviceUserInterfaceMode is 2.3.1's). */
export type AcsRenderingType = Readonly<{
  acsInterface: '01' | '02';
  acsUiTemplate: UiType;
  deviceUserInterfaceMode?: string;
}>;

export type ChallengeStart = Readonly<{
  session: SdkSession;
  signedContent: AcsSignedContent;
  acsRenderingType: AcsRenderingType;
}>;

function refuse(detail: string): Error {
  return new Error(`ARes refused: ${detail}`);
}

/** Checks the challenge ARes, validates acsSignedContent and opens the SDK session. */
export function startChallenge(input: ChallengeStartInput): ChallengeStart {
  const { areq, ares } = input;
  const messageVersion = areq.messageVersion as MessageVersion;
  if (!messageVersions.includes(messageVersion))
    throw new Error(`the AReq's messageVersion ${messageVersion} is not 2.1.0, 2.2.0 or 2.3.1`);
  const device = areq.deviceRenderOptions as DeviceRenderOptions;
  checkDeviceRenderOptions(messageVersion, device);
  if (ares.messageType !== 'ARes') throw refuse(`messageType is ${JSON.stringify(ares.messageType)}`);
  if (ares.messageVersion !== messageVersion)
    throw refuse(`messageVersion ${ares.messageVersion} is not the AReq's ${messageVersion}`);
  if (ares.transStatus !== 'C') throw refuse(`transStatus is ${JSON.stringify(ares.transStatus)}, not C`);
  for (const id of ['threeDSServerTransID', 'sdkTransID'] as const) {
    if (ares[id] !== areq[id]) throw refuse(`${id} ${ares[id]} is not the AReq's ${areq[id]}`);
  }
  if (!isUuid(ares.acsTransID)) throw refuse('acsTransID is not a UUID');
  const acsRenderingType = readRenderingType(ares.acsRenderingType, device);

  const signedContent = verifyAcsSignedContent(ares.acsSignedContent, {
    trustedRoots: input.trustedRoots,
    sdkEphemPubKey: input.keys.publicJwk,
    requireHttps: input.requireHttps,
    now: input.now,
  });
  const sessionKey = deriveSessionKey({
    sdkPrivateKey: input.keys.privateKey,
    acsEphemPublicKey: signedContent.acsEphemPublicKey,
    sdkReferenceNumber: String(areq.sdkReferenceNumber),
  });
  const session = new SdkSession({
    messageVersion,
    threeDSServerTransID: String(areq.threeDSServerTransID),
    acsTransID: ares.acsTransID,
    sdkTransID: String(areq.sdkTransID),
    enc: input.enc ?? 'A128CBC-HS256',
    sessionKey,
    deviceRenderOptions: device,
    acsURL: signedContent.acsURL,
    checkCResIv: input.checkCResIv,
    noEntryLikeStripe: input.noEntryLikeStripe,
  });
  return { session, signedContent, acsRenderingType };
}

function readRenderingType(value: unknown, device: DeviceRenderOptions): AcsRenderingType {
  if (!isJsonObject(value))
    throw refuse('acsRenderingType is missing (required for APP when transStatus is C)');
  const { acsInterface, acsUiTemplate } = value;
  if (acsInterface !== '01' && acsInterface !== '02')
    throw refuse('acsRenderingType.acsInterface is not 01 or 02');
  if (acsInterface === '01' && device.sdkInterface === '02')
    throw refuse('acsInterface 01 (native) on an HTML-only device');
  if (acsInterface === '02' && device.sdkInterface === '01')
    throw refuse('acsInterface 02 (HTML) on a native-only device');
  if (typeof acsUiTemplate !== 'string' || !device.sdkUiType.includes(acsUiTemplate as UiType)) {
    throw refuse(`acsUiTemplate ${JSON.stringify(acsUiTemplate)} is not one of the device's sdkUiType`);
  }
  if ((acsUiTemplate === '05' || acsUiTemplate === '06') && acsInterface !== '02') {
    throw refuse(`acsUiTemplate ${acsUiTemplate} is an HTML template but acsInterface is native`);
  }
  const mode = value.deviceUserInterfaceMode;
  if (mode !== undefined && typeof mode !== 'string') throw refuse('deviceUserInterfaceMode is not a string');
  return {
    acsInterface,
    acsUiTemplate: acsUiTemplate as UiType,
    ...(mode !== undefined ? { deviceUserInterfaceMode: mode } : {}),
  };
}
