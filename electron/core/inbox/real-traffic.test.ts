import { proto, type WAMessage } from '@whiskeysockets/baileys';
import { describe, expect, it } from 'vitest';
import { getChat } from './chat-store';
import { openAssistantHarness } from '../testing/assistant-harness';
import { groupParticipantsAdded, missedCall, receive, secretEditContent, upsertTypeOf } from '../testing/real-shape';
import { customerJid } from '../testing/wa-messages';

/**
 * Everyday traffic in the shapes Baileys 7 really emits (built by its own receive path, see
 * real-shape.ts), replayed through the inbox and the assistant: what each shows, whether it counts
 * unread, and whether the assistant answers it.
 */
async function open() {
  const h = await openAssistantHarness();
  const seconds = () => Math.floor(h.clock.now() / 1000);
  const deliver = async (messages: WAMessage[], type: 'notify' | 'append' = 'notify') => {
    const added = await h.ingest.ingestUpsert(h.accountId, messages, type);
    h.responder.onUpsert(h.accountId, added, type);
    return added;
  };
  const stored = (waId: string) =>
    h.db.prepare('SELECT type, text, deleted_at AS deletedAt FROM messages WHERE wa_id = ?').get(waId) as { type: string; text: string | null; deletedAt: number | null } | undefined;
  const unread = () => getChat(h.orm, h.chat.id)!.unreadCount;
  return { h, seconds, deliver, stored, unread };
}

