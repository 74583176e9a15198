/**
 * `npm run bench`: how much the ACS's own work costs next to a bare express JSON endpoint.
 * Starts an express echo and the real ACS in worker threads, warms both, loads each in turn
 * with autocannon from this thread (same body, same connections, same duration), checks every
 * ACS answer is an ARes Y, prints the comparison and cleans up. It is a report, not a test:
 * it exits 0 whether or not the goals are met, and 1 only when a server failed or the
 * settings are invalid. Settings: BENCH_DURATION_SECONDS (10), BENCH_CONNECTIONS (50),
 * BENCH_WARMUP_SECONDS (3).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AcsThreadData } from './acs-server.ts';
import { frictionlessAReqBody, isFrictionlessARes } from './areq-body.ts';
import { type LoadFigures, measureLoad } from './load.ts';
import { compare, renderReport } from './report.ts';
import { type ServerThread, startServerThread } from './server-thread.ts';

type Settings = Readonly<{ durationSeconds: number; warmupSeconds: number; connections: number }>;

function positiveInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer`);
  return value;
}

function readSettings(): Settings {
  return {
    durationSeconds: positiveInt('BENCH_DURATION_SECONDS', 10),
    warmupSeconds: positiveInt('BENCH_WARMUP_SECONDS', 3),
    connections: positiveInt('BENCH_CONNECTIONS', 50),
  };
}

function progress(line: string): void {
  process.stderr.write(`bench: ${line}\n`);
}

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
  if (response.status !== 200 || !check(text)) {
    throw new Error(`${name} answered the probe with HTTP ${response.status}: ${text.slice(0, 300)}`);
  }
}

function failureOf(threads: readonly ServerThread[]): string | undefined {
  return threads.map((thread) => thread.failure()).find((failure) => failure !== undefined);
}

async function bench(settings: Settings, threads: ServerThread[], dir: string): Promise<void> {
  const acsData: AcsThreadData = { dir };
  // Each thread is remembered as soon as it listens, so a failure of the other still stops it.
  const start = async (name: string, entry: string, data: unknown) => {
    const thread = await startServerThread(name, new URL(entry, import.meta.url), data);
    threads.push(thread);
    return thread;
  };
  const [echo, acs] = await Promise.all([
    start('echo', './echo-server.ts', {}),
    start('ACS', './acs-server.ts', acsData),
  ]);

  const body = frictionlessAReqBody();
  const targets = [
    { name: 'echo', url: `${echo.origin}/echo`, verify: (text: string) => text === body },
    { name: 'ACS', url: `${acs.origin}/3ds/areq`, verify: isFrictionlessARes },
  ] as const;
  for (const target of targets) await probe(target.url, body, target.verify, target.name);

  const run = async (target: (typeof targets)[number], seconds: number): Promise<LoadFigures> => {
    const figures = await measureLoad({
      url: target.url,
      body,
      connections: settings.connections,
      durationSeconds: seconds,
      verify: target.verify,
    });
    const failure = failureOf(threads);
    if (failure !== undefined) throw new Error(failure);
    return figures;
  };

  for (const target of targets) {
    progress(`warming up ${target.name} (${settings.warmupSeconds} s)`);
    const warmup = await run(target, settings.warmupSeconds);
    progress(`warmed up ${target.name}: ${warmup.responses} responses, ${warmup.errors} errors`);
  }
  const results: LoadFigures[] = [];
  for (const target of targets) {
    progress(`measuring ${target.name} (${settings.durationSeconds} s, ${settings.connections} connections)`);
    results.push(await run(target, settings.durationSeconds));
  }
  const [echoFigures, acsFigures] = results;
  if (echoFigures === undefined || acsFigures === undefined) throw new Error('a measurement is missing');

  process.stdout.write(
    [
      `node ${process.version}, ${availableParallelism()} cores (${cpus()[0]?.model ?? 'unknown cpu'})`,
      `POST ${Buffer.byteLength(body)} bytes of AReq JSON (2.2.0, BRW, frictionless-y card), ` +
        `${settings.connections} connections, ${settings.durationSeconds} s each after ${settings.warmupSeconds} s warm-up, loopback`,
      '',
      renderReport(echoFigures, acsFigures, compare(echoFigures, acsFigures)),
    ].join('\n'),
  );
}

async function main(): Promise<number> {
  let settings: Settings;
  try {
    settings = readSettings();
  } catch (error) {
    progress(error instanceof Error ? error.message : String(error));
    return 1;
  }
  const dir = mkdtempSync(join(tmpdir(), 'acs-bench-'));
  const threads: ServerThread[] = [];
  try {
    await bench(settings, threads, dir);
    return 0;
  } catch (error) {
    progress(`failed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    await Promise.all(threads.map((thread) => thread.stop()));
    rmSync(dir, { recursive: true, force: true });
  }
}

process.exitCode = await main();
