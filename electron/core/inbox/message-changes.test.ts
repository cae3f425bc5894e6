import { proto } from '@whiskeysockets/baileys';
import { describe, expect, it } from 'vitest';
import { asHistoryMessage, historyChunk } from '../testing/history-chunks';
import { openInboxHarness, type InboxHarness } from '../testing/inbox-harness';
import { editUpdate, editUpsert, reactionUpsert, revokeUpdate, revokeUpsert, secretEditUpsert } from '../testing/wa-changes';
import { customerJid, waMessage } from '../testing/wa-messages';
import { searchInbox } from './search-store';

const groupJid = '120363025246125486@g.us';
const memberJid = '5215587654321@s.whatsapp.net';
const otherMemberJid = '5215511112222@s.whatsapp.net';
const ourJid = '5215500000001@s.whatsapp.net';

async function withMessages(t: InboxHarness, ...messages: Parameters<typeof waMessage>[0][]) {
  await t.ingest.ingestUpsert(t.accountId, messages.map(waMessage), 'notify');
  t.clearEvents();
}

const customerSays = (id: string, text: string, seconds = 1_700_000_000) => ({ id, remoteJid: customerJid, message: { conversation: text }, seconds, pushName: 'Ana' });
const weSay = (id: string, text: string, seconds = 1_700_000_000) => ({ id, remoteJid: customerJid, fromMe: true, message: { conversation: text }, seconds });
const found = (t: InboxHarness, text: string) => searchInbox(t.orm, { text, limit: 50 }).messages.map((h) => h.message.waId);
const upsertedIds = (t: InboxHarness) => t.emitted('messages.upserted').map((m) => m.waId);

