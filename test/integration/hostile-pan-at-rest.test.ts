/**
 * A PAN is masked before any message is stored, whatever its JSON type or place (docs/security.md): a JSON number (exact below 2^53, so its digits are the PAN), `...106.0`, an
 * array item, a number inside messageExtension data, an object key, deep nesting, grouped
 * digits, a PAN inside a longer run of digits, a whole body that is just a number. Each case
 * uses its own PAN, so a leak names the case; the database file, its WAL and the logs are read
 * as bytes afterwards.
 */
import { existsSync, readFileSync } from 'node:fs';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureAdminKey } from '../../src/flows/admin/keys.ts';
import { validAReq } from '../support/areq-fixtures.ts';
import {
  latestCode,
  openWindow,
  postAction,
  postedCRes,
  startChallengeAuthentication,
} from '../support/challenge-driver.ts';
import { createTestAcs, type TestAcs } from '../support/test-acs.ts';

const adminKey = 'hostile-pan-admin-key-0123456789-abcdefghij';

let acs: TestAcs;
beforeAll(async () => {
  acs = await createTestAcs({ ACS_LOG_LEVEL: 'debug' });
});
afterAll(async () => {
  await acs.close();
});

/** Every byte SQLite holds on disk for the test database (main file, WAL, shared memory). */
function databaseBytes(): string {
  const path = acs.deps.config.database.path;
  return [path, `${path}-wal`, `${path}-shm`]
    .filter((file) => existsSync(file))
    .map((file) => readFileSync(file).toString('latin1'))
    .join('\n');
}

/** An AReq as text with `"acctNumber"`'s value (and anything else) spliced in raw. */
function areqText(replace: Record<string, string>, overrides: Record<string, unknown> = {}): string {
  const marker = (name: string) => `"@@${name}@@"`;
  const areq = validAReq({
    version: '2.2.0',
    channel: '02',
    overrides: { ...overrides, ...Object.fromEntries(Object.keys(replace).map((k) => [k, `@@${k}@@`])) },
  });
  let text = JSON.stringify(areq);
  for (const [name, raw] of Object.entries(replace)) text = text.replace(marker(name), raw);
  return text;
}

function extension(data: string): string {
  return `[{"name":"x","id":"ext-1","criticalityIndicator":false,"data":${data}}]`;
}

/** [case, body, the PAN it carries] — each PAN Luhn-valid and used once. */
const cases: readonly (readonly [string, string, string])[] = [
  ['acctNumber as a JSON number', areqText({ acctNumber: '4000000000000200' }), '4000000000000200'],
  ['acctNumber as 5200000000000106.0', areqText({ acctNumber: '5200000000000106.0' }), '5200000000000106'],
  ['acctNumber in an array', areqText({ acctNumber: '[5200000000000205]' }), '5200000000000205'],
  ['acctNumber as an object', areqText({ acctNumber: '{"pan":4000000000000309}' }), '4000000000000309'],
  [
    'a PAN as a number in messageExtension data',
    areqText({ messageExtension: extension('{"card":5200000000000304,"list":[1,2]}') }),
    '5200000000000304',
  ],
  [
    'a PAN as an object key in messageExtension data',
    areqText({ messageExtension: extension('{"4000000000000408":"x"}') }),
    '4000000000000408',
  ],
  ['a PAN as a top-level key', areqText({ '5200000000000403': 'true' }), '5200000000000403'],
  [
    'a PAN nested twenty levels deep',
    areqText({ messageExtension: extension(`${'{"a":'.repeat(20)}4000000000000507${'}'.repeat(20)}`) }),
    '4000000000000507',
  ],
  ['a number PAN with a fraction', areqText({ purchaseAmount: '5200000000000502.25' }), '5200000000000502'],
  ['a number PAN with an exponent', areqText({ purchaseAmount: '4.000000000000606e15' }), '4000000000000606'],
  ['a PAN in grouped digits', areqText({}, { merchantName: 'Shop 5200-0000-0000-0601' }), '5200000000000601'],
  [
    'a PAN inside a longer run of digits',
    areqText({}, { acctID: '00400000000000100000' }),
    '4000000000001000',
  ],
  ['a PAN in a string number', areqText({ acctNumber: '"5200000000001005.0"' }), '5200000000001005'],
  ['a whole body that is a number', '4000000000001109', '4000000000001109'],
  ['a whole body that is an array', '[5200000000001104, "5200000000001104"]', '5200000000001104'],
];

