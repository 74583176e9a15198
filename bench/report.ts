/**
 * The benchmark's verdict: one Markdown table with every figure beside the echo measured just
 * before it, the ratios, and the goals of issue 11 marked PASS or MISS:
 *
 * - frictionless AReq on SQLite: at least 0.5 of the echo's requests per second, p99 at most
 *   3 times the echo's;
 * - full browser challenge flows: at least 0.25 of the frictionless AReq rate (same database);
 * - with the large database: throughput within 10% of the empty database's, p99 at most 1.5
 *   times.
 *
 * The goals are set for SQLite with the defaults of `npm start`; the same ratios for
 * PostgreSQL and for SQLite without group commit are shown against the same goals in
 * parentheses, for reference.
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

function verdict(pass: boolean, held: boolean): string {
  const word = pass ? 'PASS' : 'MISS';
  return held ? word : `(${word})`;
}

/** The empty-database part that a large part compares with. */
function emptyTwin(parts: readonly PartResult[], part: PartResult): PartResult | undefined {
  return parts.find((other) => other.adapter === part.adapter && !other.large && other.flows !== undefined);
}

function rowsOf(part: PartResult, parts: readonly PartResult[]): Row[] {
  const rows: Row[] = [];
  const { echo, frictionless, flows, held } = part;
  const errors = (figures: { errors: number; non2xx?: number }) =>
    String(figures.errors + (figures.non2xx ?? 0));
  const throughput = frictionless.requestsPerSecond / echo.requestsPerSecond;
  const p99 = frictionless.p99Ms / echo.p99Ms;
  const echoCells = [n0(echo.requestsPerSecond), n1(echo.p99Ms)];
  const blank = ['', '', '', '', '', '', '', ''];
  rows.push([
    part.label,
    `frictionless AReq`,
    `${n0(frictionless.requestsPerSecond)} req/s`,
    n1(frictionless.p50Ms),
    n1(frictionless.p99Ms),
    errors(frictionless),
    ...echoCells,
    `${n2(throughput)} of echo req/s`,
    `>= ${goals.minThroughputRatio}`,
    verdict(throughput >= goals.minThroughputRatio, held),
  ]);
  rows.push([
    ...blank,
    `${n2(p99)} x echo p99`,
    `<= ${goals.maxP99Ratio}`,
    verdict(p99 <= goals.maxP99Ratio, held),
  ]);
  const twin = part.large ? emptyTwin(parts, part) : undefined;
  if (twin !== undefined) {
    const rate = frictionless.requestsPerSecond / twin.frictionless.requestsPerSecond;
    const tail = frictionless.p99Ms / twin.frictionless.p99Ms;
    rows.push([
      ...blank,
      `${n2(rate)} of empty req/s`,
      `>= ${goals.minLargeThroughputRatio}`,
      verdict(rate >= goals.minLargeThroughputRatio, held),
    ]);
    rows.push([
      ...blank,
      `${n2(tail)} x empty p99`,
      `<= ${goals.maxLargeP99Ratio}`,
      verdict(tail <= goals.maxLargeP99Ratio, held),
    ]);
  }
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
      verdict(false, held),
    ]);
    return rows;
  }
  const flowRatio = flows.flowsPerSecond / frictionless.requestsPerSecond;
  rows.push([
    part.label,
    'challenge flows',
    `${n1(flows.flowsPerSecond)} flows/s`,
    n1(flows.p50Ms),
    n1(flows.p99Ms),
    String(flows.errors),
    ...echoCells,
    `${n2(flowRatio)} of frictionless`,
    `>= ${goals.minFlowRatio}`,
    verdict(flowRatio >= goals.minFlowRatio, held),
  ]);
  if (twin?.flows !== undefined && twin.flows.flows > 0) {
    const rate = flows.flowsPerSecond / twin.flows.flowsPerSecond;
    const tail = flows.p99Ms / twin.flows.p99Ms;
    rows.push([
      ...blank,
      `${n2(rate)} of empty flows/s`,
      `>= ${goals.minLargeThroughputRatio}`,
      verdict(rate >= goals.minLargeThroughputRatio, held),
    ]);
    rows.push([
      ...blank,
      `${n2(tail)} x empty p99`,
      `<= ${goals.maxLargeP99Ratio}`,
      verdict(tail <= goals.maxLargeP99Ratio, held),
    ]);
  }
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
 * Where the time went: the share of the measured window each server thread spent on a CPU,
 * waiting for one (runnable: the machine's other load) and neither (idle or blocked: waiting
 * for requests, I/O or the database), its CPU per request or flow, and PostgreSQL's.
 */
export function renderCpu(parts: readonly PartResult[]): string {
  const cell = (value: number | undefined, format: (v: number) => string) =>
    value === undefined ? '-' : format(value);
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
      const other =
        cpu.threadBusy === undefined || cpu.threadRunQueue === undefined
          ? undefined
          : Math.max(0, 1 - cpu.threadBusy - cpu.threadRunQueue);
      rows.push([
        part.label,
        name,
        cell(cpu.threadBusy, percent),
        cell(cpu.threadRunQueue, percent),
        cell(other, percent),
        cell(cpu.threadMs, n2),
        cell(cpu.databaseMs, n2),
      ]);
    }
  }
  return markdown(rows, [
    'database',
    'measured',
    'thread on CPU',
    'waiting for CPU',
    'idle or blocked',
    'thread CPU ms each',
    'PostgreSQL CPU ms each',
  ]);
}
