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
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { benchOverrides, repositorySeedFile } from './acs-deps.ts';
import { frictionlessAReqBody, isFrictionlessARes } from './areq-body.ts';
import { writeBenchSeedFile } from './bench-cards.ts';
import { type Context, loadAverage, progress } from './context.ts';
import { flows, load, loadWithCpu, probe, probeFlow } from './measure.ts';
import { prepareDatabase } from './part-database.ts';
import { type PartResult, renderCpu, renderFlowSteps, renderReport } from './report.ts';
import { type ServerThread, startServerThread } from './server-thread.ts';
import { type BenchSettings, type PartName, readSettings } from './settings.ts';

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
      if (result !== undefined) {
        results.push(result);
      } else {
        const skipped = `${part}: skipped: ${context.postgresUnavailable ?? 'unavailable'}`;
        progress(skipped);
        context.notes.push(skipped);
      }
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
