/**
 * The app channel end to end, with this test playing the 3DS SDK: it validates
 * acsSignedContent's x5c chain up to the exported DS root CA, agrees the session key from its
 * own ephemeral key (its own ECDH + Concat KDF, written independently here), encrypts a CReq
 * the ACS decrypts, and decrypts the ACS's CRes.
 */
import 'reflect-metadata';
import { createHash, createPublicKey, diffieHellman, generateKeyPairSync, type KeyObject } from 'node:crypto';
import path from 'node:path';
import * as x509 from '@peculiar/x509';
import {
  CompactEncrypt,
  compactDecrypt,
  compactVerify,
  decodeProtectedHeader,
  importX509,
  type JWK,
} from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ChallengeEnc,
  createAcsEphemeralKeyPair,
  deriveChallengeKey,
  signAcsContent,
} from '../../../src/signing/app-channel.ts';
import { challengeEncOf, decryptCReq, encryptCRes } from '../../../src/signing/challenge-jwe.ts';
import { concatKdf } from '../../../src/signing/concat-kdf.ts';
import { type AcsKeys, loadOrCreateKeys } from '../../../src/signing/keys.ts';
import { cleanUpTempDirs, tempDir } from './temp-keys.ts';

const acsTransID = '8a880dc0-d2d2-4067-bcb1-b08d1690b26e';
const sdkTransID = 'b3b3f1a6-3f4e-4d6b-9c2a-6d1f0e9a7c55';
const sdkReferenceNumber = '3DS_LOA_SDK_ADBV_739485_94783';
const acsURL = 'https://acs.example.test/3ds/challenge';
const encoder = new TextEncoder();
const decoder = new TextDecoder();

function u32(n: number): Buffer {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(n);
  return bytes;
}

/** What the SDK does (EMV SDK Technical Guide 3.3.4), written here independently of src/signing. */
function sdkSessionKey(sdkPrivateKey: KeyObject, acsEphemPubKey: JWK): Buffer {
  const acsPublic = createPublicKey({ key: acsEphemPubKey, format: 'jwk' });
  const z = diffieHellman({ privateKey: sdkPrivateKey, publicKey: acsPublic });
  const partyV = Buffer.from(sdkReferenceNumber, 'utf8');
  return createHash('sha256')
    .update(Buffer.concat([u32(1), z, u32(0), u32(0), u32(partyV.length), partyV, u32(256)]))
    .digest();
}

/** The SDK's CReq key: all 32 bytes for CBC, the leftmost 16 for GCM. */
function sdkToAcsKey(sessionKey: Buffer, enc: ChallengeEnc): Buffer {
  return enc === 'A128GCM' ? sessionKey.subarray(0, 16) : sessionKey;
}

/** The SDK's CRes key: all 32 bytes for CBC, the rightmost 16 for GCM. */
function acsToSdkKey(sessionKey: Buffer, enc: ChallengeEnc): Buffer {
  return enc === 'A128GCM' ? sessionKey.subarray(16, 32) : sessionKey;
}

/** The SDK's CReq IV: 0x00 bytes with the last byte = sdkCounterStoA. */
function sdkIv(enc: ChallengeEnc, counter: number): Buffer {
  const iv = Buffer.alloc(enc === 'A128GCM' ? 12 : 16, 0x00);
  iv[iv.length - 1] = counter;
  return iv;
}

function sdkEncryptCReq(
  creq: Record<string, unknown>,
  key: Buffer,
  enc: ChallengeEnc,
  counter = 0,
): Promise<string> {
  return new CompactEncrypt(encoder.encode(JSON.stringify(creq)))
    .setProtectedHeader({ alg: 'dir', enc, kid: acsTransID })
    .setInitializationVector(sdkIv(enc, counter))
    .encrypt(key);
}

function creqFor(counter: string): Record<string, unknown> {
  return {
    messageType: 'CReq',
    messageVersion: '2.2.0',
    threeDSServerTransID: 'a2bd0a4c-9c05-4b2e-8d4e-3f0c1d3a2b10',
    acsTransID,
    sdkTransID,
    sdkCounterStoA: counter,
    challengeDataEntry: '123456',
  };
}

function cresFor(counter: string): Record<string, unknown> {
  return {
    messageType: 'CRes',
    messageVersion: '2.2.0',
    threeDSServerTransID: 'a2bd0a4c-9c05-4b2e-8d4e-3f0c1d3a2b10',
    acsTransID,
    sdkTransID,
    acsCounterAtoS: counter,
    challengeCompletionInd: 'Y',
    transStatus: 'Y',
  };
}

