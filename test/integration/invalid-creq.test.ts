/**
 * A first CReq that names a waiting transaction but breaks the rules (docs/flows.md, "An invalid
 * CReq"; docs/errors.md). The transaction ends U/07 and the Erro replaces the CRes at the
 * notificationURL in every version; the 3DS Server gets the Erro itself in 2.1.0 and 2.2.0, and
 * in 2.3.1 an RReq with challengeCancel 10 and the Erro as challengeErrorReporting (2.3.1 Table
 * A.1, RReq), which the independent RReq checker must accept.
 */
import request from 'supertest';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ensureAdminKey } from '../../src/flows/admin/keys.ts';
import {
  encodeCReq,
  hiddenValue,
  postedCRes,
  startChallengeAuthentication,
} from '../support/challenge-driver.ts';
import { checkErro } from '../support/message-rules/check-erro.ts';
import { checkRReq } from '../support/message-rules/check-rreq.ts';
import { expectDocumented } from '../support/openapi-conformance.ts';
import { createTestAcs, type TestAcs } from '../support/test-acs.ts';
import { startThreeDSServerDouble, type ThreeDSServerDouble } from '../support/three-ds-server-double.ts';

const key = 'invalid-creq-test-admin-key-0123456789-abc';
const auth = { Authorization: `Bearer ${key}` };
const otherServerTransID = '0d4b4b2e-7d1c-4e39-9f6e-5a1f7c2b9e10';

let acs: TestAcs;
let server: ThreeDSServerDouble;
beforeAll(async () => {
  acs = await createTestAcs({ ACS_RREQ_RETRY_DELAY_MS: '10', ACS_RREQ_TIMEOUT_MS: '1000' });
  await ensureAdminKey(acs.deps, key);
  server = await startThreeDSServerDouble();
});
afterAll(async () => {
  await acs.close();
  await server.close();
});
beforeEach(() => {
  server.mode = 'ok';
  server.received.length = 0;
});

type Version = '2.1.0' | '2.2.0' | '2.3.1';

/** Starts a challenge and posts a CReq for it whose threeDSServerTransID is another one's. */
async function postInvalidCReq(version: Version) {
  const started = await startChallengeAuthentication(acs, { threeDSServerURL: server.rreqURL, version });
  const acsTransID = String(started.ares.acsTransID);
  const bad = { ...started.areq, threeDSServerTransID: otherServerTransID };
  const res = await request(acs.app)
    .post('/3ds/challenge')
    .type('form')
    .send({ creq: encodeCReq(bad, acsTransID), threeDSSessionData: 'abc' });
  return { ...started, acsTransID, res };
}

describe('an invalid first CReq', () => {
  it.each(['2.1.0', '2.2.0', '2.3.1'] as const)(
    'ends the transaction U/07 and posts the Erro to the notificationURL (%s)',
    async (version) => {
      const { res, acsTransID } = await postInvalidCReq(version);
      expect(res.status).toBe(200);
      expect(hiddenValue(res.text, 'threeDSSessionData')).toBe('abc');
      const erro = postedCRes(res.text);
      expect(
        checkErro(erro, {
          errorCode: '301',
          messageVersion: version,
          errorMessageType: 'CReq',
          ids: { acsTransID },
        }),
      ).toEqual([]);
      const tx = await acs.deps.store.getTransaction(acsTransID);
      expect(tx?.result).toMatchObject({ transStatus: 'U', transStatusReason: '07' });
      expect(tx?.result?.challengeCancel).toBe(version === '2.3.1' ? '10' : undefined);
    },
  );

  it.each(['2.1.0', '2.2.0'] as const)('sends the Erro itself to the 3DS Server (%s)', async (version) => {
    const { acsTransID } = await postInvalidCReq(version);
    expect(server.received).toHaveLength(1);
    expect(server.received[0]).toMatchObject({
      messageType: 'Erro',
      errorCode: '301',
      messageVersion: version,
    });
    const attempts = await acs.deps.store.listRReqAttempts(acsTransID);
    expect(attempts.map((a) => [a.outcome, a.detail])).toEqual([
      ['delivered', 'Erro sent in place of an RReq'],
    ]);
  });

  it('sends a 2.3.1 RReq with challengeCancel 10 and the Erro as challengeErrorReporting', async () => {
    const { areq, ares, acsTransID, res } = await postInvalidCReq('2.3.1');
    const erro = postedCRes(res.text);
    expect(server.received).toHaveLength(1);
    const rreq = server.received[0];
    expect(checkRReq(rreq, { areq, ares })).toEqual([]);
    expect(rreq).toEqual({
      messageType: 'RReq',
      messageVersion: '2.3.1',
      threeDSServerTransID: areq.threeDSServerTransID,
      acsTransID,
      dsTransID: ares.dsTransID,
      messageCategory: '01',
      transStatus: 'U',
      transStatusReason: '07',
      interactionCounter: '00',
      challengeCancel: '10',
      challengeErrorReporting: erro,
    });
    const attempts = await acs.deps.store.listRReqAttempts(acsTransID);
    expect(attempts.map((a) => a.outcome)).toEqual(['delivered']);
    const kept = (await acs.deps.store.listMessages(acsTransID)).map(
      (m) => `${m.direction} ${m.messageType}`,
    );
    expect(kept).toEqual(['in AReq', 'out ARes', 'in CReq', 'out Erro', 'out RReq', 'in RRes']);
  });

  it('sends the same 2.3.1 RReq again on request, with its challengeErrorReporting', async () => {
    server.mode = 'fail';
    const { acsTransID } = await postInvalidCReq('2.3.1');
    const original = server.received[0];
    server.mode = 'ok';
    server.received.length = 0;
    const res = await request(acs.app).post(`/api/admin/transactions/${acsTransID}/rreq`).set(auth);
    expect(res.status).toBe(200);
    expectDocumented('post', '/api/admin/transactions/{acsTransID}/rreq', res);
    expect(res.body.rreq).toEqual(original);
    expect(server.received[0]).toEqual(original);
  });

  it('is refused by the checker when challengeCancel 10 comes without challengeErrorReporting', async () => {
    const { areq, ares } = await postInvalidCReq('2.3.1');
    const { challengeErrorReporting: _report, ...withoutReport } = server.received[0] ?? {};
    expect(checkRReq(withoutReport, { areq, ares })).toContain(
      'challengeErrorReporting is required when challengeCancel is 10',
    );
  });
});
