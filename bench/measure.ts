/**
 * The measurements of one part: a probe before any load, an autocannon run (echo or
 * frictionless AReq) and the challenge flows, each with the server thread's CPU (and
 * PostgreSQL's) sampled around the measured window.
 */
import { flowCardNumber } from './bench-cards.ts';
import { runChallengeFlow } from './challenge-flow.ts';
import { type Context, checkThreads } from './context.ts';
import {
  currentThreadId,
  machineBusySeconds,
  postgresCpuSeconds,
  processCpuSeconds,
  type ThreadTimes,
  threadTimes,
} from './cpu-time.ts';
import { type FlowFigures, measureFlows } from './flow-load.ts';
import { createHttpClient } from './http-client.ts';
import { type LoadFigures, measureLoad } from './load.ts';
import type { CpuFigures } from './report.ts';
import type { ServerThread } from './server-thread.ts';
import type { DrainedRReqs } from './threeds-server.ts';

/** One POST before any load: a server that cannot answer the scenario makes the figures meaningless. */
export async function probe(
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

/** An autocannon run of POSTs of the run's AReq body to `url`. */
export async function load(
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

/** This (main) thread: the load generator. */
const loadGeneratorThread = currentThreadId();

/** CPU times at one moment: the server thread, the load generator, this process, PostgreSQL, the machine. */
type CpuSample = Readonly<{
  at: number;
  thread: ThreadTimes | undefined;
  loadGenerator: ThreadTimes | undefined;
  process: number | undefined;
  database: number | undefined;
  machine: number | undefined;
}>;

function sampleCpu(thread: ServerThread, databaseDir: string | undefined): CpuSample {
  return {
    at: performance.now(),
    thread: thread.times(),
    loadGenerator: threadTimes(loadGeneratorThread),
    process: processCpuSeconds(),
    database: databaseDir === undefined ? undefined : postgresCpuSeconds(databaseDir),
    machine: machineBusySeconds(),
  };
}

function cpuBetween(from: CpuSample, to: CpuSample, units: number): CpuFigures {
  const per = (a: number | undefined, b: number | undefined) =>
    a === undefined || b === undefined || units === 0 ? undefined : ((b - a) * 1000) / units;
  const wallSeconds = (to.at - from.at) / 1000;
  const share = (a: number | undefined, b: number | undefined) =>
    a === undefined || b === undefined ? undefined : (b - a) / wallSeconds;
  const threadBusy = share(from.thread?.cpu, to.thread?.cpu);
  const loadGenerator = share(from.loadGenerator?.cpu, to.loadGenerator?.cpu);
  const process = share(from.process, to.process);
  const database = share(from.database, to.database);
  const machine = share(from.machine, to.machine);
  return {
    threadBusy,
    threadRunQueue: share(from.thread?.runQueue, to.thread?.runQueue),
    threadMs: per(from.thread?.cpu, to.thread?.cpu),
    databaseMs: per(from.database, to.database),
    loadGeneratorCores: loadGenerator,
    otherThreadsCores:
      process === undefined || threadBusy === undefined || loadGenerator === undefined
        ? undefined
        : Math.max(0, process - threadBusy - loadGenerator),
    databaseCores: database,
    otherProcessesCores:
      machine === undefined || process === undefined
        ? undefined
        : Math.max(0, machine - process - (database ?? 0)),
  };
}

/** A load run with the server thread's (and PostgreSQL's) CPU sampled around it. */
export async function loadWithCpu(
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

/** The challenge flows against `acs`, with its CPU (and PostgreSQL's) sampled over the measured window. */
export async function flows(
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
export async function probeFlow(context: Context, acs: ServerThread): Promise<void> {
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
