/**
 * Over 300 lines: the whole "must show" matrix (every story x 3 versions x 2 encs) shares
 * one ACS, one 3DS Server double and the helpers below; split, each file would repeat them.
 *
 * The app channel's challenge end to end over HTTP, driven by the SDK emulator
 * (test/support/sdk-emulator), which encrypts each CReq and validates each CRes the way Stripe's
 * SDK does. For 2.1.0, 2.2.0 and 2.3.1 and both encs: SMS (wrong code, then right), TOTP, static
 * password, choice, out of band, the security question (multi-select: wrong set, then right), HTML,
 * resend, cancel, three wrong codes, a tampered JWE and a
 * replayed counter (each ending the transaction once, with one report to the 3DS Server). Then
 * the other refused CReqs (unknown kid, other version, SDK Erro) and the timeouts. No test sleeps:
 * the first RReq attempt is awaited before the CRes is answered, and time moves by acs.advance.
 */
import { X509Certificate } from 'node:crypto';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sweepTimeouts } from '../../src/flows/challenge/sweep-timeouts.ts';
import { currentTotp } from '../../src/otp/totp.ts';
import { validAReq } from '../support/areq-fixtures.ts';
import { latestCode } from '../support/challenge-driver.ts';
import { appAReqFields } from '../support/sdk-emulator/areq-app.ts';
import { startChallenge } from '../support/sdk-emulator/challenge-start.ts';
import type { CReqFields } from '../support/sdk-emulator/creq.ts';
import type { ChallengeScreen } from '../support/sdk-emulator/cres-validation.ts';
import { tamperCiphertext } from '../support/sdk-emulator/jwe.ts';
import { createSdkEphemeralKeys } from '../support/sdk-emulator/keys.ts';
import type {
  ContentEncryption,
  DeviceRenderOptions,
  MessageVersion,
} from '../support/sdk-emulator/protocol-types.ts';
import type { CReqOptions, SdkSession } from '../support/sdk-emulator/session.ts';
import { createTestAcs, type TestAcs } from '../support/test-acs.ts';
import { startThreeDSServerDouble, type ThreeDSServerDouble } from '../support/three-ds-server-double.ts';

const versions: readonly MessageVersion[] = ['2.1.0', '2.2.0', '2.3.1'];
const encs: readonly ContentEncryption[] = ['A128CBC-HS256', 'A128GCM'];
const totpSecret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

/** Test cards of data/test-cards.json (README.md's card table). */
const cards = {
  sms: '4000000000001000',
  totp: '4000000000001109',
  choice: '4000000000001208',
  oob: '4000000000001307',
  password: '4000000000001406',
  kba: '4000000000001604',
} as const;

/** The security question's right set (src/flows/challenge/kba-question.ts, README.md). */
const kbaRightSet = ['book', 'cine'];

const everyScreen: DeviceRenderOptions = { sdkInterface: '03', sdkUiType: ['01', '02', '03', '04', '05'] };
const htmlOnly: DeviceRenderOptions = { sdkInterface: '02', sdkUiType: ['01', '02', '03', '04', '05'] };

let acs: TestAcs;
let server: ThreeDSServerDouble;
let dsRootPem: string;
const acsPath = '/3ds/challenge';

beforeAll(async () => {
  acs = await createTestAcs({ ACS_RREQ_RETRY_DELAY_MS: '20', ACS_RREQ_TIMEOUT_MS: '1000' });
  server = await startThreeDSServerDouble();
  const jwks = await request(acs.app).get('/.well-known/jwks.json').expect(200);
  const chain = (jwks.body.keys as { x5c?: string[] }[]).find((key) => key.x5c !== undefined)?.x5c ?? [];
  dsRootPem = new X509Certificate(Buffer.from(chain[chain.length - 1] ?? '', 'base64')).toString();
});
afterAll(async () => {
  await acs.close();
  await server.close();
});
beforeEach(() => {
  server.mode = 'ok';
  server.received.length = 0;
  acs.advance(60_000); // a fresh TOTP time step for every test
});