describe('edits', () => {
  it('applies an edit that arrives as an upsert and again as an update once: text replaced, edited_at set, searchable by the new word only', async () => {
    const t = openInboxHarness();
    await withMessages(t, customerSays('E1', 'quiero dos conchas'));

    await t.ingest.ingestUpsert(t.accountId, [editUpsert('EDIT1', 'E1', { conversation: 'quiero tres bolillos' }, { timestampMs: 1_700_000_100_250 })], 'notify');
    expect(upsertedIds(t)).toEqual(['E1']);
    t.clearEvents();
    t.ingest.ingestUpdates(t.accountId, [editUpdate('E1', { conversation: 'quiero tres bolillos' }, { timestampMs: 1_700_000_100_250 })]);
    // The second copy changes nothing, so nothing is announced.
    expect(upsertedIds(t)).toEqual([]);

    expect(t.dto('E1')).toMatchObject({ text: 'quiero tres bolillos', editedAt: 1_700_000_100_250, deletedAt: null });
    // The edit itself is not a message of the chat.
    expect(t.messages().map((m) => m.waId)).toEqual(['E1']);
    expect(found(t, 'bolillos')).toEqual(['E1']);
    expect(found(t, 'conchas')).toEqual([]);
  });

  it('converges when the update comes first and the upsert second', async () => {
    const t = openInboxHarness();
    await withMessages(t, customerSays('E2', 'a las 5'));
    t.ingest.ingestUpdates(t.accountId, [editUpdate('E2', { conversation: 'a las 6' }, { timestampMs: 1_700_000_100_250 })]);
    t.clearEvents();
    await t.ingest.ingestUpsert(t.accountId, [editUpsert('EDIT2', 'E2', { conversation: 'a las 6' }, { timestampMs: 1_700_000_100_250 })], 'notify');

    expect(t.dto('E2')).toMatchObject({ text: 'a las 6', editedAt: 1_700_000_100_000 });
    expect(upsertedIds(t)).toEqual([]);
  });

  it('reads an edit from an update that holds the protocol message itself', async () => {
    const t = openInboxHarness();
    await withMessages(t, customerSays('E8', 'son 4'));
    const protocolMessage = { type: proto.Message.ProtocolMessage.Type.MESSAGE_EDIT, key: { id: 'E8' }, editedMessage: { conversation: 'son 5' }, timestampMs: 1_700_000_100_000 };
    t.ingest.ingestUpdates(t.accountId, [{ key: { remoteJid: customerJid, id: 'EDIT8', fromMe: false }, update: { message: { protocolMessage } } }]);
    expect(t.dto('E8')).toMatchObject({ text: 'son 5', editedAt: 1_700_000_100_000 });
  });

  it('keeps the later of two edits when the earlier arrives late', async () => {
    const t = openInboxHarness();
    await withMessages(t, weSay('E3', 'precio 10'));
    await t.ingest.ingestUpsert(t.accountId, [editUpsert('EDIT3b', 'E3', { conversation: 'precio 12' }, { fromMe: true, timestampMs: 1_700_000_200_000 })], 'append');
    await t.ingest.ingestUpsert(t.accountId, [editUpsert('EDIT3a', 'E3', { conversation: 'precio 11' }, { fromMe: true, timestampMs: 1_700_000_100_000 })], 'append');
    expect(t.dto('E3')).toMatchObject({ text: 'precio 12', editedAt: 1_700_000_200_000 });
  });

  it('replaces the caption of a media message and keeps its media', async () => {
    const t = openInboxHarness();
    await withMessages(t, { id: 'E4', remoteJid: customerJid, message: { imageMessage: { caption: 'pastel azul', mimetype: 'image/jpeg' } } });
    await t.ingest.ingestUpsert(t.accountId, [editUpsert('EDIT4', 'E4', { imageMessage: { caption: 'pastel rosa' } })], 'notify');
    expect(t.dto('E4')).toMatchObject({ type: 'imageMessage', text: 'pastel rosa', media: { kind: 'image' } });
  });

  it('moves the chat preview when the last message is edited', async () => {
    const t = openInboxHarness();
    await withMessages(t, customerSays('E5', 'llego a las 5'));
    await t.ingest.ingestUpsert(t.accountId, [editUpsert('EDIT5', 'E5', { conversation: 'llego a las 6' })], 'notify');
    expect(t.chats()[0]?.lastMessagePreview).toBe('llego a las 6');
    expect(t.emitted('chats.upserted').at(-1)).toMatchObject({ lastMessagePreview: 'llego a las 6' });
  });

  it('ignores an edit of our message that comes from the customer', async () => {
    const t = openInboxHarness();
    await withMessages(t, weSay('E6', 'total: 120'));
    await t.ingest.ingestUpsert(t.accountId, [editUpsert('EDIT6', 'E6', { conversation: 'total: 1' })], 'notify');
    expect(t.dto('E6')).toMatchObject({ text: 'total: 120', editedAt: null });
  });

  it('ignores an edit in a group from a member who did not write the message', async () => {
    const t = openInboxHarness();
    await withMessages(t, { id: 'G1', remoteJid: groupJid, participant: memberJid, message: { conversation: 'yo llevo el pan' } });
    await t.ingest.ingestUpsert(t.accountId, [editUpsert('EDITG', 'G1', { conversation: 'nadie lleva pan' }, { remoteJid: groupJid, participant: otherMemberJid })], 'notify');
    expect(t.dto('G1')?.text).toBe('yo llevo el pan');
    await t.ingest.ingestUpsert(t.accountId, [editUpsert('EDITG2', 'G1', { conversation: 'yo llevo el café' }, { remoteJid: groupJid, participant: memberJid })], 'notify');
    expect(t.dto('G1')?.text).toBe('yo llevo el café');
  });

  it("marks a customer's encrypted edit (secretEncryptedMessage) as edited and keeps the text it cannot read", async () => {
    const t = openInboxHarness();
    await withMessages(t, { ...customerSays('E7', 'mañana paso'), message: { conversation: 'mañana paso', messageContextInfo: { messageSecret: Buffer.alloc(32, 1) } } });
    await t.ingest.ingestUpsert(t.accountId, [secretEditUpsert('SECRET7', 'E7', { seconds: 1_700_000_400 })], 'notify');
    expect(t.dto('E7')).toMatchObject({ text: 'mañana paso', editedAt: 1_700_000_400_000 });
    expect(t.messages().map((m) => m.waId)).toEqual(['E7']);
    expect(upsertedIds(t)).toEqual(['E7']);
  });
});

