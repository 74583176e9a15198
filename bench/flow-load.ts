/**
 * Full browser challenge flows under load: N virtual users, each running one flow after
 * another (challenge-flow.ts), each with its own card. A flow counts when it finishes inside
 * the measured window with a final CRes Y and its RReq reached the stand-in
 * 3DS Server with transStatus Y (checked in bulk after the window, from the stand-in's log).
 * Anything else counts as an error, with a few samples kept for the report.
 */
import { flowSteps, runChallengeFlow } from './challenge-flow.ts';
import type { HttpClient } from './http-client.ts';

/** What to load and for how long. */
export type FlowLoadOptions = Readonly<{
  client: HttpClient;
  rreqURL: string;
  /** What the stand-in received since it was last asked: [acsTransID, transStatus][] */
  drainRReqs: () => Promise<readonly (readonly [string, string])[]>;
  users: number;
  /** Flows run but not counted, before the window. */
  warmupSeconds: number;
  /** The measured window. */
  durationSeconds: number;
  /** The card of virtual user `user`. */
  cardOf: (user: number) => string;
  /** Called when the measured window opens and when it closes (CPU samples). */
  onWindow?: (edge: 'start' | 'end') => void;
}>;

/** Median and 99th percentile of one quantity, in milliseconds. */
export type Percentiles = Readonly<{ p50Ms: number; p99Ms: number }>;

/** The figures of one run. */
export type FlowFigures = Readonly<{
  flowsPerSecond: number;
  /** Whole flow, first AReq byte to final CRes. */
  p50Ms: number;
  p99Ms: number;
  flows: number;
  /** Flows finished from the start of the warm-up to the end (for CPU profiles: µs per flow). */
  served: number;
  /** Failed flows, including those whose RReq never reached the stand-in. */
  errors: number;
  errorSamples: readonly string[];
  steps: readonly (Percentiles & Readonly<{ name: string }>)[];
}>;

/** The `q` quantile (0-1) of `sorted` (ascending); 0 for no values. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? 0;
}

function percentiles(values: number[]): Percentiles {
  values.sort((a, b) => a - b);
  return { p50Ms: quantile(values, 0.5), p99Ms: quantile(values, 0.99) };
}

/**
 * Runs the users' flows through the warm-up and then the measured window, without a pause: a
 * flow counts when it finishes inside the window (even if it began in the warm-up), so the
 * rate has no ramp-up in it.
 */
export async function measureFlows(options: FlowLoadOptions): Promise<FlowFigures> {
  await options.drainRReqs();
  const flowMs: number[] = [];
  const stepMs: number[][] = flowSteps.map(() => []);
  const completed: string[] = [];
  const errorSamples = new Set<string>();
  let errors = 0;
  let served = 0;
  const windowStart = performance.now() + options.warmupSeconds * 1000;
  const deadline = windowStart + options.durationSeconds * 1000;
  const inWindow = (at: number) => at >= windowStart && at <= deadline;
  const timers = [
    setTimeout(() => options.onWindow?.('start'), windowStart - performance.now()),
    setTimeout(() => options.onWindow?.('end'), deadline - performance.now()),
  ];

  const user = async (index: number) => {
    const card = options.cardOf(index);
    const laps: number[] = [];
    while (performance.now() < deadline) {
      const began = performance.now();
      try {
        const acsTransID = await runChallengeFlow(
          { client: options.client, rreqURL: options.rreqURL },
          card,
          laps,
        );
        const ended = performance.now();
        served += 1;
        if (!inWindow(ended)) continue;
        flowMs.push(ended - began);
        for (const [i, ms] of laps.entries()) stepMs[i]?.push(ms);
        completed.push(acsTransID);
      } catch (error) {
        if (inWindow(performance.now())) {
          errors += 1;
          if (errorSamples.size < 5) errorSamples.add(error instanceof Error ? error.message : String(error));
        }
        // A server that refuses at once must not turn this loop into a busy spin.
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }
  };
  await Promise.all(Array.from({ length: options.users }, (_, i) => user(i)));
  for (const timer of timers) clearTimeout(timer);

  // The RReq is sent (first attempt awaited) before the ACS answers the code post, so by now
  // the stand-in has every RReq of a completed flow.
  const rreqs = new Map(await options.drainRReqs());
  let missing = 0;
  for (const acsTransID of completed) {
    if (rreqs.get(acsTransID) !== 'Y') missing += 1;
  }
  if (missing > 0) errorSamples.add(`${missing} flows finished without an RReq Y at the stand-in 3DS Server`);
  const whole = percentiles(flowMs);
  return {
    flowsPerSecond: (completed.length - missing) / options.durationSeconds,
    ...whole,
    flows: completed.length - missing,
    served,
    errors: errors + missing,
    errorSamples: [...errorSamples],
    steps: flowSteps.map((name, i) => ({ name, ...percentiles(stepMs[i] ?? []) })),
  };
}
