/**
 * The real server process (`node --import tsx src/main.ts`, as `npm start` runs it) for tests
 * that need what only a process has: a crash (kill -9), a restart on the same data, two
 * instances at once. Each instance gets only the ACS_* variables given (none inherited), a
 * free loopback port, and ACS_PUBLIC_URL naming that port unless the caller sets one. Its
 * stdout (JSON log lines) and stderr (where the first start prints the admin API key once)
 * are kept in memory. Every process started here is tracked: `stopAllAcsProcesses()` in an
 * afterAll kills whatever is left, and a last-resort exit hook kills them if the test worker
 * dies first.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { httpAcsUrlWarning } from '../../src/config/acs-url-scheme.ts';

const root = new URL('../../', import.meta.url).pathname;

/** How long a start may take before it counts as failed (a cold tsx start is ~3-5 s here). */
const startTimeoutMs = 40_000;

/** A server process started by this module. */
export type AcsProcess = {
  /** A label for messages ("A", "B", ...). */
  readonly name: string;
  readonly port: number;
  /** e.g. http://127.0.0.1:41234 */
  readonly baseURL: string;
  /** The ACS_* variables it was started with (ACS_PORT, ACS_HOST and ACS_PUBLIC_URL included). */
  readonly env: Readonly<Record<string, string>>;
  /** Everything written to stdout so far. */
  out(): string;
  /** Everything written to stderr so far. */
  err(): string;
  /**
   * The log lines (stdout) at level warn or error so far, apart from the documented sandbox
   * advisory that an http acsURL may be rejected by 2.3.1 requestors (docs/configuration.md).
   */
  problems(): string[];
  /** The exit code, or null while it runs (also null after a kill by signal). */
  exitCode(): number | null;
  /** True once the process has exited. */
  exited(): boolean;
  /** Resolves when the process exits, with its code (null when killed by a signal). */
  readonly exit: Promise<number | null>;
  /** Resolves once the log says "ACS listening"; rejects if it exits first or takes too long. */
  readonly listening: Promise<void>;
  /** The admin API key printed on stderr at a first start, if this start printed one. */
  adminKey(): string | undefined;
  /** kill -9, and waits for the exit. */
  kill9(): Promise<void>;
  /** SIGTERM, and waits for the exit; returns the exit code. */
  terminate(): Promise<number | null>;
};

/** Options of a start. */
export type AcsStartOptions = Readonly<{
  name?: string;
  /** The port to listen on (a restart reuses its predecessor's); default: a free one. */
  port?: number;
}>;

const running = new Set<ChildProcess>();
/** Ports this module handed out: two starts in a row must never be given the same one. */
const handedOut = new Set<number>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // A worker that dies between start and afterAll must not leave servers behind.
  process.once('exit', () => {
    for (const child of running) child.kill('SIGKILL');
  });
}

/** A port nothing listens on right now and not handed out before (another process may still take it). */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = await probePort();
    if (handedOut.has(port)) continue;
    handedOut.add(port);
    return port;
  }
}

async function probePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (typeof address !== 'object' || address === null) throw new Error('no free port');
  return address.port;
}

/**
 * Spawns the server with `env` (ACS_* only) and returns at once; await `listening` (or use
 * startAcsProcess) before talking to it. Starting several this way starts them together.
 */
