/**
 * The benchmark's verdict: one Markdown table with every figure beside the echo measured just
 * before it, the ratios, and the goals of issue 11 marked PASS or MISS:
 *
 * - frictionless AReq on SQLite: at least 0.5 of the echo's requests per second, p99 at most
 *   3 times the echo's;
 * - full browser challenge flows: at least 0.25 of the frictionless AReq rate (same database);
 * - with the large database: throughput within 10% of the empty database's, p99 at most 1.5
 *   times. Each part has its own echo, measured just before it: the throughput is compared as
 *   each part's figure over its own echo (echo-normalised), which takes out the drift of a
 *   shared machine between the two parts; the raw ratio is shown beside it. p99 is compared
 *   raw (the echo's p99 is too noisy to divide by).
 *
 * The goals are set for SQLite with the defaults of `npm start`; the same ratios for
 * PostgreSQL and for SQLite without group commit are shown against the same goals in
 * parentheses, for reference.
 *
 * Each throughput ratio is also given "by CPU": the same ratio computed from the server
 * threads' CPU per request or flow (echo over ACS, AReq over flow, empty over large). Every
 * server thread here is CPU-bound (on a CPU or waiting for one all the window), so its rate is
 * the CPU it gets divided by its CPU per request; the CPU it gets moves with the machine's
 * other load from one measurement to the next, its CPU per request hardly does. The verdict
 * is PASS or MISS when both agree, MIXED when they do not.
 */
import type { FlowFigures } from './flow-load.ts';
import type { LoadFigures } from './load.ts';

/** The goals, as issue 11 states them. */
export const goals = {
  minThroughputRatio: 0.5,
  maxP99Ratio: 3,
  minFlowRatio: 0.25,
  minLargeThroughputRatio: 0.9,
  maxLargeP99Ratio: 1.5,
} as const;

/** CPU used during a measurement (from /proc; undefined where unknown). */
export type CpuFigures = Readonly<{
  /** Share of the wall time the server thread was on a CPU. */
  threadBusy: number | undefined;
  /** Share of the wall time it was runnable but waited for a CPU (the machine's other load). */
  threadRunQueue: number | undefined;
  /** Server thread CPU per request or flow, ms. */
  threadMs: number | undefined;
  /** PostgreSQL server CPU per request or flow, ms (own cluster only). */
  databaseMs: number | undefined;
  /** Cores (CPU seconds per second) used by the load generator (this process's main thread). */
  loadGeneratorCores: number | undefined;
  /** Cores used by this process's other threads: the checkpointer, the stand-in 3DS Server, V8 and libuv helpers. */
  otherThreadsCores: number | undefined;
  /** Cores used by the PostgreSQL server (own cluster only). */
  databaseCores: number | undefined;
  /** Cores used by everything else on the machine (other processes). */
  otherProcessesCores: number | undefined;
}>;

/** What one part of the run measured. */
export type PartResult = Readonly<{
  /** e.g. "SQLite, empty". */
  label: string;
  adapter: 'sqlite' | 'postgres';
  large: boolean;
  /** The goals apply to this part (SQLite with the defaults); otherwise shown for reference. */
  held: boolean;
  echo: LoadFigures;
  frictionless: LoadFigures;
  flows: FlowFigures | undefined;
  cpu: Readonly<{ echo: CpuFigures; frictionless: CpuFigures; flows: CpuFigures | undefined }>;
}>;

type Row = readonly string[];

const header: Row = [
  'database',
  'measured',
  'rate',
  'p50 ms',
  'p99 ms',
  'errors',
  'echo req/s',
  'echo p99 ms',
  'ratio',
  'goal',
  'verdict',
];

const n0 = (value: number) => value.toFixed(0);
const n1 = (value: number) => value.toFixed(1);
const n2 = (value: number) => value.toFixed(2);

/**
 * PASS or MISS when the measured ratio and the CPU-based one agree (or there is no CPU-based
 * one); MIXED when they disagree, i.e. the machine's other load moved the measured figure
 * across the goal. In parentheses for parts the goals are not set for.
 */
