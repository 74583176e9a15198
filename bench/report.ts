/**
 * The benchmark's verdict as a small text table: the baseline and the ACS side by side, the
 * ACS/echo ratios, and the two goals (throughput at least 70% of the echo's, p99 latency at
 * most twice the echo's) marked PASS or FAIL.
 */
import type { LoadFigures } from './load.ts';

/** The goals the ACS is held to, relative to the express echo baseline. */
export const goals = { minThroughputRatio: 0.7, maxP99Ratio: 2 } as const;

/** How the two runs compare. */
export type Comparison = Readonly<{
  throughputRatio: number;
  p99Ratio: number;
  throughputPass: boolean;
  p99Pass: boolean;
}>;

/** Compares the ACS's figures with the echo's. */
export function compare(echo: LoadFigures, acs: LoadFigures): Comparison {
  const throughputRatio = acs.requestsPerSecond / echo.requestsPerSecond;
  const p99Ratio = acs.p99Ms / echo.p99Ms;
  return {
    throughputRatio,
    p99Ratio,
    throughputPass: throughputRatio >= goals.minThroughputRatio,
    p99Pass: p99Ratio <= goals.maxP99Ratio,
  };
}

/** The report as lines of text. */
export function renderReport(echo: LoadFigures, acs: LoadFigures, comparison: Comparison): string {
  const header = ['', 'req/s', 'p50 ms', 'p99 ms', 'responses', 'errors', 'non-2xx'];
  const row = (name: string, f: LoadFigures) => [
    name,
    f.requestsPerSecond.toFixed(0),
    f.p50Ms.toFixed(1),
    f.p99Ms.toFixed(1),
    String(f.responses),
    String(f.errors),
    String(f.non2xx),
  ];
  const table = [header, row('echo (express)', echo), row('ACS /3ds/areq', acs)];
  const widths = header.map((_, column) => Math.max(...table.map((cells) => (cells[column] ?? '').length)));
  const lines = table.map((cells) =>
    cells
      .map((cell, column) =>
        column === 0 ? cell.padEnd(widths[0] ?? 0) : cell.padStart(widths[column] ?? 0),
      )
      .join('  '),
  );
  const verdict = (pass: boolean) => (pass ? 'PASS' : 'FAIL');
  lines.push(
    '',
    `ACS/echo req/s  ${comparison.throughputRatio.toFixed(2)}  (goal >= ${goals.minThroughputRatio})  ${verdict(comparison.throughputPass)}`,
    `ACS/echo p99    ${comparison.p99Ratio.toFixed(2)}  (goal <= ${goals.maxP99Ratio})  ${verdict(comparison.p99Pass)}`,
  );
  return `${lines.join('\n')}\n`;
}
