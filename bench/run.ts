/**
 * `npm run bench`: what the ACS's own work costs next to a bare express JSON endpoint, on
 * SQLite and PostgreSQL, with an empty database and (BENCH_LARGE=1) a large one. For each part
 * (settings.ts lists them) it starts the real ACS in a worker thread over that database,
 * measures the express echo (its own thread) for the same time and connections, then the
 * frictionless AReq with autocannon, then full browser challenge flows with RReqs to a
 * stand-in 3DS Server (its own thread). It prints one table with every figure beside the echo
 * measured just before it, the ratios and the goals (report.ts), and the time of each flow
 * step. It is a report, not a test: it exits 0 whether or not the goals are met, and 1 only
 * when a server or a flow fails outright, seeding fails, or a setting is invalid.
 * docs/performance.md says how to run each part and what the figures were.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { benchOverrides, repositorySeedFile } from './acs-deps.ts';
import type { AcsThreadData } from './acs-server.ts';
import { frictionlessAReqBody, isFrictionlessARes } from './areq-body.ts';
import { flowCardNumber, writeBenchSeedFile } from './bench-cards.ts';
import { runChallengeFlow } from './challenge-flow.ts';
import { postgresCpuSeconds, type ThreadTimes } from './cpu-time.ts';
import { type FlowFigures, measureFlows } from './flow-load.ts';
import { createHttpClient } from './http-client.ts';
import { type LoadFigures, measureLoad } from './load.ts';
import {
  createDatabase,
  dropDatabase,
  dropLeftovers,
  externalServer,
  type PostgresServer,
  postgresBinDir,
  startOwnCluster,
} from './postgres-cluster.ts';
import { type CpuFigures, type PartResult, renderCpu, renderFlowSteps, renderReport } from './report.ts';
import { copyKeys, copySqliteSeed, seededPostgres, seededSqlite } from './seed-cache.ts';
import { type ServerThread, startServerThread } from './server-thread.ts';
import { type BenchSettings, type PartName, readSettings } from './settings.ts';
import type { DrainedRReqs } from './threeds-server.ts';

const runPrefix = 'acs_bench_run_';

function progress(line: string): void {
  process.stderr.write(`bench ${new Date().toISOString().slice(11, 19)}: ${line}\n`);
}

const loadAverage = () =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');

/** One POST before any load: a server that cannot answer the scenario makes the figures meaningless. */
async function probe(
  url: string,
  body: string,
  check: (text: string) => boolean,
  name: string,
): Promise<void> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
  const text = await response.text();
  if (response.status !== 200 || !check(text))
    throw new Error(`${name} answered the probe with HTTP ${response.status}: ${text.slice(0, 300)}`);
}

/** What every part shares: the settings, the long-lived threads, the run's directory. */
type Context = {
  readonly settings: BenchSettings;
  readonly runDir: string;
  readonly seedFile: string;
  /** ACS_* settings from the environment, passed on to every ACS (what-ifs). */
  readonly overrides: Readonly<Record<string, string>>;
  readonly body: string;
  readonly echo: ServerThread;
  readonly standIn: ServerThread;
  readonly threads: ServerThread[];
  postgres: PostgresServer | undefined;
  postgresUnavailable: string | undefined;
  readonly notes: string[];
};

function checkThreads(context: Context): void {
  const failure = context.threads.map((thread) => thread.failure()).find((f) => f !== undefined);
  if (failure !== undefined) throw new Error(failure);
}

async function load(
  context: Context,
  url: string,
  verify: (text: string) => boolean,
  seconds: number,
): Promise<LoadFigures> {
  const figures = await measureLoad({
    url,
    body: context.body,
    connections: context.settings.connections,
    durationSeconds: seconds,
    verify,
  });
  checkThreads(context);
  return figures;
}

/** CPU time of a server thread and of the PostgreSQL server at one moment. */
type CpuSample = Readonly<{ at: number; thread: ThreadTimes | undefined; database: number | undefined }>;

function sampleCpu(thread: ServerThread, databaseDir: string | undefined): CpuSample {
  return {
    at: performance.now(),
    thread: thread.times(),
    database: databaseDir === undefined ? undefined : postgresCpuSeconds(databaseDir),
  };
}

