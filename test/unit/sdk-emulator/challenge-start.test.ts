/**
 * From ARes to the first exchange, with an ACS played by the test: the emulator refuses an ARes
 * that is not a challenge for its AReq or whose acsRenderingType the device cannot show, and
 * otherwise validates acsSignedContent, derives the same key as the ACS and exchanges a CReq and
 * a CRes with it.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { validAReq } from '../../support/areq-fixtures.ts';
import { appAReqFields } from '../../support/sdk-emulator/areq-app.ts';
import { startChallenge } from '../../support/sdk-emulator/challenge-start.ts';
import { decryptJwe, encryptJwe } from '../../support/sdk-emulator/jwe.ts';
import { concatKdf, ecdhSharedSecret, emvOtherInfo } from '../../support/sdk-emulator/key-agreement.ts';
import { createSdkEphemeralKeys } from '../../support/sdk-emulator/keys.ts';
import type { DeviceRenderOptions } from '../../support/sdk-emulator/protocol-types.ts';
import { createAcsSigner, createRootCa, signAcsContent, type TestCa, type TestSigner } from './test-pki.ts';

let root: TestCa;
let signer: TestSigner;

beforeAll(async () => {
  root = await createRootCa();
  signer = await createAcsSigner(root, 'ES256');
}, 30_000);

async function scenario(deviceRenderOptions?: DeviceRenderOptions) {
  const keys = createSdkEphemeralKeys();
  const acsKeys = createSdkEphemeralKeys();
  const areq = {
    ...validAReq({ version: '2.2.0', channel: '01' }),
    ...(await appAReqFields({ messageVersion: '2.2.0', keys, deviceRenderOptions })),
  };
  const acsURL = 'http://127.0.0.1:8080/challenge/app';
  const ares: Record<string, unknown> = {
    messageType: 'ARes',
    messageVersion: '2.2.0',
    threeDSServerTransID: areq.threeDSServerTransID,
    sdkTransID: areq.sdkTransID,
    acsTransID: randomUUID(),
    transStatus: 'C',
    acsRenderingType: { acsInterface: '01', acsUiTemplate: '01' },
    acsSignedContent: await signAcsContent(
      signer,
      { acsURL, acsEphemPubKey: acsKeys.publicJwk, sdkEphemPubKey: keys.publicJwk },
      [root.cert],
    ),
  };
  const acsKey = concatKdf(
    ecdhSharedSecret(acsKeys.privateKey, keys.publicKey),
    256,
    emvOtherInfo(String(areq.sdkReferenceNumber)),
  );
  return { keys, areq, ares, acsKey, acsURL };
}

describe('startChallenge', () => {
  it('opens a session whose key the ACS shares, and exchanges a CReq and a CRes', async () => {
    const { keys, areq, ares, acsKey, acsURL } = await scenario();
    const { session, acsRenderingType } = startChallenge({
      areq,
      ares,
      keys,
      trustedRoots: root.pem,
      requireHttps: false,
      enc: 'A128GCM',
    });
    expect(session.acsURL).toBe(acsURL);
    expect(acsRenderingType).toEqual({ acsInterface: '01', acsUiTemplate: '01' });

    const creq = session.creq();
    const seen = JSON.parse(decryptJwe(creq.body, acsKey, 'sdkToAcs').plaintext);
    expect(seen).toMatchObject({ messageType: 'CReq', acsTransID: ares.acsTransID, sdkCounterStoA: '000' });

    const cres = encryptJwe({
      plaintext: JSON.stringify({
        messageType: 'CRes',
        messageVersion: '2.2.0',
        threeDSServerTransID: areq.threeDSServerTransID,
        acsTransID: ares.acsTransID,
        sdkTransID: areq.sdkTransID,
        acsCounterAtoS: '000',
        challengeCompletionInd: 'Y',
        transStatus: 'Y',
      }),
      sessionKey: acsKey,
      enc: 'A128GCM',
      direction: 'acsToSdk',
      counter: 0,
      kid: String(ares.acsTransID),
    });
    expect(session.readFinal(cres, 'application/jose').transStatus).toBe('Y');
  });

  it('refuses an ARes that is not a challenge for this AReq', async () => {
    const { keys, areq, ares } = await scenario();
    const start = (changes: Record<string, unknown>) =>
      startChallenge({
        areq,
        ares: { ...ares, ...changes },
        keys,
        trustedRoots: root.pem,
        requireHttps: false,
      });
    expect(() => start({ transStatus: 'Y' })).toThrow(/transStatus/);
    expect(() => start({ sdkTransID: randomUUID() })).toThrow(/sdkTransID/);
    expect(() => start({ messageVersion: '2.1.0' })).toThrow(/messageVersion/);
    expect(() => start({ acsRenderingType: undefined })).toThrow(/acsRenderingType is missing/);
  });

  it('refuses a rendering the device cannot show: a select template on a text-only device', async () => {
    const { keys, areq, ares } = await scenario({ sdkInterface: '01', sdkUiType: ['01'] });
    const start = (acsRenderingType: Record<string, unknown>) =>
      startChallenge({
        areq,
        ares: { ...ares, acsRenderingType },
        keys,
        trustedRoots: root.pem,
        requireHttps: false,
      });
    expect(() => start({ acsInterface: '01', acsUiTemplate: '02' })).toThrow(/acsUiTemplate "02"/);
    expect(() => start({ acsInterface: '02', acsUiTemplate: '01' })).toThrow(/native-only/);
    expect(() => start({ acsInterface: '01', acsUiTemplate: '01' })).not.toThrow();
  });
});