export async function spawnAcsProcess(
  env: Readonly<Record<string, string>>,
  options: AcsStartOptions = {},
): Promise<AcsProcess> {
  installExitHook();
  const port = options.port ?? (await freePort());
  const baseURL = `http://127.0.0.1:${port}`;
  const acsEnv: Record<string, string> = {
    ACS_HOST: '127.0.0.1',
    ACS_PUBLIC_URL: baseURL,
    ACS_LOG_LEVEL: 'info',
    ...env,
    ACS_PORT: String(port),
  };
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith('ACS_')),
  );
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    env: { ...inherited, ...acsEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    err += chunk.toString();
  });
  let code: number | null = null;
  let hasExited = false;
  const exit = new Promise<number | null>((resolve) => {
    child.once('exit', (exitCode) => {
      running.delete(child);
      code = exitCode;
      hasExited = true;
      resolve(exitCode);
    });
  });
  const name = options.name ?? `acs:${port}`;
  const listening = waitForListening(
    name,
    () => out,
    () => err,
    () => hasExited,
  );
  // Callers that never await `listening` (a process expected to fail) leave no unhandled rejection.
  listening.catch(() => {});

  return {
    name,
    port,
    baseURL,
    env: acsEnv,
    out: () => out,
    err: () => err,
    problems: () =>
      out
        .split('\n')
        .filter((line) => /^\{"level":"(warn|error)"/.test(line) && !line.includes(httpAcsUrlWarning)),
    exitCode: () => code,
    exited: () => hasExited,
    exit,
    listening,
    adminKey: () => /created the first admin API key \(shown once; keep it safe\): (\S+)/.exec(err)?.[1],
    kill9: async () => {
      if (!hasExited) child.kill('SIGKILL');
      await exit;
    },
    terminate: async () => {
      if (!hasExited) child.kill('SIGTERM');
      return exit;
    },
  };
}

/** Spawns the server and waits until it listens. */
export async function startAcsProcess(
  env: Readonly<Record<string, string>>,
  options: AcsStartOptions = {},
): Promise<AcsProcess> {
  const acs = await spawnAcsProcess(env, options);
  await acs.listening;
  return acs;
}

/** Starts a new process on the same port, database and keys as `previous` (which must have exited). */
export async function restartAcsProcess(previous: AcsProcess): Promise<AcsProcess> {
  if (!previous.exited()) throw new Error(`${previous.name} is still running`);
  const { ACS_PORT: _port, ...env } = previous.env;
  return startAcsProcess(env, { name: `${previous.name} (restarted)`, port: previous.port });
}

/** kill -9 of every process this module started that still runs (for afterAll / afterEach). */
export async function stopAllAcsProcesses(): Promise<void> {
  const left = [...running];
  await Promise.all(
    left.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) {
            resolve();
            return;
          }
          child.once('exit', () => resolve());
          child.kill('SIGKILL');
        }),
    ),
  );
}

async function waitForListening(
  name: string,
  out: () => string,
  err: () => string,
  exited: () => boolean,
): Promise<void> {
  const until = Date.now() + startTimeoutMs;
  while (!out().includes('"msg":"ACS listening"')) {
    if (exited()) throw new Error(`${name} exited before listening:\n${err()}\n${tail(out())}`);
    if (Date.now() > until) throw new Error(`${name} did not start in time:\n${err()}\n${tail(out())}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function tail(text: string): string {
  return text.split('\n').slice(-20).join('\n');
}

/** POSTs `body` as JSON; the answer's status and parsed JSON body ({} if it is not a JSON object). */
export async function postJson(
  url: string,
  body: unknown,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(15_000),
  });
  const text = await res.text();
  return { status: res.status, body: parseJson(text) };
}

/** POSTs an HTML form (application/x-www-form-urlencoded); the answer's status and text. */
export async function postForm(
  url: string,
  fields: Record<string, string>,
): Promise<{ status: number; text: string }> {
  const res = await fetch(url, {
    method: 'POST',
    body: new URLSearchParams(fields),
    redirect: 'manual',
    signal: AbortSignal.timeout(15_000),
  });
  return { status: res.status, text: await res.text() };
}

/** GETs `url` (with an admin API key when given); the answer's status, text and parsed JSON body ({} if none). */
export async function getText(
  url: string,
  apiKey?: string,
): Promise<{ status: number; text: string; body: Record<string, unknown> }> {
  const res = await fetch(url, {
    headers: apiKey === undefined ? {} : { authorization: `Bearer ${apiKey}` },
    signal: AbortSignal.timeout(15_000),
  });
  const text = await res.text();
  return { status: res.status, text, body: parseJson(text) };
}

function parseJson(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
