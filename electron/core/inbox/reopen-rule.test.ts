import { describe, expect, it } from 'vitest';
import { stubType } from '../../../shared/message-kinds';
import { updateSettings } from '../settings/settings-store';
import { groupParticipantsAdded, missedCall } from '../testing/real-shape';
import { silentLogger } from '../testing/silent-logger';
import { addAccount, openTestDatabase } from '../testing/test-database';
import { customerJid, waMessage } from '../testing/wa-messages';
import { createEventBus } from '../events/event-bus';
import { getChat, updateChat } from './chat-store';
import { createInboxIngest } from './inbox-ingest';
import { reopensChat } from './reopen-rule';

const groupJid = '120363000000000001@g.us';

function setup() {
  const { db, orm } = openTestDatabase();
  addAccount(db, 'acc-1');
  const bus = createEventBus();
  const upserted: { jid: string; status: string }[] = [];
  bus.subscribe((batch) => {
    if (batch.topic === 'chats.upserted') for (const chat of batch.items) upserted.push({ jid: chat.jid, status: chat.status });
  });
  const ingest = createInboxIngest({ orm, bus, logger: silentLogger() });
  const upsert = (...messages: Parameters<typeof ingest.ingestUpsert>[1]) => ingest.ingestUpsert('acc-1', messages, 'notify');
  const chatIdOf = (jid: string) => (db.prepare('SELECT id FROM chats WHERE jid = ?').get(jid) as { id: number }).id;
  const statusOf = (jid: string) => getChat(orm, chatIdOf(jid))!.status;
  const resolve = (jid: string, status: 'resolved' | 'pending' = 'resolved') => updateChat(orm, chatIdOf(jid), { status }, Date.now());
  return { orm, bus, upsert, statusOf, resolve, upserted };
}

const text = (id: string, body: string, fromMe = false) => waMessage({ id, remoteJid: customerJid, fromMe, message: { conversation: body } });

describe('reopen when the customer writes again', () => {
  it('decides from the kind table: words, media and missed calls reopen; notices, our own messages and copies do not', () => {
    expect(reopensChat({ fromMe: false, type: 'text' }, true, true)).toBe(true);
    expect(reopensChat({ fromMe: false, type: 'imageMessage' }, true, true)).toBe(true);
    expect(reopensChat({ fromMe: false, type: stubType('CALL_MISSED_VOICE') }, true, true)).toBe(true);
    expect(reopensChat({ fromMe: false, type: stubType('GROUP_PARTICIPANT_ADD') }, true, true)).toBe(false);
    expect(reopensChat({ fromMe: false, type: stubType('CIPHERTEXT') }, true, true)).toBe(false);
    expect(reopensChat({ fromMe: true, type: 'text' }, true, true)).toBe(false);
    expect(reopensChat({ fromMe: false, type: 'text' }, false, true)).toBe(false);
    expect(reopensChat({ fromMe: false, type: 'text' }, true, false)).toBe(false);
  });

  it('brings a resolved and a pending chat back to open on a new customer message, and tells the renderer', async () => {
    const t = setup();
    await t.upsert(text('A1', 'Hola'));
    t.resolve(customerJid);
    expect(t.statusOf(customerJid)).toBe('resolved');
    await t.upsert(text('A2', 'Gracias', true));
    expect(t.statusOf(customerJid)).toBe('resolved');
    await t.upsert(text('A3', 'Otra pregunta'));
    expect(t.statusOf(customerJid)).toBe('open');
    t.bus.flush();
    expect(t.upserted.at(-1)).toEqual({ jid: customerJid, status: 'open' });

    t.resolve(customerJid, 'pending');
    await t.upsert(missedCall({ id: 'A4', from: customerJid }));
    expect(t.statusOf(customerJid)).toBe('open');
  });

  it('leaves a resolved chat alone for a repeated copy, a group event, or when the workstation turned it off', async () => {
    const t = setup();
    await t.upsert(text('B1', 'Hola'));
    t.resolve(customerJid);
    await t.upsert(text('B1', 'Hola'));
    expect(t.statusOf(customerJid)).toBe('resolved');

    await t.upsert(waMessage({ id: 'G1', remoteJid: groupJid, participant: customerJid, message: { conversation: 'Hola grupo' } }));
    t.resolve(groupJid);
    await t.upsert(groupParticipantsAdded({ id: 'G2', group: groupJid, actor: customerJid, added: [{ id: '5215599999999@s.whatsapp.net' }] }));
    expect(t.statusOf(groupJid)).toBe('resolved');

    updateSettings(t.orm, { reopenOnCustomerMessage: false });
    await t.upsert(text('B2', 'Sigo aquí'));
    expect(t.statusOf(customerJid)).toBe('resolved');
  });
});
