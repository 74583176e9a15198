/**
 * The demo merchant's app checkout, as its page script posts it (JSON): the order the tester
 * typed (card, amount, currency, merchant, version, challenge indicator: checked exactly as the
 * browser checkout checks them, checkout-form.ts) and what the browser, playing the 3DS SDK,
 * made for the AReq: sdkAppID, sdkTransID, sdkReferenceNumber, sdkMaxTimeout, its ephemeral
 * public key, sdkEncData and the device's render options (Table A.1, deviceChannel 01). Read into
 * a checked order, or one clear message per field.
 */
import { createPublicKey } from 'node:crypto';
import { hasLength, isDigits, isJsonObject, isOneOf, isUuid } from '../../protocol/formats.ts';
import { isSupportedVersion, type MessageVersion, versionAtLeast } from '../../protocol/version.ts';
import { codeOptions, type DemoCheckout, type DemoField, readDemoCheckout } from './checkout-form.ts';

/** sdkInterface values (Table A.1 deviceRenderOptions): 01 native, 02 HTML, 03 both. */
export const demoSdkInterfaces = codeOptions({
  '03': 'Native and HTML',
  '01': 'Native only',
  '02': 'HTML only',
});

/** sdkUiType values the checkout offers (Table A.1): 06 and 07 exist from 2.3.1 and are accepted then. */
export const demoSdkUiTypes = codeOptions({
  '01': 'Text',
  '02': 'Single select',
  '03': 'Multi select',
  '04': 'Out of band',
  '05': 'HTML other',
});

/** The JWE content encryptions an SDK may use for the CReq and CRes (the page keeps the choice). */
export const demoContentEncryptions = ['A128CBC-HS256', 'A128GCM'] as const;

/** The order fields of the app checkout (the browser checkout's, without window size and decoupled). */
const orderFields = ['pan', 'amount', 'currency', 'merchantName', 'messageVersion', 'challengeInd'] as const;

/** What the SDK adds to the AReq. */
const sdkFields = [
  'sdkAppID',
  'sdkTransID',
  'sdkReferenceNumber',
  'sdkMaxTimeout',
  'sdkEphemPubKey',
  'sdkEncData',
  'sdkInterface',
  'sdkUiType',
] as const;

/** One field the app checkout can refuse. */
export type DemoAppField = (typeof orderFields)[number] | (typeof sdkFields)[number];

/** One message per field that needs correcting. */
export type DemoAppErrors = Readonly<Partial<Record<DemoAppField, string>>>;

/** A P-256 public JWK, its public members only. */
export type DemoEcPublicJwk = Readonly<{ kty: 'EC'; crv: 'P-256'; x: string; y: string }>;

/** The app elements of the AReq, as the SDK made them. */
export type DemoSdkElements = Readonly<{
  sdkAppID: string;
  sdkTransID: string;
  sdkReferenceNumber: string;
  sdkMaxTimeout: string;
  sdkEphemPubKey: DemoEcPublicJwk;
  sdkEncData: string;
  deviceRenderOptions: Readonly<{ sdkInterface: string; sdkUiType: readonly string[] }>;
}>;

/** A checked app order, ready to become an AReq. */
export type DemoAppCheckout = Readonly<{ order: DemoCheckout; sdk: DemoSdkElements }>;

/** The post read: the order, or the messages. */
export type DemoAppReading =
  | Readonly<{ ok: true; checkout: DemoAppCheckout }>
  | Readonly<{ ok: false; errors: DemoAppErrors }>;

function text(body: Readonly<Record<string, unknown>>, name: string): string {
  const value = body[name];
  return typeof value === 'string' ? value : '';
}

/** The key's public members when it is a P-256 point, else undefined. */
function ecP256PublicKey(value: unknown): DemoEcPublicJwk | undefined {
  if (!isJsonObject(value) || value.kty !== 'EC' || value.crv !== 'P-256' || 'd' in value) return undefined;
  const { x, y } = value;
  if (typeof x !== 'string' || typeof y !== 'string') return undefined;
  if (!/^[A-Za-z0-9_-]{43}$/.test(x) || !/^[A-Za-z0-9_-]{43}$/.test(y)) return undefined;
  const jwk = { kty: 'EC', crv: 'P-256', x, y } as const;
  try {
    // node:crypto refuses a point that is not on the curve.
    createPublicKey({ key: { ...jwk }, format: 'jwk' });
    return jwk;
  } catch {
    return undefined;
  }
}

/** The UI types a version defines (Table A.1: 06 HTML OOB and 07 information from 2.3.1). */
function uiTypesOf(version: MessageVersion | undefined): readonly string[] {
  const types: readonly string[] = demoSdkUiTypes.map((t) => t.value);
  return version !== undefined && versionAtLeast(version, '2.3.1') ? [...types, '06', '07'] : types;
}

