/**
 * Preparation (PReq -> PRes) and the operations endpoints.
 */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestAcs, seedFile, type TestAcs } from '../support/test-acs.ts';

let acs: TestAcs;
beforeAll(async () => {
  acs = await createTestAcs();
});
afterAll(() => acs.close());

const preq = (messageVersion: string, extra: Record<string, unknown> = {}) => ({
  messageType: 'PReq',
  messageVersion,
  threeDSServerTransID: '9d6e5c4b-3a2f-4e1d-8c0b-7a6f5e4d3c2b',
  threeDSServerRefNumber: '3DS_LOA_SER_EXAM_020200_00001',
  ...extra,
});

function post(body: unknown) {
  return request(acs.app)
    .post('/3ds/preq')
    .set('content-type', 'application/json')
    .send(JSON.stringify(body));
}

describe('PReq', () => {
  it.each(['2.1.0', '2.2.0'])(
    'lists every card range with versions and the threeDSMethodURL (%s)',
    async (version) => {
      const res = await post(preq(version));
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        messageType: 'PRes',
        messageVersion: version,
        threeDSServerTransID: preq(version).threeDSServerTransID,
      });
      const ranges = res.body.cardRangeData as Record<string, unknown>[];
      // Every seeded range (data/test-cards.json); the 3DS Method rehearsal ranges add a segment.
      expect(ranges.map((r) => r.startRange).sort()).toEqual(seedFile.ranges.map((r) => r.startRange).sort());
      for (const range of ranges) {
        const seeded = seedFile.ranges.find((r) => r.startRange === range.startRange);
        const behaviour = seeded?.threeDSMethod === undefined ? '' : `/${seeded.threeDSMethod}`;
        expect(range).toMatchObject({
          actionInd: 'A',
          acsStartProtocolVersion: '2.1.0',
          acsEndProtocolVersion: '2.3.1',
          threeDSMethodURL: `http://acs.test/3ds/method${behaviour}`,
        });
      }
      expect(typeof res.body.serialNum).toBe('string');
    },
  );

  it('answers 2.3.1 with its own range structure', async () => {
    const res = await post(preq('2.3.1'));
    expect(res.body.messageType).toBe('PRes');
    expect(JSON.stringify(res.body)).toContain('http://acs.test/3ds/method');
    expect(JSON.stringify(res.body)).toContain('2.3.1');
  });

  it('sends no ranges again when the 3DS Server already holds the current serial number', async () => {
    const first = await post(preq('2.2.0'));
    const again = await post(preq('2.2.0', { serialNum: first.body.serialNum }));
    expect(again.body.serialNum).toBe(first.body.serialNum);
    expect(again.body.cardRangeData).toBeUndefined();
  });

  it.each([
    ['a missing threeDSServerTransID', preq('2.2.0', { threeDSServerTransID: undefined }), '201'],
    ['a bad threeDSServerTransID', preq('2.2.0', { threeDSServerTransID: 'x' }), '203'],
    ['an unknown version', preq('9.9.9'), '102'],
    ['another message type', { ...preq('2.2.0'), messageType: 'AReq' }, '101'],
  ])('answers %s with Erro %s', async (_name, body, errorCode) => {
    const res = await post(body);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ messageType: 'Erro', errorCode, errorComponent: 'A' });
  });
});

describe('operations', () => {
  it('answers liveness and readiness', async () => {
    expect((await request(acs.app).get('/healthz')).body).toEqual({ status: 'ok' });
    expect((await request(acs.app).get('/readyz')).body).toEqual({
      status: 'ready',
      checks: { database: true, keys: true },
      database: acs.storeKind,
    });
  });

  it('exports Prometheus metrics labelled by route, never by raw path', async () => {
    await request(acs.app).get('/3ds/transactions/11111111-1111-4111-8111-111111111111/result');
    const res = await request(acs.app).get('/metrics');
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.text).toContain('# TYPE acs_http_requests_total counter');
    expect(res.text).toContain('route="/3ds/transactions/:acsTransID/result"');
    expect(res.text).not.toContain('11111111-1111-4111-8111-111111111111');
    expect(res.text).toMatch(/acs_http_request_duration_seconds_bucket\{le="0.005",route="\/healthz"\} \d+/);
  });

  it('exports the process metrics every Prometheus user expects', async () => {
    const res = await request(acs.app).get('/metrics');
    for (const name of [
      'process_cpu_seconds_total',
      'process_resident_memory_bytes',
      'nodejs_heap_size_used_bytes',
      'nodejs_eventloop_lag_seconds',
      'nodejs_gc_duration_seconds',
      'acs_uptime_seconds',
    ]) {
      expect(res.text).toContain(`# TYPE ${name} `);
    }
  });

  it('reports not ready when the database is gone', async () => {
    const other = await createTestAcs();
    await other.deps.store.close();
    const res = await request(other.app).get('/readyz');
    expect(res.status).toBe(503);
    expect(res.body.checks.database).toBe(false);
    await other.close();
  });
});

describe('HSTS', () => {
  it('is not sent in sandbox mode (https://localhost must not pin later http runs), and is sent outside it', async () => {
    const sandboxed = await createTestAcs();
    const strict = await createTestAcs({ ACS_SANDBOX: 'false', ACS_PUBLIC_URL: 'https://acs.test' });
    try {
      for (const path of ['/.well-known/jwks.json', '/console/login']) {
        expect((await request(sandboxed.app).get(path)).headers['strict-transport-security']).toBeUndefined();
        expect((await request(strict.app).get(path)).headers['strict-transport-security']).toMatch(
          /max-age=/,
        );
      }
    } finally {
      await sandboxed.close();
      await strict.close();
    }
  });
});
