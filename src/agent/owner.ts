import { readFileSync } from 'node:fs';

/**
 * Which process runs an errand, in a form that survives pid reuse: `boot:pid:start`, where start is
 * the process's start time in clock ticks since boot (from /proc) and boot names the machine's boot.
 * Where /proc is missing it is `-:pid:-` and only the pid can be checked.
 */
export type Owner = string;

function read(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

/** The start time and state of a process from /proc/<pid>/stat, or null when there is no such process. */
function procStat(pid: number): { start: string; state: string } | null {
  const stat = read(`/proc/${pid}/stat`);
  if (stat === null) return null;
  // The command name (field 2) is in parentheses and may hold spaces: count fields after its end.
  const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { state: rest[0] ?? '', start: rest[19] ?? '' };
}

const bootId = () => read('/proc/sys/kernel/random/boot_id')?.trim() ?? '-';

/** This process, as an errand's owner. */
export function currentOwner(): Owner {
  return `${bootId()}:${process.pid}:${procStat(process.pid)?.start ?? '-'}`;
}

/** True when the process that owns an errand has ended (or the machine has rebooted since). */
export function ownerGone(owner: Owner): boolean {
  const [boot, pidText, start] = owner.split(':');
  const pid = Number(pidText);
  if (!Number.isInteger(pid) || pid <= 0) return false; // not an owner this code wrote: leave it be
  if (boot !== '-' && boot !== bootId()) return true;
  if (start !== '-') {
    const stat = procStat(pid);
    if (stat) return stat.start !== start || stat.state === 'Z' || stat.state === 'X';
    if (read('/proc/self/stat') !== null) return true; // /proc works and the process is not in it
  }
  try {
    process.kill(pid, 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