function cpuBetween(from: CpuSample, to: CpuSample, units: number): CpuFigures {
  const per = (a: number | undefined, b: number | undefined) =>
    a === undefined || b === undefined || units === 0 ? undefined : ((b - a) * 1000) / units;
  const wallSeconds = (to.at - from.at) / 1000;
  const share = (a: number | undefined, b: number | undefined) =>
    a === undefined || b === undefined ? undefined : (b - a) / wallSeconds;
  return {
    threadBusy: share(from.thread?.cpu, to.thread?.cpu),
    threadRunQueue: share(from.thread?.runQueue, to.thread?.runQueue),
    threadMs: per(from.thread?.cpu, to.thread?.cpu),
    databaseMs: per(from.database, to.database),
  };
}

/** A load run with the server thread's (and PostgreSQL's) CPU sampled around it. */
async function loadWithCpu(
  context: Context,
  thread: ServerThread,
  databaseDir: string | undefined,
  url: string,
  verify: (text: string) => boolean,
): Promise<Readonly<{ figures: LoadFigures; cpu: CpuFigures }>> {
  const before = sampleCpu(thread, databaseDir);
  const figures = await load(context, url, verify, context.settings.durationSeconds);
  return { figures, cpu: cpuBetween(before, sampleCpu(thread, databaseDir), figures.responses) };
}

async function flows(
  context: Context,
  acs: ServerThread,
  databaseDir: string | undefined,
): Promise<Readonly<{ figures: FlowFigures; cpu: CpuFigures | undefined }>> {
  const client = createHttpClient(acs.origin, context.settings.flowUsers);
  const samples: CpuSample[] = [];
  try {
    const figures = await measureFlows({
      client,
      rreqURL: `${context.standIn.origin}/rreq`,
      drainRReqs: async () => {
        const response = await fetch(`${context.standIn.origin}/drain`, { method: 'POST' });
        return ((await response.json()) as DrainedRReqs).rreqs;
      },
      users: context.settings.flowUsers,
      warmupSeconds: context.settings.warmupSeconds,
      durationSeconds: context.settings.durationSeconds,
      cardOf: flowCardNumber,
      onWindow: () => samples.push(sampleCpu(acs, databaseDir)),
    });
    checkThreads(context);
    const [from, to] = samples;
    return {
      figures,
      cpu: from === undefined || to === undefined ? undefined : cpuBetween(from, to, figures.flows),
    };
  } finally {
    client.close();
  }
}

/** One challenge flow before any load: one that cannot succeed alone makes the figures meaningless. */
async function probeFlow(context: Context, acs: ServerThread): Promise<void> {
  const client = createHttpClient(acs.origin, 1);
  try {
    await runChallengeFlow({ client, rreqURL: `${context.standIn.origin}/rreq` }, flowCardNumber(0), []);
  } catch (error) {
    throw new Error(
      `the probe challenge flow failed: ${error instanceof Error ? error.message : String(error)}`,
    );
  } finally {
    client.close();
  }
}

/** The PostgreSQL server, started on first use; undefined (with the reason kept) when there is none. */
async function postgresOf(context: Context): Promise<PostgresServer | undefined> {
  if (context.postgres !== undefined || context.postgresUnavailable !== undefined) return context.postgres;
  const { settings } = context;
  if (settings.databaseUrl !== undefined) {
    context.postgres = externalServer(settings.databaseUrl);
  } else {
    const bin = postgresBinDir();
    if (bin === undefined) {
      context.postgresUnavailable =
        'no PostgreSQL server binaries under /usr/lib/postgresql/*/bin (scripts/ensure-postgres.sh installs them) and no BENCH_DATABASE_URL';
      return undefined;
    }
    progress('starting the benchmark PostgreSQL cluster');
    context.postgres = await startOwnCluster(bin, join(settings.cacheDir, 'postgres'));
    await dropLeftovers(context.postgres.adminUrl, runPrefix);
  }
  context.notes.push(`PostgreSQL: ${context.postgres.describe}; ACS_DB_POOL_SIZE default (10)`);
  return context.postgres;
}

/** Where a part's ACS keeps its state, and how to clean up after it. */
type PartDatabase = Readonly<{
  label: string;
  data: AcsThreadData;
  /** Our own PostgreSQL cluster's data directory, for its CPU time. */
  postgresDir?: string | undefined;
  cleanup: () => Promise<void>;
}>;

const largeLabel = (rows: number) => `${rows.toLocaleString('en-US')} transactions`;

