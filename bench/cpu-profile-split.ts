/**
 * Splits a V8 CPU profile of the ACS thread into the parts of an AReq's cost, so the
 * benchmark's ratios can be explained: `node --cpu-prof --cpu-prof-dir=DIR --import tsx
 * bench/run.ts`, then `node --import tsx bench/cpu-profile-split.ts DIR/<thread>.cpuprofile [N]`
 * with N the responses the thread served (warm-up plus measured, as the bench prints them) for
 * microseconds per request. The ACS thread's profile is the one in which authenticate appears;
 * it is counted from its first AReq to its last frictionless one (the challenge flows that
 * follow in the same thread are left out). Each sample is charged to the innermost named
 * part on its stack; "idle" is time the thread waited.
 *
 * `cpu-profile-split.ts --flows <profile> [N]` splits the challenge flows instead (from the
 * first openChallenge to the end; N the flows served, warm-up included, for µs per flow).
 *
 * `cpu-profile-split.ts --top <profile> [N] [--after fn]` instead lists the N project functions
 * (src/, views/) with the most inclusive time, which explains the challenge flows' cost by
 * operation (`--after openChallenge`: from the first challenge on).
 */
import { readFileSync } from 'node:fs';
import { areqParts, type CallFrame, type CpuProfile, flowParts, fn, type Part } from './cpu-profile-parts.ts';

/**
 * Microseconds charged to each part (plus "other"): for `areq`, while the ACS served
 * frictionless AReqs (from its first to the first challenge); for `flows`, from the first
 * challenge (openChallenge) to the end.
 */
export function splitProfile(profile: CpuProfile, mode: 'areq' | 'flows' = 'areq'): Map<string, number> {
  const parts = mode === 'areq' ? areqParts : flowParts;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const memo = new Map<number, Readonly<{ specific?: Part; generic?: Part }>>();
  // The innermost specific part on the stack, else the innermost generic one.
  const found = (id: number): Readonly<{ specific?: Part; generic?: Part }> => {
    const known = memo.get(id);
    if (known !== undefined) return known;
    const node = byId.get(id);
    const own = node === undefined ? undefined : parts.find((part) => part.matches(node.callFrame));
    const parent = parentOf.get(id);
    const outer = parent === undefined ? {} : found(parent);
    const result =
      own === undefined
        ? outer
        : own.generic === true
          ? { ...outer, generic: outer.generic ?? own }
          : { specific: own, generic: outer.generic };
    memo.set(id, result);
    return result;
  };
  // Whether a sample's stack holds a frame that `matches` (memoised per node).
  const stackHas = (matches: (frame: CallFrame) => boolean) => {
    const memoHas = new Map<number, boolean>();
    const has = (id: number): boolean => {
      const known = memoHas.get(id);
      if (known !== undefined) return known;
      const node = byId.get(id);
      const parent = parentOf.get(id);
      const result = (node !== undefined && matches(node.callFrame)) || (parent !== undefined && has(parent));
      memoHas.set(id, result);
      return result;
    };
    return has;
  };
  const inAuthenticate = stackHas(fn('authenticate', 'flows/authenticate'));
  const inChallenge = stackHas(fn('openChallenge', 'flows/open-challenge'));
  // Only the span in which the ACS served AReqs: start-up (module loading, key generation) is not the cost of a request.
  const inFlow = profile.samples.map((id) => found(id).specific?.flow === true);
  // A profile without the flow (the echo thread) is counted whole.
  const first = profile.samples.findIndex((id) => inAuthenticate(id));
  // The challenge flows follow the frictionless load in the same thread: stop where they begin.
  const challenge = profile.samples.findIndex((id) => inChallenge(id));
  const last =
    first === -1 ? profile.samples.length - 1 : challenge > first ? challenge - 1 : inFlow.lastIndexOf(true);
  const [from, to] =
    mode === 'areq' ? [Math.max(first, 0), last] : [Math.max(challenge, 0), profile.samples.length - 1];
  const totals = new Map<string, number>();
  for (let i = from; i <= to; i++) {
    const { specific, generic } = found(profile.samples[i] ?? -1);
    const name = (specific ?? generic)?.name ?? 'other (timers, microtask plumbing, native)';
    totals.set(name, (totals.get(name) ?? 0) + (profile.timeDeltas[i] ?? 0));
  }
  return totals;
}

