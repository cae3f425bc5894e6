import { describe, expect, it } from 'vitest';
import { insertChatMessage, lidJid, openAgentToolsHarness, phoneJid } from '../testing/agent-tools-harness';

const T = 1_700_000_000_000;
const ANA_PHONE = phoneJid('5215512345678');
const ANA_LID = lidJid('99887766554433');

describe('chats.related', () => {
  it('finds the customer on both numbers by phone, the chat where they wrote last first', async () => {
    const h = openAgentToolsHarness();
    const onFirst = h.chat({ accountId: 'acc-1', jid: ANA_PHONE, lastMessageAt: T + 50 });
    const onSecond = h.chat({ accountId: 'acc-2', jid: ANA_PHONE, lastMessageAt: T + 20 });
    h.chat({ accountId: 'acc-2', jid: phoneJid('5215500000000') });
    // We wrote last on the first number, but Ana wrote last on the second one.
    insertChatMessage(h.db, onFirst, { fromMe: false, timestamp: T + 10 });
    insertChatMessage(h.db, onFirst, { fromMe: true, timestamp: T + 50 });
    insertChatMessage(h.db, onSecond, { fromMe: false, timestamp: T + 20 });

    for (const asked of [onFirst, onSecond]) {
      expect((await h.value('chats.related', { chatId: asked })).map((c) => c.id)).toEqual([onSecond, onFirst]);
    }
  });

  it('finds the customer by LID when one number only knows them by LID', async () => {
    const h = openAgentToolsHarness();
    const byPhone = h.chat({ accountId: 'acc-1', jid: ANA_PHONE, lidJid: ANA_LID, lastMessageAt: T + 1 });
    const byLid = h.chat({ accountId: 'acc-2', jid: ANA_LID, lastMessageAt: T + 2 });
    insertChatMessage(h.db, byPhone, { fromMe: false, timestamp: T + 1 });
    insertChatMessage(h.db, byLid, { fromMe: false, timestamp: T + 2 });
    expect((await h.value('chats.related', { chatId: byPhone })).map((c) => c.id)).toEqual([byLid, byPhone]);
    expect((await h.value('chats.related', { chatId: byLid })).map((c) => c.id)).toEqual([byLid, byPhone]);
  });

  it('links a LID-only chat to a phone-only chat through what a contact or a third chat knows', async () => {
    const h = openAgentToolsHarness();
    h.db.prepare('INSERT INTO accounts (id, kind, label, color, created_at) VALUES (?, ?, ?, ?, ?)').run('acc-3', 'whatsapp', 'C', '#000000', 1);
    const phoneOnly = h.chat({ accountId: 'acc-1', jid: ANA_PHONE });
    const lidOnly = h.chat({ accountId: 'acc-2', jid: ANA_LID });
    expect((await h.value('chats.related', { chatId: phoneOnly })).map((c) => c.id)).toEqual([phoneOnly]);

    h.db.prepare('INSERT INTO contacts (account_id, jid, pn_jid, lid_jid, updated_at) VALUES (?, ?, ?, ?, ?)').run('acc-3', ANA_PHONE, ANA_PHONE, ANA_LID, T);
    expect(new Set((await h.value('chats.related', { chatId: phoneOnly })).map((c) => c.id))).toEqual(new Set([phoneOnly, lidOnly]));

    h.db.prepare('DELETE FROM contacts').run();
    const both = h.chat({ accountId: 'acc-3', jid: ANA_PHONE, lidJid: ANA_LID });
    expect(new Set((await h.value('chats.related', { chatId: lidOnly })).map((c) => c.id))).toEqual(new Set([phoneOnly, lidOnly, both]));
  });

  it('puts chats the customer never wrote in after the others, newest first', async () => {
    const h = openAgentToolsHarness();
    h.db.prepare('INSERT INTO accounts (id, kind, label, color, created_at) VALUES (?, ?, ?, ?, ?)').run('acc-3', 'whatsapp', 'C', '#000000', 1);
    const wrote = h.chat({ accountId: 'acc-1', jid: ANA_PHONE, lastMessageAt: T + 1 });
    const outreachOld = h.chat({ accountId: 'acc-2', jid: ANA_PHONE, lastMessageAt: T + 5 });
    const outreachNew = h.chat({ accountId: 'acc-3', jid: ANA_PHONE, lastMessageAt: T + 9 });
    insertChatMessage(h.db, wrote, { fromMe: false, timestamp: T + 1 });
    insertChatMessage(h.db, outreachOld, { fromMe: true, timestamp: T + 5 });
    insertChatMessage(h.db, outreachNew, { fromMe: true, timestamp: T + 9 });
    expect((await h.value('chats.related', { chatId: outreachOld })).map((c) => c.id)).toEqual([wrote, outreachNew, outreachOld]);
  });

  it('relates a group only to itself, and answers NOT_FOUND for an unknown chat', async () => {
    const h = openAgentToolsHarness();
    const group = h.chat({ accountId: 'acc-1', jid: '120363000000000000@g.us' });
    h.chat({ accountId: 'acc-2', jid: '120363000000000000@g.us' });
    expect((await h.value('chats.related', { chatId: group })).map((c) => c.id)).toEqual([group]);
    expect(await h.call('chats.related', { chatId: 999 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});
