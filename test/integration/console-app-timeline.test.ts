/**
 * An app-channel transaction's timeline, as the console's transaction page and the admin API show
 * it: each CReq and CRes decrypted (what was typed masked, no code anywhere), with the size of the
 * JWE it travelled in beside it ("JWE, 1,234 bytes" on the page; `encryptedLength` in the admin
 * JSON, null for plain messages), the sizes being those of the JWEs actually exchanged.
 */
import { X509Certificate } from 'node:crypto';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureAdminKey } from '../../src/flows/admin/keys.ts';
import { validAReq } from '../support/areq-fixtures.ts';
import { latestCode } from '../support/challenge-driver.ts';
import { consoleLogin } from '../support/console-login.ts';
import { expectDocumented } from '../support/openapi-conformance.ts';
import { appAReqFields } from '../support/sdk-emulator/areq-app.ts';
import { startChallenge } from '../support/sdk-emulator/challenge-start.ts';
import { createSdkEphemeralKeys } from '../support/sdk-emulator/keys.ts';
import type { SdkSession } from '../support/sdk-emulator/session.ts';
import { createTestAcs, type TestAcs } from '../support/test-acs.ts';
import { startThreeDSServerDouble, type ThreeDSServerDouble } from '../support/three-ds-server-double.ts';

const smsPan = '4000000000001000';
const adminKey = 'console-app-timeline-admin-key-0123456789';

let acs: TestAcs;
let server: ThreeDSServerDouble;
let cookie: string;

/** The lengths of the JWEs exchanged, in order: CReq, CRes, CReq, CRes. */
const exchanged: number[] = [];
let session: SdkSession;
let code: string;

/** Posts one CReq to the acsURL; returns the answer's text, its length recorded with the CReq's. */
async function exchange(message: { body: string; contentType: string }): Promise<string> {
  const res = await request(acs.app)
    .post('/3ds/challenge')
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
  expect(res.headers['content-type']).toContain('application/jose');
  exchanged.push(message.body.length, (res.body as string).length);
  return res.body as string;
}

beforeAll(async () => {
  acs = await createTestAcs({ ACS_RREQ_TIMEOUT_MS: '1000' });
  server = await startThreeDSServerDouble();
  cookie = (await consoleLogin(acs, 'tess')).cookie;
  await ensureAdminKey(acs.deps, adminKey);

  const jwks = await request(acs.app).get('/.well-known/jwks.json').expect(200);
  const chain = (jwks.body.keys as { x5c?: string[] }[]).find((key) => key.x5c !== undefined)?.x5c ?? [];
  const dsRootPem = new X509Certificate(Buffer.from(chain.at(-1) ?? '', 'base64')).toString();
  const keys = createSdkEphemeralKeys();
  const areq = {
    ...validAReq({ version: '2.2.0', channel: '01', acctNumber: smsPan }),
    threeDSServerURL: server.rreqURL,
    ...(await appAReqFields({ messageVersion: '2.2.0', keys })),
  };
  const ares = await request(acs.app)
    .post('/3ds/areq')
    .set('content-type', 'application/json')
    .send(JSON.stringify(areq));
  expect(ares.body.transStatus).toBe('C');
  session = startChallenge({
    areq,
    ares: ares.body,
    keys,
    trustedRoots: dsRootPem,
    requireHttps: false,
  }).session;
  session.readScreen(await exchange(session.creq()), 'application/jose');
  code = await latestCode(acs, session.acsTransID);
  const done = session.readFinal(
    await exchange(session.creq({ challengeDataEntry: code })),
    'application/jose',
  );
  expect(done.transStatus).toBe('Y');
});
afterAll(async () => {
  await acs.close();
  await server.close();
});

describe("an app transaction's timeline", () => {
  it('shows each CReq and CRes decrypted on the console page, with the JWE size beside it', async () => {
    const res = await request(acs.app)
      .get(`/console/transactions/${session.acsTransID}`)
      .set('cookie', cookie);
    expect(res.status).toBe(200);
    const labels = [...res.text.matchAll(/>JWE, ([\d,]+) bytes</g)].map((m) =>
      Number(m[1]?.replace(/,/g, '')),
    );
    expect(labels).toEqual(exchanged);
    expect(res.text).toContain('CReq message (decrypted)');
    expect(res.text).toContain('CRes message (decrypted)');
    // The decrypted bodies: the CReq's fields, the screen's texts, the final transStatus.
    expect(res.text).toContain('&quot;sdkCounterStoA&quot;: &quot;001&quot;');
    expect(res.text).toContain('&quot;challengeDataEntry&quot;: &quot;***&quot;');
    expect(res.text).toContain('&quot;challengeInfoHeader&quot;: &quot;Visa Secure&quot;');
    expect(res.text).toContain('&quot;transStatus&quot;: &quot;Y&quot;');
    expect(res.text).not.toContain('encryptedLength');
    expect(res.text).not.toContain(code);
    expect(res.text).not.toContain(smsPan);
  });

  it('gives the admin API the decrypted body and encryptedLength, null for plain messages', async () => {
    const res = await request(acs.app)
      .get(`/api/admin/transactions/${session.acsTransID}`)
      .set('Authorization', `Bearer ${adminKey}`);
    expect(res.status).toBe(200);
    expectDocumented('get', '/api/admin/transactions/{acsTransID}', res);
    type Message = { messageType: string; body: Record<string, unknown>; encryptedLength: number | null };
    const messages = res.body.messages as Message[];
    const challengeMessages = messages.filter((m) => m.messageType === 'CReq' || m.messageType === 'CRes');
    expect(challengeMessages.map((m) => m.encryptedLength)).toEqual(exchanged);
    expect(challengeMessages.map((m) => m.body.messageType)).toEqual(['CReq', 'CRes', 'CReq', 'CRes']);
    expect(challengeMessages.every((m) => !('encryptedLength' in m.body))).toBe(true);
    const plain = messages.filter((m) => m.messageType === 'AReq' || m.messageType === 'ARes');
    expect(plain).toHaveLength(2);
    expect(plain.every((m) => m.encryptedLength === null)).toBe(true);
    expect(JSON.stringify(res.body)).not.toContain(code);
  });
});
