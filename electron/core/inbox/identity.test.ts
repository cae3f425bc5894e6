import type { WAMessage } from '@whiskeysockets/baileys';
import { describe, expect, it } from 'vitest';
import { openInboxHarness, type InboxHarness } from '../testing/inbox-harness';
import { customerJid, customerLid, waMessage } from '../testing/wa-messages';
import type { LidResolver } from './inbox-ingest';

const byLid = (id: string, text: string, seconds: number, extra: { remoteJidAlt?: string } = {}): WAMessage =>
  waMessage({ id, remoteJid: customerLid, addressingMode: 'lid', message: { conversation: text }, pushName: 'Ana', seconds, ...extra });
const byPhone = (id: string, text: string, seconds: number): WAMessage =>
  waMessage({ id, remoteJid: customerJid, message: { conversation: text }, pushName: 'Ana', seconds });

const resolverOf = (known: Record<string, string>): LidResolver & { asked: string[] } => {
  const asked: string[] = [];
  return {
    asked,
    pnForLid: async (lid) => {
      asked.push(lid);
      return known[lid] ?? null;
    },
  };
};

const upsert = (t: InboxHarness, messages: WAMessage[], resolver?: LidResolver) => t.ingest.ingestUpsert(t.accountId, messages, 'notify', resolver);

describe('customer identity (LID ↔ phone number)', () => {
  it('files a message sent by LID with remoteJidAlt in the phone-number chat and remembers the pair', async () => {
    const t = openInboxHarness();
    await upsert(t, [byLid('L1', 'hola', 1_700_000_000, { remoteJidAlt: customerJid })]);
    expect(t.chats()).toMatchObject([{ jid: customerJid, pnJid: customerJid, lidJid: customerLid }]);
    expect(t.contacts()).toMatchObject([{ jid: customerJid, pnJid: customerJid, lidJid: customerLid }]);
  });

  it("files a message sent by LID in the phone-number chat when the socket's LID mapping knows the number", async () => {
    const t = openInboxHarness();
    const resolver = resolverOf({ [customerLid]: '5215512345678:3@s.whatsapp.net' });
    await upsert(t, [byLid('L1', 'hola', 1_700_000_000)], resolver);
    expect(resolver.asked).toEqual([customerLid]);
    expect(t.chats()).toMatchObject([{ jid: customerJid, pnJid: customerJid, lidJid: customerLid }]);
  });

  it('files a message sent by LID in the phone-number chat when a stored contact knows the number', async () => {
    const t = openInboxHarness();
    t.ingest.ingestContacts(t.accountId, [{ id: customerJid, lid: customerLid, name: 'Ana López' }]);
    await upsert(t, [byLid('L1', 'hola', 1_700_000_000)], resolverOf({}));
    expect(t.chats()).toMatchObject([{ jid: customerJid, lidJid: customerLid, name: 'Ana López' }]);
  });

  it('keeps the batch when the LID mapping lookup fails, filing the message under the LID', async () => {
    const t = openInboxHarness();
    const failing: LidResolver = { pnForLid: () => Promise.reject(new Error('key store closed')) };
    expect(await upsert(t, [byLid('L1', 'hola', 1_700_000_000)], failing)).toHaveLength(1);
    expect(t.chats()).toMatchObject([{ jid: customerLid, pnJid: null, lidJid: customerLid }]);
  });

  it('merges the LID chat into the phone chat once the mapping is learned: both messages, unread summed, one event', async () => {
    const t = openInboxHarness();
    await upsert(t, [byPhone('P1', 'por teléfono', 1_700_000_000)]);
    await upsert(t, [byLid('L1', 'por LID', 1_700_000_100), byLid('L2', 'sigo por LID', 1_700_000_200)], resolverOf({}));
    const [phoneChat, lidChat] = t.chats();
    expect(lidChat).toMatchObject({ jid: customerLid, unreadCount: 2 });
    t.clearEvents();

    t.ingest.learnLidMapping(t.accountId, [{ lid: customerLid, pn: customerJid }]);

    expect(t.chats()).toEqual([
      expect.objectContaining({
        id: phoneChat!.id,
        jid: customerJid,
        lidJid: customerLid,
        unreadCount: 3,
        lastMessagePreview: 'sigo por LID',
        lastMessageAt: 1_700_000_200_000,
      }),
    ]);
    expect(t.messages().map((m) => [m.waId, m.chatId])).toEqual([
      ['P1', phoneChat!.id],
      ['L1', phoneChat!.id],
      ['L2', phoneChat!.id],
    ]);
    expect(t.emitted('chats.upserted')).toEqual([expect.objectContaining({ id: phoneChat!.id, jid: customerJid, unreadCount: 3 })]);
    expect(t.emitted('chats.removed')).toEqual([{ id: lidChat!.id, mergedInto: phoneChat!.id }]);
  });

  it('keeps a message that is in both chats only once when merging', async () => {
    const t = openInboxHarness();
    await upsert(t, [byLid('X1', 'hola', 1_700_000_000)]);
    await upsert(t, [byPhone('X1', 'hola', 1_700_000_000), byPhone('P2', 'otra', 1_700_000_050)]);
    t.ingest.learnLidMapping(t.accountId, [{ lid: customerLid, pn: customerJid }]);
    expect(t.messages().map((m) => m.waId)).toEqual(['X1', 'P2']);
    expect(t.chats()).toHaveLength(1);
  });

  it('turns a LID chat into the phone chat when the customer had no phone chat yet', async () => {
    const t = openInboxHarness();
    await upsert(t, [byLid('L1', 'hola', 1_700_000_000)]);
    const [lidChat] = t.chats();
    // Baileys accepts the pair in either order; so do we.
    t.ingest.learnLidMapping(t.accountId, [{ lid: customerJid, pn: customerLid }]);
    expect(t.chats()).toEqual([expect.objectContaining({ id: lidChat!.id, jid: customerJid, pnJid: customerJid, lidJid: customerLid, unreadCount: 1 })]);
    expect(t.emitted('chats.upserted').at(-1)).toMatchObject({ id: lidChat!.id, jid: customerJid, phone: '5215512345678' });
  });

  it('merges an existing LID chat when a later live message carries remoteJidAlt', async () => {
    const t = openInboxHarness();
    await upsert(t, [byLid('L1', 'sin número', 1_700_000_000)]);
    await upsert(t, [byPhone('P1', 'por teléfono', 1_700_000_010)]);
    await upsert(t, [byLid('L2', 'con número', 1_700_000_020, { remoteJidAlt: customerJid })]);
    expect(t.chats()).toEqual([expect.objectContaining({ jid: customerJid, unreadCount: 3, lastMessagePreview: 'con número' })]);
    expect(t.messages().map((m) => m.waId)).toEqual(['L1', 'P1', 'L2']);
  });

  it('ignores mappings that do not pair a LID with a phone number', () => {
    const t = openInboxHarness();
    t.ingest.learnLidMapping(t.accountId, [{ lid: 'not-a-jid', pn: customerJid }]);
    expect(t.contacts()).toEqual([]);
  });
});
