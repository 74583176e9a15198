/**
 * The app-channel AReq elements the emulated SDK sends, per version, merged over the project's
 * AReq fixture: deviceChannel 01, the SDK IDs, the ephemeral key as a bare P-256 JWK, a real
 * compact JWE as sdkEncData, deviceRenderOptions, 2.3.1's sdkType/defaultSdkType; and the
 * Table A.1 rules the builder enforces on what a test asks it to send.
 */

import { generateKeyPairSync } from 'node:crypto';
import { compactDecrypt, decodeProtectedHeader } from 'jose';
import { describe, expect, it } from 'vitest';
import { validAReq } from '../../support/areq-fixtures.ts';
import { appAReqFields, checkDeviceRenderOptions } from '../../support/sdk-emulator/areq-app.ts';
import { createSdkEphemeralKeys } from '../../support/sdk-emulator/keys.ts';

const keys = createSdkEphemeralKeys();

describe('appAReqFields', () => {
  for (const messageVersion of ['2.1.0', '2.2.0', '2.3.1'] as const) {
    it(`${messageVersion}: gives the app-channel elements, which replace the fixture's`, async () => {
      const fields = await appAReqFields({ messageVersion, keys });
      const areq = { ...validAReq({ version: messageVersion, channel: '01' }), ...fields };
      expect(areq).toMatchObject({
        deviceChannel: '01',
        sdkEphemPubKey: keys.publicJwk,
        sdkMaxTimeout: '05',
        sdkReferenceNumber: '3DS_LOA_SDK_EMUL_020200_00001',
        deviceRenderOptions: { sdkInterface: '03', sdkUiType: ['01', '02', '03', '04', '05'] },
      });
      expect(Object.keys(fields.sdkEphemPubKey as object).sort()).toEqual(['crv', 'kty', 'x', 'y']);
      expect(areq.sdkTransID).toMatch(/^[0-9a-f-]{36}$/);
      expect(decodeProtectedHeader(String(fields.sdkEncData))).toMatchObject({
        alg: 'ECDH-ES',
        enc: 'A128CBC-HS256',
      });
      if (messageVersion === '2.3.1')
        expect(fields).toMatchObject({ sdkType: '01', defaultSdkType: { sdkVariant: '01' } });
      else expect(fields.sdkType).toBeUndefined();
    });
  }

  it('encrypts the device data to the DS key it is given, and adds Stripe-style use on request', async () => {
    const ds = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const fields = await appAReqFields({
      messageVersion: '2.2.0',
      keys,
      dsPublicKey: ds.publicKey,
      keyUse: 'sig',
    });
    const { plaintext } = await compactDecrypt(String(fields.sdkEncData), ds.privateKey);
    expect(JSON.parse(new TextDecoder().decode(plaintext))).toMatchObject({
      DV: '1.6',
      DD: { C001: 'Android' },
    });
    expect(fields.sdkEphemPubKey).toEqual({ ...keys.publicJwk, use: 'sig' });
  });

  it('refuses what Table A.1 does not allow', async () => {
    await expect(appAReqFields({ messageVersion: '2.2.0', keys, sdkMaxTimeout: '04' })).rejects.toThrow(
      /05 or more/,
    );
    await expect(
      appAReqFields({ messageVersion: '2.2.0', keys, sdkReferenceNumber: 'x'.repeat(33) }),
    ).rejects.toThrow(/32 characters/);
    expect(() => checkDeviceRenderOptions('2.2.0', { sdkInterface: '01', sdkUiType: ['01', '05'] })).toThrow(
      /HTML interface/,
    );
    expect(() => checkDeviceRenderOptions('2.2.0', { sdkInterface: '03', sdkUiType: ['06'] })).toThrow(
      /does not exist in 2.2.0/,
    );
    expect(() =>
      checkDeviceRenderOptions('2.3.1', { sdkInterface: '03', sdkUiType: ['06', '07'] }),
    ).not.toThrow();
    expect(() =>
      checkDeviceRenderOptions('2.2.0', {
        sdkInterface: '03',
        sdkUiType: ['01'],
        sdkAuthenticationType: ['02'],
      }),
    ).toThrow(/only from 2.3.1/);
    expect(() => checkDeviceRenderOptions('2.2.0', { sdkInterface: '03', sdkUiType: [] })).toThrow(
      /at least one/,
    );
  });
});