function verdict(pass: boolean, passByCpu: boolean | undefined, held: boolean): string {
  const word = passByCpu === undefined || passByCpu === pass ? (pass ? 'PASS' : 'MISS') : 'MIXED';
  return held ? word : `(${word})`;
}

/** A ratio of two CPU costs, when both are known. */
function cpuRatio(numerator: number | undefined, denominator: number | undefined): number | undefined {
  return numerator === undefined || denominator === undefined || denominator === 0
    ? undefined
    : numerator / denominator;
}

/** The empty-database part that a large part compares with. */
function emptyTwin(parts: readonly PartResult[], part: PartResult): PartResult | undefined {
  return parts.find((other) => other.adapter === part.adapter && !other.large && other.flows !== undefined);
}

/** One goal row: the ratio as measured, the same ratio from CPU costs, the goal and the verdict. */
type Check = Readonly<{
  label: string;
  measured: number;
  byCpu: number | undefined;
  goal: number;
  /** The ratio must be at least the goal (else at most). */
  atLeast: boolean;
}>;

function checkCells(check: Check, held: boolean): Row {
  const passes = (value: number) => (check.atLeast ? value >= check.goal : value <= check.goal);
  const cpu = check.byCpu === undefined ? '' : ` (by CPU ${n2(check.byCpu)})`;
  return [
    `${n2(check.measured)} ${check.label}${cpu}`,
    `${check.atLeast ? '>=' : '<='} ${check.goal}`,
    verdict(passes(check.measured), check.byCpu === undefined ? undefined : passes(check.byCpu), held),
  ];
}

function rowsOf(part: PartResult, parts: readonly PartResult[]): Row[] {
  const rows: Row[] = [];
  const { echo, frictionless, flows, held, cpu } = part;
  const errors = (figures: { errors: number; non2xx?: number }) =>
    String(figures.errors + (figures.non2xx ?? 0));
  const echoCells = [n0(echo.requestsPerSecond), n1(echo.p99Ms)];
  const blank = ['', '', '', '', '', '', '', ''];
  const twin = part.large ? emptyTwin(parts, part) : undefined;
  const checks = (first: Row, list: readonly Check[]) => {
    for (const [i, check] of list.entries())
      rows.push([...(i === 0 ? first : blank), ...checkCells(check, held)]);
  };

  const frictionlessChecks: Check[] = [
    {
      label: 'of echo req/s',
      measured: frictionless.requestsPerSecond / echo.requestsPerSecond,
      byCpu: cpuRatio(cpu.echo.threadMs, cpu.frictionless.threadMs),
      goal: goals.minThroughputRatio,
      atLeast: true,
    },
    {
      label: 'x echo p99',
      measured: frictionless.p99Ms / echo.p99Ms,
      byCpu: undefined,
      goal: goals.maxP99Ratio,
      atLeast: false,
    },
  ];
  if (twin !== undefined) {
    frictionlessChecks.push(
      {
        label: 'of empty req/s, echo-normalised',
        measured:
          frictionless.requestsPerSecond /
          echo.requestsPerSecond /
          (twin.frictionless.requestsPerSecond / twin.echo.requestsPerSecond),
        byCpu: cpuRatio(twin.cpu.frictionless.threadMs, cpu.frictionless.threadMs),
        goal: goals.minLargeThroughputRatio,
        atLeast: true,
      },
      {
        label: 'x empty p99',
        measured: frictionless.p99Ms / twin.frictionless.p99Ms,
        byCpu: undefined,
        goal: goals.maxLargeP99Ratio,
        atLeast: false,
      },
    );
  }
  checks(
    [
      part.label,
      'frictionless AReq',
      `${n0(frictionless.requestsPerSecond)} req/s`,
      n1(frictionless.p50Ms),
      n1(frictionless.p99Ms),
      errors(frictionless),
      ...echoCells,
    ],
    frictionlessChecks,
  );

  if (flows === undefined) return rows;
  if (flows.flows === 0) {
    rows.push([
      part.label,
      'challenge flows',
      'none finished',
      '-',
      '-',
      String(flows.errors),
      ...echoCells,
      '-',
      `>= ${goals.minFlowRatio}`,
      verdict(false, undefined, held),
    ]);
    return rows;
  }
  const flowChecks: Check[] = [
    {
      label: 'of frictionless',
      measured: flows.flowsPerSecond / frictionless.requestsPerSecond,
      byCpu: cpuRatio(cpu.frictionless.threadMs, cpu.flows?.threadMs),
      goal: goals.minFlowRatio,
      atLeast: true,
    },
  ];
  if (twin?.flows !== undefined && twin.flows.flows > 0) {
    flowChecks.push(
      {
        label: 'of empty flows/s, echo-normalised',
        measured:
          flows.flowsPerSecond /
          echo.requestsPerSecond /
          (twin.flows.flowsPerSecond / twin.echo.requestsPerSecond),
        byCpu: cpuRatio(twin.cpu.flows?.threadMs, cpu.flows?.threadMs),
        goal: goals.minLargeThroughputRatio,
        atLeast: true,
      },
      {
        label: 'x empty p99',
        measured: flows.p99Ms / twin.flows.p99Ms,
        byCpu: undefined,
        goal: goals.maxLargeP99Ratio,
        atLeast: false,
      },
    );
  }
  checks(
    [
      part.label,
      'challenge flows',
      `${n1(flows.flowsPerSecond)} flows/s`,
      n1(flows.p50Ms),
      n1(flows.p99Ms),
      String(flows.errors),
      ...echoCells,
    ],
    flowChecks,
  );
  return rows;
}

