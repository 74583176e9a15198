/**
 * The ARes of an app (deviceChannel 01) AReq, read by the SDK emulator (test/support/sdk-emulator)
 * the way a Stripe-like SDK reads it before its first CReq: acsSignedContent must be a JWS whose
 * x5c chain leads to the sandbox DS root (taken from the public JWKS, as an SDK tester takes it),
 * whose payload is acsURL, acsEphemPubKey and the SDK's own sdkEphemPubKey; acsRenderingType must
 * be a screen the device listed, chosen from the card's methods (docs/flows.md, "The app
 * channel"). A device that can show none of the card's screens gets U / 03 instead of a
 * challenge; a frictionless card is answered as before.
 */
import { X509Certificate } from 'node:crypto';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validAReq } from '../support/areq-fixtures.ts';
import { checkARes } from '../support/message-rules/check-ares.ts';
import { verifyAcsSignedContent } from '../support/sdk-emulator/acs-signed-content.ts';
import { appAReqFields } from '../support/sdk-emulator/areq-app.ts';
import { startChallenge } from '../support/sdk-emulator/challenge-start.ts';
import { createSdkEphemeralKeys, type SdkEphemeralKeys } from '../support/sdk-emulator/keys.ts';
import type { DeviceRenderOptions, MessageVersion } from '../support/sdk-emulator/protocol-types.ts';
import { createTestAcs, type TestAcs } from '../support/test-acs.ts';
import { createRootCa } from '../unit/sdk-emulator/test-pki.ts';

const versions: readonly MessageVersion[] = ['2.1.0', '2.2.0', '2.3.1'];

/** Test cards of data/test-cards.json (README.md's card table). */
const cards = {
  frictionless: '4000000000000101',
  sms: '4000000000001000',
  totp: '4000000000001109',
  choice: '4000000000001208',
  oob: '4000000000001307',
  password: '4000000000001406',
} as const;

const everyScreen: DeviceRenderOptions = { sdkInterface: '03', sdkUiType: ['01', '02', '03', '04', '05'] };
const textOnly: DeviceRenderOptions = { sdkInterface: '01', sdkUiType: ['01'] };
const htmlOnly: DeviceRenderOptions = { sdkInterface: '02', sdkUiType: ['01', '02', '03', '04', '05'] };

let acs: TestAcs;
/** The sandbox DS root, as the public JWKS publishes it (last certificate of the x5c chain). */
let dsRootPem: string;

beforeAll(async () => {
  acs = await createTestAcs();
  const jwks = await request(acs.app).get('/.well-known/jwks.json').expect(200);
  const chain = (jwks.body.keys as { x5c?: string[] }[]).find((key) => key.x5c !== undefined)?.x5c ?? [];
  dsRootPem = new X509Certificate(Buffer.from(chain[chain.length - 1] ?? '', 'base64')).toString();
});
afterAll(() => acs.close());

type Exchange = Readonly<{
  areq: Record<string, unknown>;
  ares: Record<string, unknown>;
  keys: SdkEphemeralKeys;
}>;

async function authenticate(
  version: MessageVersion,
  acctNumber: string,
  deviceRenderOptions: DeviceRenderOptions = everyScreen,
): Promise<Exchange> {
  const keys = createSdkEphemeralKeys();
  const areq = {
    ...validAReq({ version, channel: '01', acctNumber }),
    ...(await appAReqFields({ messageVersion: version, keys, deviceRenderOptions })),
  };
  const res = await request(acs.app)
    .post('/3ds/areq')
    .set('content-type', 'application/json')
    .send(JSON.stringify(areq));
  expect(res.status).toBe(200);
  const ares = res.body as Record<string, unknown>;
  expect(checkARes(areq, ares)).toEqual([]);
  return { areq, ares, keys };
}

/** What the SDK does with a challenge ARes before its first CReq; throws on any broken rule. */
function sdkStart({ areq, ares, keys }: Exchange) {
  return startChallenge({ areq, ares, keys, trustedRoots: dsRootPem, requireHttps: false });
}

function payloadOf(jws: unknown): Record<string, unknown> {
  return JSON.parse(Buffer.from(String(jws).split('.')[1] ?? '', 'base64url').toString('utf8'));
}

function headerOf(jws: unknown): Record<string, unknown> {
  return JSON.parse(Buffer.from(String(jws).split('.')[0] ?? '', 'base64url').toString('utf8'));
}

it('publishes in the JWKS the same DS root the console offers for download', () => {
  expect(new X509Certificate(dsRootPem).fingerprint256).toBe(
    new X509Certificate(acs.deps.keys.dsRootCaPem).fingerprint256,
  );
});

