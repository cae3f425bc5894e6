import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { lockDataDir } from './data-dir-lock';
import { currentLockOwner, processStartTicks, type LockOwner } from './lock-owner';

let dataDir = '';
const children: { kill: () => void }[] = [];
afterEach(() => {
  children.splice(0).forEach((c) => c.kill());
  rmSync(dataDir, { recursive: true, force: true });
});

/** What a process that crashed while holding the folder leaves behind: a fresh lock and its record. */
function leaveLock(owner: Partial<LockOwner>) {
  dataDir = mkdtempSync(join(tmpdir(), 'mostrador-lock-'));
  mkdirSync(join(dataDir, 'mostrador.lock'));
  writeFileSync(join(dataDir, 'mostrador.lock-owner.json'), JSON.stringify({ ...currentLockOwner(), ...owner }));
}

const lockError = (promise: Promise<unknown>) => promise.then(() => expect.fail('the lock was taken'), (error: Error) => error);
const noop = () => undefined;

describe('data folder lock', () => {
  it('takes over at once from a process that died holding it', async () => {
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
    leaveLock({ pid: Number(dead.stdout.toString()), since: new Date(Date.now() - 1000).toISOString() });
    const release = await lockDataDir(dataDir, noop);
    const owner = JSON.parse(readFileSync(join(dataDir, 'mostrador.lock-owner.json'), 'utf8')) as LockOwner;
    expect(owner.pid).toBe(process.pid);
    await release();
  });

  it('refuses while another copy runs, and names it', async () => {
    const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)']);
    children.push(child);
    await new Promise((resolve) => child.once('spawn', resolve));
    leaveLock({ pid: child.pid!, startTicks: processStartTicks(child.pid!) });
    const error = await lockError(lockDataDir(dataDir, noop));
    expect(error).toMatchObject({ name: 'DatabaseOpenError', reason: 'locked' });
    expect(error.message).toContain(`Mostrador is already running`);
    expect(error.message).toContain(`process ${child.pid}`);
  });

  it.runIf(process.platform === 'linux')('takes over when the pid now belongs to a process that started later', async () => {
    // Our parent is alive, but it is not the process that wrote the record.
    leaveLock({ pid: process.ppid, startTicks: '1' });
    await (await lockDataDir(dataDir, noop))();
  });

  it('tells its own lock from one a previous process with the same pid left', async () => {
    leaveLock({ pid: process.pid, since: new Date(performance.timeOrigin - 60_000).toISOString() });
    const release = await lockDataDir(dataDir, noop);
    // Now this process holds it: a second start inside it is refused, not taken over.
    const error = await lockError(lockDataDir(dataDir, noop));
    expect(error.message).toContain(`process ${process.pid}`);
    await release();
  });

  it('never takes over a lock held from another computer', async () => {
    leaveLock({ hostname: 'caja-2', pid: 999_999 });
    const error = await lockError(lockDataDir(dataDir, noop));
    expect(error.message).toContain('"caja-2"');
  });

  it('releases the lock and its record', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'mostrador-lock-'));
    const release = await lockDataDir(dataDir, noop);
    await release();
    expect(existsSync(join(dataDir, 'mostrador.lock-owner.json'))).toBe(false);
    expect(existsSync(join(dataDir, 'mostrador.lock'))).toBe(false);
  });
});
