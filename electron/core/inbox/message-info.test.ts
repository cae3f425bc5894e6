import type { WAMessage } from '@whiskeysockets/baileys';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openInboxHarness } from '../testing/inbox-harness';
import { messageStanza, openWireSocket, receiptStanza, wireSelfPn, type EventBatch, type WireSocket } from '../testing/wire-socket';
import { messageInfo } from './message-info';

const group = '120363000000000042@g.us';
const ana = '5215511110001@s.whatsapp.net';
const beto = '5215511110002@s.whatsapp.net';
const seconds = 1_790_000_000;

/** Hands the batches a real Baileys socket emitted to the inbox, as the supervisor does. */
async function deliver(t: ReturnType<typeof openInboxHarness>, batches: EventBatch[]) {
  for (const batch of batches) {
    if (batch['messages.upsert']) await t.ingest.ingestUpsert(t.accountId, batch['messages.upsert'].messages as WAMessage[], batch['messages.upsert'].type);
    if (batch['messages.update']) t.ingest.ingestUpdates(t.accountId, batch['messages.update']);
    if (batch['message-receipt.update']) t.ingest.ingestReceipts(t.accountId, batch['message-receipt.update']);
  }
}

describe("a message's details", () => {
  let wire: WireSocket;
  beforeAll(async () => {
    wire = await openWireSocket();
  });
  afterAll(() => wire.close());

  it('lists who got and who read our group message, each once, named from the contacts', async () => {
    const t = openInboxHarness();
    t.ingest.ingestContacts(t.accountId, [{ id: ana, name: 'Ana López' }]);
    await deliver(t, await wire.push(messageStanza({ id: 'OWN-G1', from: group, participant: wireSelfPn, seconds }, { message: { conversation: 'Mañana abrimos a las 9' } })));
    const id = t.dto('OWN-G1')!.id;

    await deliver(t, await wire.push(receiptStanza({ ids: ['OWN-G1'], from: group, participant: ana, seconds: seconds + 5 })));
    await deliver(t, await wire.push(receiptStanza({ ids: ['OWN-G1'], from: group, participant: beto, seconds: seconds + 6 })));
    await deliver(t, await wire.push(receiptStanza({ ids: ['OWN-G1'], from: group, participant: ana, type: 'read', seconds: seconds + 60 })));
    // Ana's other phone reads it again: nothing new.
    await deliver(t, await wire.push(receiptStanza({ ids: ['OWN-G1'], from: group, participant: ana, type: 'read', seconds: seconds + 90 })));

    expect(messageInfo(t.orm, id)?.receipts).toEqual([
      { memberJid: beto, name: null, phone: '5215511110002', deliveredAt: (seconds + 6) * 1000, readAt: null, playedAt: null },
      { memberJid: ana, name: 'Ana López', phone: '5215511110001', deliveredAt: (seconds + 5) * 1000, readAt: (seconds + 60) * 1000, playedAt: null },
    ]);
    // The ticks stay: WhatsApp turns them only when every member has read it.
    expect(t.dto('OWN-G1')!.status).toBe('sent');
  });

  it("ignores receipts of messages we do not have and of other people's messages", async () => {
    const t = openInboxHarness();
    await deliver(t, await wire.push(messageStanza({ id: 'THEIRS-1', from: group, participant: ana, seconds }, { message: { conversation: 'hola grupo' } })));
    const batches = await wire.push(receiptStanza({ ids: ['THEIRS-1', 'NEVER-STORED'], from: group, participant: beto, type: 'read', seconds: seconds + 5 }));
    expect(batches.flatMap((b) => b['message-receipt.update'] ?? [])).toHaveLength(2);
    await deliver(t, batches);
    expect(t.db.prepare('SELECT count(*) AS n FROM message_receipts').get()).toEqual({ n: 0 });
  });

  it("keeps a customer's text from before the edit, while the bubble shows the new one", async () => {
    const t = openInboxHarness();
    const customer = '5215511110003@s.whatsapp.net';
    await deliver(t, await wire.push(messageStanza({ id: 'ORDER-1', from: customer, seconds }, { message: { conversation: 'Quiero 2 conchas' } })));
    const edit = (n: number, text: string) =>
      messageStanza(
        { id: `EDIT-${n}`, from: customer, seconds: seconds + n * 10 },
        { message: { protocolMessage: { type: 14, key: { id: 'ORDER-1', remoteJid: customer, fromMe: false }, editedMessage: { conversation: text }, timestampMs: (seconds + n * 10) * 1000 } } },
      );
    await deliver(t, await wire.push(edit(1, 'Quiero 3 conchas')));
    await deliver(t, await wire.push(edit(2, 'Quiero 4 conchas')));
    const dto = t.dto('ORDER-1')!;
    expect(dto).toMatchObject({ text: 'Quiero 4 conchas', editedAt: expect.any(Number) });
    expect(messageInfo(t.orm, dto.id)).toMatchObject({ originalText: 'Quiero 2 conchas', editedAt: dto.editedAt, receipts: [] });
  });

  it('is undefined for a message that does not exist', () => {
    expect(messageInfo(openInboxHarness().orm, 999)).toBeUndefined();
  });
});