/** What the SDK checks on acsSignedContent: the chain to the DS CA it trusts, then the signature. */
async function sdkValidateAcsSignedContent(jws: string, trustedRootPem: string, alg: 'PS256' | 'ES256') {
  const header = decodeProtectedHeader(jws);
  expect(header.alg).toBe(alg);
  const chain = (header.x5c ?? []).map((der) => new x509.X509Certificate(Buffer.from(der, 'base64')));
  expect(chain).toHaveLength(2);
  const [acsCert, rootCert] = chain as [x509.X509Certificate, x509.X509Certificate];
  const trustedRoot = new x509.X509Certificate(trustedRootPem);
  const crypto = globalThis.crypto;

  expect(Buffer.from(rootCert.rawData)).toEqual(Buffer.from(trustedRoot.rawData));
  expect(await trustedRoot.verify({ date: new Date() }, crypto)).toBe(true);
  expect(await acsCert.verify({ publicKey: trustedRoot.publicKey, date: new Date() }, crypto)).toBe(true);
  const built = await new x509.X509ChainBuilder({ certificates: [trustedRoot] }).build(acsCert, crypto);
  expect(built.map((certificate) => certificate.subject)).toEqual([acsCert.subject, trustedRoot.subject]);
  expect(trustedRoot.getExtension(x509.BasicConstraintsExtension)?.ca).toBe(true);
  expect(acsCert.getExtension(x509.BasicConstraintsExtension)?.ca).toBe(false);
  const usage = trustedRoot.getExtension(x509.KeyUsagesExtension)?.usages ?? 0;
  expect(usage & x509.KeyUsageFlags.keyCertSign).toBe(x509.KeyUsageFlags.keyCertSign);

  const signer = await importX509(acsCert.toString('pem'), alg);
  const { payload } = await compactVerify(jws, signer, { algorithms: [alg] });
  return JSON.parse(decoder.decode(payload)) as Record<string, unknown>;
}

afterAll(cleanUpTempDirs);