describe('no PAN at rest, whatever its JSON type or place', () => {
  it('answers each hostile AReq and stores no full PAN in the database, WAL or logs', async () => {
    for (const [name, body] of cases) {
      const res = await request(acs.app).post('/3ds/areq').set('content-type', 'application/json').send(body);
      expect(res.status, name).toBe(200);
      expect(['ARes', 'Erro'], name).toContain(res.body.messageType);
    }
    // The same hostile shapes in a PReq.
    await request(acs.app)
      .post('/3ds/preq')
      .set('content-type', 'application/json')
      .send('{"messageType":"PReq","serialNum":5200000000001203,"5200000000001203":[4000000000001208]}');

    const stored = databaseBytes();
    const logs = acs.logs.join('\n');
    const leaks = [
      ...cases.map(([name, , pan]) => [name, pan] as const),
      ['PReq', '5200000000001203'] as const,
    ].flatMap(([name, pan]) => [
      ...(stored.includes(pan) ? [`${name}: database`] : []),
      ...(logs.includes(pan) ? [`${name}: logs`] : []),
    ]);
    expect(leaks).toEqual([]);
    // The masked forms are there: the check above looked at real data.
    expect(stored.includes('400000******0200') && stored.includes('520000******0304')).toBe(true);
  });

  it('keeps the masked message readable in the timeline', async () => {
    const text = areqText({
      messageExtension: extension(
        '{"card":5200000000001302,"5200000000001302":"k","n":[5200000000001302.0]}',
      ),
    });
    const res = await request(acs.app).post('/3ds/areq').set('content-type', 'application/json').send(text);
    expect(['ARes', 'Erro']).toContain(res.body.messageType);
    const stored = databaseBytes();
    expect(stored.includes('5200000000001302'), 'the PAN is stored').toBe(false);
    expect(
      stored.includes('{"card":"520000******1302","520000******1302":"k","n":["520000******1302"]}'),
      'the masked extension data is stored',
    ).toBe(true);
  });

  it.each([
    ['purchaseAmount', '5200000000001401'],
    ['notificationURL', 'https://merchant.test/notify?pan=5200000000001500'],
    ['threeDSServerURL', 'https://merchant.test/rreq/5200000000002003'],
    ['merchantName', 'Shop 5200000000009008'],
    ['threeDSRequestorURL', 'https://merchant.test/5200000000009107'],
  ])('keeps no PAN a valid AReq carries in %s, in the transaction it stores', async (element, value) => {
    const pan = /\d{16}/.exec(value)?.[0] as string;
    const areq = validAReq({
      version: '2.2.0',
      channel: '02',
      acctNumber: '4000000000001000',
      overrides: { [element]: value },
    });
    const res = await request(acs.app)
      .post('/3ds/areq')
      .set('content-type', 'application/json')
      .send(JSON.stringify(areq));
    expect(res.body.messageType).toBe('ARes');
    expect(databaseBytes().includes(pan), `${element}'s PAN is stored`).toBe(false);
  });

  it.each([
    ['an API key name', '/api/admin/api-keys', { name: 'key 4000000000009201' }],
    [
      'a cardholder name',
      '/api/admin/cards',
      { pan: '4000000000003006', scenario: 'frictionless-y', cardholderName: '5200000000009206' },
    ],
  ])('keeps no PAN sent as %s through the admin API', async (_name, path, body) => {
    await ensureAdminKey(acs.deps, adminKey);
    const pan = /\d{16}/.exec(JSON.stringify(body).replace('4000000000003006', ''))?.[0] as string;
    const res = await request(acs.app).post(path).set('x-api-key', adminKey).send(body);
    expect(res.status).toBeLessThan(500);
    expect(databaseBytes().includes(pan), 'the PAN is stored').toBe(false);
  });
});

describe('a card number in a field used exactly as given', () => {
  it('is sealed at rest, and the final CRes still goes to the notificationURL exactly as given', async () => {
    const notifyTo = 'https://merchant.test/notify?order=7&pan=5200000000001500';
    const started = await startChallengeAuthentication(acs, {
      threeDSServerURL: 'http://127.0.0.1:9/rreq',
      overrides: { notificationURL: notifyTo, purchaseAmount: '5200000000001401' },
    });
    expect(databaseBytes().includes('5200000000001500'), 'the URL is stored in clear').toBe(false);
    expect(databaseBytes().includes('5200000000001401'), 'the amount is stored in clear').toBe(false);
    const challenge = await openWindow(acs, started);
    const res = await postAction(acs, challenge, 'submit', {
      code: await latestCode(acs, challenge.acsTransID),
    });
    expect(res.status).toBe(200);
    // The auto-post goes to the URL as the requestor gave it, query string and all.
    expect(res.text).toContain(`action="${notifyTo.replaceAll('&', '&amp;')}"`);
    expect(postedCRes(res.text)).toMatchObject({ transStatus: 'Y' });
  });
});
