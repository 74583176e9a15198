/**
 * The challenge channel's JWE as the emulator makes and reads it: round trips for both enc
 * values in both directions, the header Stripe writes, the counter IVs, the key halves of
 * A128GCM, and agreement with jose's compactDecrypt (an independent RFC 7516/7518 reader).
 */
import { randomBytes } from 'node:crypto';
import { compactDecrypt, decodeProtectedHeader } from 'jose';
import { describe, expect, it } from 'vitest';
import {
  contentEncryptions,
  contentKeyFor,
  counterIv,
  decryptJwe,
  encryptJwe,
  tamperCiphertext,
} from '../../support/sdk-emulator/jwe.ts';
import type { Direction } from '../../support/sdk-emulator/protocol-types.ts';
import { SdkRuleViolation } from '../../support/sdk-emulator/sdk-rule-violation.ts';

const acsTransID = '3f9c1a52-8d1e-4b7a-9c3e-2b6f0d4e8a11';
const sessionKey = randomBytes(32);
const directions: readonly Direction[] = ['sdkToAcs', 'acsToSdk'];
const plaintext = JSON.stringify({ messageType: 'CReq', challengeDataEntry: '123456' });

function expectViolation(run: () => unknown, code: string): SdkRuleViolation {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(SdkRuleViolation);
    expect((error as SdkRuleViolation).errorCode).toBe(code);
    return error as SdkRuleViolation;
  }
  throw new Error('expected an SdkRuleViolation');
}

describe('challenge channel JWE', () => {
  for (const enc of contentEncryptions) {
    for (const direction of directions) {
      it(`${enc} ${direction}: round-trips, and jose decrypts it with the right key half`, async () => {
        const jwe = encryptJwe({ plaintext, sessionKey, enc, direction, counter: 7, kid: acsTransID });
        const parts = jwe.split('.');
        expect(parts).toHaveLength(5);
        expect(parts[1]).toBe('');
        expect(decodeProtectedHeader(jwe)).toEqual({ alg: 'dir', enc, kid: acsTransID });

        const decrypted = decryptJwe(jwe, sessionKey, direction);
        expect(decrypted.plaintext).toBe(plaintext);
        expect(decrypted.iv.equals(counterIv(enc, direction, 7))).toBe(true);

        const byJose = await compactDecrypt(jwe, contentKeyFor(sessionKey, enc, direction));
        expect(new TextDecoder().decode(byJose.plaintext)).toBe(plaintext);
      });
    }
  }

  it('pads the IV with 0x00 from SDK to ACS and 0xFF from ACS to SDK, counter last (16 bytes CBC, 12 GCM)', () => {
    expect(counterIv('A128CBC-HS256', 'sdkToAcs', 5).toString('hex')).toBe(`${'00'.repeat(15)}05`);
    expect(counterIv('A128CBC-HS256', 'acsToSdk', 5).toString('hex')).toBe(`${'ff'.repeat(15)}05`);
    expect(counterIv('A128GCM', 'sdkToAcs', 0).toString('hex')).toBe('00'.repeat(12));
    expect(counterIv('A128GCM', 'acsToSdk', 255).toString('hex')).toBe(`${'ff'.repeat(11)}ff`);
    expect(() => counterIv('A128GCM', 'sdkToAcs', 256)).toThrow(/one byte/);
  });

  it('uses the whole key for A128CBC-HS256 and bytes 0-15 / 16-31 for A128GCM SDK-to-ACS / ACS-to-SDK', () => {
    expect(contentKeyFor(sessionKey, 'A128CBC-HS256', 'sdkToAcs').equals(sessionKey)).toBe(true);
    expect(contentKeyFor(sessionKey, 'A128CBC-HS256', 'acsToSdk').equals(sessionKey)).toBe(true);
    expect(contentKeyFor(sessionKey, 'A128GCM', 'sdkToAcs').equals(sessionKey.subarray(0, 16))).toBe(true);
    expect(contentKeyFor(sessionKey, 'A128GCM', 'acsToSdk').equals(sessionKey.subarray(16))).toBe(true);
  });

  it('refuses an A128GCM CRes encrypted with the SDK-to-ACS half (302)', () => {
    const wrongHalf = encryptJwe({
      plaintext,
      sessionKey,
      enc: 'A128GCM',
      direction: 'sdkToAcs',
      counter: 0,
      kid: acsTransID,
    });
    expectViolation(() => decryptJwe(wrongHalf, sessionKey, 'acsToSdk'), '302');
  });

  for (const enc of contentEncryptions) {
    it(`${enc}: refuses a tampered ciphertext and a foreign key (302)`, () => {
      const jwe = encryptJwe({
        plaintext,
        sessionKey,
        enc,
        direction: 'acsToSdk',
        counter: 1,
        kid: acsTransID,
      });
      expectViolation(() => decryptJwe(tamperCiphertext(jwe), sessionKey, 'acsToSdk'), '302');
      expectViolation(() => decryptJwe(jwe, randomBytes(32), 'acsToSdk'), '302');
    });
  }

  it('refuses what Stripe refuses: padded parts, another alg, an encrypted key, a zip header (302)', () => {
    const jwe = encryptJwe({
      plaintext,
      sessionKey,
      enc: 'A128GCM',
      direction: 'acsToSdk',
      counter: 1,
      kid: acsTransID,
    });
    const [header, , iv, ciphertext, tag] = jwe.split('.') as [string, string, string, string, string];
    expect(expectViolation(() => decryptJwe(`${jwe}=`, sessionKey, 'acsToSdk'), '302').message).toMatch(
      /base64url/,
    );
    const withHeader = (object: Record<string, unknown>) =>
      [Buffer.from(JSON.stringify(object)).toString('base64url'), '', iv, ciphertext, tag].join('.');
    expect(
      expectViolation(
        () => decryptJwe(withHeader({ alg: 'A128KW', enc: 'A128GCM' }), sessionKey, 'acsToSdk'),
        '302',
      ).message,
    ).toMatch(/alg/);
    expect(
      expectViolation(
        () => decryptJwe(withHeader({ alg: 'dir', enc: 'A128GCM', zip: 'DEF' }), sessionKey, 'acsToSdk'),
        '302',
      ).message,
    ).toMatch(/zip/);
    expect(
      expectViolation(
        () => decryptJwe([header, 'AAAA', iv, ciphertext, tag].join('.'), sessionKey, 'acsToSdk'),
        '302',
      ).message,
    ).toMatch(/encrypted key/);
  });
});