function markdown(rows: readonly Row[], head: Row): string {
  const table = [head, ...rows];
  const widths = head.map((_, column) => Math.max(3, ...table.map((cells) => (cells[column] ?? '').length)));
  const line = (cells: Row) => `| ${cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

/** The main table: every part's figures, the echo beside them, ratios and goals. */
export function renderReport(parts: readonly PartResult[]): string {
  return markdown(
    parts.flatMap((part) => rowsOf(part, parts)),
    header,
  );
}

/** Where a flow's time goes: each step's p50 and p99, per part. */
export function renderFlowSteps(parts: readonly PartResult[]): string {
  const rows: Row[] = [];
  for (const part of parts) {
    for (const step of part.flows?.steps ?? [])
      rows.push([part.label, step.name, n1(step.p50Ms), n1(step.p99Ms)]);
  }
  return rows.length === 0 ? '' : markdown(rows, ['database', 'flow step', 'p50 ms', 'p99 ms']);
}

/**
 * Where the time went, per measured window: the server thread's share of the time on a CPU
 * and runnable but waiting for one (the rest it was idle or blocked: waiting for requests, I/O
 * or the database); its CPU per request or flow, and PostgreSQL's; and the cores (CPU
 * seconds per second) that everything else used: the load generator, the bench process's
 * other threads, PostgreSQL, and the machine's other processes.
 */
export function renderCpu(parts: readonly PartResult[]): string {
  const value = (v: number | undefined, format: (v: number) => string) => (v === undefined ? '-' : format(v));
  const percent = (v: number) => `${(100 * v).toFixed(0)} %`;
  const rows: Row[] = [];
  for (const part of parts) {
    const measured: [string, CpuFigures | undefined][] = [
      ['echo', part.cpu.echo],
      ['frictionless AReq', part.cpu.frictionless],
      ['challenge flow', part.cpu.flows],
    ];
    for (const [name, cpu] of measured) {
      if (cpu === undefined) continue;
      rows.push([
        part.label,
        name,
        `${value(cpu.threadBusy, percent)} / ${value(cpu.threadRunQueue, percent)}`,
        `${value(cpu.threadMs, n2)} / ${value(cpu.databaseMs, n2)}`,
        [cpu.loadGeneratorCores, cpu.otherThreadsCores, cpu.databaseCores, cpu.otherProcessesCores]
          .map((cores) => value(cores, n2))
          .join(' / '),
      ]);
    }
  }
  return markdown(rows, [
    'database',
    'measured',
    'server thread on CPU / waiting for CPU',
    'CPU ms each: server thread / PostgreSQL',
    'cores: load generator / other bench threads / PostgreSQL / other processes',
  ]);
}