describe('app channel', () => {
  let keys: AcsKeys;
  let es256Keys: AcsKeys;

  beforeAll(async () => {
    const dir = tempDir();
    keys = await loadOrCreateKeys({ keysDir: path.join(dir, 'keys'), resultSigningAlg: 'ES256' });
    es256Keys = await loadOrCreateKeys({
      keysDir: path.join(dir, 'keys'),
      resultSigningAlg: 'ES256',
      acsContentSigningAlg: 'ES256',
    });
  });

  for (const enc of ['A128CBC-HS256', 'A128GCM'] as const) {
    it(`runs a challenge round trip with ${enc}`, async () => {
      // SDK: its ephemeral key goes in the AReq.
      const sdk = generateKeyPairSync('ec', { namedCurve: 'P-256' });
      const sdkEphemPubKey = sdk.publicKey.export({ format: 'jwk' }) as JWK;

      // ACS: ARes with acsSignedContent.
      const acsEphemeral = createAcsEphemeralKeyPair();
      const acsSignedContent = await signAcsContent(keys, {
        acsURL,
        acsEphemPubKey: acsEphemeral.publicJwk,
        sdkEphemPubKey,
      });

      // SDK: validates it (Table A.1: acsURL, acsEphemPubKey, sdkEphemPubKey and nothing else),
      // derives the session key, sends a CReq.
      const claims = await sdkValidateAcsSignedContent(acsSignedContent, keys.dsRootCaPem, 'PS256');
      expect(Object.keys(claims)).toEqual(['acsURL', 'acsEphemPubKey', 'sdkEphemPubKey']);
      expect(claims).toEqual({ acsURL, acsEphemPubKey: acsEphemeral.publicJwk, sdkEphemPubKey });
      const sessionKey = sdkSessionKey(sdk.privateKey, claims.acsEphemPubKey as JWK);
      const creqJwe = await sdkEncryptCReq(creqFor('000'), sdkToAcsKey(sessionKey, enc), enc);

      // ACS: derives the same key, decrypts the CReq, answers with a CRes.
      expect(challengeEncOf(creqJwe)).toBe(enc);
      const key = deriveChallengeKey(acsEphemeral.privateJwk, sdkEphemPubKey, sdkReferenceNumber, enc);
      expect(await decryptCReq(creqJwe, key)).toEqual({ payload: creqFor('000'), kid: acsTransID });
      const cresJwe = await encryptCRes(cresFor('000'), key, acsTransID);

      // SDK: decrypts the CRes.
      const { plaintext, protectedHeader } = await compactDecrypt(cresJwe, acsToSdkKey(sessionKey, enc), {
        keyManagementAlgorithms: ['dir'],
        contentEncryptionAlgorithms: [enc],
      });
      expect(protectedHeader).toEqual({ alg: 'dir', enc, kid: acsTransID });
      expect(JSON.parse(decoder.decode(plaintext))).toEqual(cresFor('000'));
    });
  }

  it('uses the EMV CRes IV: 0xFF bytes ending with acsCounterAtoS; random without a counter', async () => {
    const acsEphemeral = createAcsEphemeralKeyPair();
    const sdk = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const sdkEphemPubKey = sdk.publicKey.export({ format: 'jwk' }) as JWK;
    const gcm = deriveChallengeKey(acsEphemeral.privateJwk, sdkEphemPubKey, sdkReferenceNumber, 'A128GCM');
    const cbc = deriveChallengeKey(
      acsEphemeral.privateJwk,
      sdkEphemPubKey,
      sdkReferenceNumber,
      'A128CBC-HS256',
    );
    const ivOf = (jwe: string) => Buffer.from(jwe.split('.')[2] ?? '', 'base64url').toString('hex');

    expect(ivOf(await encryptCRes(cresFor('003'), gcm, acsTransID))).toBe('ffffffffffffffffffffff03');
    expect(ivOf(await encryptCRes(cresFor('255'), cbc, acsTransID))).toBe('ffffffffffffffffffffffffffffffff');
    expect(ivOf(await encryptCRes(cresFor('001'), cbc, acsTransID))).toBe('ffffffffffffffffffffffffffffff01');
    const withoutCounter = { ...cresFor('000'), acsCounterAtoS: undefined };
    const random = [
      await encryptCRes(withoutCounter, gcm, acsTransID),
      await encryptCRes(withoutCounter, gcm, acsTransID),
    ];
    expect(random.map(ivOf).map((iv) => iv.length)).toEqual([24, 24]);
    expect(ivOf(random[0] ?? '')).not.toBe(ivOf(random[1] ?? ''));
  });

  it('signs acsSignedContent with ES256 when configured, under the same root', async () => {
    const acsEphemeral = createAcsEphemeralKeyPair();
    const sdkEphemPubKey = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({
      format: 'jwk',
    }) as JWK;
    const jws = await signAcsContent(es256Keys, {
      acsURL,
      acsEphemPubKey: acsEphemeral.publicJwk,
      sdkEphemPubKey,
    });
    expect(es256Keys.dsRootCaPem).toBe(keys.dsRootCaPem);
    const claims = await sdkValidateAcsSignedContent(jws, es256Keys.dsRootCaPem, 'ES256');
    expect(claims.acsEphemPubKey).toEqual(acsEphemeral.publicJwk);
  });

  it('publishes only the public half of each ephemeral key, and refuses a private one', async () => {
    const acsEphemeral = createAcsEphemeralKeyPair();
    const sdkEphemeral = createAcsEphemeralKeyPair();
    expect(Object.keys(acsEphemeral.publicJwk).sort()).toEqual(['crv', 'kty', 'x', 'y']);
    expect(Object.keys(acsEphemeral.privateJwk).sort()).toEqual(['crv', 'd', 'kty', 'x', 'y']);
    await expect(
      signAcsContent(keys, {
        acsURL,
        acsEphemPubKey: acsEphemeral.privateJwk,
        sdkEphemPubKey: sdkEphemeral.publicJwk,
      }),
    ).rejects.toThrow('acsEphemPubKey must be a public key');
    await expect(
      signAcsContent(keys, {
        acsURL,
        acsEphemPubKey: acsEphemeral.publicJwk,
        sdkEphemPubKey: sdkEphemeral.privateJwk,
      }),
    ).rejects.toThrow('sdkEphemPubKey must be a public key');
    // Members beyond the key (an SDK may add `use` or `kid`) are not signed.
    const jws = await signAcsContent(keys, {
      acsURL,
      acsEphemPubKey: acsEphemeral.publicJwk,
      sdkEphemPubKey: { ...sdkEphemeral.publicJwk, use: 'sig' },
    });
    const claims = await sdkValidateAcsSignedContent(jws, keys.dsRootCaPem, 'PS256');
    expect(claims.sdkEphemPubKey).toEqual(sdkEphemeral.publicJwk);
  });

  it('rejects CReqs it cannot trust with stable codes', async () => {
    const acsEphemeral = createAcsEphemeralKeyPair();
    const sdk = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const sdkEphemPubKey = sdk.publicKey.export({ format: 'jwk' }) as JWK;
    const key = deriveChallengeKey(
      acsEphemeral.privateJwk,
      sdkEphemPubKey,
      sdkReferenceNumber,
      'A128CBC-HS256',
    );
    const sessionKey = sdkSessionKey(sdk.privateKey, acsEphemeral.publicJwk);
    const otherSessionKey = sdkSessionKey(sdk.privateKey, createAcsEphemeralKeyPair().publicJwk);

    const cases: [string, string][] = [
      [await sdkEncryptCReq(creqFor('000'), otherSessionKey, 'A128CBC-HS256'), 'decryption_failed'],
      [await sdkEncryptCReq(creqFor('000'), sessionKey.subarray(0, 16), 'A128GCM'), 'jwe_invalid'],
      [
        await new CompactEncrypt(encoder.encode('[1,2]'))
          .setProtectedHeader({ alg: 'dir', enc: 'A128CBC-HS256' })
          .encrypt(sessionKey),
        'payload_invalid',
      ],
      [
        await new CompactEncrypt(encoder.encode('not json'))
          .setProtectedHeader({ alg: 'dir', enc: 'A128CBC-HS256' })
          .encrypt(sessionKey),
        'payload_invalid',
      ],
      ['not.a.jwe', 'jwe_invalid'],
      ['', 'jwe_invalid'],
    ];
    for (const [jwe, code] of cases) {
      await expect(decryptCReq(jwe, key)).rejects.toMatchObject({ name: 'AppChannelError', code });
    }
    const good = await sdkEncryptCReq(creqFor('000'), sessionKey, 'A128CBC-HS256');
    const parts = good.split('.');
    const tag = Buffer.from(parts[4] ?? '', 'base64url');
    tag[0] = (tag[0] ?? 0) ^ 0x01;
    const tampered = [...parts.slice(0, 4), tag.toString('base64url')].join('.');
    await expect(decryptCReq(tampered, key)).rejects.toMatchObject({ code: 'decryption_failed' });
  });

  it('rejects an SDK ephemeral key that is not a P-256 point', () => {
    const acsEphemeral = createAcsEphemeralKeyPair();
    const valid = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({
      format: 'jwk',
    }) as JWK;
    const invalid: unknown[] = [
      { ...valid, y: valid.x },
      { ...valid, crv: 'P-384' },
      { kty: 'RSA', n: 'AQAB', e: 'AQAB' },
      { kty: 'EC', crv: 'P-256', x: valid.x },
      'not a key',
      null,
    ];
    for (const sdkEphemPubKey of invalid) {
      expect(() =>
        deriveChallengeKey(acsEphemeral.privateJwk, sdkEphemPubKey as JWK, sdkReferenceNumber, 'A128GCM'),
      ).toThrowError(expect.objectContaining({ name: 'AppChannelError', code: 'invalid_sdk_ephemeral_key' }));
    }
  });
});

