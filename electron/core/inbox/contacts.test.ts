import { describe, expect, it } from 'vitest';
import { openInboxHarness } from '../testing/inbox-harness';
import { customerJid, customerLid, waMessage } from '../testing/wa-messages';

const fromCustomer = (id: string, remoteJid: string, pushName: string, seconds = 1_700_000_000) =>
  waMessage({ id, remoteJid, message: { conversation: 'hola' }, pushName, seconds });

describe('contacts', () => {
  it('keeps the saved name and the own name, and a later update never erases them', () => {
    const t = openInboxHarness();
    t.ingest.ingestContacts(t.accountId, [{ id: customerJid, name: 'Ana López', notify: 'Ana' }]);
    t.ingest.ingestContacts(t.accountId, [{ id: customerJid, name: undefined, notify: undefined, imgUrl: 'changed' }]);
    t.ingest.ingestContacts(t.accountId, [{ id: customerJid, notify: 'Ana ☀️' }]);
    expect(t.contacts()).toEqual([{ jid: customerJid, pnJid: customerJid, lidJid: null, name: 'Ana López', notify: 'Ana ☀️' }]);
  });

  it('names the chat after the name saved on the phone, above the pushName', async () => {
    const t = openInboxHarness();
    await t.ingest.ingestUpsert(t.accountId, [fromCustomer('M1', customerJid, 'Ana')], 'notify');
    expect(t.chatByJid(customerJid)?.name).toBe('Ana');

    t.ingest.ingestContacts(t.accountId, [{ id: customerJid, name: 'Ana López (pan dulce)' }]);
    expect(t.emitted('chats.upserted').at(-1)).toMatchObject({ title: 'Ana López (pan dulce)' });

    await t.ingest.ingestUpsert(t.accountId, [fromCustomer('M2', customerJid, 'Anita', 1_700_000_100)], 'notify');
    expect(t.chatByJid(customerJid)?.name).toBe('Ana López (pan dulce)');
  });

  it("names a chat after the person's own name when nothing was saved on the phone", async () => {
    const t = openInboxHarness();
    await t.ingest.ingestUpsert(t.accountId, [waMessage({ id: 'M1', remoteJid: customerJid, fromMe: true, message: { conversation: 'hola' } })], 'notify');
    t.ingest.ingestContacts(t.accountId, [{ id: customerJid, notify: 'Ana' }]);
    expect(t.chatByJid(customerJid)?.name).toBe('Ana');
  });

  it('merges an existing LID chat when a contact arrives with both its LID and phone number', async () => {
    const t = openInboxHarness();
    await t.ingest.ingestUpsert(t.accountId, [fromCustomer('P1', customerJid, 'Ana')], 'notify');
    await t.ingest.ingestUpsert(t.accountId, [fromCustomer('L1', customerLid, 'Ana', 1_700_000_100)], 'notify');
    expect(t.chats()).toHaveLength(2);

    t.ingest.ingestContacts(t.accountId, [{ id: customerLid, lid: customerLid, phoneNumber: customerJid, name: 'Ana López' }]);

    expect(t.chats()).toEqual([expect.objectContaining({ jid: customerJid, lidJid: customerLid, unreadCount: 2, name: 'Ana López' })]);
    expect(t.messages().map((m) => m.waId)).toEqual(['P1', 'L1']);
    expect(t.contacts()).toEqual([{ jid: customerJid, pnJid: customerJid, lidJid: customerLid, name: 'Ana López', notify: null }]);
  });

  it('moves a contact known only by LID to its phone number once learned, keeping its names', () => {
    const t = openInboxHarness();
    t.ingest.ingestContacts(t.accountId, [{ id: customerLid, notify: 'Ana' }]);
    expect(t.contacts()).toEqual([{ jid: customerLid, pnJid: null, lidJid: customerLid, name: null, notify: 'Ana' }]);

    t.ingest.learnLidMapping(t.accountId, [{ lid: customerLid, pn: customerJid }]);
    expect(t.contacts()).toEqual([{ jid: customerJid, pnJid: customerJid, lidJid: customerLid, name: null, notify: 'Ana' }]);

    // An update that names only the LID lands on the phone-number row.
    t.ingest.ingestContacts(t.accountId, [{ id: customerLid, name: 'Ana López' }]);
    expect(t.contacts()).toEqual([{ jid: customerJid, pnJid: customerJid, lidJid: customerLid, name: 'Ana López', notify: 'Ana' }]);
  });

  it('leaves groups and contacts without a usable id out of the contacts table', () => {
    const t = openInboxHarness();
    t.ingest.ingestContacts(t.accountId, [{ id: '120363025246125486@g.us', name: 'Proveedores' }, { notify: 'sin id' }]);
    expect(t.contacts()).toEqual([]);
  });
});