/** AReq -> ARes C -> the SDK's session (acsSignedContent checked, key agreed). */
async function begin(
  pan: string,
  options: { version?: MessageVersion; enc?: ContentEncryption; device?: DeviceRenderOptions } = {},
): Promise<SdkSession> {
  const version = options.version ?? '2.2.0';
  const keys = createSdkEphemeralKeys();
  const areq = {
    ...validAReq({ version, channel: '01', acctNumber: pan }),
    threeDSServerURL: server.rreqURL,
    ...(await appAReqFields({
      messageVersion: version,
      keys,
      deviceRenderOptions: options.device ?? everyScreen,
    })),
  };
  const res = await request(acs.app)
    .post('/3ds/areq')
    .set('content-type', 'application/json')
    .send(JSON.stringify(areq));
  expect(res.status).toBe(200);
  expect(res.body.transStatus).toBe('C');
  const { session } = startChallenge({
    areq,
    ares: res.body,
    keys,
    trustedRoots: dsRootPem,
    requireHttps: false,
    enc: options.enc ?? 'A128CBC-HS256',
  });
  expect(new URL(session.acsURL ?? '').pathname).toBe(acsPath);
  return session;
}

type Sent = Readonly<{ body: string; contentType: string }>;

/**
 * The SDK's next CReq. 2.3.1 Table A.1 makes oobAppURLInd required in every app CReq; the
 * emulator, written from Stripe's SDK (which predates 2.3.1), leaves it out, so it is added here.
 */
function creq(session: SdkSession, fields: CReqFields = {}, options: CReqOptions = {}) {
  if (session.messageVersion !== '2.3.1') return session.creq(fields, options);
  return session.creq(fields, { ...options, overrides: { oobAppURLInd: '01', ...options.overrides } });
}

async function post(message: Sent) {
  const res = await request(acs.app)
    .post(acsPath)
    .set('Content-Type', message.contentType)
    .send(message.body)
    .buffer(true)
    .parse((response, callback) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        text += chunk;
      });
      response.on('end', () => callback(null, text));
    });
  return { text: res.body as string, type: res.headers['content-type'] as string, status: res.status };
}

async function screen(session: SdkSession, message: Sent) {
  const res = await post(message);
  return session.readScreen(res.text, res.type, res.status);
}

async function final(session: SdkSession, message: Sent) {
  const res = await post(message);
  return session.readFinal(res.text, res.type, res.status);
}

async function erro(session: SdkSession, message: Sent) {
  const res = await post(message);
  const answer = session.readCRes(res.text, res.type, res.status);
  if (answer.kind !== 'erro') throw new Error('expected an Erro');
  expect(answer.encrypted).toBe(false);
  return answer.erro;
}

async function timeline(acsTransID: string) {
  return acs.deps.store.listMessages(acsTransID);
}

/** Every version with every enc: the "must show" matrix. */
const matrix = versions.flatMap((version) => encs.map((enc) => ({ version, enc })));

/**
 * issuerImage and psImage of a native screen: the ACS's own PNGs at absolute URLs under
 * ACS_PUBLIC_URL (http://acs.test in the test ACS), each one served.
 */
async function expectOwnImages(shown: ChallengeScreen): Promise<void> {
  for (const [image, name] of [
    [shown.issuerImage, 'sandbox-bank'],
    [shown.psImage, 'payment-scheme'],
  ] as const) {
    const base = `http://acs.test/static/challenge-images/${name}`;
    expect(image).toEqual({
      medium: `${base}-medium.png`,
      high: `${base}-high.png`,
      extraHigh: `${base}-extra-high.png`,
    });
    for (const url of Object.values(image ?? {})) {
      const res = await request(acs.app).get(new URL(url).pathname).expect(200);
      expect(res.headers['content-type']).toBe('image/png');
    }
  }
}

