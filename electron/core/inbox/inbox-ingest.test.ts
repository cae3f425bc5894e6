import { proto, type WAMessage } from '@whiskeysockets/baileys';
import { describe, expect, it } from 'vitest';
import type { EventBatch } from '../../../shared/contract';
import { createEventBus } from '../events/event-bus';
import { silentLogger } from '../testing/silent-logger';
import { addAccount, openTestDatabase } from '../testing/test-database';
import { customerJid, customerLid, waMessage } from '../testing/wa-messages';
import { createInboxIngest } from './inbox-ingest';
import { getChat } from './chat-store';
import { findMessage } from './message-store';

function setup() {
  const { db, orm } = openTestDatabase();
  addAccount(db, 'acc-1');
  const bus = createEventBus();
  const batches: EventBatch[] = [];
  bus.subscribe((b) => batches.push(b));
  const ingest = createInboxIngest({ orm, bus, logger: silentLogger() });
  const rows = () => db.prepare('SELECT wa_id AS waId, type, text, chat_id AS chatId FROM messages ORDER BY id').all() as { waId: string; type: string; text: string | null; chatId: number }[];
  const upsert = (messages: WAMessage[], type: 'notify' | 'append' = 'notify') => ingest.ingestUpsert('acc-1', messages, type);
  return { db, orm, bus, batches, ingest, rows, upsert };
}

const fromCustomer = (id: string, text: string, seconds = 1_700_000_000) =>
  waMessage({ id, remoteJid: customerJid, message: { conversation: text }, pushName: 'Ana', seconds });
const fromUs = (id: string, text: string, status = proto.WebMessageInfo.Status.SERVER_ACK) =>
  waMessage({ id, remoteJid: customerJid, fromMe: true, message: { conversation: text }, status });

describe('inbox ingest', () => {
  it('stores texts, captions and unsupported messages, never files control messages as messages, and skips status broadcasts', async () => {
    const t = setup();
    await t.upsert([
      fromCustomer('T1', 'Hola'),
      waMessage({ id: 'T2', remoteJid: customerJid, message: { extendedTextMessage: { text: '¿Tienen conchas?' } } }),
      waMessage({ id: 'T3', remoteJid: customerJid, message: { imageMessage: { caption: 'esta', mimetype: 'image/jpeg' } } }),
      waMessage({ id: 'T4', remoteJid: customerJid, message: { messageContextInfo: { messageSecret: Buffer.alloc(32, 4) } } }),
      waMessage({ id: 'T5', remoteJid: customerJid, message: { protocolMessage: { type: proto.Message.ProtocolMessage.Type.REVOKE, key: { id: 'T2' } } } }),
      waMessage({ id: 'T6', remoteJid: customerJid, message: { reactionMessage: { key: { id: 'T1' }, text: '❤️' } } }),
      waMessage({ id: 'T7', remoteJid: 'status@broadcast', participant: customerJid, message: { conversation: 'estado' } }),
    ]);
    expect(t.rows().map(({ waId, type, text }) => ({ waId, type, text }))).toEqual([
      { waId: 'T1', type: 'text', text: 'Hola' },
      // Deleted by T5.
      { waId: 'T2', type: 'text', text: null },
      { waId: 'T3', type: 'imageMessage', text: 'esta' },
      { waId: 'T4', type: 'unsupported', text: null },
    ]);
  });

  it('files a LID chat under the phone JID, so the same customer by phone lands in the same chat', async () => {
    const t = setup();
    await t.upsert([waMessage({ id: 'L1', remoteJid: customerLid, remoteJidAlt: customerJid, addressingMode: 'lid', message: { conversation: 'por LID' } })]);
    await t.upsert([fromCustomer('P1', 'por teléfono', 1_700_000_100)]);

    const [first, second] = t.rows();
    expect(first?.chatId).toBe(second?.chatId);
    const chat = getChat(t.orm, first!.chatId)!;
    expect(chat).toMatchObject({ jid: customerJid, pnJid: customerJid, lidJid: customerLid });
    expect(findMessage(t.orm, 'acc-1', 'L1')).toMatchObject({ remoteJidAlt: customerJid, addressingMode: 'lid' });
  });

  it('stores a message delivered twice only once', async () => {
    const t = setup();
    expect(await t.upsert([fromCustomer('D1', 'hola')])).toHaveLength(1);
    expect(await t.upsert([fromCustomer('D1', 'hola')])).toHaveLength(0);
    expect(t.rows()).toHaveLength(1);
    expect(getChat(t.orm, t.rows()[0]!.chatId)?.unreadCount).toBe(1);
  });

  it('counts unread for new customer messages, live or queued by WhatsApp while we were away (append), never ours', async () => {
    const t = setup();
    await t.upsert([fromCustomer('U1', 'uno')]);
    await t.upsert([fromCustomer('U2', 'dos')]);
    await t.upsert([fromUs('U3', 'respuesta')]);
    await t.upsert([fromCustomer('U4', 'llegó durante el corte')], 'append');
    await t.upsert([fromCustomer('U4', 'llegó durante el corte')], 'notify');
    expect(getChat(t.orm, t.rows()[0]!.chatId)?.unreadCount).toBe(3);
  });

  it('stores the messageSecret needed to read later edits', async () => {
    const t = setup();
    const secret = Buffer.alloc(32, 0xab);
    await t.upsert([waMessage({ id: 'S1', remoteJid: customerJid, message: { conversation: 'hola', messageContextInfo: { messageSecret: secret } } })]);
    expect(findMessage(t.orm, 'acc-1', 'S1')?.messageSecret?.equals(secret)).toBe(true);
  });

  it('moves our message status only forward: a late delivered does not undo read', async () => {
    const t = setup();
    await t.upsert([fromUs('O1', 'ya salió')]);
    const update = (status: proto.WebMessageInfo.Status) => t.ingest.ingestUpdates('acc-1', [{ key: { remoteJid: customerJid, id: 'O1', fromMe: true }, update: { status } }]);
    expect(findMessage(t.orm, 'acc-1', 'O1')?.status).toBe('sent');
    update(proto.WebMessageInfo.Status.READ);
    update(proto.WebMessageInfo.Status.DELIVERY_ACK);
    expect(findMessage(t.orm, 'acc-1', 'O1')?.status).toBe('read');
  });

  it('tells subscribers about each new message and its chat', async () => {
    const t = setup();
    await t.upsert([fromCustomer('E1', 'hola'), fromCustomer('E2', 'sigo aquí', 1_700_000_050)]);
    await t.upsert([fromCustomer('E1', 'hola')]);
    t.bus.flush();

    const messages = t.batches.filter((b) => b.topic === 'messages.upserted').flatMap((b) => b.items);
    const chats = t.batches.filter((b) => b.topic === 'chats.upserted').flatMap((b) => b.items);
    expect(messages.map((m) => 'waId' in m && m.waId)).toEqual(['E1', 'E2']);
    expect(chats).toHaveLength(1);
    expect(chats[0]).toMatchObject({ jid: customerJid, title: 'Ana', unreadCount: 2, lastMessagePreview: 'sigo aquí' });
  });
});
