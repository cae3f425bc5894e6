import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { proto } from '@whiskeysockets/baileys';
import { describe, expect, it } from 'vitest';
import { connectionClosed, gate, openOutboxHarness } from '../testing/outbox-harness';
import { MAX_SEND_ATTEMPTS } from './outbox';

const insertReceived = (t: ReturnType<typeof openOutboxHarness>, waId: string, text: string) =>
  t.db
    .prepare(
      `INSERT INTO messages (account_id, chat_id, wa_id, from_me, sender_jid, type, text, timestamp, status, proto)
       VALUES (?, ?, ?, 0, ?, 'text', ?, 1700000000000, 'received', ?) RETURNING id`,
    )
    .get(t.accountId, t.chat.id, waId, t.chat.jid, text, Buffer.from(proto.Message.encode({ conversation: text }).finish())) as { id: number };

describe('outbox', () => {
  it('records who wrote a message when it was not a person, so Stats can tell the assistant from agents', () => {
    const t = openOutboxHarness();
    const ours = t.outbox.queueText({ chatId: t.chat.id, text: 'de una persona' });
    const bot = t.outbox.queueText({ chatId: t.chat.id, text: 'del asistente', sentBy: 'assistant' });
    const sentBy = t.db.prepare('SELECT sent_by FROM messages WHERE id = ?').pluck();
    expect(sentBy.get(ours.id)).toBeNull();
    expect(sentBy.get(bot.id)).toBe('assistant');
  });

  it('keeps messages queued while the account is offline and sends them in order, each with its own id, once it connects', async () => {
    const t = openOutboxHarness();
    const a = t.outbox.queueText({ chatId: t.chat.id, text: 'uno' });
    const b = t.outbox.queueText({ chatId: t.chat.id, text: 'dos' });
    const c = t.outbox.queueText({ chatId: t.chat.id, text: 'tres' });
    expect([a.status, b.status, c.status]).toEqual(['queued', 'queued', 'queued']);
    expect(a.fromMe).toBe(true);
    expect(new Set([a.waId, b.waId, c.waId]).size).toBe(3);
    // The renderer hears about the message and the chat at once.
    expect(t.emitted('messages.upserted').map((m) => m.text)).toEqual(['uno', 'dos', 'tres']);
    expect(t.emitted('chats.upserted').at(-1)).toMatchObject({ id: t.chat.id, lastMessagePreview: 'tres' });
    await t.outbox.idle();
    expect(t.sender.calls).toEqual([]);

    t.connect();
    await t.outbox.idle();
    expect(t.sender.texts).toEqual(['uno', 'dos', 'tres']);
    expect(t.sender.calls.map((call) => call.options?.messageId)).toEqual([a.waId, b.waId, c.waId]);
    expect(t.sender.calls.every((call) => call.jid === t.chat.jid)).toBe(true);
    expect(t.messages().map((m) => m.status)).toEqual(['sent', 'sent', 'sent']);
    expect(t.outboxRows()).toEqual([]);
    // Each change is told to the renderer (coalesced: the latest state per message wins).
    expect(t.emitted('messages.upserted').filter((m) => m.id === a.id).at(-1)?.status).toBe('sent');
  });

  it('sends at once when the account is connected and answers the message already on its way', async () => {
    const t = openOutboxHarness();
    t.connect();
    const sent = t.outbox.queueText({ chatId: t.chat.id, text: 'hola' });
    expect(sent.status).toBe('pending');
    await t.outbox.idle();
    expect(t.messages()[0]?.status).toBe('sent');
    // The proto Baileys sent is kept, to answer its getMessage when the recipient asks for a retry.
    expect(t.db.prepare('SELECT proto IS NOT NULL AS has FROM messages').get()).toEqual({ has: 1 });
  });

  it('cancels a message still waiting: gone from the store, the renderer told, never sent', async () => {
    const t = openOutboxHarness();
    t.outbox.queueText({ chatId: t.chat.id, text: 'primero' });
    const second = t.outbox.queueText({ chatId: t.chat.id, text: 'me arrepentí' });
    expect(t.outbox.cancel(second.id)).toEqual({ cancelled: true });
    expect(t.messages().map((m) => m.text)).toEqual(['primero']);
    expect(t.outboxRows()).toHaveLength(1);
    expect(t.emitted('messages.removed')).toEqual([{ id: second.id, chatId: t.chat.id }]);
    expect(t.emitted('chats.upserted').at(-1)).toMatchObject({ lastMessagePreview: 'primero' });

    t.connect();
    await t.outbox.idle();
    expect(t.sender.texts).toEqual(['primero']);
    // Once sent, it can no longer be taken back.
    expect(t.outbox.cancel(t.messages()[0]!.id)).toEqual({ cancelled: false });
    expect(() => t.outbox.cancel(999)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });

  it('cannot cancel a message while it is being sent', async () => {
    const t = openOutboxHarness();
    const held = gate();
    t.sender.next(() => held.opened);
    t.connect();
    const message = t.outbox.queueText({ chatId: t.chat.id, text: 'en camino' });
    expect(t.outboxRows()).toEqual([{ messageId: message.id, state: 'sending', attempts: 1 }]);
    expect(t.outbox.cancel(message.id)).toEqual({ cancelled: false });
    held.open();
    await t.outbox.idle();
    expect(t.messages()[0]).toMatchObject({ text: 'en camino', status: 'sent' });
  });

  it('never sends twice after a crash mid-send: the same id goes again, once', async () => {
    const first = openOutboxHarness();
    first.sender.next(() => new Promise<void>(() => undefined)); // the process dies before WhatsApp answers
    first.connect();
    const message = first.outbox.queueText({ chatId: first.chat.id, text: '¿llegó?' });
    expect(first.outboxRows()[0]?.state).toBe('sending');

    // Next start, same database: the row left `sending` is reconciled before anything else runs.
    const second = openOutboxHarness({ db: { db: first.db, orm: first.orm }, dataDir: first.dataDir });
    expect(second.outboxRows()).toEqual([{ messageId: message.id, state: 'queued', attempts: 1 }]);
    expect(second.messages()[0]?.status).toBe('queued');
    second.connect();
    await second.outbox.idle();
    expect(second.sender.calls.map((c) => c.options?.messageId)).toEqual([message.waId]);
    expect(second.messages()[0]?.status).toBe('sent');
    expect(second.outboxRows()).toEqual([]);
  });

  it('after a crash, finishes without resending a message whose receipt is already stored', async () => {
    const first = openOutboxHarness();
    first.sender.next(() => new Promise<void>(() => undefined));
    first.connect();
    const message = first.outbox.queueText({ chatId: first.chat.id, text: 'ya entregado' });
    // WhatsApp's ack reached the store (messages.update) before the process died.
    first.db.prepare("UPDATE messages SET status = 'delivered' WHERE id = ?").run(message.id);

    const second = openOutboxHarness({ db: { db: first.db, orm: first.orm }, dataDir: first.dataDir });
    second.connect();
    await second.outbox.idle();
    expect(second.sender.calls).toEqual([]);
    expect(second.outboxRows()).toEqual([]);
    expect(second.messages()[0]?.status).toBe('delivered');
  });

  it('puts a message back in its place after a dropped connection, and nothing overtakes it', async () => {
    const t = openOutboxHarness();
    t.sender.next(() => {
      throw connectionClosed();
    });
    t.outbox.queueText({ chatId: t.chat.id, text: 'uno' });
    t.outbox.queueText({ chatId: t.chat.id, text: 'dos' });
    t.connect();
    await t.outbox.idle();
    expect(t.sender.texts).toEqual(['uno']);
    expect(t.messages().map((m) => m.status)).toEqual(['queued', 'queued']);
    expect(t.outboxRows().map((r) => r.attempts)).toEqual([1, 0]);

    // Still connected: tried again after a pause.
    t.clock.advance(2_000);
    await t.outbox.idle();
    expect(t.sender.texts).toEqual(['uno', 'uno', 'dos']);
    expect(t.messages().map((m) => m.status)).toEqual(['sent', 'sent']);
  });

  it('waits for the next connection after a transient failure while offline', async () => {
    const t = openOutboxHarness();
    t.sender.next(() => {
      t.disconnect();
      throw connectionClosed();
    });
    t.outbox.queueText({ chatId: t.chat.id, text: 'uno' });
    t.connect();
    await t.outbox.idle();
    t.clock.advance(60_000);
    await t.outbox.idle();
    expect(t.sender.texts).toEqual(['uno']);
    t.connect();
    await t.outbox.idle();
    expect(t.sender.texts).toEqual(['uno', 'uno']);
    expect(t.messages()[0]?.status).toBe('sent');
  });

  it('marks a message failed on a permanent error and sends the next one', async () => {
    const t = openOutboxHarness();
    t.sender.next(() => {
      throw Object.assign(new Error('invalid media'), { output: { statusCode: 400 } });
    });
    t.outbox.queueText({ chatId: t.chat.id, text: 'roto' });
    t.outbox.queueText({ chatId: t.chat.id, text: 'bien' });
    t.connect();
    await t.outbox.idle();
    expect(t.messages().map((m) => [m.text, m.status, m.error])).toEqual([
      ['roto', 'failed', 'invalid media'],
      ['bien', 'sent', null],
    ]);
    expect(t.outboxRows()).toEqual([]);
  });

  it(`gives up after ${MAX_SEND_ATTEMPTS} transient failures`, async () => {
    const t = openOutboxHarness();
    for (let i = 0; i < MAX_SEND_ATTEMPTS; i++) {
      t.sender.next(() => {
        throw connectionClosed();
      });
    }
    t.outbox.queueText({ chatId: t.chat.id, text: 'nunca' });
    t.connect();
    for (let i = 0; i < MAX_SEND_ATTEMPTS; i++) {
      await t.outbox.idle();
      t.clock.advance(60_000);
    }
    await t.outbox.idle();
    expect(t.sender.calls).toHaveLength(MAX_SEND_ATTEMPTS);
    expect(t.messages()[0]).toMatchObject({ status: 'failed', error: 'Connection Closed' });
  });

  it('quotes the stored message, rebuilt from its proto and key', async () => {
    const t = openOutboxHarness();
    const original = insertReceived(t, 'ABC123', '¿Tienen pan?');
    const reply = t.outbox.queueText({ chatId: t.chat.id, text: 'Sí', quotedId: original.id });
    expect(reply.quoted).toEqual({ waId: 'ABC123', fromMe: false, text: '¿Tienen pan?', type: 'text' });
    t.connect();
    await t.outbox.idle();
    const quoted = t.sender.calls[0]?.options?.quoted;
    expect(quoted?.key).toMatchObject({ remoteJid: t.chat.jid, id: 'ABC123', fromMe: false });
    expect(quoted?.message?.conversation).toBe('¿Tienen pan?');
    expect(() => t.outbox.queueText({ chatId: t.chat.id, text: 'x', quotedId: 4242 })).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });

  it('keeps a file to send under the data folder, ready at once, and sends it by path', async () => {
    const t = openOutboxHarness();
    const bytes = Buffer.from('fake jpeg bytes');
    const message = await t.outbox.queueMedia({ chatId: t.chat.id, kind: 'image', fileName: 'pan.jpg', mime: 'image/jpeg', dataBase64: bytes.toString('base64'), caption: 'Pan recién hecho' });
    expect(message).toMatchObject({ type: 'imageMessage', text: 'Pan recién hecho', status: 'queued' });
    expect(message.media).toEqual({ kind: 'image', mime: 'image/jpeg', fileName: 'pan.jpg', size: bytes.length, durationSec: null, state: 'ready', url: `/media/${message.id}` });
    const relative = `media/${t.accountId}/out-${message.id}.jpg`;
    expect(t.messages()[0]?.mediaPath).toBe(relative);
    const file = join(t.dataDir, ...relative.split('/'));
    expect(readFileSync(file)).toEqual(bytes);

    t.connect();
    await t.outbox.idle();
    expect(t.sender.calls[0]?.content).toEqual({ image: { url: file }, mimetype: 'image/jpeg', caption: 'Pan recién hecho' });
    expect(t.messages()[0]?.status).toBe('sent');
  });

  it('sends audio without voice-note flag and documents with their name', async () => {
    const t = openOutboxHarness();
    const data = Buffer.from('x').toString('base64');
    await t.outbox.queueMedia({ chatId: t.chat.id, kind: 'audio', fileName: 'nota.ogg', mime: 'audio/ogg; codecs=opus', dataBase64: data });
    await t.outbox.queueMedia({ chatId: t.chat.id, kind: 'document', fileName: 'factura.pdf', mime: 'application/pdf', dataBase64: data });
    t.connect();
    await t.outbox.idle();
    expect(t.sender.calls[0]?.content).toMatchObject({ audio: { url: expect.stringMatching(/out-\d+\.ogg$/) }, mimetype: 'audio/ogg', ptt: false });
    expect(t.sender.calls[1]?.content).toMatchObject({ document: { url: expect.stringMatching(/out-\d+\.pdf$/) }, mimetype: 'application/pdf', fileName: 'factura.pdf' });
    expect(t.messages().map((m) => m.text)).toEqual([null, 'factura.pdf']);
  });

  it('refuses files over 16 MB and types that do not match the kind, storing nothing', async () => {
    const t = openOutboxHarness();
    const big = Buffer.alloc(16 * 1024 * 1024 + 1).toString('base64');
    await expect(t.outbox.queueMedia({ chatId: t.chat.id, kind: 'document', fileName: 'big.bin', mime: 'application/octet-stream', dataBase64: big })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    await expect(t.outbox.queueMedia({ chatId: t.chat.id, kind: 'image', fileName: 'x.pdf', mime: 'application/pdf', dataBase64: 'eA==' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    expect(t.messages()).toEqual([]);
    expect(existsSync(join(t.dataDir, 'media'))).toBe(false);
  });

  it('marks a media message failed when its file disappeared, and goes on', async () => {
    const t = openOutboxHarness();
    const message = await t.outbox.queueMedia({ chatId: t.chat.id, kind: 'image', fileName: 'a.png', mime: 'image/png', dataBase64: 'eA==' });
    t.outbox.queueText({ chatId: t.chat.id, text: 'después' });
    t.db.prepare("UPDATE outbox SET payload = json_set(payload, '$.path', 'media/acc-1/missing.png') WHERE message_id = ?").run(message.id);
    t.connect();
    await t.outbox.idle();
    expect(t.messages().map((m) => m.status)).toEqual(['failed', 'sent']);
    expect(t.sender.texts).toEqual(['después']);
  });

  it('close() waits for a send in flight and then records it', async () => {
    const t = openOutboxHarness();
    const held = gate();
    t.sender.next(() => held.opened);
    t.connect();
    t.outbox.queueText({ chatId: t.chat.id, text: 'uno' });
    t.outbox.queueText({ chatId: t.chat.id, text: 'dos' });
    const closing = t.outbox.close();
    held.open();
    await closing;
    expect(t.messages().map((m) => m.status)).toEqual(['sent', 'queued']);
    expect(t.sender.texts).toEqual(['uno']);
  });

  it('close() leaves a send that does not answer as `sending`, for the next start to reconcile', async () => {
    const t = openOutboxHarness();
    const held = gate();
    t.sender.next(() => held.opened);
    t.connect();
    t.outbox.queueText({ chatId: t.chat.id, text: 'colgado' });
    await t.outbox.close(); // closeTimeoutMs is 50 in the harness
    held.open();
    await new Promise((r) => setTimeout(r, 10));
    expect(t.outboxRows()[0]?.state).toBe('sending');
    expect(t.messages()[0]?.status).toBe('pending');
  });
});
