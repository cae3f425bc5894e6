import { describe, expect, it } from 'vitest';
import { addAccount, openTestDatabase } from '../testing/test-database';
import { isKnownContact, knownPhones, wasFirstContact } from './known-contacts';

function rig() {
  const { db, orm } = openTestDatabase();
  addAccount(db, 'a1');
  addAccount(db, 'a2');
  const chat = (accountId: string, jid: string, pnJid: string | null = null) =>
    Number(db.prepare('INSERT INTO chats (account_id, jid, pn_jid) VALUES (?, ?, ?)').run(accountId, jid, pnJid).lastInsertRowid);
  let n = 0;
  const message = (chatId: number, fromMe: boolean, status: string) => {
    const waId = `M${++n}`;
    const id = Number(
      db
        .prepare("INSERT INTO messages (account_id, chat_id, wa_id, from_me, type, text, timestamp, status) SELECT account_id, id, ?, ?, 'text', 'x', 1, ? FROM chats WHERE id = ?")
        .run(waId, fromMe ? 1 : 0, status, chatId).lastInsertRowid,
    );
    return { id, waId };
  };
  return { orm, chat, message };
}

describe('who is a new contact for a number', () => {
  it('knows someone who wrote to it, or whom it wrote to and WhatsApp took the message', () => {
    const t = rig();
    t.message(t.chat('a1', '5215511111111@s.whatsapp.net'), false, 'received');
    t.message(t.chat('a1', '5215522222222@s.whatsapp.net'), true, 'delivered');
    expect(isKnownContact(t.orm, 'a1', '5215511111111')).toBe(true);
    expect(isKnownContact(t.orm, 'a1', '5215522222222')).toBe(true);
    expect(knownPhones(t.orm, 'a1')).toEqual(new Set(['5215511111111', '5215522222222']));
  });

  it('does not count messages of ours that never went (queued, failed), empty chats, or another number’s chats', () => {
    const t = rig();
    const refused = t.chat('a1', '5215533333333@s.whatsapp.net');
    t.message(refused, true, 'failed');
    t.message(refused, true, 'queued');
    t.chat('a1', '5215544444444@s.whatsapp.net');
    t.message(t.chat('a2', '5215555555555@s.whatsapp.net'), false, 'received');
    for (const phone of ['5215533333333', '5215544444444', '5215555555555']) expect(isKnownContact(t.orm, 'a1', phone), phone).toBe(false);
    expect(knownPhones(t.orm, 'a1').size).toBe(0);
  });

  it('finds a person through a LID chat that knows their phone, and ignores groups', () => {
    const t = rig();
    t.message(t.chat('a1', '123456789@lid', '5215566666666@s.whatsapp.net'), false, 'received');
    t.message(t.chat('a1', '120363000000000001@g.us'), false, 'received');
    expect(isKnownContact(t.orm, 'a1', '5215566666666')).toBe(true);
    expect(knownPhones(t.orm, 'a1')).toEqual(new Set(['5215566666666']));
  });

  it('judges a refused message by the others: a first contact unless the chat already had one that counts', () => {
    const t = rig();
    const fresh = t.message(t.chat('a1', '5215577777777@s.whatsapp.net'), true, 'sent');
    expect(wasFirstContact(t.orm, 'a1', fresh.waId)).toBe(true);
    const warmChat = t.chat('a1', '5215588888888@s.whatsapp.net');
    t.message(warmChat, false, 'received');
    expect(wasFirstContact(t.orm, 'a1', t.message(warmChat, true, 'sent').waId)).toBe(false);
    const lidOnly = t.message(t.chat('a1', '987654321@lid'), true, 'pending');
    expect(wasFirstContact(t.orm, 'a1', lidOnly.waId)).toBe(true);
    expect(wasFirstContact(t.orm, 'a1', 'UNKNOWN')).toBe(false);
  });
});
