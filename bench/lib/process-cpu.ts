// CPU time per process kind while something runs, from Linux's /proc (user + system ticks).
// On a 2-core machine a cold search page is bound by CPU, not by waiting: the figure says which
// process spends it (the extension's worker, the browser's network process, the page, this
// process as fixture server and test driver), so a change can be aimed where the time goes.
import { readFileSync, readdirSync } from 'node:fs';

export type CpuSnapshot = Map<string, number>;

const TICK_MS = 10; // USER_HZ is 100 on Linux

function kindOf(pid: string, cmdline: string): string | undefined {
  if (pid === String(process.pid)) return 'fixture server + driver (this process)';
  if (!cmdline.includes('chrom')) return undefined;
  const type = /--type=([a-z-]+)/.exec(cmdline)?.[1];
  if (type === undefined) return 'browser';
  if (type === 'renderer') return cmdline.includes('--extension-process') ? 'extension (worker)' : 'page renderer';
  if (type === 'utility') return cmdline.includes('--utility-sub-type=network') ? 'network service' : 'other utility';
  return type;
}

/** CPU ms so far per process kind; empty where /proc is not there (not Linux). */
export function cpuSnapshot(): CpuSnapshot {
  const out: CpuSnapshot = new Map();
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((p) => /^\d+$/.test(p));
  } catch {
    return out;
  }
  for (const pid of pids) {
    try {
      const kind = kindOf(pid, readFileSync(`/proc/${pid}/cmdline`, 'utf8'));
      if (kind === undefined) continue;
      // Fields after the command name (which may hold spaces): utime is the 12th, stime the 13th.
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
      const ms = (Number(fields[11]) + Number(fields[12])) * TICK_MS;
      if (Number.isFinite(ms)) out.set(kind, (out.get(kind) ?? 0) + ms);
    } catch {
      // The process ended between listing and reading.
    }
  }
  return out;
}

/** after - before, per kind, for kinds that spent anything. */
export function cpuSpent(before: CpuSnapshot, after: CpuSnapshot): CpuSnapshot {
  const out: CpuSnapshot = new Map();
  for (const [kind, ms] of after) {
    const spent = ms - (before.get(kind) ?? 0);
    if (spent > 0) out.set(kind, spent);
  }
  return out;
}