function main(path: string | undefined, requestsArg: string | undefined, mode: 'areq' | 'flows'): void {
  if (path === undefined)
    throw new Error('usage: cpu-profile-split.ts [--flows] <file.cpuprofile> [requests or flows served]');
  const totals = splitProfile(JSON.parse(readFileSync(path, 'utf8')) as CpuProfile, mode);
  const requests = requestsArg === undefined ? undefined : Number(requestsArg);
  const idle = totals.get('idle (waiting for requests)') ?? 0;
  const busy = [...totals.values()].reduce((sum, value) => sum + value, 0) - idle;
  const rows = [...totals].sort(([, a], [, b]) => b - a);
  for (const [name, micros] of rows) {
    const isIdle = name.startsWith('idle');
    const share = isIdle ? '' : `${((100 * micros) / busy).toFixed(1).padStart(5)}%`;
    const perRequest =
      requests === undefined || isIdle ? '' : `${(micros / requests).toFixed(0).padStart(5)} us/req`;
    process.stdout.write(
      `${(micros / 1000).toFixed(0).padStart(7)} ms  ${share.padStart(6)}  ${perRequest.padStart(12)}  ${name}\n`,
    );
  }
  if (requests !== undefined) {
    process.stdout.write(`busy ${(busy / requests).toFixed(0)} us per request over ${requests} requests\n`);
  }
}

/**
 * Inclusive time per function of the project (src/, views/), plus the profiler's idle and
 * garbage-collection entries: every sample is charged once to each distinct project function
 * on its stack. For the challenge flows, whose cost is spread over several routes, this says
 * which operation costs what. With `after`, only samples from the first one whose stack holds
 * a function of that name on (the challenge flows follow the frictionless load in one thread:
 * `--after openChallenge` keeps the flows only).
 */
export function inclusiveByFunction(profile: CpuProfile, after?: string): Map<string, number> {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const project = /\/(src|views)\//;
  const memo = new Map<number, Readonly<{ keys: readonly string[]; names: ReadonlySet<string> }>>();
  const stackOf = (id: number): Readonly<{ keys: readonly string[]; names: ReadonlySet<string> }> => {
    const known = memo.get(id);
    if (known !== undefined) return known;
    const node = byId.get(id);
    const parent = parentOf.get(id);
    const outer = parent === undefined ? { keys: [], names: new Set<string>() } : stackOf(parent);
    const frame = node?.callFrame;
    const name = frame?.functionName ?? '';
    const key =
      frame === undefined
        ? undefined
        : project.test(frame.url)
          ? `${name || '(anonymous)'} ${frame.url.replace(/^.*\/(src|views)\//, '$1/')}`
          : name === '(idle)' || name === '(garbage collector)' || name === '(program)'
            ? name
            : undefined;
    const stack = {
      keys: key === undefined || outer.keys.includes(key) ? outer.keys : [...outer.keys, key],
      names: name === '' || outer.names.has(name) ? outer.names : new Set([...outer.names, name]),
    };
    memo.set(id, stack);
    return stack;
  };
  const totals = new Map<string, number>();
  let counting = after === undefined;
  profile.samples.forEach((id, i) => {
    const stack = stackOf(id);
    if (!counting && after !== undefined && stack.names.has(after)) counting = true;
    if (!counting) return;
    const delta = profile.timeDeltas[i] ?? 0;
    totals.set('(span)', (totals.get('(span)') ?? 0) + delta);
    for (const key of stack.keys) totals.set(key, (totals.get(key) ?? 0) + delta);
  });
  return totals;
}

function mainTop(args: readonly string[]): void {
  const afterAt = args.indexOf('--after');
  const after = afterAt === -1 ? undefined : args[afterAt + 1];
  const [path, countArg] = args.filter((_, i) => afterAt === -1 || (i !== afterAt && i !== afterAt + 1));
  if (path === undefined)
    throw new Error('usage: cpu-profile-split.ts --top <file.cpuprofile> [N] [--after functionName]');
  const totals = inclusiveByFunction(JSON.parse(readFileSync(path, 'utf8')) as CpuProfile, after);
  const span = totals.get('(span)') ?? 0;
  const idle = totals.get('(idle)') ?? 0;
  totals.delete('(span)');
  const rows = [...totals].sort(([, a], [, b]) => b - a).slice(0, Number(countArg ?? '40'));
  process.stdout.write(
    `span ${(span / 1000).toFixed(0)} ms${after === undefined ? '' : ` from the first ${after}`}, ` +
      `busy ${((span - idle) / 1000).toFixed(0)} ms; inclusive time (share of the span):\n`,
  );
  for (const [name, micros] of rows) {
    process.stdout.write(
      `${(micros / 1000).toFixed(0).padStart(7)} ms  ${((100 * micros) / span).toFixed(1).padStart(5)}%  ${name}\n`,
    );
  }
}

if (process.argv[2] === '--top') mainTop(process.argv.slice(3));
else if (process.argv[2] === '--flows') main(process.argv[3], process.argv[4], 'flows');
else main(process.argv[2], process.argv[3], 'areq');
