/**
 * The emulator's own ECDH and Concat KDF: RFC 7518 Appendix C's ECDH-ES vector (Z and the
 * derived key), the exact EMV OtherInfo bytes Stripe's SDK feeds the KDF, and agreement of both
 * sides of the channel on one 32-byte key that depends on sdkReferenceNumber.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  concatKdf,
  deriveSessionKey,
  ecdhSharedSecret,
  emvOtherInfo,
  lengthPrefixed,
  uint32be,
} from '../../support/sdk-emulator/key-agreement.ts';

// RFC 7518 Appendix C: Alice's ephemeral key and Bob's key, and the Z they share.
const alice = {
  kty: 'EC',
  crv: 'P-256',
  x: 'gI0GAILBdu7T53akrFmMyGcsF3n5dO7MmwNBHKW5SV0',
  y: 'SLW_xSffzlPWrHEVI30DHM_4egVwt3NQqeUD7nMFpps',
  d: '0_NxaRPUMQoAJt50Gz8YiTr8gRTwyEaCumd-MToTmIo',
};
const bob = {
  kty: 'EC',
  crv: 'P-256',
  x: 'weNJy2HscCSM6AEDTDg04biOvhFhyyWvOHQfeF_PxMQ',
  y: 'e8lnCO-AlStT-NJVX-crhB7QRYhiix03illJOVAOyck',
  d: 'VEmDZpDXXK8p8N0Cndsxs924q6nS1RXFASRl6BfUqdw',
};
const rfcZ = [
  158, 86, 217, 29, 129, 113, 53, 211, 114, 131, 66, 131, 191, 132, 38, 156, 251, 49, 110, 163, 218, 128, 106,
  72, 246, 218, 167, 121, 140, 254, 144, 196,
];
const publicOf = (jwk: Record<string, string>) =>
  createPublicKey({ key: { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y }, format: 'jwk' });

describe('Concat KDF and ECDH (RFC 7518 Appendix C)', () => {
  it('computes the RFC example Z from either side', () => {
    const fromAlice = ecdhSharedSecret(createPrivateKey({ key: alice, format: 'jwk' }), publicOf(bob));
    const fromBob = ecdhSharedSecret(createPrivateKey({ key: bob, format: 'jwk' }), publicOf(alice));
    expect([...fromAlice]).toEqual(rfcZ);
    expect([...fromBob]).toEqual(rfcZ);
  });

  it('derives the RFC example key from Z with its OtherInfo (A128GCM, Alice, Bob, 128)', () => {
    const otherInfo = Buffer.concat([
      lengthPrefixed(Buffer.from('A128GCM')),
      lengthPrefixed(Buffer.from('Alice')),
      lengthPrefixed(Buffer.from('Bob')),
      uint32be(128),
    ]);
    const key = concatKdf(Buffer.from(rfcZ), 128, otherInfo);
    expect(key.toString('base64url')).toBe('VqqN6vgjbSBcIijNcacQGg');
    expect([...key]).toEqual([86, 170, 141, 234, 248, 35, 109, 32, 92, 34, 40, 205, 113, 167, 16, 26]);
  });

  it('runs more than one SHA-256 round for keys over 256 bits, the first round unchanged', () => {
    const otherInfo = emvOtherInfo('REF');
    const long = concatKdf(Buffer.from(rfcZ), 512, otherInfo);
    expect(long).toHaveLength(64);
    expect(long.subarray(0, 32).equals(concatKdf(Buffer.from(rfcZ), 256, otherInfo))).toBe(true);
    expect(long.subarray(32).equals(long.subarray(0, 32))).toBe(false);
  });
});

describe('EMV key agreement (Stripe StripeDiffieHellmanKeyGenerator)', () => {
  it('uses OtherInfo = empty AlgorithmID, empty PartyUInfo, PartyVInfo = sdkReferenceNumber, SuppPubInfo = 256', () => {
    expect(emvOtherInfo('3DS_SDK').toString('hex')).toBe(
      ['00000000', '00000000', `00000007${Buffer.from('3DS_SDK').toString('hex')}`, '00000100'].join(''),
    );
  });

  it('gives the SDK and the ACS the same 32-byte key, which changes with sdkReferenceNumber', () => {
    const sdk = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const acs = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const sdkSide = deriveSessionKey({
      sdkPrivateKey: sdk.privateKey,
      acsEphemPublicKey: acs.publicKey,
      sdkReferenceNumber: '3DS_LOA_SDK_EMUL_020200_00001',
    });
    const acsSide = concatKdf(
      ecdhSharedSecret(acs.privateKey, sdk.publicKey),
      256,
      emvOtherInfo('3DS_LOA_SDK_EMUL_020200_00001'),
    );
    expect(sdkSide).toHaveLength(32);
    expect(sdkSide.equals(acsSide)).toBe(true);
    const otherReference = deriveSessionKey({
      sdkPrivateKey: sdk.privateKey,
      acsEphemPublicKey: acs.publicKey,
      sdkReferenceNumber: '3DS_LOA_SDK_EMUL_020200_00002',
    });
    expect(otherReference.equals(sdkSide)).toBe(false);
  });

  it('refuses a key length that is not whole bytes', () => {
    expect(() => concatKdf(Buffer.from(rfcZ), 129, Buffer.alloc(0))).toThrow(/whole bytes/);
  });
});