/** A code the SMS did not carry. */
const otherThan = (code: string) => (code === '000000' ? '111111' : '000000');

/** The reports (RReq or Erro) the 3DS Server got about `acsTransID`. */
const reportsAbout = (acsTransID: string) => server.received.filter((m) => m.acsTransID === acsTransID);

describe.each(matrix)('every story on the app channel, $version with $enc', ({ version, enc }) => {
  it('SMS: refuses a wrong code, accepts the right one', async () => {
    const session = await begin(cards.sms, { version, enc });
    const first = await screen(session, creq(session));
    expect(first.acsUiType).toBe('01');
    expect(first.texts.challengeInfoHeader).toBe('Visa Secure');
    expect(String(first.texts.challengeInfoText)).toMatch(/••\d\d\b/);
    expect(first.texts.resendInformationLabel).toBe('Send a new code');
    await expectOwnImages(first);

    const code = await latestCode(acs, session.acsTransID);
    const wrong = await screen(session, creq(session, { challengeDataEntry: otherThan(code) }));
    expect(wrong.challengeInfoTextIndicator).toBe(true);
    expect(String(wrong.texts.challengeInfoText)).toContain('not correct');

    const done = await final(session, creq(session, { challengeDataEntry: code }));
    expect(done.transStatus).toBe('Y');
    expect(server.received).toHaveLength(1);
    expect(server.received[0]).toMatchObject({
      messageType: 'RReq',
      transStatus: 'Y',
      sdkTransID: session.sdkTransID,
      interactionCounter: '02',
      acsRenderingType: { acsInterface: '01', acsUiTemplate: '01' },
    });

    const messages = await timeline(session.acsTransID);
    const creqs = messages.filter((m) => m.messageType === 'CReq');
    const cress = messages.filter((m) => m.messageType === 'CRes');
    expect(creqs).toHaveLength(3);
    expect(cress).toHaveLength(3);
    expect(creqs[1]?.body.challengeDataEntry).toBe('***');
    expect(typeof cress[2]?.body.encryptedLength).toBe('number');
    expect(JSON.stringify(messages)).not.toContain(code);
  });

  it('TOTP: accepts the authenticator app code', async () => {
    const session = await begin(cards.totp, { version, enc });
    const first = await screen(session, creq(session));
    expect(first.acsUiType).toBe('01');
    expect(first.texts.resendInformationLabel).toBeUndefined();
    const code = currentTotp(totpSecret, acs.deps.clock().getTime());
    expect((await final(session, creq(session, { challengeDataEntry: code }))).transStatus).toBe('Y');
    expect(server.received[0]).toMatchObject({ transStatus: 'Y', sdkTransID: session.sdkTransID });
  });

  it('static password: accepts it after a wrong one', async () => {
    const session = await begin(cards.password, { version, enc });
    expect((await screen(session, creq(session))).acsUiType).toBe('01');
    const wrong = await screen(session, creq(session, { challengeDataEntry: 'not-the-password' }));
    expect(String(wrong.texts.challengeInfoText)).toContain('password');
    const done = await final(session, creq(session, { challengeDataEntry: 'sandbox-password' }));
    expect(done.transStatus).toBe('Y');
  });

  it('choice: the cardholder selects a method, then completes it', async () => {
    const session = await begin(cards.choice, { version, enc });
    const choice = await screen(session, creq(session));
    expect(choice.acsUiType).toBe('02');
    expect((choice.selectOptions ?? []).map((o) => o.name)).toContain('totp');
    await expectOwnImages(choice);
    const text = await screen(session, creq(session, { challengeDataEntry: 'totp' }));
    expect(text.acsUiType).toBe('01');
    const code = currentTotp(totpSecret, acs.deps.clock().getTime());
    expect((await final(session, creq(session, { challengeDataEntry: code }))).transStatus).toBe('Y');
    expect(server.received[0]).toMatchObject({
      transStatus: 'Y',
      acsRenderingType: { acsInterface: '01', acsUiTemplate: '02' },
    });
  });

  it('out of band: approved in the bank app, then oobContinue', async () => {
    const session = await begin(cards.oob, { version, enc });
    const oob = await screen(session, creq(session));
    expect(oob.acsUiType).toBe('04');
    await expectOwnImages(oob);
    // oobAppURL and oobAppLabel exist from 2.2.0 (the emulator refuses them in 2.1.0).
    if (version === '2.1.0') expect(oob.texts.oobAppURL).toBeUndefined();
    else expect(oob.texts.oobAppURL).toMatch(/\/sandbox\/bank-app$/);
    const early = await screen(session, creq(session, { oobContinue: true }));
    expect(String(early.texts.challengeInfoText)).toContain('not approved yet');
    await request(acs.app)
      .post(`/sandbox/api/approvals/${session.acsTransID}`)
      .send({ decision: 'approve' })
      .expect(200);
    expect((await final(session, creq(session, { oobContinue: true }))).transStatus).toBe('Y');
  });

  it('security question: a multi-select screen; refuses a wrong set, accepts the right one', async () => {
    const session = await begin(cards.kba, { version, enc });
    const question = await screen(session, creq(session));
    expect(question.acsUiType).toBe('03');
    expect(String(question.texts.challengeInfoText)).toContain('merchants');
    expect(question.texts.resendInformationLabel).toBeUndefined();
    expect((question.selectOptions ?? []).map((o) => o.name)).toEqual([
      'bake',
      'book',
      'park',
      'groc',
      'cine',
    ]);
    await expectOwnImages(question);

    const wrong = await screen(session, creq(session, { selection: ['book', 'park'] }));
    expect(wrong.acsUiType).toBe('03');
    expect(wrong.challengeInfoTextIndicator).toBe(true);
    expect(String(wrong.texts.challengeInfoText)).toContain('not correct');
    expect(String(wrong.texts.challengeInfoText)).toContain('2 attempts left');
    // Only the right set: one of the two right options alone is wrong as well.
    await screen(session, creq(session, { selection: ['cine'] }));

    const done = await final(session, creq(session, { selection: kbaRightSet }));
    expect(done.transStatus).toBe('Y');
    expect(server.received).toHaveLength(1);
    expect(server.received[0]).toMatchObject({
      transStatus: 'Y',
      sdkTransID: session.sdkTransID,
      interactionCounter: '03',
      acsRenderingType: { acsInterface: '01', acsUiTemplate: '03' },
      // Knowledge-based: 2.1.0 / 2.2.0 authenticationType 01 static, 2.3.1 authenticationMethod 06 KBA.
      ...(version === '2.3.1' ? { authenticationMethod: ['06'] } : { authenticationType: '01' }),
    });
  });

  it('HTML: draws every screen in HTML for a device that only has HTML', async () => {
    const session = await begin(cards.sms, { version, enc, device: htmlOnly });
    const page = await screen(session, creq(session));
    expect(page.acsUiType).toBe('05');
    // Table A.20: an HTML screen carries acsHTML alone, no images.
    expect(page.issuerImage).toBeUndefined();
    expect(page.psImage).toBeUndefined();
    const html = page.html ?? '';
    expect(html).toContain('action="HTTPS://EMV3DS/challenge"');
    expect(html).toContain('name="code"');
    const code = await latestCode(acs, session.acsTransID);
    const wrong = await screen(
      session,
      creq(session, { challengeHTMLDataEntry: `code=${otherThan(code)}&action=submit` }),
    );
    expect(wrong.html).toContain('not correct');
    const done = await final(
      session,
      creq(session, { challengeHTMLDataEntry: `code=${code}&action=submit` }),
    );
    expect(done.transStatus).toBe('Y');
    expect(server.received[0]).toMatchObject({
      acsRenderingType: { acsInterface: '02', acsUiTemplate: '05' },
    });
  });

  it('resend: a new code goes out on resendChallenge; the old one is refused', async () => {
    const session = await begin(cards.sms, { version, enc });
    await screen(session, creq(session));
    const old = await latestCode(acs, session.acsTransID);
    const resent = await screen(session, creq(session, { resendChallenge: 'Y' }));
    expect(String(resent.texts.challengeInfoText)).toContain('new code');
    const fresh = await latestCode(acs, session.acsTransID);
    expect(fresh).not.toBe(old);
    const refused = await screen(session, creq(session, { challengeDataEntry: old }));
    expect(refused.challengeInfoTextIndicator).toBe(true);
    expect((await final(session, creq(session, { challengeDataEntry: fresh }))).transStatus).toBe('Y');
  });

  it('cancel: final N and RReq challengeCancel 01', async () => {
    const session = await begin(cards.sms, { version, enc });
    await screen(session, creq(session));
    expect((await final(session, creq(session, { challengeCancel: '01' }))).transStatus).toBe('N');
    expect(server.received).toHaveLength(1);
    expect(server.received[0]).toMatchObject({ transStatus: 'N', challengeCancel: '01' });
  });

  it('three wrong codes: N/19', async () => {
    const session = await begin(cards.sms, { version, enc });
    await screen(session, creq(session));
    const wrongCode = otherThan(await latestCode(acs, session.acsTransID));
    await screen(session, creq(session, { challengeDataEntry: wrongCode }));
    await screen(session, creq(session, { challengeDataEntry: wrongCode }));
    expect((await final(session, creq(session, { challengeDataEntry: wrongCode }))).transStatus).toBe('N');
    expect(server.received).toHaveLength(1);
    expect(server.received[0]).toMatchObject({ transStatus: 'N', transStatusReason: '19' });
  });

  it('tampered JWE: Erro 302, the challenge ends once, one report', async () => {
    const session = await begin(cards.sms, { version, enc });
    await screen(session, creq(session));
    const bad = creq(session, { challengeDataEntry: '123456' });
    const answer = await erro(session, { ...bad, body: tamperCiphertext(bad.body) });
    expect(answer.errorCode).toBe('302');
    expect((await acs.deps.store.getTransaction(session.acsTransID))?.result).toMatchObject({
      transStatus: 'U',
      transStatusReason: '07',
    });
    // The right code afterwards changes nothing: no second result, no second report. The first
    // RReq attempt is awaited before the answer (notify-requestor.ts), so no wait is needed.
    const late = await post(creq(session, { challengeDataEntry: await latestCode(acs, session.acsTransID) }));
    expect(late.type).toContain('application/json');
    expect(JSON.parse(late.text).errorCode).toBe('301');
    expect(reportsAbout(session.acsTransID)).toHaveLength(1);
    if (version === '2.3.1') {
      expect(server.received[0]).toMatchObject({ messageType: 'RReq', challengeCancel: '10' });
    } else {
      expect(server.received[0]).toMatchObject({ messageType: 'Erro', errorCode: '302' });
    }
    expect((await acs.deps.store.getTransaction(session.acsTransID))?.result?.transStatus).toBe('U');
  });

  it('replayed counter: Erro 302, the challenge ends once, one report', async () => {
    const session = await begin(cards.sms, { version, enc });
    await screen(session, creq(session));
    const code = await latestCode(acs, session.acsTransID);
    await screen(session, creq(session, { challengeDataEntry: otherThan(code) }));
    const replay = await erro(session, creq(session, { challengeDataEntry: code }, { counter: 1 }));
    expect(replay).toMatchObject({ errorCode: '302', errorDetail: 'sdkCounterStoA' });
    // The next CReq in sequence, with the right code, finds the challenge over.
    const late = await post(creq(session, { challengeDataEntry: code }));
    expect(JSON.parse(late.text).errorCode).toBe('301');
    expect(reportsAbout(session.acsTransID)).toHaveLength(1);
    if (version === '2.3.1') {
      expect(server.received[0]).toMatchObject({ transStatus: 'U', challengeCancel: '10' });
    } else {
      expect(server.received[0]).toMatchObject({ messageType: 'Erro', errorCode: '302' });
    }
    expect((await acs.deps.store.getTransaction(session.acsTransID))?.result?.transStatus).toBe('U');
  });
});

