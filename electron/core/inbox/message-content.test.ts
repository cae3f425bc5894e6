import type { proto } from '@whiskeysockets/baileys';
import { describe, expect, it } from 'vitest';
import { asHistoryMessage } from '../testing/history-chunks';
import { openInboxHarness } from '../testing/inbox-harness';
import { vcard } from '../testing/wa-changes';
import { customerJid, waMessage } from '../testing/wa-messages';
import { messageToDto, findMessage } from './message-store';
import { parseVCard } from './message-content';

const ourJid = '5215500000001@s.whatsapp.net';

/** Stores one customer message live and returns its stored DTO and the one the event carried. */
async function store(message: proto.IMessage, extra: { fromMe?: boolean; history?: boolean } = {}) {
  const t = openInboxHarness();
  t.db.prepare('UPDATE accounts SET phone = ? WHERE id = ?').run('5215500000001', t.accountId);
  let msg = waMessage({ id: 'M1', remoteJid: customerJid, fromMe: extra.fromMe ?? false, message, pushName: 'Ana' });
  // Decoded as it comes off the wire: Long numbers, class instances.
  if (extra.history) msg = asHistoryMessage(msg);
  await t.ingest.ingestUpsert(t.accountId, [msg], 'notify');
  const dto = t.dto('M1');
  return { t, dto: dto!, event: t.emitted('messages.upserted').at(-1) };
}

