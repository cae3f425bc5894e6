import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { z } from 'zod';

/** Who holds the data folder's lock: written beside it so the next start can tell a crash from a running copy. */
export const lockOwner = z.object({
  pid: z.number().int().positive(),
  /** Linux: the process's start time in clock ticks since boot (/proc/<pid>/stat), so a reused pid is not taken for the owner. */
  startTicks: z.string().nullable(),
  hostname: z.string(),
  /** When it took the lock (ISO), for the message a person reads. */
  since: z.string(),
});
export type LockOwner = z.infer<typeof lockOwner>;

/** Field 22 of /proc/<pid>/stat; null where there is no /proc (macOS, Windows) or the process is gone. */
export function processStartTicks(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces: count fields after its ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

export function currentLockOwner(now = new Date()): LockOwner {
  return { pid: process.pid, startTicks: processStartTicks(process.pid), hostname: hostname(), since: now.toISOString() };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * 'dead' when the recorded owner is certainly gone: no such process, a process with that pid that
 * started at another time, or our own pid on a lock older than us.
 * 'alive' when it still runs; 'unknown' when the lock was taken on another computer (a shared
 * folder), where a pid means nothing here.
 */
export function ownerState(owner: LockOwner, self: LockOwner = currentLockOwner()): 'dead' | 'alive' | 'unknown' {
  if (owner.hostname !== self.hostname) return 'unknown';
  // Our own pid: this very process holds it, or it was a previous process that had the same pid
  // (a container restarted) — told apart by whether the lock is older than this process.
  if (owner.pid === self.pid) return Date.parse(owner.since) < performance.timeOrigin ? 'dead' : 'alive';
  if (!isAlive(owner.pid)) return 'dead';
  if (owner.startTicks !== null) {
    const ticks = processStartTicks(owner.pid);
    if (ticks !== null && ticks !== owner.startTicks) return 'dead';
  }
  return 'alive';
}

export function readLockOwner(path: string): LockOwner | null {
  try {
    return lockOwner.parse(JSON.parse(readFileSync(path, 'utf8')));
  } catch {
    return null;
  }
}
