import { describe, expect, it } from 'vitest';
import { openInboxHarness, type InboxHarness } from '../testing/inbox-harness';
import { revokeUpsert } from '../testing/wa-changes';
import { customerJid, waMessage } from '../testing/wa-messages';
import { searchInbox, toFtsQuery } from './search-store';

const otherJid = '5215587654321@s.whatsapp.net';

async function say(t: InboxHarness, items: [id: string, text: string, seconds: number, jid?: string, pushName?: string][]) {
  await t.ingest.ingestUpsert(
    t.accountId,
    items.map(([id, text, seconds, jid, pushName]) => waMessage({ id, remoteJid: jid ?? customerJid, message: { conversation: text }, seconds, pushName: pushName ?? 'Ana' })),
    'notify',
  );
}

const search = (t: InboxHarness, text: string, limit = 50) => searchInbox(t.orm, { text, limit });
const ids = (t: InboxHarness, text: string) => search(t, text).messages.map((h) => h.message.waId);

describe('search', () => {
  it('finds words without caring about accents or case, in both directions', async () => {
    const t = openInboxHarness();
    await say(t, [
      ['S1', 'Me encantó la Canción de ayer', 1_700_000_001],
      ['S2', 'la cancion del pan', 1_700_000_002],
      ['S3', 'nada que ver', 1_700_000_003],
    ]);
    expect(ids(t, 'cancion')).toEqual(['S2', 'S1']);
    expect(ids(t, 'CANCIÓN')).toEqual(['S2', 'S1']);
    expect(ids(t, 'encanto')).toEqual(['S1']);
  });

  it('treats the last word as a prefix and requires every word', async () => {
    const t = openInboxHarness();
    await say(t, [
      ['P1', 'pastel de chocolate', 1_700_000_001],
      ['P2', 'pastel de vainilla', 1_700_000_002],
      ['P3', 'chocolatería del centro', 1_700_000_003],
    ]);
    expect(ids(t, 'choco')).toEqual(['P3', 'P1']);
    expect(ids(t, 'pastel choco')).toEqual(['P1']);
    expect(ids(t, 'past vainilla')).toEqual([]);
  });

  it('lists the newest first, at most the limit, and marks the matches in a snippet', async () => {
    const t = openInboxHarness();
    const many = Array.from({ length: 60 }, (_, i) => [`N${i}`, `pedido número ${i}`, 1_700_000_000 + ((i * 37) % 60)] as [string, string, number]);
    await say(t, many);
    const hits = search(t, 'pedido').messages;
    expect(hits).toHaveLength(50);
    const times = hits.map((h) => h.message.timestamp);
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(times[0]).toBe(1_700_000_059_000);
    // 47 × 37 mod 60 = 59: message 47 is the newest.
    expect(hits[0]!.snippet).toBe('\u0001pedido\u0002 número 47');
    expect(hits[0]!.chat).toMatchObject({ jid: customerJid, title: 'Ana' });
    expect(search(t, 'pedido', 5).messages).toHaveLength(5);
  });

  it('never shows a deleted message', async () => {
    const t = openInboxHarness();
    await say(t, [
      ['D1', 'mi tarjeta es 4242', 1_700_000_001],
      ['D2', 'otra tarjeta', 1_700_000_002],
    ]);
    await t.ingest.ingestUpsert(t.accountId, [revokeUpsert('REV', 'D1')], 'notify');
    expect(ids(t, 'tarjeta')).toEqual(['D2']);
    expect(ids(t, '4242')).toEqual([]);
  });

  it.each(['"', '*', '(', ')', 'NEAR', 'NEAR(a b)', '-', '- pan', 'pan -dulce', 'AND OR NOT', '"pan', 'pan"', 'col:pan', '^pan', 'pan*', '\\', '%', '_'])(
    'does not throw on %j',
    async (text) => {
      const t = openInboxHarness();
      await say(t, [['X1', 'pan dulce y NEAR de aquí', 1_700_000_001]]);
      expect(() => search(t, text)).not.toThrow();
    },
  );

  it('takes operators as plain words', async () => {
    const t = openInboxHarness();
    await say(t, [
      ['O1', 'pan dulce', 1_700_000_001],
      ['O2', 'pan or cake', 1_700_000_002],
    ]);
    expect(ids(t, 'pan -dulce')).toEqual(['O1']);
    expect(ids(t, 'pan OR')).toEqual(['O2']);
  });

  it('finds chats by name, accent-insensitive, and by the digits of their number', async () => {
    const t = openInboxHarness();
    await say(t, [
      ['C1', 'hola', 1_700_000_001, customerJid, 'Ana López'],
      ['C2', 'buenas', 1_700_000_002, otherJid, 'Beto'],
    ]);
    expect(search(t, 'lopez').chats.map((c) => c.jid)).toEqual([customerJid]);
    expect(search(t, 'ANA').chats.map((c) => c.jid)).toEqual([customerJid]);
    expect(search(t, '8765 4321').chats.map((c) => c.jid)).toEqual([otherJid]);
    expect(search(t, '+52 155').chats.map((c) => c.jid)).toEqual([otherJid, customerJid]);
    expect(search(t, '%').chats).toEqual([]);
  });

  it("finds a chat by the contact's saved name or the name the person set", async () => {
    const t = openInboxHarness();
    await say(t, [['K1', 'hola', 1_700_000_001, otherJid, 'Beto']]);
    t.ingest.ingestContacts(t.accountId, [{ id: otherJid, name: 'Proveedor de harina', notify: 'Roberto' }]);
    expect(search(t, 'harina').chats.map((c) => c.jid)).toEqual([otherJid]);
    expect(search(t, 'robert').chats.map((c) => c.jid)).toEqual([otherJid]);
  });

  it('follows renamed contacts and chats and forgets deleted chats', async () => {
    const t = openInboxHarness();
    await say(t, [['R1', 'hola', 1_700_000_001, otherJid, 'Beto']]);
    t.ingest.ingestContacts(t.accountId, [{ id: otherJid, name: 'Proveedor de harina' }]);
    t.ingest.ingestContacts(t.accountId, [{ id: otherJid, name: 'Panadería Sol' }]);
    expect(search(t, 'harina').chats).toEqual([]);
    expect(search(t, 'panaderia').chats.map((c) => c.jid)).toEqual([otherJid]);

    t.db.prepare("UPDATE chats SET name = 'Roberto Gómez' WHERE jid = ?").run(otherJid);
    expect(search(t, 'gomez').chats.map((c) => c.jid)).toEqual([otherJid]);
    expect(search(t, 'sol').chats.map((c) => c.jid)).toEqual([otherJid]);

    t.db.prepare('DELETE FROM chats WHERE jid = ?').run(otherJid);
    expect(search(t, 'gomez').chats).toEqual([]);
    expect(ids(t, 'hola')).toEqual([]);
  });

  it('finds an edited message by its new text only', async () => {
    const t = openInboxHarness();
    await say(t, [['E1', 'quiero tres panes', 1_700_000_001]]);
    t.db.prepare("UPDATE messages SET text = 'quiero cuatro panes' WHERE wa_id = 'E1'").run();
    expect(ids(t, 'tres')).toEqual([]);
    expect(ids(t, 'cuatro')).toEqual(['E1']);
  });
});

describe('FTS query', () => {
  it('quotes each word and makes the last one a prefix', () => {
    expect(toFtsQuery('pan  dulce')).toBe('"pan" "dulce"*');
    expect(toFtsQuery('di "hola"')).toBe('"di" """hola"""*');
    expect(toFtsQuery('a')).toBe('"a"');
    expect(toFtsQuery('* ( - "')).toBeNull();
  });
});
