/**
 * acsSignedContent validation as Stripe's DefaultJwsValidator and AcsDataParser do it, against a
 * DS PKI built in the test: ES256 and PS256 signers accepted with or without the root in x5c;
 * refused for a wrong or missing sdkEphemPubKey, a broken signature, an untrusted root, an
 * expired certificate, an alg other than PS256/ES256, and (unless allowed) an http acsURL.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyAcsSignedContent } from '../../support/sdk-emulator/acs-signed-content.ts';
import { createSdkEphemeralKeys } from '../../support/sdk-emulator/keys.ts';
import { createAcsSigner, createRootCa, signAcsContent, type TestCa, type TestSigner } from './test-pki.ts';

const sdk = createSdkEphemeralKeys();
const acs = createSdkEphemeralKeys();
const acsURL = 'https://acs.example/challenge/app';
const payload = { acsURL, acsEphemPubKey: acs.publicJwk, sdkEphemPubKey: sdk.publicJwk };

let root: TestCa;
let es256: TestSigner;
let ps256: TestSigner;

beforeAll(async () => {
  root = await createRootCa();
  es256 = await createAcsSigner(root, 'ES256');
  ps256 = await createAcsSigner(root, 'PS256');
}, 30_000);

const verify = (jws: string, overrides: Record<string, unknown> = {}) =>
  verifyAcsSignedContent(jws, { trustedRoots: root.pem, sdkEphemPubKey: sdk.publicJwk, ...overrides });

describe('verifyAcsSignedContent', () => {
  it('accepts an ES256 JWS whose x5c chains to the trusted root (root included or not)', async () => {
    const withRoot = verify(await signAcsContent(es256, payload, [root.cert]));
    expect(withRoot.acsURL).toBe(acsURL);
    expect(withRoot.acsEphemPubKey).toEqual(acs.publicJwk);
    expect(withRoot.alg).toBe('ES256');
    expect(verify(await signAcsContent(es256, payload)).acsURL).toBe(acsURL);
  });

  it('accepts a PS256 JWS, and a DER trusted root', async () => {
    const jws = await signAcsContent(ps256, payload, [root.cert]);
    const result = verify(jws, { trustedRoots: new Uint8Array(root.cert.rawData) });
    expect(result.alg).toBe('PS256');
    expect(result.acsEphemPublicKey.asymmetricKeyType).toBe('ec');
  });

  it('refuses a signed sdkEphemPubKey that is not the one the SDK sent', async () => {
    const other = createSdkEphemeralKeys();
    const jws = await signAcsContent(es256, { ...payload, sdkEphemPubKey: other.publicJwk });
    expect(() => verify(jws)).toThrow(/sdkEphemPubKey is not the key this SDK sent/);
  });

  it('refuses a payload without sdkEphemPubKey (Stripe AcsDataParser cannot parse it)', async () => {
    const { sdkEphemPubKey: _omitted, ...withoutKey } = payload;
    const jws = await signAcsContent(es256, withoutKey);
    expect(() => verify(jws)).toThrow(/sdkEphemPubKey is not a JSON object/);
  });

  it('refuses a broken signature and a payload changed after signing', async () => {
    const jws = await signAcsContent(es256, payload);
    const [header, body, signature] = jws.split('.') as [string, string, string];
    const flipped = `${signature.startsWith('A') ? 'B' : 'A'}${signature.slice(1)}`;
    expect(() => verify(`${header}.${body}.${flipped}`)).toThrow(/signature does not verify/);
    const otherBody = Buffer.from(JSON.stringify({ ...payload, acsURL: 'https://evil.example/' })).toString(
      'base64url',
    );
    expect(() => verify(`${header}.${otherBody}.${signature}`)).toThrow(/signature does not verify/);
  });

  it('refuses a chain that leads to a root the SDK does not trust', async () => {
    const strangerRoot = await createRootCa('CN=Stranger Root');
    const stranger = await createAcsSigner(strangerRoot, 'ES256');
    const withStrangerRoot = await signAcsContent(stranger, payload, [strangerRoot.cert]);
    expect(() => verify(withStrangerRoot)).toThrow(/does not lead to a trusted DS root/);
    const leafOnly = await signAcsContent(stranger, payload);
    expect(() => verify(leafOnly)).toThrow(/does not lead to a trusted DS root/);
  });

  it('refuses an expired ACS certificate', async () => {
    const expired = await createAcsSigner(root, 'ES256', {
      notBefore: new Date('2020-01-01T00:00:00Z'),
      notAfter: new Date('2021-01-01T00:00:00Z'),
    });
    const jws = await signAcsContent(expired, payload, [root.cert]);
    expect(() => verify(jws)).toThrow(
      /x5c\[0\] \(CN=Emulator Test ACS ES256\) is outside its validity period/,
    );
  });

  it('refuses an alg other than PS256 or ES256, and a header without x5c', async () => {
    const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const unsigned = (header: Record<string, unknown>) => `${part(header)}.${part(payload)}.c2ln`;
    expect(() => verify(unsigned({ alg: 'RS256', x5c: ['AAAA'] }))).toThrow(/not PS256 or ES256/);
    expect(() => verify(unsigned({ alg: 'ES256' }))).toThrow(/no x5c/);
    expect(() => verify('not-a-jws')).toThrow(/compact JWS/);
  });

  it('refuses an http acsURL unless requireHttps is false', async () => {
    const jws = await signAcsContent(es256, { ...payload, acsURL: 'http://127.0.0.1:8080/challenge/app' });
    expect(() => verify(jws)).toThrow(/not https:/);
    expect(verify(jws, { requireHttps: false }).acsURL).toBe('http://127.0.0.1:8080/challenge/app');
  });

  it('refuses an acsEphemPubKey that is not a P-256 public JWK', async () => {
    const jws = await signAcsContent(es256, {
      ...payload,
      acsEphemPubKey: { ...acs.publicJwk, crv: 'P-384' },
    });
    expect(() => verify(jws)).toThrow(/acsEphemPubKey.crv/);
  });
});
