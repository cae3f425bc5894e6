import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { count, eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import type { AccountDto, ChatDto, LabelDto, NoteDto, SyncStatusDto } from '../../../shared/contract';
import { syncEvents } from '../../../server/db/schema';
import { startServer, type RunningServer } from '../../../server/start-server';
import { mintEnrolmentToken } from '../../../server/sync-store';
import { createCore, databasePath, type Core } from '../create-core';
import { tempDir } from '../testing/temp-dir';
import { waitFor } from '../testing/wait-for';
import { coreCaller } from '../testing/core-call';

const timings = { batchWindowMs: 150, pullIntervalMs: 150, firstBackoffMs: 100, maxBackoffMs: 400 };
const CUSTOMER = '525512345678@s.whatsapp.net';

// Two real workstations (their own data folders and SQLite) and one central server on PGlite.
describe('central server sync between two workstations', () => {
  const cores: Core[] = [];
  let server: RunningServer | undefined;
  afterEach(async () => {
    await Promise.all(cores.splice(0).map((c) => c.close()));
    await server?.close();
    server = undefined;
  });

  const open = async (dataDir: string, dataKey: Buffer) => {
    const core = await createCore({ dataDir, mode: 'headless', version: 'test', dataKey, logLevel: process.env.TEST_LOG_LEVEL ?? 'silent', validateResponses: true, syncTimings: timings });
    cores.push(core);
    const call = coreCaller(core);
    return { core, call };
  };

  it('a label, a note, a status and an assignment made on A show on B; a server stopped for a while loses and duplicates nothing', async () => {
    const serverData = tempDir('mostrador-server-');
    server = await startServer({ dataDir: serverData, logger: { error: () => undefined } });
    const port = server.port;
    const enrolmentToken = await mintEnrolmentToken(server.db.db);

    // A: a practice account and a customer who wrote to it.
    const a = await open(tempDir(), randomBytes(32));
    const account = await a.call<AccountDto>('accounts.addPractice', { label: 'Caja 1' });
    await waitFor(async () => (await a.call<AccountDto[]>('accounts.list'))[0]?.state === 'connected', { what: 'A connected' });

    // B: the same WhatsApp number linked on the second counter (its account carries the same phone).
    const bDir = tempDir();
    const bKey = randomBytes(32);
    let b = await open(bDir, bKey);
    const bAccount = await b.call<AccountDto>('accounts.addPractice', { label: 'Caja 2' });
    await cores.pop()!.close();
    const raw = new Database(databasePath(bDir));
    raw.prepare('UPDATE accounts SET phone = ? WHERE id = ?').run(account.phone, bAccount.id);
    raw.close();
    b = await open(bDir, bKey);

    // The customer writes to the number; both linked workstations get the message.
    const customerWrites = (core: Core, accountId: string, text: string) =>
      waitFor(() => core.dispatch('practice.simulateInbound', { accountId, customerName: 'Ana', phone: '+52 55 1234 5678', text }).then((r) => r.ok), { what: 'inbound' });

    expect((await a.call<SyncStatusDto>('sync.status')).configured).toBe(false);
    const wrong = await a.core.dispatch('sync.connect', { url: server.url, enrolmentToken: 'x'.repeat(43), agentName: 'Ana' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'SYNC_TOKEN_REJECTED' } });
    const statusA = await a.call<SyncStatusDto>('sync.connect', { url: server.url, enrolmentToken, agentName: 'Ana' });
    expect(statusA).toMatchObject({ configured: true, connected: true, url: server.url, agentName: 'Ana' });
    await b.call('sync.connect', { url: server.url, enrolmentToken, agentName: 'Lucía' });
    // The token is sealed at rest: the SQLite file never holds it in clear.
    const sealed = new Database(databasePath(bDir), { readonly: true }).prepare('SELECT token_sealed FROM sync_config').pluck().get() as Buffer;
    expect(sealed.length).toBeGreaterThan(40);

    await customerWrites(a.core, account.id, '¿Tienen pan?');
    await customerWrites(b.core, bAccount.id, '¿Tienen pan?');
    const chatA = await waitFor(async () => (await a.call<ChatDto[]>('chats.list', {})).find((c) => c.jid === CUSTOMER), { what: 'chat on A' });

    // A label set on A appears on B (the chat is created there if B has not heard from the customer).
    const vip = await a.call<LabelDto>('labels.save', { name: 'VIP', color: '#d4a017' });
    await a.call('chats.setLabels', { chatId: chatA.id, labelIds: [vip.id] });
    const chatB = await waitFor(
      async () => {
        const chat = (await b.call<ChatDto[]>('chats.list', {})).find((c) => c.jid === CUSTOMER);
        const labels = await b.call<LabelDto[]>('labels.list');
        return chat && chat.labelIds.map((id) => labels.find((l) => l.id === id)?.name).includes('VIP') ? chat : undefined;
      },
      { what: 'the label on B' },
    );

    // B answers with a note, an assignment and a status; A sees them.
    await b.call('notes.add', { chatId: chatB.id, text: 'Quiere 3 baguettes' });
    await b.call('chats.assign', { chatId: chatB.id, assignedTo: 'Lucía' });
    await b.call('chats.update', { chatId: chatB.id, status: 'pending' });
    await waitFor(
      async () => {
        const chat = (await a.call<ChatDto[]>('chats.list', {})).find((c) => c.id === chatA.id);
        const notes = await a.call<NoteDto[]>('notes.list', { chatId: chatA.id });
        return chat?.assignedTo === 'Lucía' && chat.status === 'pending' && chat.labelIds.includes(vip.id) && notes.some((n) => n.text === 'Quiere 3 baguettes');
      },
      { what: "B's note, assignment and status on A" },
    );
    // Nothing echoes back: B's changes applied on A are not sent again by A.
    await waitFor(async () => (await a.call<SyncStatusDto>('sync.status')).waiting === 0, { what: 'A drained' });

    // The server goes away; A keeps working and its changes wait.
    await server.close();
    const urgent = await a.call<LabelDto>('labels.save', { name: 'Urgente', color: '#dc2626' });
    await a.call('chats.setLabels', { chatId: chatA.id, labelIds: [vip.id, urgent.id] });
    await a.call('notes.add', { chatId: chatA.id, text: 'Paga en efectivo' });
    await a.call('chats.assign', { chatId: chatA.id, assignedTo: 'Ana' });
    await customerWrites(a.core, account.id, 'Paso a las 6');
    await waitFor(async () => (await a.call<ChatDto[]>('chats.list', {})).find((c) => c.id === chatA.id)?.lastMessagePreview === 'Paso a las 6', { what: 'second message' });
    const offline = await waitFor(
      async () => {
        const status = await a.call<SyncStatusDto>('sync.status');
        return !status.connected && status.waiting >= 4 && status.lastError ? status : undefined;
      },
      { what: 'A offline with changes waiting' },
    );
    expect(offline.lastError).toMatch(/could not be reached/);
    await new Promise((r) => setTimeout(r, 600)); // a few retries back off meanwhile

    server = await startServer({ dataDir: serverData, port, logger: { error: () => undefined } });
    await waitFor(async () => (await a.call<SyncStatusDto>('sync.status')).waiting === 0, { what: 'A drained after the restart' });
    await waitFor(
      async () => {
        const chat = (await b.call<ChatDto[]>('chats.list', {})).find((c) => c.id === chatB.id);
        const labels = await b.call<LabelDto[]>('labels.list');
        const notes = await b.call<NoteDto[]>('notes.list', { chatId: chatB.id });
        const names = chat?.labelIds.map((id) => labels.find((l) => l.id === id)?.name).sort();
        return JSON.stringify(names) === '["Urgente","VIP"]' && chat?.assignedTo === 'Ana' && notes.map((n) => n.text).join('|') === 'Quiere 3 baguettes|Paga en efectivo';
      },
      { what: "A's offline changes on B" },
    );

    // Exactly once on the server: A's two messages (B's copy of the first is B's own), and A's chat states (label, then labels, then assignment).
    const byKind = async (kind: string) => (await server!.db.db.select({ n: count() }).from(syncEvents).where(eq(syncEvents.kind, kind)))[0]!.n;
    expect(await byKind('message')).toBe(3);
    expect(await byKind('noteAdded')).toBe(2);
    // A: VIP, VIP+Urgente, assigned Ana, and open again (the customer wrote while it was pending); B: assigned Lucía, pending.
    expect(await byKind('chatState')).toBe(6);
    // B's notes list holds each note once though it pulled and A replayed.
    expect((await b.call<NoteDto[]>('notes.list', { chatId: chatB.id })).length).toBe(2);
  });
});
