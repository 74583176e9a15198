/**
 * The few protocol vocabularies the SDK emulator shares between its files. They are written
 * here from the EMV 3DS tables (Table A.1: messageVersion, deviceRenderOptions, acsUiType)
 * and Stripe's UiType, not imported from src/, so that the emulator checks the ACS against its
 * own reading of the specification.
 */

/** The protocol versions the emulator speaks (Table A.1 messageVersion). */
export type MessageVersion = '2.1.0' | '2.2.0' | '2.3.1';

/** The JWE content encryptions of the SDK-ACS channel (EMV Core spec 6.2.4; RFC 7518 5.1). */
export type ContentEncryption = 'A128CBC-HS256' | 'A128GCM';

/** Which way a message travels; the key half and the IV padding depend on it. */
export type Direction = 'sdkToAcs' | 'acsToSdk';

/**
 * The UI types (Table A.1 sdkUiType and acsUiType; Stripe's UiType knows 01-05):
 * 01 text, 02 single-select, 03 multi-select, 04 out-of-band, 05 HTML other, and in 2.3.1
 * 06 HTML out-of-band and 07 information.
 */
export type UiType = '01' | '02' | '03' | '04' | '05' | '06' | '07';

/** Table A.1 deviceRenderOptions: sdkInterface 01 native, 02 HTML, 03 both. */
export type DeviceRenderOptions = Readonly<{
  sdkInterface: '01' | '02' | '03';
  sdkUiType: readonly UiType[];
  /** 2.3.1 only: the authentication types the device can show. */
  sdkAuthenticationType?: readonly string[];
}>;

/** The public half of a P-256 key as a JWK, with only the members the AReq carries. */
export type EcPublicJwk = Readonly<{ kty: 'EC'; crv: 'P-256'; x: string; y: string }>;

export const messageVersions: readonly MessageVersion[] = ['2.1.0', '2.2.0', '2.3.1'];

/** Whether `version` is `since` or later. */
export function atLeast(version: MessageVersion, since: MessageVersion): boolean {
  return messageVersions.indexOf(version) >= messageVersions.indexOf(since);
}

/** A canonical UUID, as every transaction ID of Table A.1 is. */
export function isUuid(value: unknown): value is string {
  return (
    typeof value === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)
  );
}

/** A plain JSON object (not an array, not null). */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
