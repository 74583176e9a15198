/**
 * Splits a V8 CPU profile of the ACS thread into the parts of an AReq's cost, so the
 * benchmark's ratios can be explained: `node --cpu-prof --cpu-prof-dir=DIR --import tsx
 * bench/run.ts`, then `node --import tsx bench/cpu-profile-split.ts DIR/<thread>.cpuprofile [N]`
 * with N the responses the thread served (warm-up plus measured, as the bench prints them) for
 * microseconds per request. The ACS thread's profile is the one in which authenticate appears;
 * it is counted from its first AReq to its last. Each sample is charged to the innermost named
 * part on its stack; "idle" is time the thread waited.
 */
import { readFileSync } from 'node:fs';

type CallFrame = Readonly<{ functionName: string; url: string }>;
type ProfileNode = Readonly<{ id: number; callFrame: CallFrame; children?: readonly number[] }>;
type CpuProfile = Readonly<{
  nodes: readonly ProfileNode[];
  samples: readonly number[];
  timeDeltas: readonly number[];
}>;

/** A named part of the cost and how to recognise its frames. */
type Part = Readonly<{
  name: string;
  matches: (frame: CallFrame) => boolean;
  /** Inside the authenticate flow. */
  flow?: boolean;
  /** Claims only what no specific part claims. */
  generic?: boolean;
}>;

const fn =
  (name: string, file = '') =>
  (frame: CallFrame) =>
    frame.functionName === name && frame.url.includes(file);
const file = (fragment: string) => (frame: CallFrame) => frame.url.includes(fragment);

// A sample is charged to the innermost frame of a specific part on its stack (the first part
// listed wins when one frame matches several); generic parts only take what no specific part claims.
const parts: readonly Part[] = [
  {
    name: 'SQLite write: recordAuthentication (1 tx, 3 inserts, WAL checkpoints)',
    matches: fn('recordAuthentication'),
    flow: true,
  },
  { name: 'SQLite read: findCardByPanHash', matches: fn('findCardByPanHash'), flow: true },
  { name: 'parseJsonStrict (duplicate-key scan + JSON.parse)', matches: fn('parseJsonStrict'), flow: true },
  { name: 'parseAReq (field tables)', matches: fn('parseAReq'), flow: true },
  {
    name: 'HMACs: PAN lookup hash, authenticationValue',
    matches: (f) => fn('panLookupHash')(f) || fn('authenticationProof')(f),
    flow: true,
  },
  { name: 'timeline masking (AReq, ARes)', matches: fn('timelineEntry'), flow: true },
  { name: 'buildARes', matches: fn('buildARes'), flow: true },
  {
    name: 'authenticate: rest (decide, newTransaction, ids)',
    matches: fn('authenticate', 'flows/authenticate'),
    flow: true,
  },
  {
    name: 'metrics + request log (observe.ts, registry.ts)',
    matches: (f) => file('src/http/observe')(f) || file('src/metrics/')(f),
  },
  { name: 'helmet headers', matches: file('node_modules/helmet/') },
  {
    name: 'response: res.json, headers, socket write',
    matches: (f) => fn('json', 'express/lib/response')(f) || fn('send', 'express/lib/response')(f),
  },
  {
    name: 'body read: emvBody / raw-body / express.text',
    matches: (f) =>
      file('src/http/emv-body')(f) || file('raw-body')(f) || file('body-parser')(f) || file('type-is')(f),
  },
  {
    name: 'express routing and middleware chain',
    matches: (f) =>
      file('node_modules/router/')(f) ||
      file('node_modules/express/')(f) ||
      file('src/http/')(f) ||
      file('src/app')(f),
  },
  {
    name: 'node http + sockets (parse, write, events)',
    matches: (f) =>
      /node:(_http|net|internal\/(streams|stream_base))/.test(f.url) ||
      f.functionName === 'writev' ||
      f.functionName === 'writeBuffer',
    generic: true,
  },
  { name: 'garbage collection', matches: (f) => f.functionName === '(garbage collector)', generic: true },
  { name: 'idle (waiting for requests)', matches: (f) => f.functionName === '(idle)', generic: true },
];

/** Microseconds charged to each part (plus "other") while the ACS was serving AReqs. */
export function splitProfile(profile: CpuProfile): Map<string, number> {
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
  // Only the span in which the ACS served AReqs: start-up (module loading, key generation) is not the cost of a request.
  const inFlow = profile.samples.map((id) => found(id).specific?.flow === true);
  // A profile without the flow (the echo thread) is counted whole.
  const first = inFlow.indexOf(true);
  const last = first === -1 ? profile.samples.length - 1 : inFlow.lastIndexOf(true);
  const totals = new Map<string, number>();
  for (let i = Math.max(first, 0); i <= last; i++) {
    const { specific, generic } = found(profile.samples[i] ?? -1);
    const name = (specific ?? generic)?.name ?? 'other (timers, microtask plumbing, native)';
    totals.set(name, (totals.get(name) ?? 0) + (profile.timeDeltas[i] ?? 0));
  }
  return totals;
}

function main(path: string | undefined, requestsArg: string | undefined): void {
  if (path === undefined) throw new Error('usage: cpu-profile-split.ts <file.cpuprofile> [requests served]');
  const totals = splitProfile(JSON.parse(readFileSync(path, 'utf8')) as CpuProfile);
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

main(process.argv[2], process.argv[3]);