describe('deletions', () => {
  it('deletes for everyone once, whether it comes as an upsert, an update or both: text and media gone, not searchable', async () => {
    const t = openInboxHarness();
    await withMessages(t, { id: 'D1', remoteJid: customerJid, message: { imageMessage: { caption: 'foto secreta', mimetype: 'image/jpeg' } } }, customerSays('D2', 'sigue aquí', 1_700_000_010));

    await t.ingest.ingestUpsert(t.accountId, [revokeUpsert('REV1', 'D1', { seconds: 1_700_000_200 })], 'notify');
    expect(upsertedIds(t)).toEqual(['D1']);
    t.clearEvents();
    t.ingest.ingestUpdates(t.accountId, [revokeUpdate('REV1', 'D1')]);
    expect(upsertedIds(t)).toEqual([]);

    expect(t.dto('D1')).toMatchObject({ type: 'imageMessage', text: null, media: null, deletedAt: 1_700_000_200_000 });
    expect(t.db.prepare("SELECT proto FROM messages WHERE wa_id = 'D1'").get()).toEqual({ proto: null });
    expect(found(t, 'secreta')).toEqual([]);
    expect(found(t, 'sigue')).toEqual(['D2']);
  });

  it('deletes through the update alone', async () => {
    const t = openInboxHarness();
    await withMessages(t, weSay('D3', 'precio equivocado'));
    t.ingest.ingestUpdates(t.accountId, [revokeUpdate('REV3', 'D3', { fromMe: true })]);
    expect(t.dto('D3')).toMatchObject({ text: null, deletedAt: expect.any(Number) });
  });

  it('takes a deleted last message out of the chat preview', async () => {
    const t = openInboxHarness();
    await withMessages(t, customerSays('D4', 'mi dirección es…'));
    await t.ingest.ingestUpsert(t.accountId, [revokeUpsert('REV4', 'D4')], 'notify');
    expect(t.chats()[0]?.lastMessagePreview).toBeNull();
  });

  it("ignores a customer's attempt to delete our message in a direct chat", async () => {
    const t = openInboxHarness();
    await withMessages(t, weSay('D5', 'su pedido está listo'));
    await t.ingest.ingestUpsert(t.accountId, [revokeUpsert('REV5', 'D5')], 'notify');
    expect(t.dto('D5')).toMatchObject({ text: 'su pedido está listo', deletedAt: null });
  });

  it('lets a group admin delete a member’s message', async () => {
    const t = openInboxHarness();
    await withMessages(t, { id: 'G2', remoteJid: groupJid, participant: memberJid, message: { conversation: 'spam' } });
    await t.ingest.ingestUpsert(t.accountId, [revokeUpsert('REVG', 'G2', { remoteJid: groupJid, participant: otherMemberJid })], 'notify');
    expect(t.dto('G2')?.deletedAt).not.toBeNull();
  });

  it('deletes a stored message when history brings it as a REVOKE stub', async () => {
    const t = openInboxHarness();
    await withMessages(t, customerSays('D6', 'borrado después'));
    const stub = asHistoryMessage(waMessage({ id: 'D6', remoteJid: customerJid, seconds: 1_700_000_000 }));
    stub.messageStubType = proto.WebMessageInfo.StubType.REVOKE;
    t.ingest.ingestHistory(t.accountId, historyChunk({ messages: [stub] }), { choice: 'all', now: 1_700_000_000_000 });
    expect(t.dto('D6')).toMatchObject({ text: null, deletedAt: 1_700_000_000_000 });
  });
});

