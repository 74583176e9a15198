/**
 * The SDK side of the secure channel's key agreement (the EMV 3DS SDK Technical Guide 3.3.4
 * that Stripe's StripeDiffieHellmanKeyGenerator cites, as it calls Nimbus ConcatKDF):
 *
 *   Z   = ECDH(sdk ephemeral private key, acsEphemPubKey)          -- 32 bytes on P-256
 *   key = SHA-256( 00000001 || Z || OtherInfo )                     -- keydatalen 256, one round
 *   OtherInfo = AlgorithmID  00000000                 (empty: encodeStringData(null))
 *            || PartyUInfo   00000000                 (empty: encodeDataWithLength(null))
 *            || PartyVInfo   len32(ref) || ref        (sdkReferenceNumber as UTF-8)
 *            || SuppPubInfo  00000100                 (256 as a 32-bit big-endian integer)
 *            || SuppPrivInfo (nothing)
 *
 * The Concat KDF itself is the single-step KDF of NIST SP 800-56A section 5.8.1 with SHA-256,
 * written here from the NIST definition (a 32-bit big-endian round counter from 1, then Z, then
 * OtherInfo), so that a unit test can check it against RFC 7518 Appendix C's vector.
 */
import { createHash, diffieHellman, type KeyObject } from 'node:crypto';

/** A 32-bit big-endian unsigned integer. */
export function uint32be(value: number): Buffer {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(value);
  return bytes;
}

/** `data` prefixed with its length in bytes as a 32-bit big-endian integer (Datalen || Data). */
export function lengthPrefixed(data: Uint8Array): Buffer {
  return Buffer.concat([uint32be(data.length), data]);
}

/** NIST SP 800-56A single-step Concat KDF with SHA-256: `keyDataLenBits` bits from Z and OtherInfo. */
export function concatKdf(z: Uint8Array, keyDataLenBits: number, otherInfo: Uint8Array): Buffer {
  if (!Number.isInteger(keyDataLenBits) || keyDataLenBits <= 0 || keyDataLenBits % 8 !== 0) {
    throw new Error('keydatalen must be a positive number of whole bytes, in bits');
  }
  const rounds = Math.ceil(keyDataLenBits / 256);
  const output: Buffer[] = [];
  for (let counter = 1; counter <= rounds; counter++) {
    output.push(createHash('sha256').update(uint32be(counter)).update(z).update(otherInfo).digest());
  }
  return Buffer.concat(output).subarray(0, keyDataLenBits / 8);
}

/** The OtherInfo bytes of the EMV app channel, exactly as Stripe's SDK builds them. */
export function emvOtherInfo(sdkReferenceNumber: string): Buffer {
  return Buffer.concat([
    lengthPrefixed(Buffer.alloc(0)),
    lengthPrefixed(Buffer.alloc(0)),
    lengthPrefixed(Buffer.from(sdkReferenceNumber, 'utf8')),
    uint32be(256),
  ]);
}

/** Z: the x coordinate of the ECDH product, 32 bytes for P-256. */
export function ecdhSharedSecret(privateKey: KeyObject, publicKey: KeyObject): Buffer {
  return diffieHellman({ privateKey, publicKey });
}

/** The 32-byte session key both sides of the challenge channel derive. */
export function deriveSessionKey(input: {
  sdkPrivateKey: KeyObject;
  acsEphemPublicKey: KeyObject;
  sdkReferenceNumber: string;
}): Buffer {
  const z = ecdhSharedSecret(input.sdkPrivateKey, input.acsEphemPublicKey);
  return concatKdf(z, 256, emvOtherInfo(input.sdkReferenceNumber));
}
