/**
 * The named parts of a request's cost, for cpu-profile-split.ts: how to recognise each in a
 * V8 CPU profile's frames. A sample is charged to the innermost frame of a specific part on
 * its stack (the first part listed wins when one frame matches several); generic parts only
 * take what no specific part claims.
 */

/** A frame of a V8 CPU profile. */
export type CallFrame = Readonly<{ functionName: string; url: string }>;
/** A node of a V8 CPU profile. */
export type ProfileNode = Readonly<{ id: number; callFrame: CallFrame; children?: readonly number[] }>;
/** A V8 CPU profile (.cpuprofile). */
export type CpuProfile = Readonly<{
  nodes: readonly ProfileNode[];
  samples: readonly number[];
  timeDeltas: readonly number[];
}>;

/** A named part of the cost and how to recognise its frames. */
export type Part = Readonly<{
  name: string;
  matches: (frame: CallFrame) => boolean;
  /** Inside the authenticate flow. */
  flow?: boolean;
  /** Claims only what no specific part claims. */
  generic?: boolean;
}>;

/** Frames of the function `name` (in a file whose URL contains `file`). */
export const fn =
  (name: string, file = '') =>
  (frame: CallFrame) =>
    frame.functionName === name && frame.url.includes(file);
/** Frames in files whose URL contains `fragment`. */
export const file = (fragment: string) => (frame: CallFrame) => frame.url.includes(fragment);

// A sample is charged to the innermost frame of a specific part on its stack (the first part
// listed wins when one frame matches several); generic parts only take what no specific part claims.
/** The parts of a frictionless AReq's cost. */
export const areqParts: readonly Part[] = [
  {
    // With group commit a write runs later, in the runner's flush (an anonymous arrow after
    // transpiling): one transaction per event-loop turn, a savepoint per write.
    name: 'SQLite writes: group-commit flush (savepoints, inserts, COMMIT)',
    matches: (f) => f.functionName === '' && file('store/sqlite/runner')(f),
    flow: true,
  },
  {
    name: 'SQLite reads: card by PAN hash and the like (runner read)',
    matches: fn('read', 'store/sqlite/runner'),
    flow: true,
  },
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
    matches: fn('authenticate', 'flows/threeds/authenticate'),
    flow: true,
  },
  {
    name: 'PostgreSQL client (pg, pg-protocol, the adapter)',
    matches: (f) => file('node_modules/pg')(f) || file('src/store/postgres/')(f),
  },
  {
    name: 'metrics + request log (observe.ts, registry.ts)',
    matches: (f) => file('src/http/common/observe')(f) || file('src/metrics/')(f),
  },
  { name: 'helmet headers', matches: file('node_modules/helmet/') },
  {
    name: 'response: res.json, headers, socket write',
    matches: (f) => fn('json', 'express/lib/response')(f) || fn('send', 'express/lib/response')(f),
  },
  {
    name: 'body read: emvBody / raw-body / express.text',
    matches: (f) =>
      file('src/http/common/emv-body')(f) ||
      file('raw-body')(f) ||
      file('body-parser')(f) ||
      file('type-is')(f),
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

/**
 * The parts of a challenge flow's cost (AReq, CReq page, sandbox read, code post with its
 * RReq). Store work is charged to the query file that does it, so a rate-limit COUNT inside a
 * group-commit flush counts as the rate limit, not as "writes".
 */
export const flowParts: readonly Part[] = [
  {
    name: 'rate limits: countRateEvent (prune, insert, COUNT over the window)',
    matches: (f) => file('store/sqlite/console-queries')(f) || file('flows/common/rate-limits')(f),
  },
  {
    name: 'store: transactions, challenges, timeline',
    matches: (f) =>
      ['transaction-queries', 'challenge-queries', 'messages'].some((q) => file(`store/sqlite/${q}`)(f)),
  },
  { name: 'store: SMS rows (hasSms, recordSms, listSms)', matches: file('store/sqlite/sms-queries') },
  { name: 'store: RReq attempts and retries', matches: file('store/sqlite/rreq-queries') },
  { name: 'store: cards', matches: file('store/sqlite/card-queries') },
  {
    name: 'store: group-commit flush (savepoints, COMMIT) and other reads',
    matches: (f) => file('store/sqlite/runner')(f) || file('store/rows/')(f),
  },
  {
    name: 'PostgreSQL client (pg, pg-protocol, the adapter)',
    matches: (f) => file('node_modules/pg')(f) || file('src/store/postgres/')(f),
  },
  {
    name: 'SMS sealed at rest (AES-GCM seal, unseal)',
    matches: (f) => fn('encryptAtRest')(f) || fn('decryptAtRest')(f),
  },
  {
    name: 'keyed hashes and authenticationValue (HMAC)',
    matches: (f) => file('signing/keyed-hash')(f) || file('signing/authentication-value')(f),
  },
  { name: 'pages: challenge window and auto-post (views/)', matches: file('/views/') },
  { name: 'timeline masking', matches: file('flows/common/message-log') },
  { name: 'protocol: parse and build messages (src/protocol/)', matches: file('src/protocol/') },
  {
    name: 'AReq: authenticate and challenge setup',
    matches: (f) => file('flows/threeds/authenticate')(f) || file('flows/threeds/challenge-setup')(f),
  },
  {
    name: 'CReq: openChallenge, sendCode, screen model',
    matches: (f) =>
      file('flows/challenge/open-challenge')(f) ||
      file('flows/challenge/send-code')(f) ||
      file('flows/challenge/challenge-screen')(f) ||
      file('flows/challenge/sms-text')(f),
  },
  { name: 'sandbox inbox read (inboxMessages)', matches: file('flows/sandbox/inbox') },
  {
    name: 'code post: submitCode, finishChallenge',
    matches: (f) =>
      file('flows/challenge/challenge-actions')(f) ||
      file('flows/challenge/finish-challenge')(f) ||
      file('flows/challenge/rreq-for')(f),
  },
  {
    name: 'RReq: outbound client, RRes check',
    matches: (f) => file('delivery/outbound')(f) || file('flows/challenge/notify-requestor')(f),
  },
  { name: 'helmet headers', matches: file('node_modules/helmet/') },
  {
    name: 'body parsing (urlencoded forms, emvBody)',
    matches: (f) =>
      file('src/http/common/emv-body')(f) ||
      file('raw-body')(f) ||
      file('body-parser')(f) ||
      file('node_modules/qs/')(f),
  },
  {
    name: 'express routing, middleware, responses',
    matches: (f) =>
      file('node_modules/router/')(f) ||
      file('node_modules/express/')(f) ||
      file('src/http/')(f) ||
      file('src/app')(f),
    generic: true,
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