describe('the security question on other devices', () => {
  it('draws checkboxes in HTML for a device that only has HTML, and judges the ticked set', async () => {
    const session = await begin(cards.kba, { device: htmlOnly });
    const page = await screen(session, creq(session));
    expect(page.acsUiType).toBe('05');
    const html = page.html ?? '';
    expect(html.match(/type="checkbox" name="code"/g)).toHaveLength(5);
    expect(html).toContain('value="cine"');
    const wrong = await screen(session, creq(session, { challengeHTMLDataEntry: 'code=bake&action=submit' }));
    expect(wrong.html).toContain('not correct');
    const done = await final(
      session,
      creq(session, { challengeHTMLDataEntry: 'code=cine&code=book&action=submit' }),
    );
    expect(done.transStatus).toBe('Y');
    expect(server.received[0]).toMatchObject({
      acsRenderingType: { acsInterface: '02', acsUiTemplate: '05' },
    });
  });

  it('answers U / 03 (unsupported device) to a native device that has no multi-select', async () => {
    const areq = {
      ...validAReq({ version: '2.2.0', channel: '01', acctNumber: cards.kba }),
      threeDSServerURL: server.rreqURL,
      ...(await appAReqFields({
        messageVersion: '2.2.0',
        keys: createSdkEphemeralKeys(),
        deviceRenderOptions: { sdkInterface: '01', sdkUiType: ['01', '02', '04'] },
      })),
    };
    const res = await request(acs.app).post('/3ds/areq').send(areq).expect(200);
    expect(res.body).toMatchObject({ transStatus: 'U', transStatusReason: '03' });
  });
});