async function prepareDatabase(
  context: Context,
  part: PartName,
  dir: string,
): Promise<PartDatabase | undefined> {
  const { settings } = context;
  const base = {
    dir,
    keysDir: join(dir, 'keys'),
    seedFile: context.seedFile,
    databaseUrl: undefined,
    groupCommit: true,
    overrides: context.overrides,
  };
  const none = async () => {};
  switch (part) {
    case 'sqlite':
      return { label: 'SQLite, empty', data: base, cleanup: none };
    case 'sqlite-no-group-commit':
      return {
        label: 'SQLite, empty, ACS_DB_GROUP_COMMIT=false',
        data: { ...base, groupCommit: false },
        cleanup: none,
      };
    case 'sqlite-large': {
      const seed = await seededSqlite(settings.cacheDir, settings.largeRows, progress);
      progress('copying the seeded SQLite database');
      copySqliteSeed(seed, dir);
      // The copy's pages are still dirty in the page cache: write them now, not during the measurement.
      const fd = openSync(join(dir, 'acs.db'), 'r+');
      fsyncSync(fd);
      closeSync(fd);
      return { label: `SQLite, ${largeLabel(settings.largeRows)}`, data: base, cleanup: none };
    }
    case 'postgres':
    case 'postgres-large': {
      const server = await postgresOf(context);
      if (server === undefined) return undefined;
      const large = part === 'postgres-large';
      const seed = large
        ? await seededPostgres(server, settings.cacheDir, settings.largeRows, progress)
        : undefined;
      const name = `${runPrefix}${randomBytes(4).toString('hex')}`;
      if (seed !== undefined) progress(`copying the seeded PostgreSQL database ${seed.template}`);
      const url = await createDatabase(server.adminUrl, name, seed?.template);
      if (seed !== undefined) copyKeys(seed.keysDir, join(dir, 'keys'));
      return {
        label: large ? `PostgreSQL, ${largeLabel(settings.largeRows)}` : 'PostgreSQL, empty',
        data: { ...base, databaseUrl: url },
        postgresDir: server.dataDir,
        cleanup: () => dropDatabase(server.adminUrl, name),
      };
    }
  }
}

async function measurePart(context: Context, part: PartName): Promise<PartResult | undefined> {
  const { settings } = context;
  const dir = join(context.runDir, part);
  mkdirSync(dir, { recursive: true });
  const database = await prepareDatabase(context, part, dir);
  if (database === undefined) return undefined;
  let acs: ServerThread | undefined;
  try {
    progress(`${database.label}: starting the ACS`);
    acs = await startServerThread('ACS', new URL('./acs-server.ts', import.meta.url), database.data);
    context.threads.push(acs);
    await probe(`${acs.origin}/3ds/areq`, context.body, isFrictionlessARes, 'the ACS');
    const seconds = settings.durationSeconds;
    progress(`${database.label}: measuring the echo (${seconds} s, load average ${loadAverage()})`);
    const echo = await loadWithCpu(
      context,
      context.echo,
      undefined,
      `${context.echo.origin}/echo`,
      (text) => text === context.body,
    );
    const areqUrl = `${acs.origin}/3ds/areq`;
    progress(`${database.label}: warming up the frictionless AReq (${settings.warmupSeconds} s)`);
    const warm = await load(context, areqUrl, isFrictionlessARes, settings.warmupSeconds);
    progress(`${database.label}: measuring the frictionless AReq (${seconds} s)`);
    const frictionless = await loadWithCpu(context, acs, database.postgresDir, areqUrl, isFrictionlessARes);
    // For a CPU profile's µs per request (cpu-profile-split.ts): the probe, the warm-up and the measurement.
    progress(`${database.label}: ${1 + warm.responses + frictionless.figures.responses} AReqs served`);
    let flowResult: Awaited<ReturnType<typeof flows>> | undefined;
    if (part !== 'sqlite-no-group-commit') {
      await probeFlow(context, acs);
      progress(
        `${database.label}: challenge flows (${settings.flowUsers} users, ${settings.warmupSeconds} s warm-up, ${seconds} s measured)`,
      );
      flowResult = await flows(context, acs, database.postgresDir);
      progress(`${database.label}: ${1 + flowResult.figures.served} challenge flows served`);
      for (const sample of flowResult.figures.errorSamples)
        progress(`${database.label}: flow error: ${sample}`);
    }
    return {
      label: database.label,
      adapter: part.startsWith('postgres') ? 'postgres' : 'sqlite',
      large: part.endsWith('-large'),
      held: part === 'sqlite' || part === 'sqlite-large',
      echo: echo.figures,
      frictionless: frictionless.figures,
      flows: flowResult?.figures,
      cpu: { echo: echo.cpu, frictionless: frictionless.cpu, flows: flowResult?.cpu },
    };
  } finally {
    if (acs !== undefined) {
      await acs.stop();
      context.threads.splice(context.threads.indexOf(acs), 1);
    }
    await database.cleanup();
    rmSync(dir, { recursive: true, force: true });
  }
}

