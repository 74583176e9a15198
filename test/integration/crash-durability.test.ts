/**
 * Durability of answered work across a crash (docs/scaling.md; docs/configuration.md,
 * ACS_DB_GROUP_COMMIT: "No answer leaves before its write is committed"): the real process
 * under load is killed with SIGKILL, restarted on the same database and keys, and every
 * transaction whose ARes reached the client must be there, with its result. Runs on the
 * store of the test project (SQLite file, or a PostgreSQL database of its own).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  type AcsProcess,
  getText,
  postJson,
  restartAcsProcess,
  startAcsProcess,
  stopAllAcsProcesses,
} from '../support/acs-process.ts';
import { validAReq } from '../support/areq-fixtures.ts';
import { type FreshDatabase, freshPostgresDatabase } from '../support/postgres.ts';
import { testStoreKind } from '../support/test-acs.ts';

const dir = mkdtempSync(join(tmpdir(), 'acs-crash-'));
let database: FreshDatabase | undefined;

afterAll(async () => {
  await stopAllAcsProcesses();
  await database?.drop();
  rmSync(dir, { recursive: true, force: true });
});

/**
 * Concurrent clients; the kill comes once the load has run this long and every client has had
 * an answer or so (on a busy machine the first answers are slow), and the load goes on as long
 * again after it (those requests are refused).
 */
const clients = 16;
const killAfterMs = 1_000;

/** The store's settings: a SQLite file in `dir`, or a fresh PostgreSQL database. */
async function storeEnv(): Promise<Record<string, string>> {
  if (testStoreKind === 'sqlite') return { ACS_DB_PATH: join(dir, 'acs.db') };
  database = await freshPostgresDatabase({ migrated: true });
  return { ACS_DATABASE_URL: database.url };
}

/** What the load saw: acsTransIDs whose ARes arrived, and requests that got no answer. */
type LoadReport = { answered: string[]; unanswered: number; unexpected: string[] };

/** One client: frictionless AReqs back to back until `stopped()`. */
async function client(baseURL: string, stopped: () => boolean, report: LoadReport): Promise<void> {
  while (!stopped()) {
    const areq = validAReq({ version: '2.2.0', channel: '02', acctNumber: '4000000000000101' });
    try {
      const res = await postJson(`${baseURL}/3ds/areq`, areq);
      const id = res.body.acsTransID;
      if (
        res.status === 200 &&
        res.body.messageType === 'ARes' &&
        res.body.transStatus === 'Y' &&
        typeof id === 'string'
      ) {
        report.answered.push(id);
      } else {
        report.unexpected.push(`${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
      }
    } catch {
      // Killed mid-request, or refused while down: no answer, so nothing was promised.
      report.unanswered += 1;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

/** Runs `work` over `items` with at most `width` at a time. */
async function eachLimited<T>(
  items: readonly T[],
  width: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) {
        const item = items[next] as T;
        next += 1;
        await work(item);
      }
    }),
  );
}

/** GET with one retry: the first request after the restart may meet a connection the kill broke. */
async function getAfterRestart(url: string, apiKey?: string) {
  try {
    return await getText(url, apiKey);
  } catch {
    return getText(url, apiKey);
  }
}

describe(`a crash under load (${testStoreKind})`, () => {
  it('keeps every transaction whose ARes was answered before kill -9', async () => {
    const env = { ...(await storeEnv()), ACS_KEYS_DIR: join(dir, 'keys') };
    const first: AcsProcess = await startAcsProcess(env, { name: 'first' });
    const adminKey = first.adminKey();
    expect(adminKey, 'the first start prints the admin API key').toBeDefined();

    const report: LoadReport = { answered: [], unanswered: 0, unexpected: [] };
    let stop = false;
    const load = Promise.all(
      Array.from({ length: clients }, () => client(first.baseURL, () => stop, report)),
    );
    const started = Date.now();
    while (Date.now() - started < killAfterMs || report.answered.length < clients) {
      if (Date.now() - started > 30_000) break;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const loadedMs = Date.now() - started;
    const answeredBeforeKill = report.answered.length;
    await first.kill9();
    await new Promise((resolve) => setTimeout(resolve, loadedMs));
    stop = true;
    await load;

    expect(report.unexpected).toEqual([]);
    expect(answeredBeforeKill, 'the load got answers before the kill').toBeGreaterThan(0);
    expect(report.unanswered, 'the kill cut requests off').toBeGreaterThan(0);

    const restarted = await restartAcsProcess(first);
    expect(restarted.adminKey(), 'a restart creates no new admin API key').toBeUndefined();

    const missing: string[] = [];
    await eachLimited(report.answered, clients, async (id) => {
      const res = await getAfterRestart(`${restarted.baseURL}/3ds/transactions/${id}/result`);
      const payload =
        res.status === 200
          ? (JSON.parse(Buffer.from(res.text.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<
              string,
              unknown
            >)
          : {};
      if (res.status !== 200 || payload.acsTransID !== id || payload.transStatus !== 'Y') missing.push(id);
    });
    console.log(
      `crash-durability (${testStoreKind}): ${clients} clients for ${loadedMs} ms, ` +
        `${report.answered.length} ARes answered before kill -9, ` +
        `${report.answered.length - missing.length} found after restart, ${report.unanswered} requests unanswered`,
    );
    expect(missing).toEqual([]);

    // The last answer before the kill, through the admin API with the key the first start printed.
    const last = report.answered.at(-1) as string;
    const detail = await getAfterRestart(`${restarted.baseURL}/api/admin/transactions/${last}`, adminKey);
    expect(detail.status).toBe(200);
    expect(detail.body.transaction).toMatchObject({ acsTransID: last, state: 'final', transStatus: 'Y' });

    expect(restarted.problems(), 'the restarted process logged').toEqual([]);
    expect(await restarted.terminate()).toBe(0);
  }, 60_000);
});
