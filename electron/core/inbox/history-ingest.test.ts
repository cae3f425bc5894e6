import { proto, type WAMessage } from '@whiskeysockets/baileys';
import { describe, expect, it } from 'vitest';
import { asHistoryMessage, historyChat, historyChunk } from '../testing/history-chunks';
import { openInboxHarness } from '../testing/inbox-harness';
import { customerJid, customerLid, waMessage } from '../testing/wa-messages';

const day = 24 * 60 * 60 * 1000;
const now = 1_700_000_000_000;
const secondsAgo = (ms: number) => Math.floor((now - ms) / 1000);

const groupJid = '120363025246125486@g.us';
const otherJid = '5215587654321@s.whatsapp.net';
const otherLid = '98765432109876@lid';

const text = (id: string, remoteJid: string, body: string, seconds: number, extra: Partial<Parameters<typeof waMessage>[0]> = {}): WAMessage =>
  asHistoryMessage(waMessage({ id, remoteJid, message: { conversation: body }, seconds, ...extra }));

describe('history sync', () => {
  it('stores a chunk of three chats once per message, counting only what is new', async () => {
    const t = openInboxHarness();
    t.clock.now = now;
    // Two messages arrived live before the history that also carries them.
    await t.ingest.ingestUpsert(t.accountId, [waMessage({ id: 'C1', remoteJid: customerJid, message: { conversation: 'uno' }, seconds: secondsAgo(5 * day) })], 'notify');
    await t.ingest.ingestUpsert(t.accountId, [waMessage({ id: 'G1', remoteJid: groupJid, participant: otherJid, message: { conversation: 'hola grupo' }, seconds: secondsAgo(5 * day) })], 'notify');

    const chunk = historyChunk({
      chats: [
        historyChat({ id: customerJid, name: 'Ana López' }),
        historyChat({ id: groupJid, name: 'Panadería — pedidos' }),
        historyChat({ id: otherLid, pnJid: otherJid }),
      ],
      messages: [
        text('C1', customerJid, 'uno', secondsAgo(5 * day)),
        text('C2', customerJid, 'dos', secondsAgo(4 * day)),
        text('C3', customerJid, 'tres', secondsAgo(3 * day), { fromMe: true }),
        text('G1', groupJid, 'hola grupo', secondsAgo(5 * day), { participant: otherJid }),
        text('G2', groupJid, 'otro', secondsAgo(4 * day), { participant: otherJid, pushName: 'Beto' }),
        text('O1', otherLid, 'por LID', secondsAgo(2 * day), { pushName: 'Beto' }),
        text('O2', otherLid, 'sigo', secondsAgo(1 * day), { pushName: 'Beto' }),
        // The same message twice in one chunk.
        text('O2', otherLid, 'sigo', secondsAgo(1 * day), { pushName: 'Beto' }),
      ],
    });

    expect(t.ingest.ingestHistory(t.accountId, chunk, { choice: 'all', now })).toEqual({ chats: 3, messages: 5 });
    const rows = t.db.prepare('SELECT chat_id, wa_id, count(*) AS n FROM messages GROUP BY chat_id, wa_id').all() as { n: number }[];
    expect(rows).toHaveLength(7);
    expect(rows.every((r) => r.n === 1)).toBe(true);
    expect(t.chats().map((c) => [c.jid, c.name, c.lidJid])).toEqual([
      [customerJid, 'Ana López', null],
      [groupJid, 'Panadería — pedidos', null],
      // Filed by LID in the history, under the phone number the chat carried; named by pushName.
      [otherJid, 'Beto', otherLid],
    ]);

    // The same chunk again stores nothing.
    expect(t.ingest.ingestHistory(t.accountId, chunk, { choice: 'all', now })).toEqual({ chats: 0, messages: 0 });
  });

  it("with 'none' stores no messages but learns contacts, pairs and names", async () => {
    const t = openInboxHarness();
    await t.ingest.ingestUpsert(t.accountId, [waMessage({ id: 'L1', remoteJid: customerLid, message: { conversation: 'hola' }, seconds: secondsAgo(day) })], 'notify');

    const chunk = historyChunk({
      chats: [historyChat({ id: customerJid, lidJid: customerLid, name: 'Ana López' })],
      contacts: [
        { id: customerJid, lid: customerLid, phoneNumber: customerJid, name: 'Ana López' },
        { id: otherJid, notify: 'Beto' },
      ],
      messages: [text('C1', customerJid, 'viejo', secondsAgo(3 * day))],
    });
    expect(t.ingest.ingestHistory(t.accountId, chunk, { choice: 'none', now })).toEqual({ chats: 0, messages: 0 });

    expect(t.messages().map((m) => m.waId)).toEqual(['L1']);
    expect(t.contacts()).toEqual([
      { jid: customerJid, pnJid: customerJid, lidJid: customerLid, name: 'Ana López', notify: null },
      { jid: otherJid, pnJid: otherJid, lidJid: null, name: null, notify: 'Beto' },
    ]);
    // The live LID chat is now the customer's phone chat, named after the saved contact.
    expect(t.chats()).toEqual([expect.objectContaining({ jid: customerJid, lidJid: customerLid, name: 'Ana López', unreadCount: 1 })]);
  });

  it("with 'recent' keeps a message from 2 days ago and drops one from 40 days ago", () => {
    const t = openInboxHarness();
    const chunk = historyChunk({
      chats: [historyChat({ id: customerJid })],
      messages: [text('OLD', customerJid, 'hace 40 días', secondsAgo(40 * day)), text('NEW', customerJid, 'hace 2 días', secondsAgo(2 * day))],
    });
    expect(t.ingest.ingestHistory(t.accountId, chunk, { choice: 'recent', now })).toEqual({ chats: 1, messages: 1 });
    expect(t.messages().map((m) => m.waId)).toEqual(['NEW']);
  });

  it('never adds history messages to the unread count; the chat takes the count the phone shows', async () => {
    const t = openInboxHarness();
    const chunk = historyChunk({
      chats: [historyChat({ id: customerJid, unreadCount: 2 }), historyChat({ id: otherJid })],
      messages: [1, 2, 3, 4, 5].map((i) => text(`C${i}`, customerJid, `m${i}`, secondsAgo(i * day))).concat(text('O1', otherJid, 'hola', secondsAgo(day))),
    });
    t.ingest.ingestHistory(t.accountId, chunk, { choice: 'all', now });
    expect(t.chatByJid(customerJid)?.unreadCount).toBe(2);
    expect(t.chatByJid(otherJid)?.unreadCount).toBe(0);

    // A live message still counts; history arriving again does not undo it nor add to it.
    await t.ingest.ingestUpsert(t.accountId, [waMessage({ id: 'LIVE', remoteJid: customerJid, message: { conversation: 'nuevo' }, seconds: secondsAgo(0) })], 'notify');
    t.ingest.ingestHistory(t.accountId, chunk, { choice: 'all', now });
    expect(t.chatByJid(customerJid)?.unreadCount).toBe(3);
  });

  it('does not move the chat preview back when history is older than the live message', async () => {
    const t = openInboxHarness();
    await t.ingest.ingestUpsert(t.accountId, [waMessage({ id: 'LIVE', remoteJid: customerJid, message: { conversation: 'lo último' }, pushName: 'Ana', seconds: secondsAgo(0) })], 'notify');
    t.ingest.ingestHistory(
      t.accountId,
      historyChunk({ chats: [historyChat({ id: customerJid, name: 'Nombre viejo' })], messages: [text('H1', customerJid, 'de antes', secondsAgo(day), { pushName: 'Anita' })] }),
      { choice: 'all', now },
    );
    expect(t.chatByJid(customerJid)).toMatchObject({ lastMessagePreview: 'lo último', lastMessageAt: secondsAgo(0) * 1000, name: 'Ana' });
    expect(t.emitted('chats.upserted').at(-1)).toMatchObject({ lastMessagePreview: 'lo último', title: 'Ana' });
  });

  it('files history for a chat it has never seen by creating the chat', () => {
    const t = openInboxHarness();
    const counts = t.ingest.ingestHistory(t.accountId, historyChunk({ messages: [text('N1', otherJid, 'sin chat', secondsAgo(day), { pushName: 'Beto' })] }), {
      choice: 'all',
      now,
    });
    expect(counts).toEqual({ chats: 1, messages: 1 });
    expect(t.chats()).toEqual([expect.objectContaining({ jid: otherJid, name: 'Beto', lastMessagePreview: 'sin chat' })]);
  });

  it('stores the rest of a chunk around bad messages: malformed content as unsupported, unreadable and keyless ones skipped', () => {
    const t = openInboxHarness();
    const malformed = text('BAD1', customerJid, 'x', secondsAgo(day));
    // A field of the wrong type: protobuf cannot encode it.
    (malformed.message as { conversation: unknown }).conversation = 42;
    const unreadable = text('BAD2', customerJid, 'x', secondsAgo(day));
    Object.defineProperty(unreadable, 'message', {
      get() {
        throw new Error('corrupt history entry');
      },
    });
    const keyless = text('BAD3', customerJid, 'x', secondsAgo(day));
    keyless.key.id = null;
    const unknownType = asHistoryMessage(waMessage({ id: 'NEWTYPE', remoteJid: customerJid, message: { messageContextInfo: { messageSecret: Buffer.alloc(32, 1) } }, seconds: secondsAgo(day) }));

    const counts = t.ingest.ingestHistory(
      t.accountId,
      historyChunk({ messages: [text('OK1', customerJid, 'antes', secondsAgo(2 * day)), malformed, unreadable, keyless, unknownType, text('OK2', customerJid, 'después', secondsAgo(0))] }),
      { choice: 'all', now },
    );
    expect(counts).toEqual({ chats: 1, messages: 4 });
    expect(t.messages().map((m) => [m.waId, m.type, m.text])).toEqual([
      ['OK1', 'text', 'antes'],
      ['BAD1', 'unsupported', null],
      ['NEWTYPE', 'unsupported', null],
      ['OK2', 'text', 'después'],
    ]);
  });

  it('writes nothing from a chunk when the store fails midway', async () => {
    const t = openInboxHarness();
    await t.ingest.ingestUpsert(t.accountId, [waMessage({ id: 'LIVE', remoteJid: customerLid, message: { conversation: 'hola' }, seconds: secondsAgo(0) })], 'notify');
    const before = { chats: t.chats(), messages: t.messages(), contacts: t.contacts() };
    t.db.exec(`CREATE TRIGGER fail_midway BEFORE INSERT ON messages WHEN NEW.wa_id = 'BOOM' BEGIN SELECT RAISE(ABORT, 'disk trouble'); END`);

    const chunk = historyChunk({
      chats: [historyChat({ id: customerLid, pnJid: customerJid, unreadCount: 4 }), historyChat({ id: otherJid, name: 'Beto' })],
      contacts: [{ id: otherJid, name: 'Beto', notify: 'Beto B.' }],
      messages: [text('H1', otherJid, 'uno', secondsAgo(day)), text('H2', customerLid, 'dos', secondsAgo(day)), text('BOOM', otherJid, 'falla', secondsAgo(day)), text('H3', otherJid, 'tres', secondsAgo(day))],
    });
    expect(() => t.ingest.ingestHistory(t.accountId, chunk, { choice: 'all', now })).toThrow(/disk trouble/);
    expect({ chats: t.chats(), messages: t.messages(), contacts: t.contacts() }).toEqual(before);
    expect(t.chats()).toEqual([expect.objectContaining({ jid: customerLid })]);

    t.db.exec('DROP TRIGGER fail_midway');
    expect(t.ingest.ingestHistory(t.accountId, chunk, { choice: 'all', now })).toEqual({ chats: 2, messages: 4 });
  });

  it('learns pairs from lidPnMappings when the chunk carries them', async () => {
    const t = openInboxHarness();
    await t.ingest.ingestUpsert(t.accountId, [waMessage({ id: 'L1', remoteJid: customerLid, message: { conversation: 'hola' }, seconds: secondsAgo(0) })], 'notify');
    t.ingest.ingestHistory(t.accountId, historyChunk({ lidPnMappings: [{ lid: customerLid, pn: customerJid }] }), { choice: 'all', now });
    expect(t.chats()).toEqual([expect.objectContaining({ jid: customerJid, lidJid: customerLid })]);
  });

  it('keeps a group named by its subject, never by a member pushName', () => {
    const t = openInboxHarness();
    t.ingest.ingestHistory(
      t.accountId,
      historyChunk({
        chats: [historyChat({ id: groupJid, name: 'Proveedores' })],
        messages: [text('G1', groupJid, 'hola', secondsAgo(day), { participant: otherJid, pushName: 'Beto' })],
      }),
      { choice: 'all', now },
    );
    expect(t.chatByJid(groupJid)?.name).toBe('Proveedores');
    expect(t.messages()[0]).toMatchObject({ waId: 'G1' });
  });

  it('keeps the status of our own history messages', () => {
    const t = openInboxHarness();
    t.ingest.ingestHistory(
      t.accountId,
      historyChunk({ messages: [text('M1', customerJid, 'ya va', secondsAgo(day), { fromMe: true, status: proto.WebMessageInfo.Status.READ })] }),
      { choice: 'all', now },
    );
    expect(t.db.prepare('SELECT from_me AS fromMe, status FROM messages').get()).toEqual({ fromMe: 1, status: 'read' });
  });
});
