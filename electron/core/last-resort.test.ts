import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { CRASH_EXIT_CODE, CRASH_STORM, decideOnCrash, installLastResort } from './last-resort';

function rig() {
  const proc = new EventEmitter();
  const logged: { level: string; message: string }[] = [];
  const exits: number[] = [];
  let now = 1_000_000;
  const uninstall = installLastResort({
    process: proc as unknown as NodeJS.Process,
    logger: {
      error: (_obj: unknown, message: string) => logged.push({ level: 'error', message }),
      fatal: (_obj: unknown, message: string) => logged.push({ level: 'fatal', message }),
    } as never,
    exit: (code) => {
      exits.push(code);
    },
    now: () => now,
  });
  return { proc, logged, exits, uninstall, advance: (ms: number) => (now += ms) };
}

describe('last-resort policy', () => {
  it('keeps running after one uncaught exception or rejection, and says so in the log', async () => {
    const t = rig();
    t.proc.emit('uncaughtException', new Error('a callback threw'));
    t.proc.emit('unhandledRejection', new Error('nobody awaited this'));
    await Promise.resolve();
    expect(t.exits).toEqual([]);
    expect(t.logged.map((l) => l.level)).toEqual(['error', 'error']);
    expect(t.logged[0]!.message).toContain('uncaughtException');
  });

  it('closes cleanly with code 70, once, after a storm of uncaught errors within a minute', async () => {
    const t = rig();
    for (let i = 0; i < CRASH_STORM.count + 3; i++) {
      t.proc.emit('uncaughtException', new Error(`loop ${i}`));
      t.advance(100);
    }
    await new Promise((r) => setTimeout(r, 0));
    expect(t.exits).toEqual([CRASH_EXIT_CODE]);
    expect(t.logged.some((l) => l.level === 'fatal')).toBe(true);
  });

  it('forgets errors older than the window', () => {
    const old = Array.from({ length: CRASH_STORM.count }, (_, i) => i);
    expect(decideOnCrash('uncaughtException', old, CRASH_STORM.windowMs + 100)).toEqual({ action: 'continue' });
    expect(decideOnCrash('uncaughtException', old.slice(1), 50)).toMatchObject({ action: 'exit', code: CRASH_EXIT_CODE });
  });

  it('removes its listeners when uninstalled', () => {
    const t = rig();
    t.uninstall();
    expect(t.proc.listenerCount('uncaughtException')).toBe(0);
    expect(t.proc.listenerCount('unhandledRejection')).toBe(0);
  });
});
