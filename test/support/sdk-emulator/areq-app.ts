/**
 * The app-channel elements of an AReq as a 3DS SDK produces them (Table A.1, deviceChannel 01;
 * Stripe's DefaultAuthenticationRequestParametersFactory): sdkAppID, sdkEncData, sdkEphemPubKey,
 * sdkMaxTimeout, sdkReferenceNumber, sdkTransID, deviceRenderOptions, and for 2.3.1 sdkType 01
 * with defaultSdkType (required when sdkType is 01). The rest of the AReq comes from the caller
 * (test/support/areq-fixtures.ts validAReq), which these fields replace.
 */
import { generateKeyPairSync, type KeyObject, randomUUID } from 'node:crypto';
import { CompactEncrypt } from 'jose';
import type { SdkEphemeralKeys } from './keys.ts';
import { atLeast, type DeviceRenderOptions, type MessageVersion, type UiType } from './protocol-types.ts';

/** What the emulated SDK says about itself in the AReq. */
export type AppAReqOptions = Readonly<{
  messageVersion: MessageVersion;
  keys: SdkEphemeralKeys;
  sdkTransID?: string;
  sdkAppID?: string;
  /** Table A.1: up to 32 characters, assigned by EMVCo to the SDK vendor and version. */
  sdkReferenceNumber?: string;
  /** Table A.1: two digits, 05 or more (minutes). */
  sdkMaxTimeout?: string;
  /** Defaults to both interfaces and UI types 01-05. */
  deviceRenderOptions?: DeviceRenderOptions;
  /** Stripe adds `use` to sdkEphemPubKey ("sig" for a DS it does not know); off by default. */
  keyUse?: 'sig' | 'enc';
  /** The DS key sdkEncData is encrypted to; a throwaway key when absent (no DS reads it here). */
  dsPublicKey?: KeyObject;
}>;

export const emulatorSdkReferenceNumber = '3DS_LOA_SDK_EMUL_020200_00001';

export const defaultDeviceRenderOptions: DeviceRenderOptions = {
  sdkInterface: '03',
  sdkUiType: ['01', '02', '03', '04', '05'],
};

/** The app-channel AReq elements, to merge over a browser-free AReq body. */
export async function appAReqFields(options: AppAReqOptions): Promise<Record<string, unknown>> {
  const version = options.messageVersion;
  const renderOptions = options.deviceRenderOptions ?? defaultDeviceRenderOptions;
  checkDeviceRenderOptions(version, renderOptions);
  const sdkMaxTimeout = options.sdkMaxTimeout ?? '05';
  if (!/^\d{2}$/.test(sdkMaxTimeout) || Number(sdkMaxTimeout) < 5) {
    throw new Error(`sdkMaxTimeout must be two digits, 05 or more (Table A.1), not ${sdkMaxTimeout}`);
  }
  const sdkReferenceNumber = options.sdkReferenceNumber ?? emulatorSdkReferenceNumber;
  if (sdkReferenceNumber.length < 1 || sdkReferenceNumber.length > 32) {
    throw new Error('sdkReferenceNumber must be 1 to 32 characters (Table A.1)');
  }
  const sdkTransID = options.sdkTransID ?? randomUUID();
  return {
    deviceChannel: '01',
    sdkAppID: options.sdkAppID ?? randomUUID(),
    sdkTransID,
    sdkReferenceNumber,
    sdkMaxTimeout,
    sdkEphemPubKey: { ...options.keys.publicJwk, ...(options.keyUse ? { use: options.keyUse } : {}) },
    sdkEncData: await deviceDataJwe(options.dsPublicKey),
    deviceRenderOptions: {
      sdkInterface: renderOptions.sdkInterface,
      sdkUiType: [...renderOptions.sdkUiType],
      ...(renderOptions.sdkAuthenticationType
        ? { sdkAuthenticationType: [...renderOptions.sdkAuthenticationType] }
        : {}),
    },
    ...(version === '2.3.1' ? { sdkType: '01', defaultSdkType: { sdkVariant: '01' } } : {}),
  };
}

/**
 * Table A.1 deviceRenderOptions rules: a non-empty list of distinct UI types known to the
 * version (06 HTML OOB and 07 information are 2.3.1's), 05 and 06 only for a device that shows
 * HTML (sdkInterface 02 or 03), sdkAuthenticationType only from 2.3.1.
 */
export function checkDeviceRenderOptions(version: MessageVersion, options: DeviceRenderOptions): void {
  if (!['01', '02', '03'].includes(options.sdkInterface)) {
    throw new Error(`sdkInterface must be 01, 02 or 03, not ${options.sdkInterface}`);
  }
  const known: readonly UiType[] = atLeast(version, '2.3.1')
    ? ['01', '02', '03', '04', '05', '06', '07']
    : ['01', '02', '03', '04', '05'];
  if (options.sdkUiType.length === 0) throw new Error('sdkUiType must list at least one UI type');
  if (new Set(options.sdkUiType).size !== options.sdkUiType.length)
    throw new Error('sdkUiType repeats a type');
  for (const type of options.sdkUiType) {
    if (!known.includes(type)) throw new Error(`sdkUiType ${type} does not exist in ${version}`);
    if ((type === '05' || type === '06') && options.sdkInterface === '01') {
      throw new Error(`sdkUiType ${type} is valid only for a device with the HTML interface (02 or 03)`);
    }
  }
  if (options.sdkAuthenticationType !== undefined) {
    if (version !== '2.3.1') throw new Error('sdkAuthenticationType exists only from 2.3.1');
    if (!options.sdkAuthenticationType.every((value) => /^\d{2}$/.test(value))) {
      throw new Error('sdkAuthenticationType values are two digits');
    }
  }
}

/**
 * sdkEncData: the device data (EMV SDK spec, Device Information: DV, DD, DPNA, SW, as Stripe's
 * deviceDataJson builds it) in a real compact JWE (ECDH-ES, A128CBC-HS256, as Stripe's
 * JweEcEncrypter does for an EC DS key). Only a DS could read it; the ACS passes it on.
 */
async function deviceDataJwe(dsPublicKey: KeyObject | undefined): Promise<string> {
  const key = dsPublicKey ?? generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey;
  const deviceData = {
    DV: '1.6',
    DD: { C001: 'Android', C002: 'SDK emulator' },
    DPNA: {},
    SW: [],
  };
  return new CompactEncrypt(new TextEncoder().encode(JSON.stringify(deviceData)))
    .setProtectedHeader({ alg: 'ECDH-ES', enc: 'A128CBC-HS256' })
    .encrypt(key);
}
