/**
 * Several instances on one PostgreSQL database (docs/scaling.md: "any request may reach
 * any instance, and each transaction still gets exactly one result and one RReq"). Two real
 * processes, A and B, share the database and the keys directory (the challenge page's tokens
 * are signed with the instance keys, so each must accept the other's). Each has its own
 * ACS_PUBLIC_URL, as instances addressed directly would; the tests send each step to the
 * instance they choose, which works because the state is in the database and in signed form
 * fields. Runs only in the postgres project (vitest.config.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type AcsProcess,
  getText,
  postForm,
  postJson,
  spawnAcsProcess,
  stopAllAcsProcesses,
} from '../support/acs-process.ts';
import { validAReq } from '../support/areq-fixtures.ts';
import { encodeCReq, hiddenValue, notificationURL, postedCRes } from '../support/challenge-driver.ts';
import { type FreshDatabase, freshPostgresDatabase } from '../support/postgres.ts';
import { startThreeDSServerDouble, type ThreeDSServerDouble } from '../support/three-ds-server-double.ts';

const dir = mkdtempSync(join(tmpdir(), 'acs-multi-'));
const adminKey = `acs-multi-instance-test-key-${'x'.repeat(24)}`;
const sweepIntervalMs = 100;
const retryDelayMs = 1_000;

let database: FreshDatabase;
let server: ThreeDSServerDouble;
let a: AcsProcess;
let b: AcsProcess;

beforeAll(async () => {
  [database, server] = await Promise.all([
    freshPostgresDatabase({ migrated: true }),
    startThreeDSServerDouble(),
  ]);
  const env = {
    ACS_DATABASE_URL: database.url,
    ACS_DB_POOL_SIZE: '8',
    ACS_KEYS_DIR: join(dir, 'keys'),
    ACS_ADMIN_API_KEY: adminKey,
    // Short, so unanswered challenges time out within the test; the other tests post their
    // first CReq right after the ARes, well inside it even on a busy machine.
    ACS_CREQ_TIMEOUT_SECONDS: '2',
    ACS_SWEEP_INTERVAL_MS: String(sweepIntervalMs),
    ACS_RREQ_RETRY_DELAY_MS: String(retryDelayMs),
    ACS_RREQ_TIMEOUT_MS: '3000',
    // Every code post comes from 127.0.0.1; the per-address limit is not what these tests are about.
    ACS_LIMIT_CODE_POSTS_PER_ADDRESS: '10000',
  };
  // Started together; the keys directory is new, so they create its files in a race too.
  const both = await Promise.all([spawnAcsProcess(env, { name: 'A' }), spawnAcsProcess(env, { name: 'B' })]);
  [a, b] = both as [AcsProcess, AcsProcess];
  await Promise.all(both.map((acs) => acs.listening));
}, 90_000);

afterAll(async () => {
  await stopAllAcsProcesses();
  await server?.close();
  await database?.drop();
  rmSync(dir, { recursive: true, force: true });
});

beforeEach(() => {
  server.mode = 'ok';
});

/** The RReqs the stand-in 3DS Server received for one transaction. */
const rreqsFor = (acsTransID: string) => server.received.filter((rreq) => rreq.acsTransID === acsTransID);

/** Waits until `check` holds, polling (or fails with `what` after `ms`). */
async function eventually(what: string, check: () => boolean | Promise<boolean>, ms = 15_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** AReq of a challenge-sms card (browser) to `acs`; the AReq and its ARes (C). */
async function challengeAReq(acs: AcsProcess) {
  const areq = validAReq({
    version: '2.2.0',
    channel: '02',
    acctNumber: '4000000000001000',
    overrides: { threeDSServerURL: server.rreqURL, notificationURL },
  });
  const res = await postJson(`${acs.baseURL}/3ds/areq`, areq);
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ messageType: 'ARes', transStatus: 'C' });
  return { areq, ares: res.body, acsTransID: String(res.body.acsTransID) };
}

