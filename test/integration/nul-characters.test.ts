/**
 * A NUL character (U+0000) cannot be stored in PostgreSQL text, and no 3DS element needs one:
 * it is refused where it enters (Erro 203 for a text element, the invalid-CReq path for
 * threeDSSessionData), on both stores, never a 500 from the database.
 */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validAReq } from '../support/areq-fixtures.ts';
import { encodeCReq } from '../support/challenge-driver.ts';
import { createTestAcs, type TestAcs } from '../support/test-acs.ts';

let acs: TestAcs;
beforeAll(async () => {
  acs = await createTestAcs();
});
afterAll(() => acs.close());

describe('a NUL character', () => {
  it('in a text element is Erro 203 naming it', async () => {
    const areq = validAReq({
      version: '2.2.0',
      channel: '02',
      acctNumber: '4000000000000101',
      overrides: { merchantName: 'Shop\u0000' },
    });
    const res = await request(acs.app)
      .post('/3ds/areq')
      .set('content-type', 'application/json')
      .send(JSON.stringify(areq));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ messageType: 'Erro', errorCode: '203', errorDetail: 'merchantName' });
  });

  it('in threeDSSessionData is refused as an invalid CReq, with no server error', async () => {
    const areq = validAReq({ version: '2.2.0', channel: '02', acctNumber: '4000000000001000' });
    const ares = await request(acs.app)
      .post('/3ds/areq')
      .set('content-type', 'application/json')
      .send(JSON.stringify(areq));
    expect(ares.body.transStatus).toBe('C');
    const res = await request(acs.app)
      .post('/3ds/challenge')
      .type('form')
      .send({ creq: encodeCReq(areq, String(ares.body.acsTransID)), threeDSSessionData: 'a\u0000b' });
    expect(res.status).toBeLessThan(500);
    const stored = await acs.deps.store.getTransaction(String(ares.body.acsTransID));
    expect(stored?.state).toBe('final');
    expect(stored?.result?.transStatus).toBe('U');
  });
});
