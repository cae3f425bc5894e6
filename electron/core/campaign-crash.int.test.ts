import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, onTestFinished } from 'vitest';
import { seededRandom } from './testing/seeded-random';
import { startPracticeServer, type PracticeServer } from './whatsapp/practice-server';
import { tempDir } from './testing/temp-dir';
import { waitFor } from './testing/wait-for';

const child = fileURLToPath(new URL('./testing/campaign-crash-child.ts', import.meta.url));
const RECIPIENTS = 40;
const ACCOUNTS = 3;
const KILLS = 8;

/** Our sends as the practice servers recorded them: recipient JID → message ids (one entry per frame). */
function recordedSends(dataDir: string): Map<string, string[]> {
  const sends = new Map<string, string[]>();
  const dir = join(dataDir, 'practice');
  for (const file of existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.jsonl')) : []) {
    for (const line of readFileSync(join(dir, file), 'utf8').split('\n')) {
      let entry: { body?: { key?: { fromMe?: boolean; id?: string; remoteJid?: string }; message?: unknown } };
      try {
        entry = JSON.parse(line) as typeof entry;
      } catch {
        continue; // a line cut by the kill
      }
      const key = entry.body?.key;
      if (!key?.fromMe || !key.id || !key.remoteJid || !entry.body?.message) continue;
      sends.set(key.remoteJid, [...(sends.get(key.remoteJid) ?? []), key.id]);
    }
  }
  return sends;
}

type Servers = Map<string, Promise<PracticeServer>>;

function run(dataDir: string, dataKey: string, servers: Servers): { proc: ChildProcess; lines: string[]; exited: Promise<number | null>; saw: (text: string, timeoutMs: number) => Promise<void> } {
  const proc = spawn(process.execPath, ['--import', 'tsx', child], {
    env: { ...process.env, CRASH_DATA_DIR: dataDir, CRASH_DATA_KEY: dataKey, CRASH_RECIPIENTS: String(RECIPIENTS), CRASH_ACCOUNTS: String(ACCOUNTS) },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  // The child asks for its accounts' servers; they keep running across its deaths.
  proc.on('message', (request: { selfJid: string; recorderPath: string }) => {
    let server = servers.get(request.selfJid);
    if (!server) {
      server = startPracticeServer(request);
      servers.set(request.selfJid, server);
    }
    void server.then((s) => {
      if (proc.connected) proc.send({ selfJid: request.selfJid, wsUrl: s.wsUrl });
    });
  });
  const lines: string[] = [];
  let stderr = '';
  proc.stdout!.on('data', (d: Buffer) => lines.push(...d.toString().split('\n').filter(Boolean)));
  proc.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  // Whatever happens to the test, no child outlives it.
  onTestFinished(() => {
    if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
  });
  const saw = async (text: string, timeoutMs: number) => {
    const until = Date.now() + timeoutMs;
    while (!lines.includes(text)) {
      if (proc.exitCode !== null || proc.signalCode !== null) throw new Error(`child ended before "${text}": ${lines.slice(-5).join(' | ')} ${stderr.slice(-2000)}`);
      if (Date.now() > until) throw new Error(`no "${text}" after ${timeoutMs} ms: ${lines.slice(-5).join(' | ')} ${stderr.slice(-3000)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  return { proc, lines, exited, saw };
}

describe('a campaign killed with SIGKILL again and again', () => {
  it('never sends anyone twice and never loses a recipient', { timeout: 420_000 }, async () => {
    const dataDir = tempDir('mostrador-crash-');
    const dataKey = randomBytes(32).toString('hex');
    const random = seededRandom(Number(process.env.CRASH_SEED ?? 20_261_123));
    const servers: Servers = new Map();
    onTestFinished(async () => {
      for (const server of servers.values()) await (await server).close();
    });
    let kills = 0;
    for (;;) {
      const round = run(dataDir, dataKey, servers);
      await round.saw('running', 90_000);
      if (kills < KILLS) {
        // Somewhere in the middle of a send: typing, handing over, on the wire or saving the answer.
        await new Promise((r) => setTimeout(r, 300 + random() * 2_500));
        round.proc.kill('SIGKILL');
        await round.exited;
        kills += 1;
        // The dead process leaves its lock behind: the next start sees its pid is gone and takes over at once.
        continue;
      }
      // The kills fell in the middle of the campaign: some were sent, not all.
      const before = recordedSends(dataDir).size;
      expect(before).toBeGreaterThan(0);
      expect(before).toBeLessThan(RECIPIENTS);
      await round.saw('finished', 180_000).catch((error: Error) => {
        round.proc.kill('SIGKILL');
        const db = new Database(join(dataDir, 'mostrador.sqlite'), { readonly: true });
        const stuck = db
          .prepare("SELECT r.id, r.account_id, r.state, m.status, m.error, o.state AS outbox FROM campaign_recipients r LEFT JOIN messages m ON m.id = r.message_id LEFT JOIN outbox o ON o.message_id = m.id WHERE r.state <> 'sent'")
          .all();
        const accounts = db.prepare('SELECT * FROM campaign_accounts').all();
        db.close();
        throw new Error(`${error.message}\nnot sent: ${JSON.stringify(stuck)}\naccounts: ${JSON.stringify(accounts)}`);
      });
      expect(await round.exited).toBe(0);
      break;
    }

    const db = new Database(join(dataDir, 'mostrador.sqlite'), { readonly: true });
    const states = db.prepare('SELECT state, count(*) AS n FROM campaign_recipients GROUP BY state').all();
    const status = db.prepare('SELECT status FROM campaigns').pluck().get();
    const messages = db.prepare('SELECT count(*) FROM messages WHERE from_me = 1').pluck().get();
    db.close();
    expect(states).toEqual([{ state: 'sent', n: RECIPIENTS }]);
    expect(status).toBe('finished');
    expect(messages).toBe(RECIPIENTS);

    // The servers write their recording a moment after they answer.
    await waitFor(() => recordedSends(dataDir).size >= RECIPIENTS, { what: 'every send recorded', timeoutMs: 10_000 }).catch(() => undefined);
    const sends = recordedSends(dataDir);
    const expected = Array.from({ length: RECIPIENTS }, (_, i) => `52552000${1000 + i}@s.whatsapp.net`);
    expect(expected).toHaveLength(RECIPIENTS);
    // Every recipient got exactly one message (one WhatsApp id).
    expect([...sends.keys()].sort()).toEqual([...expected].sort());
    for (const [jid, ids] of sends) expect(new Set(ids).size, jid).toBe(1);
    // A frame repeated after a kill carries the same id (the phone keeps one); it can only follow a kill.
    const frames = [...sends.values()].reduce((n, ids) => n + ids.length, 0);
    expect(frames - RECIPIENTS).toBeLessThanOrEqual(kills);
    if (frames > RECIPIENTS) console.info(`crash test: ${frames - RECIPIENTS} frame(s) re-sent with the same id after ${kills} kills`);

  });
});