/** Posts the first CReq to `acs` and returns the challenge page's token. */
async function openWindow(
  acs: AcsProcess,
  started: Awaited<ReturnType<typeof challengeAReq>>,
): Promise<string> {
  const page = await postForm(`${acs.baseURL}/3ds/challenge`, {
    creq: encodeCReq(started.areq, started.acsTransID),
  });
  expect(page.status, `CReq on ${acs.name}: ${page.text.slice(0, 300)}`).toBe(200);
  const token = hiddenValue(page.text, 'token');
  expect(token, 'the challenge page carries its token').toBeDefined();
  return token as string;
}

/** The newest SMS code of the transaction, from `acs`'s sandbox inbox. */
async function latestCode(acs: AcsProcess, acsTransID: string): Promise<string> {
  const res = await getText(`${acs.baseURL}/sandbox/api/messages?acsTransID=${acsTransID}`);
  expect(res.status).toBe(200);
  const [newest] = res.body.messages as { code: string }[];
  expect(newest, 'an SMS was sent').toBeDefined();
  return (newest as { code: string }).code;
}

/** The admin API's view of one transaction, from `acs`. */
async function adminTransaction(acs: AcsProcess, acsTransID: string) {
  const res = await getText(`${acs.baseURL}/api/admin/transactions/${acsTransID}`, adminKey);
  expect(res.status).toBe(200);
  return res.body as {
    transaction: Record<string, unknown>;
    rreqAttempts: { attempt: number; outcome: string; httpStatus: number | null }[];
  };
}

/**
 * Opens an SMS challenge (AReq on A, CReq on B) and posts 20 wrong codes at once, alternating
 * between A and B. Each answer as one word: `final` (the auto-post of the final CRes),
 * `wrong-code` (the window with the wrong-code message: the attempt was counted),
 * `window-again` (the window without a verdict: the post lost a race with another one), or
 * the status of an error page.
 */
async function twentyWrongCodesAtOnce(): Promise<{ acsTransID: string; kinds: string[] }> {
  const started = await challengeAReq(a);
  const token = await openWindow(b, started);
  const code = await latestCode(a, started.acsTransID);
  const wrong = Array.from({ length: 20 }, (_, i) =>
    String((Number(code) + 1 + i) % 1_000_000).padStart(6, '0'),
  );
  const answers = await Promise.all(
    wrong.map((guess, i) =>
      postForm(`${(i % 2 === 0 ? a : b).baseURL}/3ds/challenge/${started.acsTransID}/submit`, {
        token,
        code: guess,
      }),
    ),
  );
  const kinds = answers.map((answer) => {
    if (answer.text.includes('name="cres"')) {
      expect(postedCRes(answer.text)).toMatchObject({ transStatus: 'N' });
      return 'final';
    }
    if (answer.status !== 200) return String(answer.status);
    return answer.text.includes('That code is not correct.') ? 'wrong-code' : 'window-again';
  });
  return { acsTransID: started.acsTransID, kinds };
}