describe('concatKdf', () => {
  it('matches RFC 7518 Appendix C (ECDH-ES, A128GCM, Alice and Bob)', () => {
    const z = Buffer.from([
      158, 86, 217, 29, 129, 113, 53, 211, 114, 131, 66, 131, 191, 132, 38, 156, 251, 49, 110, 163, 218, 128,
      106, 72, 246, 218, 167, 121, 140, 254, 144, 196,
    ]);
    const key = concatKdf(z, {
      keyBits: 128,
      algorithmId: encoder.encode('A128GCM'),
      partyUInfo: encoder.encode('Alice'),
      partyVInfo: encoder.encode('Bob'),
    });
    expect(key.toString('base64url')).toBe('VqqN6vgjbSBcIijNcacQGg');
  });

  it('matches the EMV layout vector (empty AlgorithmID and PartyUInfo, PartyVInfo = sdkReferenceNumber)', () => {
    const z = Buffer.from(Array.from({ length: 32 }, (_, i) => i));
    const key = concatKdf(z, { keyBits: 256, partyVInfo: encoder.encode(sdkReferenceNumber) });
    expect(key.toString('hex')).toBe('26247256b89471a2e63777e7b956b945ca9103df4ddbe1faeafce0e0118baedc');
  });

  it('derives more than one hash block when asked', () => {
    const z = Buffer.alloc(32, 7);
    const long = concatKdf(z, { keyBits: 512 });
    expect(long).toHaveLength(64);
    expect(long.subarray(0, 32)).not.toEqual(long.subarray(32));
  });
});
