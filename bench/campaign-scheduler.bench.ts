// Scheduler overhead per send with ten accounts sending at once, under fake time: everything the
// campaign path does around a send (pick the campaign and recipient, suppression, caps, window,
// gap, typing, render, hand-over transaction, follow the outcome, finish) against the bare send
// path measured in the same run (message + outbox row in one transaction, marked sending, marked
// sent, the event out) — the part every message pays, campaign or not.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../electron/core/db/open-database';
import { toOrm } from '../electron/core/db/orm';
import { upsertChat, noteMessageInChat } from '../electron/core/inbox/chat-store';
import { messageDtoOf } from '../electron/core/inbox/message-store';
import { completeSent, insertOutboxRow, insertOutgoingMessage, markSending, nextQueuedEntry } from '../electron/core/outbox/outbox-store';
import { allDayWindow, campaignRig, csvBase64, fastPacing } from '../electron/core/testing/campaign-harness';

const SENDS = Number(process.env.BENCH_SENDS ?? 3000);
const ACCOUNTS = 10;
const dir = mkdtempSync(join(tmpdir(), 'mostrador-bench-campaign-'));

// --- the campaign path ---
const db = openDatabase(join(dir, 'campaign.sqlite'));
const orm = toOrm(db);
const accounts = Array.from({ length: ACCOUNTS }, (_, i) => `acc${i}`);
const rig = campaignRig(db, orm, { accounts });
const rows: [string, string][] = Array.from({ length: SENDS }, (_, i) => [`+52 55 ${String(40_000_000 + i)}`, `Cliente ${i}`]);
await rig.service.parseFile({ draftId: 'bench-draft', fileName: 'b.csv', dataBase64: csvBase64(rows) });
await rig.service.create({
  name: 'Bench',
  audience: { kind: 'file', draftId: 'bench-draft', phoneColumns: [0], variables: [{ column: 1, name: 'nombre' }] },
  template: '{Hola|Buenas} {{nombre}}, {hoy|esta semana} hay 2x1.',
  accountIds: accounts,
  pacing: fastPacing({ minDelaySec: 2, maxDelaySec: 3, hourlyCap: 10_000, dailyCap: 100_000, pauseEvery: 50, pauseMinSec: 10, pauseMaxSec: 20 }),
  window: allDayWindow,
});
const sentCount = () => rig.sentAt.length;
const start = process.hrtime.bigint();
while (sentCount() < SENDS) await rig.advance(1_000, 1_000);
const campaignUs = Number(process.hrtime.bigint() - start) / 1e3 / SENDS;
rig.runner.stop();
rig.service.stop();
db.close();

// --- the bare send path (baseline) ---
const bareDb = openDatabase(join(dir, 'bare.sqlite'));
const bare = toOrm(bareDb);
for (const id of accounts) bareDb.prepare("INSERT INTO accounts (id, kind, label, color, phone, created_at) VALUES (?, 'whatsapp', ?, '#25a244', '5215500000000', 0)").run(id, id);
let emitted = 0;
const bareStart = process.hrtime.bigint();
for (let i = 0; i < SENDS; i += 1) {
  const accountId = accounts[i % ACCOUNTS]!;
  const text = `Hola Cliente ${i}, hoy hay 2x1.`;
  bareDb.transaction(() => {
    const chat = upsertChat(bare, accountId, `52155${40_000_000 + i}@s.whatsapp.net`);
    const message = insertOutgoingMessage(bare, { accountId, chatId: chat.id, waId: randomBytes(10).toString('hex'), type: 'text', text, timestamp: i, quoted: undefined });
    insertOutboxRow(bare, { messageId: message.id, accountId, payload: { kind: 'text', text }, createdAt: i });
    noteMessageInChat(bare, chat.id, message, false);
  }).immediate();
  const entry = nextQueuedEntry(bare, accountId)!;
  bareDb.transaction(() => markSending(bare, entry)).immediate();
  const sent = bareDb.transaction(() => completeSent(bare, entry.outbox.id, entry.message.id, { proto: null, messageSecret: null })).immediate();
  if (messageDtoOf(bare, sent!)) emitted += 1;
}
const bareUs = Number(process.hrtime.bigint() - bareStart) / 1e3 / SENDS;
bareDb.close();
rmSync(dir, { recursive: true, force: true });

console.log(
  JSON.stringify({
    bench: 'campaign-scheduler',
    accounts: ACCOUNTS,
    sends: SENDS,
    campaignPathUsPerSend: Math.round(campaignUs),
    bareSendPathUsPerSend: Math.round(bareUs),
    schedulerOverheadUsPerSend: Math.round(campaignUs - bareUs),
    ratioToBaseline: Number((campaignUs / bareUs).toFixed(2)),
    baselineEvents: emitted,
  }),
);