describe('reactions', () => {
  it('adds, replaces and removes a customer reaction, one per person', async () => {
    const t = openInboxHarness();
    await withMessages(t, weSay('R1', 'ya salió su pedido'));

    await t.ingest.ingestUpsert(t.accountId, [reactionUpsert('RX1', 'R1', '👍', { seconds: 1_700_000_301 })], 'notify');
    expect(t.dto('R1')?.reactions).toEqual([{ emoji: '👍', count: 1, fromMe: false }]);

    await t.ingest.ingestUpsert(t.accountId, [reactionUpsert('RX2', 'R1', '❤️', { seconds: 1_700_000_302 })], 'notify');
    expect(t.dto('R1')?.reactions).toEqual([{ emoji: '❤️', count: 1, fromMe: false }]);

    await t.ingest.ingestUpsert(t.accountId, [reactionUpsert('RX3', 'R1', '', { seconds: 1_700_000_303 })], 'notify');
    expect(t.dto('R1')?.reactions).toEqual([]);
    expect(t.messages().map((m) => m.waId)).toEqual(['R1']);
    // The renderer was told each time; coalesced, the latest state wins.
    expect(t.emitted('messages.upserted').map((m) => [m.waId, m.reactions])).toEqual([['R1', []]]);
  });

  it('counts ours (key.fromMe) apart, and aggregates group members per emoji', async () => {
    const t = openInboxHarness();
    await withMessages(t, { id: 'R2', remoteJid: groupJid, participant: memberJid, message: { conversation: '¿quién quiere pan?' } });
    await t.ingest.ingestUpsert(
      t.accountId,
      [
        reactionUpsert('RX4', 'R2', '🙋', { remoteJid: groupJid, participant: memberJid, seconds: 1_700_000_301 }),
        reactionUpsert('RX5', 'R2', '🙋', { remoteJid: groupJid, participant: otherMemberJid, seconds: 1_700_000_302 }),
        reactionUpsert('RX6', 'R2', '👍', { remoteJid: groupJid, fromMe: true, seconds: 1_700_000_303 }),
      ],
      'notify',
    );
    expect(t.dto('R2')?.reactions).toEqual([
      { emoji: '🙋', count: 2, fromMe: false },
      { emoji: '👍', count: 1, fromMe: true },
    ]);
    // Ours removed: the others stay.
    await t.ingest.ingestUpsert(t.accountId, [reactionUpsert('RX7', 'R2', '', { remoteJid: groupJid, fromMe: true, seconds: 1_700_000_304 })], 'append');
    expect(t.dto('R2')?.reactions).toEqual([{ emoji: '🙋', count: 2, fromMe: false }]);
  });

  it('applies a reaction once when it comes as an upsert, a messages.reaction event and an update', async () => {
    const t = openInboxHarness();
    await withMessages(t, customerSays('R3', 'gracias'));
    const upsert = reactionUpsert('RX8', 'R3', '🙏', { fromMe: true, timestampMs: 1_700_000_300_500 });
    await t.ingest.ingestUpsert(t.accountId, [upsert], 'append');
    expect(upsertedIds(t)).toEqual(['R3']);
    t.clearEvents();
    // Baileys' messages.reaction: the target's key, and the reaction with the reacting message's key.
    const reaction = { ...upsert.message!.reactionMessage!, key: upsert.key };
    t.ingest.ingestReactions(t.accountId, [{ key: { remoteJid: customerJid, id: 'R3', fromMe: false }, reaction }]);
    t.ingest.ingestUpdates(t.accountId, [{ key: { remoteJid: customerJid, id: 'R3', fromMe: false }, update: { reactions: [reaction] } }]);
    expect(upsertedIds(t)).toEqual([]);
    expect(t.dto('R3')?.reactions).toEqual([{ emoji: '🙏', count: 1, fromMe: true }]);
  });

  it("files a customer's messages.reaction under the customer even though its key names the target from their side", async () => {
    const t = openInboxHarness();
    await withMessages(t, weSay('R6', 'su pedido va en camino'));
    const reactionKey = { remoteJid: customerJid, fromMe: false, id: 'RX13' };
    // Seen from the customer's phone, our message sits in their chat with us and is not theirs.
    t.ingest.ingestReactions(t.accountId, [{ key: { remoteJid: ourJid, fromMe: false, id: 'R6' }, reaction: { key: reactionKey, text: '🚚', senderTimestampMs: 1_700_000_300_000 } }]);
    expect(t.dto('R6')?.reactions).toEqual([{ emoji: '🚚', count: 1, fromMe: false }]);
    expect(t.db.prepare('SELECT sender_jid AS senderJid FROM reactions').all()).toEqual([{ senderJid: customerJid }]);
  });

  it('an older reaction arriving late does not replace a newer one', async () => {
    const t = openInboxHarness();
    await withMessages(t, weSay('R4', 'listo'));
    await t.ingest.ingestUpsert(t.accountId, [reactionUpsert('RX9', 'R4', '😂', { seconds: 1_700_000_310 })], 'notify');
    await t.ingest.ingestUpsert(t.accountId, [reactionUpsert('RX10', 'R4', '😮', { seconds: 1_700_000_305 })], 'notify');
    expect(t.dto('R4')?.reactions).toEqual([{ emoji: '😂', count: 1, fromMe: false }]);
  });

  it('stores the reactions a history message carries', () => {
    const t = openInboxHarness();
    const msg = asHistoryMessage(
      waMessage({ ...weSay('R5', 'abrimos a las 8'), seconds: 1_699_999_000 }),
    );
    msg.reactions = [proto.Reaction.fromObject({ key: { remoteJid: customerJid, fromMe: false, id: 'RX11' }, text: '👌', senderTimestampMs: 1_699_999_100_000 })];
    t.ingest.ingestHistory(t.accountId, historyChunk({ messages: [msg] }), { choice: 'all', now: 1_700_000_000_000 });
    expect(t.dto('R5')?.reactions).toEqual([{ emoji: '👌', count: 1, fromMe: false }]);
  });
});

