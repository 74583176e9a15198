/**
 * The real process, as `npm start` runs it: a bad configuration is one line on stderr and
 * exit code 1; a good one starts, answers, and on SIGTERM finishes and exits 0.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'acs-process-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function start(env: Record<string, string>): ChildProcess {
  const acsEnv = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('ACS_')));
  return spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    env: { ...acsEnv, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function collect(child: ChildProcess): {
  out: () => string;
  err: () => string;
  exit: Promise<number | null>;
} {
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    err += chunk.toString();
  });
  return {
    out: () => out,
    err: () => err,
    exit: new Promise((resolve) => child.on('exit', (code) => resolve(code))),
  };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  return typeof address === 'object' && address !== null ? address.port : 0;
}

describe('the server process', () => {
  it('refuses a bad configuration with one line and exit code 1', async () => {
    const child = start({ ACS_PORT: 'eighty', ACS_DB_PATH: join(dir, 'bad.db') });
    const run = collect(child);
    expect(await run.exit).toBe(1);
    expect(run.err().trim().split('\n')).toEqual([
      expect.stringMatching(/^acs: invalid configuration: ACS_PORT/),
    ]);
  }, 30_000);

  it('starts on a fresh data directory, answers, and stops cleanly on SIGTERM', async () => {
    const port = await freePort();
    const child = start({
      ACS_PORT: String(port),
      ACS_DB_PATH: join(dir, 'acs.db'),
      ACS_KEYS_DIR: join(dir, 'keys'),
      ACS_LOG_LEVEL: 'info',
    });
    const run = collect(child);
    const until = Date.now() + 40_000;
    while (!run.out().includes('ACS listening')) {
      if (Date.now() > until) throw new Error(`did not start: ${run.err()}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const res = await fetch(`http://127.0.0.1:${port}/readyz`);
    expect(res.status).toBe(200);
    expect(run.err()).toMatch(/created the first admin API key/);
    child.kill('SIGTERM');
    expect(await run.exit).toBe(0);
    const lines = run
      .out()
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { msg: string });
    expect(lines.map((line) => line.msg)).toEqual(
      expect.arrayContaining(['seed loaded', 'ACS listening', 'shutting down', 'stopped']),
    );
    expect(run.out()).not.toMatch(/acs_[A-Za-z0-9_-]{43}/);
  }, 60_000);
});
