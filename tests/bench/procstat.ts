/** Linux /proc readings for a child process: CPU time and resident memory. */
import { readFileSync } from 'node:fs';

/** CPU time and resident set size of a process at one moment. */
export interface ProcessSample {
  /** User + system CPU time so far, in milliseconds. */
  cpuMs: number;
  /** Resident set size, in bytes. */
  rssBytes: number;
}

const CLOCK_TICKS_PER_SECOND = 100;

/** Samples `/proc/<pid>`; returns NaN fields where /proc is unavailable. */
export function sampleProcess(pid: number): ProcessSample {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may contain spaces) start at state (field 3).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const rssKb = Number(/VmRSS:\s+(\d+)/u.exec(status)?.[1] ?? Number.NaN);
    return { cpuMs: (ticks * 1000) / CLOCK_TICKS_PER_SECOND, rssBytes: rssKb * 1024 };
  } catch {
    return { cpuMs: Number.NaN, rssBytes: Number.NaN };
  }
}