describe('changes to messages we do not have', () => {
  it('drops them without storing anything and without stopping the batch', async () => {
    const t = openInboxHarness();
    await t.ingest.ingestUpsert(
      t.accountId,
      [
        editUpsert('EDITX', 'NOPE', { conversation: 'x' }),
        revokeUpsert('REVX', 'NOPE'),
        reactionUpsert('RXX', 'NOPE', '👍'),
        secretEditUpsert('SECX', 'NOPE'),
        waMessage(customerSays('OK1', 'sigo aquí', 1_700_000_500)),
      ],
      'notify',
    );
    expect(t.messages().map((m) => m.waId)).toEqual(['OK1']);
    expect(t.db.prepare('SELECT count(*) AS n FROM reactions').get()).toEqual({ n: 0 });
    expect(upsertedIds(t)).toEqual(['OK1']);
  });

  it('applies a change to a target that came earlier in the same batch', async () => {
    const t = openInboxHarness();
    await t.ingest.ingestUpsert(t.accountId, [waMessage(customerSays('S1', 'hola')), reactionUpsert('RX12', 'S1', '👋')], 'notify');
    expect(t.dto('S1')?.reactions).toEqual([{ emoji: '👋', count: 1, fromMe: false }]);
    expect(t.emitted('messages.upserted').at(-1)?.reactions).toEqual([{ emoji: '👋', count: 1, fromMe: false }]);
  });
});

describe('placeholders', () => {
  it('fills a message that could not be decrypted when its content arrives with the same id', async () => {
    const t = openInboxHarness();
    const placeholder = waMessage({ id: 'P1', remoteJid: customerJid, seconds: 1_700_000_000 });
    placeholder.messageStubType = proto.WebMessageInfo.StubType.CIPHERTEXT;
    await t.ingest.ingestUpsert(t.accountId, [placeholder], 'notify');
    expect(t.dto('P1')).toMatchObject({ type: 'stub:CIPHERTEXT', text: null });
    // "Waiting for this message" is not news yet: it counts once its content arrives.
    expect(t.chats()[0]).toMatchObject({ unreadCount: 0 });

    await t.ingest.ingestUpsert(t.accountId, [waMessage(customerSays('P1', 'ya se ve'))], 'notify');
    expect(t.dto('P1')).toMatchObject({ type: 'text', text: 'ya se ve' });
    expect(t.emitted('messages.upserted').at(-1)).toMatchObject({ waId: 'P1', text: 'ya se ve' });
    expect(t.chats()[0]).toMatchObject({ unreadCount: 1, lastMessagePreview: 'ya se ve' });
    expect(found(t, 'se ve')).toEqual(['P1']);
  });
});