describe('two instances on one PostgreSQL database', () => {
  it('runs one browser challenge across both: AReq on A, CReq on B, code on B', async () => {
    const started = await challengeAReq(a);
    expect(started.ares.acsURL).toBe(`${a.baseURL}/3ds/challenge`);
    const token = await openWindow(b, started);
    const code = await latestCode(a, started.acsTransID);

    const done = await postForm(`${b.baseURL}/3ds/challenge/${started.acsTransID}/submit`, { token, code });
    expect(done.status).toBe(200);
    expect(postedCRes(done.text)).toMatchObject({
      messageType: 'CRes',
      transStatus: 'Y',
      acsTransID: started.acsTransID,
    });

    await pause(5 * sweepIntervalMs);
    const rreqs = rreqsFor(started.acsTransID);
    expect(rreqs).toHaveLength(1);
    expect(rreqs[0]).toMatchObject({ messageType: 'RReq', transStatus: 'Y' });
    // Either instance signs the same result with the shared keys.
    for (const acs of [a, b]) {
      const result = await getText(`${acs.baseURL}/3ds/transactions/${started.acsTransID}/result`);
      expect(result.status).toBe(200);
    }
  }, 30_000);

  it('times out unanswered challenges once, however many instances sweep', async () => {
    const started = await Promise.all(
      Array.from({ length: 10 }, (_, i) => challengeAReq(i % 2 === 0 ? a : b)),
    );
    const ids = started.map((s) => s.acsTransID);
    await eventually('an RReq for every timed-out transaction', () =>
      ids.every((id) => rreqsFor(id).length > 0),
    );
    // Several more sweeps by both instances: nothing is reported twice.
    await pause(10 * sweepIntervalMs);
    for (const id of ids) {
      const rreqs = rreqsFor(id);
      expect(rreqs, `RReqs for ${id}`).toHaveLength(1);
      expect(rreqs[0]).toMatchObject({ transStatus: 'N', transStatusReason: '14', challengeCancel: '05' });
    }
  }, 30_000);

  it('holds the attempt limit against 20 wrong codes sent at once to both instances', async () => {
    const { acsTransID, kinds } = await twentyWrongCodesAtOnce();
    const seen = `answers: ${kinds.join(' ')}`;
    expect(
      kinds.filter((kind) => Number(kind) >= 500),
      seen,
    ).toEqual([]);

    const { transaction } = await adminTransaction(b, acsTransID);
    expect(transaction).toMatchObject({ state: 'final', transStatus: 'N', transStatusReason: '19' });
    expect(
      kinds.filter((kind) => kind === 'final'),
      seen,
    ).toHaveLength(1);
    await pause(5 * sweepIntervalMs);
    const rreqs = rreqsFor(acsTransID);
    expect(rreqs).toHaveLength(1);
    expect(rreqs[0]).toMatchObject({ transStatus: 'N', transStatusReason: '19' });
  }, 30_000);

  it('judges no more codes than the attempt limit when they arrive at once', async () => {
    // docs/flows.md: three wrong codes per challenge. Every post is judged against the
    // code before its attempt is saved, so a window shown again without a verdict (the post
    // lost the race to save the challenge) is a guess judged past the limit: had it been the
    // right code, it would have been accepted. At most two answers may say "wrong code"
    // before the third ends the challenge; every other post must find it finished.
    const { kinds } = await twentyWrongCodesAtOnce();
    const seen = `answers: ${kinds.join(' ')}`;
    expect(kinds.filter((kind) => kind === 'wrong-code').length, seen).toBeLessThanOrEqual(2);
    expect(
      kinds.filter((kind) => kind === 'window-again'),
      seen,
    ).toEqual([]);
  }, 30_000);

  it('lets the other instance make an RReq retry when the one that scheduled it dies', async () => {
    const started = await challengeAReq(a);
    const token = await openWindow(a, started);
    const code = await latestCode(a, started.acsTransID);

    server.mode = 'fail';
    const done = await postForm(`${a.baseURL}/3ds/challenge/${started.acsTransID}/submit`, { token, code });
    // The first delivery failed (awaited before the final CRes); the retry is due in retryDelayMs.
    server.mode = 'ok';
    await a.kill9();
    expect(done.status).toBe(200);
    expect(postedCRes(done.text)).toMatchObject({ transStatus: 'Y' });
    expect(rreqsFor(started.acsTransID)).toHaveLength(1);

    await eventually('the retry from B', () => rreqsFor(started.acsTransID).length >= 2);
    await eventually('the retry recorded', async () => {
      const { rreqAttempts } = await adminTransaction(b, started.acsTransID);
      return rreqAttempts.length >= 2;
    });
    const { rreqAttempts } = await adminTransaction(b, started.acsTransID);
    expect(rreqAttempts.map((at) => [at.attempt, at.outcome, at.httpStatus])).toEqual([
      [1, 'http-error', 500],
      [2, 'delivered', 200],
    ]);
    const rreqs = rreqsFor(started.acsTransID);
    expect(rreqs).toHaveLength(2);
    expect(rreqs[1]).toEqual(rreqs[0]);
    expect(b.exitCode()).toBeNull();
  }, 30_000);

  it('logged no warning or error on either instance', () => {
    for (const acs of [a, b]) expect(acs.problems(), `${acs.name} logged`).toEqual([]);
  });
});