describe.each(versions)('app challenge ARes, %s', (version) => {
  it('carries acsSignedContent an SDK accepts: x5c to the DS root, the spec payload, its own key', async () => {
    const exchange = await authenticate(version, cards.sms);
    const { ares, keys } = exchange;
    expect(ares.transStatus).toBe('C');
    expect(ares.acsURL).toBeUndefined();

    const { signedContent, acsRenderingType } = sdkStart(exchange);
    expect(signedContent.alg).toBe('PS256');
    expect(new URL(signedContent.acsURL).origin).toBe('http://acs.test');
    const payload = payloadOf(ares.acsSignedContent);
    expect(Object.keys(payload)).toEqual(['acsURL', 'acsEphemPubKey', 'sdkEphemPubKey']);
    expect(payload.sdkEphemPubKey).toEqual(keys.publicJwk);
    expect(Object.keys(payload.acsEphemPubKey as object).sort()).toEqual(['crv', 'kty', 'x', 'y']);
    const x5c = headerOf(ares.acsSignedContent).x5c as string[];
    expect(x5c).toHaveLength(2);

    expect(acsRenderingType).toEqual({
      acsInterface: '01',
      acsUiTemplate: '01',
      ...(version === '2.3.1' ? { deviceUserInterfaceMode: '01' } : {}),
    });
  });

  it('signs a fresh ACS ephemeral key per transaction', async () => {
    const first = sdkStart(await authenticate(version, cards.sms));
    const second = sdkStart(await authenticate(version, cards.sms));
    expect(first.signedContent.acsEphemPubKey).not.toEqual(second.signedContent.acsEphemPubKey);
  });

  it('is refused by an SDK that trusts another DS root, and for another SDK key', async () => {
    const exchange = await authenticate(version, cards.sms);
    const stranger = await createRootCa();
    expect(() =>
      startChallenge({ ...exchange, trustedRoots: stranger.pem, requireHttps: false }),
    ).toThrowError(/does not lead to a trusted DS root/);
    expect(() =>
      verifyAcsSignedContent(exchange.ares.acsSignedContent, {
        trustedRoots: dsRootPem,
        sdkEphemPubKey: createSdkEphemeralKeys().publicJwk,
        requireHttps: false,
      }),
    ).toThrowError(/not the key this SDK sent/);
  });

  it.each([
    ['an SMS card', '01', '01', cards.sms, everyScreen, 'sms'],
    ['an app-code card', '01', '01', cards.totp, everyScreen, 'totp'],
    ['a password card', '01', '01', cards.password, everyScreen, 'password'],
    ['a choice card with select support', '01', '02', cards.choice, everyScreen, 'choice'],
    ['a choice card on a text-only device', '01', '01', cards.choice, textOnly, 'sms'],
    ['an OOB card', '01', '04', cards.oob, everyScreen, 'oob'],
    ['an SMS card on an HTML-only device', '02', '05', cards.sms, htmlOnly, 'sms'],
    ['a choice card on an HTML-only device', '02', '05', cards.choice, htmlOnly, 'choice'],
    [
      'an OOB card on a device whose native screens lack OOB',
      '02',
      '05',
      cards.oob,
      { sdkInterface: '03', sdkUiType: ['01', '05'] },
      'oob',
    ],
  ] as const)('renders %s as %s/%s', async (_, acsInterface, acsUiTemplate, card, device, method) => {
    const exchange = await authenticate(version, card, device);
    const { acsRenderingType } = sdkStart(exchange);
    expect({
      acsInterface: acsRenderingType.acsInterface,
      acsUiTemplate: acsRenderingType.acsUiTemplate,
    }).toEqual({ acsInterface, acsUiTemplate });
    const reported = exchange.ares.authenticationMethod ?? exchange.ares.authenticationType;
    const codes = {
      sms: { old: '02', new: ['02'] },
      totp: { old: '02', new: ['04'] },
      password: { old: '01', new: ['01'] },
      oob: { old: '03', new: ['11'] },
      choice: { old: '02', new: ['02', '04', '01'] },
    } as const;
    expect(reported).toEqual(version === '2.3.1' ? codes[method].new : codes[method].old);
  });

  it('never gives a text-only device a select screen', async () => {
    for (const card of [cards.sms, cards.totp, cards.password, cards.choice]) {
      const { ares } = await authenticate(version, card, textOnly);
      expect(ares.acsRenderingType).toMatchObject({ acsInterface: '01', acsUiTemplate: '01' });
    }
  });

  it('answers U / 03 (unsupported device) when no screen of the device fits the card', async () => {
    for (const [card, device] of [
      [cards.oob, textOnly],
      [cards.sms, { sdkInterface: '01', sdkUiType: ['04'] }],
      [cards.choice, { sdkInterface: '02', sdkUiType: ['01', '02'] }],
    ] as const) {
      const { ares } = await authenticate(version, card, device);
      expect(ares).toMatchObject({ transStatus: 'U', transStatusReason: '03' });
      expect(ares).not.toHaveProperty('acsSignedContent');
      expect(ares).not.toHaveProperty('acsRenderingType');
    }
  });

  it('leaves a frictionless app AReq as it was, whatever the device', async () => {
    for (const device of [everyScreen, textOnly]) {
      const { ares } = await authenticate(version, cards.frictionless, device);
      expect(ares.transStatus).toBe('Y');
      expect(ares.sdkTransID).toBeDefined();
      for (const element of ['acsSignedContent', 'acsRenderingType', 'acsURL', 'transStatusReason']) {
        expect(ares).not.toHaveProperty(element);
      }
    }
  });
});