function uiTypeProblem(value: unknown, sdkInterface: string, version: MessageVersion | undefined) {
  if (!Array.isArray(value) || value.length === 0) return 'Tick at least one UI type the device can draw.';
  const known = uiTypesOf(version);
  if (!value.every((type) => typeof type === 'string' && known.includes(type))) {
    return `Choose UI types from the list (${known.join(', ')} in this version).`;
  }
  if (new Set(value).size !== value.length) return 'Each UI type is listed once.';
  if (sdkInterface === '01' && value.some((type) => type === '05' || type === '06')) {
    return 'HTML UI types (05, 06) need a device with the HTML interface (02 or 03).';
  }
  return undefined;
}

/** The SDK's elements, or a message per element. */
function readSdkElements(
  body: Readonly<Record<string, unknown>>,
  version: MessageVersion | undefined,
  errors: Partial<Record<DemoAppField, string>>,
): DemoSdkElements | undefined {
  const sdkAppID = body.sdkAppID;
  if (!isUuid(sdkAppID)) errors.sdkAppID = 'sdkAppID must be a UUID (the app installation).';
  const sdkTransID = body.sdkTransID;
  if (!isUuid(sdkTransID)) errors.sdkTransID = 'sdkTransID must be a UUID (made by the SDK).';
  const reference = body.sdkReferenceNumber;
  // Table A.1: sdkReferenceNumber, 1-32 characters.
  if (!hasLength(reference, 1, 32) || /\p{Cc}/u.test(reference)) {
    errors.sdkReferenceNumber = 'sdkReferenceNumber must be 1 to 32 printable characters.';
  }
  // Table A.1: sdkMaxTimeout, two digits, 05 or more (minutes); 05 when the SDK sends none.
  const maxTimeout = body.sdkMaxTimeout ?? '05';
  if (!isDigits(maxTimeout, 2) || Number(maxTimeout) < 5) {
    errors.sdkMaxTimeout = 'sdkMaxTimeout must be two digits, 05 or more (minutes).';
  }
  const key = ecP256PublicKey(body.sdkEphemPubKey);
  if (key === undefined)
    errors.sdkEphemPubKey = 'sdkEphemPubKey must be a public EC P-256 JWK (kty, crv, x, y).';
  const encData = body.sdkEncData;
  if (
    typeof encData !== 'string' ||
    encData.length > 64000 ||
    !/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]*){4}$/.test(encData)
  ) {
    errors.sdkEncData = 'sdkEncData must be a compact JWE of at most 64000 characters.';
  }
  const options = isJsonObject(body.deviceRenderOptions) ? body.deviceRenderOptions : {};
  const sdkInterface = options.sdkInterface;
  if (!isOneOf(sdkInterface, ['01', '02', '03']))
    errors.sdkInterface = 'Choose the device interface from the list.';
  const uiProblem = uiTypeProblem(
    options.sdkUiType,
    typeof sdkInterface === 'string' ? sdkInterface : '',
    version,
  );
  if (uiProblem !== undefined) errors.sdkUiType = uiProblem;
  if (sdkFields.some((field) => errors[field] !== undefined)) return undefined;
  return {
    sdkAppID: sdkAppID as string,
    sdkTransID: sdkTransID as string,
    sdkReferenceNumber: reference as string,
    sdkMaxTimeout: maxTimeout as string,
    sdkEphemPubKey: key as DemoEcPublicJwk,
    sdkEncData: encData as string,
    deviceRenderOptions: { sdkInterface: sdkInterface as string, sdkUiType: options.sdkUiType as string[] },
  };
}

/** Reads the app checkout's JSON body. */
export function readDemoAppCheckout(input: unknown): DemoAppReading {
  const body = isJsonObject(input) ? input : {};
  const order = readDemoCheckout({
    ...Object.fromEntries(orderFields.map((name) => [name, text(body, name)])),
    // The app channel has no challenge window (the SDK draws full screen) and no decoupled here.
    windowSize: '05',
    decoupled: '',
  });
  const errors: Partial<Record<DemoAppField, string>> = {};
  if (!order.ok) {
    for (const name of orderFields) {
      const message = order.errors[name satisfies DemoField];
      if (message !== undefined) errors[name] = message;
    }
  }
  const version = isSupportedVersion(body.messageVersion) ? body.messageVersion : undefined;
  const sdk = readSdkElements(body, version, errors);
  if (!order.ok || sdk === undefined || Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, checkout: { order: order.checkout, sdk } };
}
