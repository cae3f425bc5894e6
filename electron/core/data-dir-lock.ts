import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import lockfile from 'proper-lockfile';
import { DatabaseOpenError } from './db/open-database';
import { currentLockOwner, ownerState, readLockOwner, type LockOwner } from './lock-owner';

/** Without an owner record (a lock left by an older version), proper-lockfile's staleness decides. */
const STALE_MS = 20_000;

const sameOwner = (a: LockOwner | null, b: LockOwner) => a !== null && a.pid === b.pid && a.since === b.since && a.hostname === b.hostname;

/**
 * One workstation process per data folder: two would fight over the same WhatsApp sessions.
 * The lock is a folder proper-lockfile keeps fresh, plus a record of who holds it (pid, its start
 * time, host) so that after a crash the next start takes over at once instead of waiting for the
 * lock to go stale, and a refusal names the copy that really runs.
 */
export async function lockDataDir(dataDir: string, onCompromised: (error: Error) => void): Promise<() => Promise<void>> {
  mkdirSync(dataDir, { recursive: true });
  const lockPath = join(dataDir, 'mostrador.lock');
  const ownerPath = join(dataDir, 'mostrador.lock-owner.json');
  const take = async (wait: boolean) => {
    const release = await lockfile.lock(dataDir, {
      lockfilePath: lockPath,
      stale: STALE_MS,
      onCompromised,
      ...(wait ? { retries: { retries: STALE_MS / 1000 + 2, minTimeout: 1000, maxTimeout: 1000 } } : {}),
    });
    writeFileSync(ownerPath, JSON.stringify(currentLockOwner()), { mode: 0o600 });
    return async () => {
      rmSync(ownerPath, { force: true });
      await release();
    };
  };

  try {
    return await take(false);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw error;
    // The holder writes its record right after locking: give a copy that is just starting a moment.
    let owner = readLockOwner(ownerPath);
    if (!owner) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      owner = readLockOwner(ownerPath);
    }
    if (!owner) return await retryUntilStale(take, dataDir);
    const state = ownerState(owner);
    if (state === 'dead' && sameOwner(readLockOwner(ownerPath), owner)) {
      rmSync(lockPath, { recursive: true, force: true });
      rmSync(ownerPath, { force: true });
      return await take(false).catch((again: unknown) => {
        throw (again as NodeJS.ErrnoException).code === 'ELOCKED' ? lockedBy(dataDir, readLockOwner(ownerPath), again) : again;
      });
    }
    throw lockedBy(dataDir, state === 'dead' ? readLockOwner(ownerPath) : owner, error);
  }
}

async function retryUntilStale(take: (wait: boolean) => Promise<() => Promise<void>>, dataDir: string) {
  try {
    return await take(true);
  } catch (error) {
    throw (error as NodeJS.ErrnoException).code === 'ELOCKED' ? lockedBy(dataDir, null, error) : error;
  }
}

function lockedBy(dataDir: string, owner: LockOwner | null, cause: unknown): DatabaseOpenError {
  const message = !owner
    ? `The Mostrador data folder ${dataDir} is locked by another program. Close it and try again.`
    : owner.hostname === currentLockOwner().hostname
      ? `Mostrador is already running with the data folder ${dataDir} (process ${owner.pid}, since ${owner.since}). Close that window or process and try again.`
      : `The data folder ${dataDir} is in use by Mostrador on the computer "${owner.hostname}" (since ${owner.since}). Close it there and try again.`;
  return new DatabaseOpenError('locked', dataDir, cause, message);
}