describe('refused app CReqs', () => {
  it('answers 301 to a kid that names no app transaction, and ends nothing', async () => {
    const session = await begin(cards.sms);
    // Nothing could be decrypted, so the Erro echoes no ID it cannot know (Table A.1: "if available").
    const res = await post(creq(session, {}, { kid: '8a880dc0-d2d2-4067-bcb1-b08d1690b26e' }));
    expect(res.status).toBe(200);
    expect(res.type).toContain('application/json');
    expect(JSON.parse(res.text)).toMatchObject({ messageType: 'Erro', errorCode: '301', errorDetail: 'kid' });
    expect((await acs.deps.store.getTransaction(session.acsTransID))?.state).toBe('awaiting-creq');
  });

  it('answers 305 to a CReq of another messageVersion', async () => {
    const session = await begin(cards.sms, { version: '2.2.0' });
    const answer = await erro(session, creq(session, {}, { overrides: { messageVersion: '2.1.0' } }));
    expect(answer.errorCode).toBe('305');
  });

  it.each(versions)('ends the transaction when the SDK posts an Erro (%s)', async (version) => {
    const session = await begin(cards.sms, { version });
    await screen(session, creq(session));
    const res = await post(
      session.erro({ errorCode: '203', errorDetail: 'acsUiType', errorMessageType: 'CRes' }),
    );
    expect(res.status).toBeLessThan(300);
    expect((await acs.deps.store.getTransaction(session.acsTransID))?.result?.transStatus).toBe('U');
    await server.waitFor(1);
    expect(server.received).toHaveLength(1);
    const [report] = server.received;
    if (version === '2.3.1') {
      // 2.3.1: an RReq with challengeCancel 09 (an Erro in response to the CRes) carrying the SDK's Erro.
      expect(report).toMatchObject({
        messageType: 'RReq',
        transStatus: 'U',
        challengeCancel: '09',
        challengeErrorReporting: { errorCode: '203', errorComponent: 'C', errorMessageType: 'CRes' },
      });
    } else {
      expect(report).toMatchObject({ messageType: 'Erro', errorCode: '203' });
    }
  });
});

