/**
 * Failures of the app channel's cryptography, with stable codes the challenge flow maps to an
 * Erro (a CReq that cannot be decrypted is the spec's "data decryption failure"; a bad SDK
 * key in the AReq is a format error on sdkEphemPubKey). Messages never carry key material.
 */

/** Stable codes of AppChannelError. */
export const appChannelErrorCodes = {
  /** sdkEphemPubKey is not a valid EC P-256 public JWK. */
  invalidSdkEphemeralKey: 'invalid_sdk_ephemeral_key',
  /** The ACS ephemeral private JWK is unusable (a stored value was damaged). */
  invalidAcsEphemeralKey: 'invalid_acs_ephemeral_key',
  /** Not a compact JWE, or its header is not { alg: "dir", enc: <negotiated enc> }. */
  jweInvalid: 'jwe_invalid',
  /** The JWE did not decrypt (wrong key, tampered). */
  decryptionFailed: 'decryption_failed',
  /** It decrypted, but the plaintext is not a JSON object. */
  payloadInvalid: 'payload_invalid',
} as const;

/** One AppChannelError code. */
export type AppChannelErrorCode = (typeof appChannelErrorCodes)[keyof typeof appChannelErrorCodes];

/** An app channel crypto failure. */
export class AppChannelError extends Error {
  readonly code: AppChannelErrorCode;

  constructor(code: AppChannelErrorCode, message: string) {
    super(message);
    this.name = 'AppChannelError';
    this.code = code;
  }
}