function describeRun(context: Context, startLoad: string): string {
  const { settings } = context;
  return [
    `date ${new Date().toISOString()}; node ${process.version}; ${availableParallelism()} cores (${cpus()[0]?.model ?? 'unknown cpu'}); ${(totalmem() / 2 ** 30).toFixed(0)} GiB`,
    `load average at start ${startLoad}, at end ${loadAverage()}`,
    `frictionless: POST ${Buffer.byteLength(context.body)} bytes of AReq JSON (2.2.0, BRW, frictionless-y card), ${settings.connections} connections; ` +
      `flows: ${settings.flowUsers} virtual users, each with its own challenge-sms card; ` +
      `${settings.durationSeconds} s each after ${settings.warmupSeconds} s warm-up; loopback`,
    'ACS: defaults of `npm start` (SQLite WAL, synchronous NORMAL, group commit, checkpoints every 1000 ms off the request path) except ' +
      'ACS_LOG_LEVEL=warn and the abuse limits raised to their maxima (ACS_LIMIT_SMS_PER_PHONE=1000, ACS_LIMIT_CHALLENGES_PER_CARD=100000, ACS_LIMIT_CODE_POSTS_PER_ADDRESS=100000)',
    ...(Object.keys(context.overrides).length === 0
      ? []
      : [
          `ACS settings from the environment (what-if): ${Object.entries(context.overrides)
            .map(([k, v]) => `${k}=${v}`)
            .join(' ')}`,
        ]),
    ...context.notes,
  ].join('\n');
}

async function main(): Promise<number> {
  let settings: BenchSettings;
  try {
    settings = readSettings(process.env);
  } catch (error) {
    progress(error instanceof Error ? error.message : String(error));
    return 1;
  }
  const startLoad = loadAverage();
  const runDir = mkdtempSync(join(tmpdir(), 'acs-bench-'));
  const threads: ServerThread[] = [];
  let context: Context | undefined;
  try {
    const start = async (name: string, entry: string) => {
      const thread = await startServerThread(name, new URL(entry, import.meta.url), {});
      threads.push(thread);
      return thread;
    };
    const [echo, standIn] = await Promise.all([
      start('echo', './echo-server.ts'),
      start('3DS Server stand-in', './threeds-server.ts'),
    ]);
    context = {
      settings,
      runDir,
      seedFile: writeBenchSeedFile(repositorySeedFile, runDir, settings.flowUsers),
      overrides: benchOverrides(process.env),
      body: frictionlessAReqBody(),
      echo,
      standIn,
      threads,
      postgres: undefined,
      postgresUnavailable: undefined,
      notes: [],
    };
    await probe(`${echo.origin}/echo`, context.body, (text) => text === context?.body, 'the echo');
    progress(`warming up the echo (${settings.warmupSeconds} s)`);
    await load(context, `${echo.origin}/echo`, () => true, settings.warmupSeconds);

    const results: PartResult[] = [];
    for (const part of settings.parts) {
      const result = await measurePart(context, part);
      if (result !== undefined) results.push(result);
      else context.notes.push(`${part}: skipped: ${context.postgresUnavailable ?? 'unavailable'}`);
    }
    process.stdout.write(
      [
        describeRun(context, startLoad),
        '',
        renderReport(results),
        '',
        renderFlowSteps(results),
        '',
        renderCpu(results),
        '',
      ].join('\n'),
    );
    return 0;
  } catch (error) {
    progress(`failed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    await Promise.all(threads.map((thread) => thread.stop()));
    await context?.postgres?.stop();
    rmSync(runDir, { recursive: true, force: true });
  }
}

process.exitCode = await main();
