/**
 * The ACS end of the challenge channel for the emulator's unit tests: a session with fixed IDs,
 * the plain CRes bodies of each screen type, and the encryption an ACS applies to a CRes (the
 * emulator's jwe.ts in the ACS-to-SDK direction), so the tests can hand the SdkSession exactly
 * the CRes they mean to, one rule broken at a time.
 */
import { randomBytes } from 'node:crypto';
import { decryptJwe, encryptJwe } from '../../support/sdk-emulator/jwe.ts';
import type {
  ContentEncryption,
  DeviceRenderOptions,
  MessageVersion,
} from '../../support/sdk-emulator/protocol-types.ts';
import { SdkSession } from '../../support/sdk-emulator/session.ts';

export const ids = {
  threeDSServerTransID: '0f8e4a3b-1c2d-4e5f-8a9b-0c1d2e3f4a5b',
  acsTransID: '7b6a5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d',
  sdkTransID: 'c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f',
} as const;

export type Channel = Readonly<{ session: SdkSession; sessionKey: Buffer; enc: ContentEncryption }>;

/** A fresh SDK session and the key the ACS shares with it. */
export function openChannel(
  options: Readonly<{
    messageVersion?: MessageVersion;
    enc?: ContentEncryption;
    deviceRenderOptions?: DeviceRenderOptions;
    checkCResIv?: boolean;
  }> = {},
): Channel {
  const sessionKey = randomBytes(32);
  const enc = options.enc ?? 'A128CBC-HS256';
  const session = new SdkSession({
    ...ids,
    messageVersion: options.messageVersion ?? '2.2.0',
    enc,
    sessionKey,
    deviceRenderOptions: options.deviceRenderOptions ?? {
      sdkInterface: '03',
      sdkUiType: ['01', '02', '03', '04', '05'],
    },
    checkCResIv: options.checkCResIv,
  });
  return { session, sessionKey, enc };
}

/** The ACS reading a CReq body. */
export function acsReads(channel: Channel, body: string) {
  const decrypted = decryptJwe(body, channel.sessionKey, 'sdkToAcs');
  return { ...decrypted, payload: JSON.parse(decrypted.plaintext) as Record<string, unknown> };
}

/** The ACS encrypting a CRes payload with counter `counter`. */
export function acsSends(
  channel: Channel,
  payload: Record<string, unknown>,
  counter: number,
  iv?: Uint8Array,
): string {
  return encryptJwe({
    plaintext: JSON.stringify(payload),
    sessionKey: channel.sessionKey,
    enc: channel.enc,
    direction: 'acsToSdk',
    counter,
    kid: ids.acsTransID,
    ...(iv ? { iv } : {}),
  });
}

/** The envelope of a CRes of this channel. */
export function envelope(counter: number, messageVersion: MessageVersion = '2.2.0'): Record<string, unknown> {
  return {
    ...ids,
    messageType: 'CRes',
    messageVersion,
    acsCounterAtoS: String(counter).padStart(3, '0'),
  };
}

/** An interim CRes of each UI type with the elements Stripe needs to draw it. */
export const screens = {
  text: {
    challengeCompletionInd: 'N',
    acsUiType: '01',
    challengeInfoHeader: 'Confirm your purchase',
    challengeInfoLabel: 'Code',
    challengeInfoText: 'We sent a code to your phone ending 123.',
    submitAuthenticationLabel: 'Submit',
    resendInformationLabel: 'Send a new code',
  },
  singleSelect: {
    challengeCompletionInd: 'N',
    acsUiType: '02',
    challengeInfoHeader: 'Choose how to confirm',
    challengeInfoLabel: 'Method',
    challengeInfoText: 'Where should we send your code?',
    challengeSelectInfo: [{ sms: 'Text message' }, { app: 'Banking app' }],
    submitAuthenticationLabel: 'Next',
  },
  oob: {
    challengeCompletionInd: 'N',
    acsUiType: '04',
    challengeInfoHeader: 'Approve in your banking app',
    challengeInfoText: 'Open the app, approve, then come back.',
    oobContinueLabel: 'Continue',
  },
  html: {
    challengeCompletionInd: 'N',
    acsUiType: '05',
    acsHTML: Buffer.from('<html><body><form>Code <input name="otp"></form></body></html>').toString(
      'base64url',
    ),
  },
} as const;