describe('the code-post limit on the app channel', () => {
  // Its own ACS (same keys, so the same DS root) allowing two answers per address per minute.
  let shared: TestAcs;
  beforeAll(async () => {
    shared = acs;
    acs = await createTestAcs({
      ACS_KEYS_DIR: join(shared.dir, 'keys'),
      ACS_LIMIT_CODE_POSTS_PER_ADDRESS: '2',
      ACS_RREQ_TIMEOUT_MS: '1000',
    });
  });
  afterAll(async () => {
    await acs.close();
    acs = shared;
  });

  it('answers Erro 403 to an answer over the limit, ends the transaction once, and counts again a minute later', async () => {
    const first = await begin(cards.sms, { enc: 'A128GCM' });
    await screen(first, creq(first));
    const firstCode = await latestCode(acs, first.acsTransID);
    await screen(first, creq(first, { challengeDataEntry: otherThan(firstCode) }));

    const second = await begin(cards.sms, { version: '2.3.1' });
    await screen(second, creq(second));
    // Neither resending nor the first screen is an answer: they are not counted.
    await screen(second, creq(second, { resendChallenge: 'Y' }));
    const code = await latestCode(acs, second.acsTransID);
    await screen(second, creq(second, { challengeDataEntry: otherThan(code) }));

    const res = await post(creq(second, { challengeDataEntry: code }));
    expect(res.status).toBe(200);
    expect(res.type).toContain('application/json');
    expect(JSON.parse(res.text)).toMatchObject({
      messageType: 'Erro',
      errorCode: '403',
      errorDetail: 'codePostsPerAddress',
      acsTransID: second.acsTransID,
    });
    expect((await acs.deps.store.getTransaction(second.acsTransID))?.result).toMatchObject({
      transStatus: 'U',
      transStatusReason: '07',
    });
    expect(reportsAbout(second.acsTransID)).toEqual([
      expect.objectContaining({ messageType: 'RReq', transStatus: 'U', challengeCancel: '10' }),
    ]);
    // The first transaction is still open, and a minute later its right code is accepted.
    acs.advance(61_000);
    expect((await final(first, creq(first, { challengeDataEntry: firstCode }))).transStatus).toBe('Y');
  });
});