describe('message content', () => {
  it('stores a conversation as text', async () => {
    const { dto, event } = await store({ conversation: 'Hola, ¿abren hoy?' });
    expect(dto).toMatchObject({ type: 'text', text: 'Hola, ¿abren hoy?', media: null, quoted: null, location: null, sharedContacts: null, reactions: [] });
    expect(event).toEqual(dto);
  });

  it('stores an extendedTextMessage (a link) as text', async () => {
    const { dto } = await store({ extendedTextMessage: { text: 'mira https://example.com/pan', matchedText: 'https://example.com/pan' } });
    expect(dto).toMatchObject({ type: 'text', text: 'mira https://example.com/pan' });
  });

  it('stores an image with its caption as text and its file details, not downloaded yet', async () => {
    const { dto, event } = await store({ imageMessage: { caption: 'Pan dulce', mimetype: 'image/jpeg', fileLength: 48_213 } }, { history: true });
    expect(dto).toMatchObject({
      type: 'imageMessage',
      text: 'Pan dulce',
      media: { kind: 'image', mime: 'image/jpeg', fileName: null, size: 48_213, durationSec: null, state: 'none', url: null },
    });
    expect(event).toEqual(dto);
  });

  it('stores a video with its duration in seconds', async () => {
    const { dto } = await store({ videoMessage: { caption: 'así quedó', mimetype: 'video/mp4', seconds: 14, fileLength: 1_200_000 } });
    expect(dto).toMatchObject({ type: 'videoMessage', text: 'así quedó', media: { kind: 'video', durationSec: 14, size: 1_200_000 } });
  });

  it('stores a voice note (ptt audio) as voice, and other audio as audio', async () => {
    const voice = await store({ audioMessage: { ptt: true, seconds: 7, mimetype: 'audio/ogg; codecs=opus' } });
    expect(voice.dto).toMatchObject({ type: 'audioMessage', text: null, media: { kind: 'voice', durationSec: 7, mime: 'audio/ogg; codecs=opus' } });
    const song = await store({ audioMessage: { ptt: false, seconds: 181, mimetype: 'audio/mpeg' } });
    expect(song.dto.media).toMatchObject({ kind: 'audio', durationSec: 181 });
  });

  it('stores a document under its file name, and a captioned one (documentWithCaptionMessage) with its caption', async () => {
    const plain = await store({ documentMessage: { fileName: 'factura-0042.pdf', mimetype: 'application/pdf', fileLength: 90_000 } });
    expect(plain.dto).toMatchObject({ type: 'documentMessage', text: 'factura-0042.pdf', media: { kind: 'document', fileName: 'factura-0042.pdf', size: 90_000 } });

    const captioned = await store({
      documentWithCaptionMessage: { message: { documentMessage: { fileName: 'menu.pdf', caption: 'El menú de hoy', mimetype: 'application/pdf' } } },
    });
    expect(captioned.dto).toMatchObject({ type: 'documentMessage', text: 'El menú de hoy', media: { kind: 'document', fileName: 'menu.pdf' } });
  });

  it('stores a sticker as media without text', async () => {
    const { dto } = await store({ stickerMessage: { mimetype: 'image/webp', fileLength: 20_000 } });
    expect(dto).toMatchObject({ type: 'stickerMessage', text: null, media: { kind: 'sticker', mime: 'image/webp' } });
  });

  it('stores a location with its name as text', async () => {
    const { dto } = await store({ locationMessage: { degreesLatitude: 19.4326, degreesLongitude: -99.1332, name: 'Panadería La Espiga', address: 'Av. Juárez 12' } });
    expect(dto).toMatchObject({
      type: 'locationMessage',
      text: 'Panadería La Espiga',
      location: { latitude: 19.4326, longitude: -99.1332, name: 'Panadería La Espiga', address: 'Av. Juárez 12' },
      media: null,
    });
  });

  it('stores a live location with its caption', async () => {
    const { dto } = await store({ liveLocationMessage: { degreesLatitude: 19.4, degreesLongitude: -99.1, caption: 'voy en camino' } });
    expect(dto).toMatchObject({ type: 'liveLocationMessage', text: 'voy en camino', location: { latitude: 19.4, longitude: -99.1, name: null, address: null } });
  });

  it('stores a shared contact with its name and phone numbers from the vCard', async () => {
    const { dto } = await store({ contactMessage: { displayName: 'Beto', vcard: vcard('Beto Ramírez', '+52 1 55 8765 4321') } });
    expect(dto).toMatchObject({ type: 'contactMessage', text: 'Beto Ramírez', sharedContacts: [{ name: 'Beto Ramírez', phones: ['+52 1 55 8765 4321'] }] });
  });

  it('stores several shared contacts (contactsArrayMessage)', async () => {
    const { dto } = await store({
      contactsArrayMessage: {
        displayName: '2 contactos',
        contacts: [
          { displayName: 'Beto', vcard: vcard('Beto Ramírez', '+52 1 55 8765 4321', '+52 55 1111 2222') },
          { displayName: 'Caro', vcard: vcard('Carolina Díaz') },
        ],
      },
    });
    expect(dto).toMatchObject({
      type: 'contactsArrayMessage',
      text: 'Beto Ramírez, Carolina Díaz',
      sharedContacts: [
        { name: 'Beto Ramírez', phones: ['+52 1 55 8765 4321', '+52 55 1111 2222'] },
        { name: 'Carolina Díaz', phones: [] },
      ],
    });
  });

  it('stores a poll as its question and options', async () => {
    const { dto } = await store({
      pollCreationMessageV3: { name: '¿Qué pan prefieren?', options: [{ optionName: 'Concha' }, { optionName: 'Cuerno' }], selectableOptionsCount: 1 },
    });
    expect(dto).toMatchObject({ type: 'pollCreationMessageV3', text: '¿Qué pan prefieren?\n• Concha\n• Cuerno' });
  });

  it.each([
    ['buttonsResponseMessage', { buttonsResponseMessage: { selectedButtonId: 'b1', selectedDisplayText: 'Sí, confirmo' } }, 'Sí, confirmo'],
    ['listResponseMessage', { listResponseMessage: { title: 'Pastel de chocolate', singleSelectReply: { selectedRowId: 'row-7' } } }, 'Pastel de chocolate'],
    ['templateButtonReplyMessage', { templateButtonReplyMessage: { selectedId: 't1', selectedDisplayText: 'Ver horario' } }, 'Ver horario'],
  ] as const)('stores a %s as the option the customer picked', async (type, message, text) => {
    const { dto } = await store(message);
    expect(dto).toMatchObject({ type, text });
  });

  it('shows a view-once image as a notice to open it on the phone, without its file', async () => {
    const { dto } = await store({ viewOnceMessageV2: { message: { imageMessage: { caption: 'sólo una vez', mimetype: 'image/jpeg', viewOnce: true } } } });
    expect(dto).toMatchObject({ type: 'viewOnce', text: null, media: null });
  });

  it('stores a type Baileys does not know (only messageContextInfo) as unsupported', async () => {
    const { t, dto } = await store({ messageContextInfo: { messageSecret: Buffer.alloc(32, 5) } });
    expect(dto).toMatchObject({ type: 'unsupported', text: null, media: null });
    expect(t.chats()[0]?.lastMessagePreview).toBe('[unsupported]');
  });

  it("stores a customer's reply to our message with the quoted message, marked as ours", async () => {
    const { dto } = await store({
      extendedTextMessage: {
        text: 'sí, esa',
        contextInfo: { stanzaId: 'OURS1', participant: ourJid, quotedMessage: { imageMessage: { caption: 'Conchas de vainilla' } } },
      },
    });
    expect(dto.quoted).toEqual({ waId: 'OURS1', fromMe: true, text: 'Conchas de vainilla', type: 'imageMessage' });
  });

  it('marks a quote of the customer’s own message as theirs', async () => {
    const { dto } = await store(
      { extendedTextMessage: { text: 'como te decía', contextInfo: { stanzaId: 'THEIRS1', participant: customerJid, quotedMessage: { conversation: 'quiero 3' } } } },
      { fromMe: true },
    );
    expect(dto.quoted).toEqual({ waId: 'THEIRS1', fromMe: false, text: 'quiero 3', type: 'text' });
  });

  it('recognises our own message quoted in a direct chat even when our number is not known', async () => {
    const t = openInboxHarness();
    await t.ingest.ingestUpsert(
      t.accountId,
      [
        waMessage({
          id: 'Q1',
          remoteJid: customerJid,
          message: { extendedTextMessage: { text: 'ok', contextInfo: { stanzaId: 'OURS2', participant: '5215599999999@s.whatsapp.net', quotedMessage: { conversation: 'listo' } } } },
        }),
      ],
      'notify',
    );
    expect(t.dto('Q1')?.quoted).toMatchObject({ waId: 'OURS2', fromMe: true });
  });

  it('gives a media URL only once the file is downloaded', async () => {
    const { t } = await store({ imageMessage: { mimetype: 'image/jpeg' } });
    const row = findMessage(t.orm, t.accountId, 'M1')!;
    expect(messageToDto(row).media?.url).toBeNull();
    expect(messageToDto({ ...row, mediaState: 'ready' }).media).toMatchObject({ state: 'ready', url: `/media/${row.id}` });
  });
});

describe('vCard', () => {
  it('reads FN and every TEL line, folded lines and escapes included', () => {
    const card = ['BEGIN:VCARD', 'VERSION:3.0', 'FN:Panader\\, ía', ' Central', 'TEL;TYPE=CELL:+52 55 1234 5678', 'item2.TEL;waid=5215587654321:+52 1 55 8765 4321', 'END:VCARD'].join('\r\n');
    expect(parseVCard(card)).toEqual({ name: 'Panader, íaCentral', phones: ['+52 55 1234 5678', '+52 1 55 8765 4321'] });
  });

  it('falls back to the display name, then the first number', () => {
    expect(parseVCard('BEGIN:VCARD\nTEL:+1 555 0100\nEND:VCARD', 'Tienda')).toEqual({ name: 'Tienda', phones: ['+1 555 0100'] });
    expect(parseVCard('BEGIN:VCARD\nTEL:+1 555 0100\nEND:VCARD')).toEqual({ name: '+1 555 0100', phones: ['+1 555 0100'] });
    expect(parseVCard(null, null)).toEqual({ name: '', phones: [] });
  });
});
