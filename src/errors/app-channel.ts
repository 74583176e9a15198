/**
 * The app_channel family: failures of the app channel's cryptography (src/signing/app-channel.ts,
 * src/signing/challenge-jwe.ts). A CReq that cannot be decrypted is the spec's "data decryption
 * failure"; a bad SDK key in the AReq is a format error on sdkEphemPubKey. Messages never carry
 * key material.
 */
import { CodedError } from './coded-error.ts';

/** Every code of the family, with what it means. */
export const appChannelErrors = {
  invalid_sdk_ephemeral_key: 'sdkEphemPubKey is not a valid EC P-256 public JWK',
  invalid_acs_ephemeral_key: 'the ACS ephemeral private JWK is unusable (a stored value was damaged)',
  jwe_invalid: 'not a compact JWE, or its header is not { alg: "dir", enc: <negotiated enc> }',
  decryption_failed: 'the JWE did not decrypt (wrong key, tampered)',
  payload_invalid: 'it decrypted, but the plaintext is not a JSON object',
} as const;

/** An app channel crypto failure. */
export class AppChannelError extends CodedError<keyof typeof appChannelErrors> {}
