/**
 * CPU time used so far by one thread of this process, or by a PostgreSQL server, read from
 * Linux's /proc. Sampled before and after a measurement, it says how much CPU each request
 * cost the ACS thread (and the database server), and whether the ACS thread was the
 * bottleneck (on a CPU all the time), starved by the machine's other load (runnable, waiting
 * for a CPU), or waiting for something else (requests, I/O). Elsewhere than Linux every
 * reading is undefined and the report leaves the cells empty.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';

let ticksPerSecond: number | undefined;

function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

/** utime + stime (+ cutime + cstime with `children`) of a /proc stat line, in seconds. */
function statSeconds(stat: string, children = false): number {
  // Fields after the command name, which is in parentheses and may hold spaces.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 (state): utime is field 14, stime 15, cutime 16, cstime 17.
  const ticks = [11, 12, ...(children ? [13, 14] : [])].reduce((sum, i) => sum + Number(fields[i] ?? 0), 0);
  return ticks / clockTicks();
}

/** This thread's ID as Linux knows it (for threadTimes from another thread), if known. */
export function currentThreadId(): number | undefined {
  try {
    return Number(readlinkSync('/proc/thread-self').split('/').pop());
  } catch {
    return undefined;
  }
}

/** How long a thread has run and how long it waited, runnable, for a CPU (seconds). */
export type ThreadTimes = Readonly<{ cpu: number; runQueue: number }>;

/**
 * CPU time used so far by thread `tid` of this process, and the time it spent runnable but
 * waiting for a CPU (/proc schedstat, nanoseconds): the second says how much of a slow figure
 * is the machine's other load rather than the thread's own work or its waiting for I/O.
 */
export function threadTimes(tid: number | undefined): ThreadTimes | undefined {
  if (tid === undefined) return undefined;
  try {
    const [cpu, runQueue] = readFileSync(`/proc/self/task/${tid}/schedstat`, 'utf8')
      .trim()
      .split(' ')
      .map(Number);
    if (cpu === undefined || runQueue === undefined || Number.isNaN(cpu) || Number.isNaN(runQueue))
      return undefined;
    return { cpu: cpu / 1e9, runQueue: runQueue / 1e9 };
  } catch {
    return undefined;
  }
}

/**
 * CPU seconds used so far by the PostgreSQL server whose data directory is `dataDir`: the
 * postmaster, its live children (backends, WAL writer, checkpointer...) and the children
 * that have exited.
 */
export function postgresCpuSeconds(dataDir: string): number | undefined {
  try {
    const postmaster = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    let seconds = statSeconds(readFileSync(`/proc/${postmaster}/stat`, 'utf8'), true);
    for (const entry of readdirSync('/proc')) {
      if (!/^[0-9]+$/.test(entry)) continue;
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        if (parent === postmaster) seconds += statSeconds(stat);
      } catch {
        // The process ended while we looked.
      }
    }
    return seconds;
  } catch {
    return undefined;
  }
}

/** CPU seconds used so far by this whole process (every thread). */
export function processCpuSeconds(): number | undefined {
  try {
    return statSeconds(readFileSync('/proc/self/stat', 'utf8'));
  } catch {
    return undefined;
  }
}

/** CPU seconds the whole machine has been busy so far (every CPU; /proc/stat, all but idle and iowait). */
export function machineBusySeconds(): number | undefined {
  try {
    const fields = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '')
      .trim()
      .split(/\s+/)
      .slice(1)
      .map(Number);
    // user nice system idle iowait irq softirq steal (guest time is inside user already).
    const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = fields;
    return (user + nice + system + irq + softirq + steal) / clockTicks();
  } catch {
    return undefined;
  }
}
