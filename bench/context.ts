/**
 * What every part of a benchmark run shares (the settings, the long-lived threads, the run's
 * directory, the PostgreSQL server once started) and the progress lines on stderr.
 */
import { loadavg } from 'node:os';
import type { PostgresServer } from './postgres-cluster.ts';
import type { ServerThread } from './server-thread.ts';
import type { BenchSettings } from './settings.ts';

/** Writes one progress line to stderr (stdout carries only the report). */
export function progress(line: string): void {
  process.stderr.write(`bench ${new Date().toISOString().slice(11, 19)}: ${line}\n`);
}

/** The load average now, as `1 5 15` minutes. */
export const loadAverage = () =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');

/** What every part shares: the settings, the long-lived threads, the run's directory. */
export type Context = {
  readonly settings: BenchSettings;
  readonly runDir: string;
  readonly seedFile: string;
  /** ACS_* settings from the environment, passed on to every ACS (what-ifs). */
  readonly overrides: Readonly<Record<string, string>>;
  readonly body: string;
  readonly echo: ServerThread;
  readonly standIn: ServerThread;
  readonly threads: ServerThread[];
  postgres: PostgresServer | undefined;
  postgresUnavailable: string | undefined;
  readonly notes: string[];
};

/** Throws the first failure of a server thread (a crash makes the figures meaningless). */
export function checkThreads(context: Context): void {
  const failure = context.threads.map((thread) => thread.failure()).find((f) => f !== undefined);
  if (failure !== undefined) throw new Error(failure);
}