describe('real WhatsApp traffic', () => {
  it('a customer text is stored, counted and answered once', async () => {
    const { h, seconds, deliver, stored, unread } = await open();
    const msg = await receive({ id: 'T1', from: customerJid, seconds: seconds(), pushName: 'Ana' }, { message: { conversation: '¿Tienen pan?' } });
    await deliver([msg]);
    await deliver([msg]);
    expect(stored('T1')).toMatchObject({ type: 'text', text: '¿Tienen pan?' });
    expect(unread()).toBe(1);
    await h.settle();
    expect(h.server.requests).toHaveLength(1);
  });

  it('"waiting for this message" is a quiet line; its content, arriving later under the same id, counts and is answered', async () => {
    const { h, seconds, deliver, stored, unread } = await open();
    const at = seconds();
    await deliver([await receive({ id: 'W1', from: customerJid, seconds: at }, { undecryptable: true })]);
    expect(stored('W1')).toMatchObject({ type: 'stub:CIPHERTEXT', text: null });
    expect(unread()).toBe(0);
    // Meanwhile another question is answered: the resolved one must not be skipped for being older.
    await deliver([await receive({ id: 'W2', from: customerJid, seconds: at + 1 }, { message: { conversation: 'hola' } })]);
    await h.settle();
    expect(h.server.requests).toHaveLength(1);

    await deliver([await receive({ id: 'W1', from: customerJid, seconds: at }, { message: { conversation: '¿Cuánto cuesta el pan de muerto?' } })]);
    expect(stored('W1')).toMatchObject({ type: 'text', text: '¿Cuánto cuesta el pan de muerto?' });
    expect(unread()).toBe(2);
    await h.settle();
    expect(h.server.requests).toHaveLength(2);
    expect(JSON.stringify(h.server.requests.at(-1))).toContain('pan de muerto');
  });

  it('a view-once message that only the phone can open is shown as such, counted, never answered', async () => {
    const { h, seconds, deliver, stored, unread } = await open();
    const msg = await receive({ id: 'V1', from: customerJid, seconds: seconds() }, { viewOnceUnavailable: true });
    expect(msg.key.isViewOnce).toBe(true);
    await deliver([msg]);
    await deliver([await receive({ id: 'V2', from: customerJid, seconds: seconds() }, { message: { viewOnceMessageV2: { message: { imageMessage: { mimetype: 'image/jpeg', viewOnce: true } } } } })]);
    expect(stored('V1')).toMatchObject({ type: 'viewOnce', text: null });
    expect(stored('V2')).toMatchObject({ type: 'viewOnce', text: null });
    expect(unread()).toBe(2);
    await h.settle(60_000);
    expect(h.server.requests).toHaveLength(0);
  });

  it('a missed call counts unread as on the phone and is never answered', async () => {
    const { h, seconds, deliver, stored, unread } = await open();
    await deliver([missedCall({ id: 'C1', from: customerJid, seconds: seconds() })]);
    await deliver([missedCall({ id: 'C2', from: customerJid, video: true, seconds: seconds() })]);
    expect(stored('C1')).toMatchObject({ type: 'stub:CALL_MISSED_VOICE' });
    expect(stored('C2')).toMatchObject({ type: 'stub:CALL_MISSED_VIDEO' });
    expect(unread()).toBe(2);
    await h.settle(60_000);
    expect(h.server.requests).toHaveLength(0);
  });

  it('polls, events and types newer than Baileys are kept, and the model never reads them', async () => {
    const { h, seconds, deliver, stored } = await open();
    await deliver([
      await receive({ id: 'P1', from: customerJid, seconds: seconds() }, { message: { pollCreationMessageV3: { name: '¿Qué sabor?', options: [{ optionName: 'Vainilla' }] } } }),
      await receive({ id: 'E1', from: customerJid, seconds: seconds() }, { message: { eventMessage: { name: 'Inauguración' } } }),
      // A future type reaches Baileys stripped to messageContextInfo.
      await receive({ id: 'U1', from: customerJid, seconds: seconds() }, { message: { messageContextInfo: { messageSecret: Buffer.alloc(32, 1) } } }),
    ]);
    expect(stored('P1')?.type).toBe('pollCreationMessageV3');
    expect(stored('U1')?.type).toBe('unsupported');
    await h.settle(60_000);
    expect(h.server.requests).toHaveLength(0);
    // When the customer then writes, the model reads the words only, never "[unsupported]".
    await deliver([await receive({ id: 'T2', from: customerJid, seconds: seconds() }, { message: { conversation: '¿y el precio?' } })]);
    await h.settle();
    expect(h.server.requests).toHaveLength(1);
    expect(JSON.stringify(h.server.requests[0])).not.toContain('[unsupported]');
  });

  it('messages WhatsApp queued while we were away (append) are stored once, counted and answered once', async () => {
    const { h, seconds, deliver, unread } = await open();
    const options = { id: 'Q1', from: customerJid, seconds: seconds(), offline: true };
    const msg = await receive(options, { message: { conversation: '¿Abren mañana?' } });
    await deliver([msg], upsertTypeOf(options));
    await deliver([msg], 'notify');
    expect(unread()).toBe(1);
    await h.settle();
    expect(h.server.requests).toHaveLength(1);
  });

  it('a group event is a quiet line naming who did it to whom', async () => {
    const { h, seconds, deliver } = await open();
    const group = '120363025246125244@g.us';
    await deliver([
      groupParticipantsAdded({ id: 'G1', group, actor: '5215511111111@s.whatsapp.net', added: [{ id: '204882711234567@lid', phoneNumber: '5215522222222@s.whatsapp.net' }], seconds: seconds() }),
    ]);
    const row = h.db.prepare("SELECT m.type, m.text, m.sender_jid AS sender, c.unread_count AS unread FROM messages m JOIN chats c ON c.id = m.chat_id WHERE m.wa_id = 'G1'").get();
    expect(row).toEqual({ type: 'stub:GROUP_PARTICIPANT_ADD', text: '+5215522222222', sender: '5215511111111@s.whatsapp.net', unread: 0 });
  });

  it('a message deleted for everyone that history brings as a REVOKE stub is shown as deleted, not dropped', async () => {
    const { h, stored } = await open();
    const revoked = proto.WebMessageInfo.fromObject({
      key: { remoteJid: customerJid, id: 'R1', fromMe: false },
      messageTimestamp: Math.floor(h.clock.now() / 1000),
      messageStubType: proto.WebMessageInfo.StubType.REVOKE,
    }) as WAMessage;
    h.ingest.ingestHistory(h.accountId, { chats: [], contacts: [], messages: [revoked], isLatest: true, progress: 100, syncType: proto.HistorySync.HistorySyncType.RECENT }, { choice: 'all', now: h.clock.now() });
    expect(stored('R1')).toMatchObject({ text: null });
    expect(stored('R1')?.deletedAt).not.toBeNull();
  });

  it('reading the chat on the phone clears the unread count here (read-self receipt and app-state sync)', async () => {
    const { h, seconds, deliver, unread } = await open();
    const at = seconds();
    await deliver([await receive({ id: 'A1', from: customerJid, seconds: at }, { message: { conversation: 'uno' } })]);
    await deliver([await receive({ id: 'A2', from: customerJid, seconds: at + 5 }, { message: { conversation: 'dos' } })]);
    expect(unread()).toBe(2);
    // What Baileys' handleReceipt emits for a read-self receipt: the customer's key, status READ.
    h.ingest.ingestUpdates(h.accountId, [{ key: { remoteJid: customerJid, id: 'A1', fromMe: false }, update: { status: proto.WebMessageInfo.Status.READ } }]);
    expect(unread()).toBe(1);
    // What chat-utils emits for a markChatAsRead app-state action.
    h.ingest.ingestChatUpdates(h.accountId, [{ id: customerJid, unreadCount: 0 }]);
    expect(unread()).toBe(0);
  });

  it('an edit, a reaction and a deletion that arrive before their message wait for it, and apply when it comes', async () => {
    const { h, seconds, deliver, stored } = await open();
    const at = seconds();
    const edit = (id: string, target: string, text: string) =>
      receive({ id, from: customerJid, seconds: at + 10 }, {
        message: { protocolMessage: { type: proto.Message.ProtocolMessage.Type.MESSAGE_EDIT, key: { id: target, remoteJid: customerJid, fromMe: true }, editedMessage: { conversation: text }, timestampMs: (at + 10) * 1000 } },
      });
    await deliver([await edit('X1', 'M1', 'quiero 3 panes')]);
    await deliver([await receive({ id: 'X2', from: customerJid, seconds: at + 11 }, { message: { reactionMessage: { key: { id: 'M1', remoteJid: customerJid }, text: '👍', senderTimestampMs: (at + 11) * 1000 } } })]);
    await deliver([await receive({ id: 'X3', from: customerJid, seconds: at + 12 }, { message: { protocolMessage: { type: proto.Message.ProtocolMessage.Type.REVOKE, key: { id: 'M2', remoteJid: customerJid, fromMe: true } } } })]);
    expect(h.db.prepare('SELECT count(*) AS n FROM pending_changes').get()).toEqual({ n: 3 });

    await deliver([
      await receive({ id: 'M1', from: customerJid, seconds: at }, { message: { conversation: 'quiero 2 panes' } }),
      await receive({ id: 'M2', from: customerJid, seconds: at }, { message: { conversation: 'esto lo borro' } }),
    ]);
    expect(stored('M1')?.text).toBe('quiero 3 panes');
    expect(h.db.prepare("SELECT emoji FROM reactions").all()).toEqual([{ emoji: '👍' }]);
    expect(stored('M2')?.deletedAt).not.toBeNull();
    expect(h.db.prepare('SELECT count(*) AS n FROM pending_changes').get()).toEqual({ n: 0 });
  });

  it('a change waiting for a message that never comes is forgotten after a day', async () => {
    const { h, seconds, deliver } = await open();
    await deliver([await receive({ id: 'Y1', from: customerJid, seconds: seconds() }, { message: { reactionMessage: { key: { id: 'NEVER', remoteJid: customerJid }, text: '❤️', senderTimestampMs: h.clock.now() } } })]);
    h.clock.advance(25 * 3_600_000);
    await deliver([await receive({ id: 'Y2', from: customerJid, seconds: seconds() }, { message: { reactionMessage: { key: { id: 'NEVER2', remoteJid: customerJid }, text: '❤️', senderTimestampMs: h.clock.now() } } })]);
    expect(h.db.prepare('SELECT wa_id AS waId FROM pending_changes').all()).toEqual([{ waId: 'NEVER2' }]);
  });

  it("a customer's encrypted edit (secretEncryptedMessage) shows the new text, opened with the original's messageSecret", async () => {
    const { h, seconds, deliver, stored } = await open();
    const secret = Buffer.alloc(32, 0x5a);
    const lid = '204882711234567@lid';
    await deliver([
      await receive({ id: 'O1', from: customerJid, senderAlt: lid, seconds: seconds() }, { message: { conversation: 'quiero 2 kilos', messageContextInfo: { messageSecret: secret } } }),
    ]);
    // The phone encrypts with the LID form of the sender, which this message never named as its sender.
    const content = secretEditContent({ waId: 'O1', secret, chat: customerJid }, lid, { conversation: 'quiero 5 kilos' });
    await deliver([await receive({ id: 'O2', from: customerJid, seconds: seconds() + 30 }, { message: content })]);
    expect(stored('O1')?.text).toBe('quiero 5 kilos');
    expect(h.db.prepare("SELECT edited_at IS NOT NULL AS edited FROM messages WHERE wa_id = 'O1'").get()).toEqual({ edited: 1 });
    // One that cannot be opened (wrong secret) marks the message edited and keeps the text.
    const other = secretEditContent({ waId: 'O1', secret: Buffer.alloc(32, 1), chat: customerJid }, lid, { conversation: 'quiero 9 kilos' });
    await deliver([await receive({ id: 'O3', from: customerJid, seconds: seconds() + 60 }, { message: other })]);
    expect(stored('O1')?.text).toBe('quiero 5 kilos');
  });
});
