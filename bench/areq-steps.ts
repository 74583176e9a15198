/**
 * Where the time of one frictionless AReq goes inside the ACS, without HTTP: each step of the
 * authenticate flow timed on its own, in-process, over the same dependencies the load
 * benchmark uses, plus the whole flow; the store write and the whole flow also 50 at once, as
 * under load, where group commit puts them in one transaction. Run with `node --import tsx bench/areq-steps.ts`; it
 * explains the ratios `npm run bench` reports (docs/performance.md).
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { authenticationProof } from '../src/flows/common/authentication-proof.ts';
import { timelineEntry } from '../src/flows/common/message-log.ts';
import { authenticate } from '../src/flows/threeds/authenticate.ts';
import { parseAReq } from '../src/protocol/areq.ts';
import { parseJsonStrict } from '../src/protocol/json-strict.ts';
import { panLookupHash } from '../src/signing/keyed-hash.ts';
import { createBenchAcsDeps, repositorySeedFile } from './acs-deps.ts';
import { benchCardNumber, frictionlessAReqBody } from './areq-body.ts';

/** A step; `batch` when one run does that many (concurrently: group commit batches them). */
type Step = Readonly<{ name: string; run: () => unknown; batch?: number }>;

/** Mean microseconds per operation of `step`, after a warm-up. */
async function timeStep(step: Step, iterations: number): Promise<number> {
  const batch = step.batch ?? 1;
  const runs = Math.max(1, Math.round(iterations / batch));
  for (let i = 0; i < Math.min(runs, 2000); i++) await step.run();
  const started = process.hrtime.bigint();
  for (let i = 0; i < runs; i++) await step.run();
  return Number(process.hrtime.bigint() - started) / 1000 / (runs * batch);
}

const iterations = Number(process.env.BENCH_STEP_ITERATIONS ?? '20000');
if (!Number.isInteger(iterations) || iterations < 1)
  throw new Error('BENCH_STEP_ITERATIONS must be a positive integer');
const dir = mkdtempSync(join(tmpdir(), 'acs-bench-steps-'));
const deps = await createBenchAcsDeps({ dir, port: 8080, seedFile: repositorySeedFile });
try {
  const body = frictionlessAReqBody();
  const parsed = parseJsonStrict(body);
  const ares = await authenticate(deps, body);
  if (ares.messageType !== 'ARes' || !('acsTransID' in ares) || typeof ares.acsTransID !== 'string')
    throw new Error('the frictionless AReq did not get an ARes');
  const transaction = await deps.store.getTransaction(ares.acsTransID);
  if (transaction === undefined) throw new Error('the transaction was not stored');
  const panHash = panLookupHash(deps.keys, benchCardNumber);
  const ids = { acsTransID: transaction.acsTransID, threeDSServerTransID: transaction.threeDSServerTransID };
  const now = new Date();
  const text = JSON.stringify(ares);

  const steps: Step[] = [
    { name: 'JSON.parse (what express.json does)', run: () => JSON.parse(body) },
    { name: 'parseJsonStrict (duplicate-key scan + JSON.parse)', run: () => parseJsonStrict(body) },
    { name: 'parseAReq (field tables)', run: () => parseAReq(parsed) },
    { name: 'panLookupHash (HMAC-SHA256)', run: () => panLookupHash(deps.keys, benchCardNumber) },
    { name: 'store.findCardByPanHash (SQLite select)', run: () => deps.store.findCardByPanHash(panHash) },
    { name: 'authenticationProof (ECI + HMAC)', run: () => authenticationProof(deps, transaction, 'Y') },
    {
      name: 'timelineEntry x2 (mask AReq + ARes)',
      run: () => [
        timelineEntry('in', 'AReq', parsed, ids, now),
        timelineEntry('out', 'ARes', ares, ids, now),
      ],
    },
    {
      name: 'store.recordAuthentication, one at a time (own transaction, 3 inserts)',
      run: async () => {
        const entries = [
          timelineEntry('in', 'AReq', parsed, ids, now),
          timelineEntry('out', 'ARes', ares, ids, now),
        ];
        await deps.store.recordAuthentication({ ...transaction, acsTransID: randomUUID() }, entries);
      },
    },
    {
      // Under load the writes of one event-loop turn share a transaction: one at a time, above, they cannot.
      name: 'store.recordAuthentication, 50 at once (group commit)',
      batch: 50,
      run: () =>
        Promise.all(
          Array.from({ length: 50 }, () => {
            const entries = [
              timelineEntry('in', 'AReq', parsed, ids, now),
              timelineEntry('out', 'ARes', ares, ids, now),
            ];
            return deps.store.recordAuthentication({ ...transaction, acsTransID: randomUUID() }, entries);
          }),
        ),
    },
    { name: 'randomUUID x2 (acsTransID, dsTransID)', run: () => [randomUUID(), randomUUID()] },
    {
      name: 'metrics (2 counters + histogram)',
      run: () => {
        deps.metrics.httpRequests.inc({ route: '/3ds/areq', method: 'POST', status: '200' });
        deps.metrics.httpDuration.observe({ route: '/3ds/areq' }, 0.004);
        deps.metrics.aresByStatus.inc({ transStatus: 'Y' });
      },
    },
    { name: 'JSON.stringify (ARes)', run: () => JSON.stringify(ares) },
    { name: 'await authenticate() whole flow, one at a time', run: () => authenticate(deps, body) },
    {
      name: 'authenticate() whole flow, 50 at once (group commit)',
      batch: 50,
      run: () => Promise.all(Array.from({ length: 50 }, () => authenticate(deps, body))),
    },
  ];
  const results: string[] = [];
  for (const step of steps) {
    const micros = await timeStep(step, iterations);
    results.push(`${micros.toFixed(1).padStart(8)} us  ${step.name}`);
  }
  process.stdout.write(
    `AReq ${Buffer.byteLength(body)} bytes, ARes ${Buffer.byteLength(text)} bytes, ${iterations} iterations a step\n` +
      `${results.join('\n')}\n`,
  );
} finally {
  await deps.store.close();
  rmSync(dir, { recursive: true, force: true });
}
