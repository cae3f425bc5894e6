import { describe, expect, it } from 'vitest';
import { addAccount, openTestDatabase } from '../testing/test-database';
import { listChats, noteMessageInChat, upsertChat } from './chat-store';
import { insertMessage, listMessages } from './message-store';
import type { MappedMessage } from './message-mapper';

const message = (waId: string, timestamp: number): MappedMessage => ({
  waId,
  chatJid: '5215512345678@s.whatsapp.net',
  chatJidAlt: null,
  fromMe: false,
  senderJid: '5215512345678@s.whatsapp.net',
  senderName: 'Ana',
  remoteJidAlt: null,
  participantAlt: null,
  addressingMode: null,
  type: 'text',
  text: waId,
  timestamp,
  status: 'received',
  proto: null,
  messageSecret: null,
});

describe('inbox store', () => {
  it('pages messages backwards from beforeId, each page oldest first, without overlap or gaps', () => {
    const { db, orm } = openTestDatabase();
    addAccount(db, 'acc-1');
    const chat = upsertChat(orm, 'acc-1', '5215512345678@s.whatsapp.net');
    // Inserted out of time order, with ties on the timestamp, as history sync delivers them.
    const times = [5000, 1000, 3000, 3000, 2000, 4000, 3000, 6000];
    times.forEach((ts, i) => insertMessage(orm, 'acc-1', chat.id, message(`M${i}`, ts)));
    const all = listMessages(orm, { chatId: chat.id, limit: 100 });
    expect(all.map((m) => m.timestamp)).toEqual([...times].sort((a, b) => a - b));

    const pages: string[][] = [];
    let page = listMessages(orm, { chatId: chat.id, limit: 3 });
    while (page.length > 0) {
      const stamps = page.map((m) => m.timestamp);
      expect(stamps).toEqual([...stamps].sort((a, b) => a - b));
      pages.push(page.map((m) => m.waId));
      page = listMessages(orm, { chatId: chat.id, limit: 3, beforeId: page[0]!.id });
    }

    expect(pages.map((p) => p.length)).toEqual([3, 3, 2]);
    expect(pages.reverse().flat()).toEqual(all.map((m) => m.waId));
  });

  it('keeps the newest preview when an older message arrives late', () => {
    const { db, orm } = openTestDatabase();
    addAccount(db, 'acc-1');
    const chat = upsertChat(orm, 'acc-1', '5215512345678@s.whatsapp.net');
    noteMessageInChat(orm, chat.id, { timestamp: 2000, text: 'nuevo', type: 'text' }, false);
    const after = noteMessageInChat(orm, chat.id, { timestamp: 1000, text: 'viejo', type: 'text' }, false);
    expect(after).toMatchObject({ lastMessageAt: 2000, lastMessagePreview: 'nuevo' });
  });

  it('pages conversations newest first without skipping chats that share a last-message time', () => {
    const { db, orm } = openTestDatabase();
    addAccount(db, 'acc-1');
    const times = [3000, 2000, 2000, 2000, 1000];
    times.forEach((time, i) => {
      const chat = upsertChat(orm, 'acc-1', `52155000000${i}@s.whatsapp.net`);
      noteMessageInChat(orm, chat.id, { timestamp: time, text: 'x', type: 'text' }, false);
    });
    const seen: number[] = [];
    let before: { lastMessageAt: number; id: number } | undefined;
    for (let page = 0; page < 5; page++) {
      const rows = listChats(orm, { limit: 2, ...(before ? { before } : {}) });
      if (rows.length === 0) break;
      seen.push(...rows.map((r) => r.id));
      const last = rows.at(-1)!;
      before = { lastMessageAt: last.lastMessageAt!, id: last.id };
    }
    expect(seen).toHaveLength(times.length);
    expect(new Set(seen).size).toBe(times.length);
    expect(seen.map((id) => listChats(orm, { limit: 10 }).find((c) => c.id === id)!.lastMessageAt)).toEqual([3000, 2000, 2000, 2000, 1000]);
  });
});
