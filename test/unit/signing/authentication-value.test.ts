import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AvFields,
  createAuthenticationValue,
  verifyAuthenticationValue,
} from '../../../src/signing/authentication-value.ts';
import { type AcsKeys, loadOrCreateKeys } from '../../../src/signing/keys.ts';
import { cleanUpTempDirs, tempDir, writeFixedSecretsFile } from './temp-keys.ts';

const fields: AvFields = {
  acsTransID: '8a880dc0-d2d2-4067-bcb1-b08d1690b26e',
  threeDSServerTransID: 'a2bd0a4c-9c05-4b2e-8d4e-3f0c1d3a2b10',
  dsTransID: 'f25084f0-5b16-4c0a-ae5d-b24808a95e4b',
  transStatus: 'Y',
  eci: '05',
  purchaseAmount: '12345',
  purchaseCurrency: '978',
  purchaseExponent: '2',
};

const base64Alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** The same 20 bytes spelt with the unused low bits of the last character set. */
function nonCanonical(value: string): string {
  const index = base64Alphabet.indexOf(value[26] ?? '');
  return `${value.slice(0, 26)}${base64Alphabet[index | 1]}=`;
}

function flipByte(value: string, index: number): string {
  const bytes = Buffer.from(value, 'base64');
  bytes[index] = (bytes[index] ?? 0) ^ 0x01;
  return bytes.toString('base64');
}

afterAll(cleanUpTempDirs);

describe('authenticationValue', () => {
  let keys: AcsKeys;
  let fixedKeys: AcsKeys;

  beforeAll(async () => {
    const dir = tempDir();
    const keysDir = path.join(dir, 'keys');
    keys = await loadOrCreateKeys({ keysDir, resultSigningAlg: 'ES256' });
    fixedKeys = await loadOrCreateKeys({
      keysDir,
      resultSigningAlg: 'ES256',
      paths: { secretsFile: writeFixedSecretsFile(dir) },
    });
  });

  it('matches the known-answer vectors under the fixed key 00..1f', () => {
    expect(createAuthenticationValue(fixedKeys, fields)).toBe('AaYTteDrk5pQ9OpEGu/RHT+XABo=');
    const npa: AvFields = {
      acsTransID: fields.acsTransID,
      threeDSServerTransID: fields.threeDSServerTransID,
      dsTransID: fields.dsTransID,
      transStatus: 'Y',
      eci: '05',
    };
    expect(createAuthenticationValue(fixedKeys, npa)).toBe('AcTxJj4zb8zs8YPNZPCvBm3HKkc=');
  });

  it('is 20 bytes as 28 characters of standard base64, starting with version 0x01', () => {
    const value = createAuthenticationValue(keys, fields);
    expect(value).toMatch(/^[A-Za-z0-9+/]{27}=$/);
    const bytes = Buffer.from(value, 'base64');
    expect([bytes.length, bytes[0]]).toEqual([20, 0x01]);
  });

  it('accepts the genuine value, also with the transaction IDs in upper case', () => {
    const value = createAuthenticationValue(keys, fields);
    expect(verifyAuthenticationValue(keys, value, fields)).toBe(true);
    const upper = {
      ...fields,
      acsTransID: fields.acsTransID.toUpperCase(),
      dsTransID: fields.dsTransID.toUpperCase(),
    };
    expect(verifyAuthenticationValue(keys, value, upper)).toBe(true);
  });

  it('rejects the value for any other transaction data', () => {
    const value = createAuthenticationValue(keys, fields);
    const others: AvFields[] = [
      { ...fields, purchaseAmount: '12346' },
      { ...fields, purchaseAmount: undefined },
      { ...fields, purchaseCurrency: '840' },
      { ...fields, purchaseExponent: '3' },
      { ...fields, transStatus: 'A' },
      { ...fields, eci: '06' },
      { ...fields, acsTransID: fields.threeDSServerTransID, threeDSServerTransID: fields.acsTransID },
      { ...fields, dsTransID: 'f25084f0-5b16-4c0a-ae5d-b24808a95e4c' },
      // Moving characters between adjacent fields must not collide (length-prefixed encoding).
      { ...fields, purchaseAmount: '1234', purchaseCurrency: '5978' },
    ];
    expect(others.map((other) => verifyAuthenticationValue(keys, value, other))).toEqual(
      others.map(() => false),
    );
  });

  it('rejects a value made under another key', () => {
    expect(verifyAuthenticationValue(keys, createAuthenticationValue(fixedKeys, fields), fields)).toBe(false);
  });

  it('rejects flipped, truncated, re-versioned and garbage values without throwing', () => {
    const value = createAuthenticationValue(keys, fields);
    expect(Buffer.from(nonCanonical(value), 'base64')).toEqual(Buffer.from(value, 'base64'));
    const malformed: unknown[] = [
      flipByte(value, 19),
      flipByte(value, 1),
      flipByte(value, 0), // version 0x00
      Buffer.concat([Buffer.from([0x02]), Buffer.from(value, 'base64').subarray(1)]).toString('base64'),
      Buffer.from(value, 'base64').subarray(0, 19).toString('base64'),
      value.slice(0, 27),
      `${value}A`,
      // The base64url spelling differs only when the value holds + or / (random keys: not always).
      ...(/[+/]/.test(value) ? [value.replaceAll('+', '-').replaceAll('/', '_')] : []),
      nonCanonical(value),
      '',
      'not base64 at all, but 28 c=',
      '!!!!!!!!!!!!!!!!!!!!!!!!!!!=',
      'AAAAAAAAAAAAAAAAAAAAAAAAAAA=',
      undefined,
      12345,
      { value },
    ];
    const results = malformed.map((candidate) =>
      verifyAuthenticationValue(keys, candidate as string, fields),
    );
    expect(results).toEqual(malformed.map(() => false));
  });

  it('answers false, not an exception, when the fields themselves are broken', () => {
    const value = createAuthenticationValue(keys, fields);
    const broken = { ...fields, acsTransID: undefined } as unknown as AvFields;
    expect(verifyAuthenticationValue(keys, value, broken)).toBe(false);
  });
});