describe('timeouts on the app channel', () => {
  it('answers 402 to a first CReq after its deadline, and ends N/14 with challengeCancel 05', async () => {
    const session = await begin(cards.sms);
    acs.advance((acs.deps.config.challenge.creqTimeoutSeconds + 1) * 1000);
    const res = await post(creq(session));
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toMatchObject({ messageType: 'Erro', errorCode: '402' });
    await server.waitFor(1);
    expect(server.received[0]).toMatchObject({
      transStatus: 'N',
      transStatusReason: '14',
      challengeCancel: '05',
    });
  });

  it('ends an open challenge left too long (N/14, challengeCancel 04); a later CReq gets 301', async () => {
    const session = await begin(cards.sms);
    await screen(session, creq(session));
    acs.advance((acs.deps.config.challenge.timeoutSeconds + 1) * 1000);
    expect(await sweepTimeouts(acs.deps)).toBeGreaterThanOrEqual(1);
    // The sweep also ends what earlier tests left open: only this transaction's reports count.
    const mine = () => server.received.filter((m) => m.acsTransID === session.acsTransID);
    await expect.poll(() => mine().length).toBe(1);
    expect(mine()[0]).toMatchObject({
      transStatus: 'N',
      challengeCancel: '04',
      acsRenderingType: { acsInterface: '01', acsUiTemplate: '01' },
    });
    const late = await post(creq(session, { challengeDataEntry: '123456' }));
    expect(JSON.parse(late.text)).toMatchObject({ errorCode: '301' });
    expect(mine()).toHaveLength(1);
  });
});
