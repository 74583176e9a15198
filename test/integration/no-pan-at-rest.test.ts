/**
 * docs/scaling.md: a PAN is held only as a keyed hash and a masked form. After running
 * every test card (and a PAN hidden in other fields), neither the database files nor the logs
 * contain any full test PAN.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validAReq } from '../support/areq-fixtures.ts';
import { createTestAcs, seedFile, type TestAcs } from '../support/test-acs.ts';

let acs: TestAcs;
beforeAll(async () => {
  acs = await createTestAcs({ ACS_LOG_LEVEL: 'debug' });
});
afterAll(() => acs.close());

describe('no PAN at rest', () => {
  it('keeps no full test PAN in the database or the logs', async () => {
    const pans = seedFile.cards.map((card) => card.pan);
    for (const pan of pans) {
      for (const version of ['2.1.0', '2.2.0', '2.3.1'] as const) {
        const areq = validAReq({
          version,
          channel: '02',
          acctNumber: pan,
          overrides: { merchantName: `Shop ${pan}` },
        });
        await request(acs.app)
          .post('/3ds/areq')
          .set('content-type', 'application/json')
          .send(JSON.stringify(areq));
      }
      // Also in a message that fails validation, and in a broken one.
      const bad = validAReq({
        version: '2.2.0',
        channel: '02',
        acctNumber: pan,
        overrides: { purchaseDate: 'x' },
      });
      await request(acs.app)
        .post('/3ds/areq')
        .set('content-type', 'application/json')
        .send(JSON.stringify(bad));
      await request(acs.app)
        .post('/3ds/areq')
        .set('content-type', 'application/json')
        .send(`{"acctNumber":"${pan}",`);
    }
    await acs.deps.store.close();
    const files = readdirSync(acs.dir).filter((name) => name.startsWith('acs.db'));
    expect(files).toContain('acs.db');
    const stored = files.map((name) => readFileSync(join(acs.dir, name)).toString('latin1')).join('\n');
    const logs = acs.logs.join('\n');
    expect(logs.length).toBeGreaterThan(0);
    const leaks = pans.filter((pan) => stored.includes(pan) || logs.includes(pan));
    expect(leaks).toEqual([]);
    // The masked form is there, so the check above is looking at real data.
    expect(stored).toContain('400000******0101');
  });
});
