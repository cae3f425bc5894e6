import { proto, type BinaryNode } from '@whiskeysockets/baileys';
import { deflateSync } from 'node:zlib';
import { secretEditContent } from '../real-shape';
import { ackStanza, callStanza, groupNotification, messageStanza, receiptStanza, wireSelfPn, type StanzaFrom } from '../wire-socket';

/**
 * The everyday traffic of a shop's number, case by case, as stanzas WhatsApp sends. Recorded
 * through a real Baileys socket (scripts/record-corpus.ts) into corpus/<name>.json and replayed
 * through the whole core (corpus-replay.int.test.ts). Each case has its own people, so all of
 * them can be replayed into one core.
 */

/** The clock of every case: stanza times are this plus a few seconds. */
export const CORPUS_BASE_SECONDS = 1_790_000_000;
const at = (offset: number) => CORPUS_BASE_SECONDS + offset;

export type CorpusStep = BinaryNode | { node: BinaryNode; expectEvents: false };

export interface CorpusCase {
  name: string;
  about: string;
  steps: CorpusStep[];
}

const pn = (n: number) => `521556${String(n).padStart(7, '0')}@s.whatsapp.net`;
const lid = (n: number) => `${String(200_000_000_000_000 + n)}@lid`;
const group = (n: number) => `1203630000000${String(n).padStart(5, '0')}@g.us`;
const { Type } = proto.Message.ProtocolMessage;

const from = (who: string, id: string, offset: number, extra: Partial<StanzaFrom> = {}): StanzaFrom => ({ id, from: who, seconds: at(offset), pushName: 'Cliente', ...extra });
/** A message we wrote on the phone: WhatsApp echoes it to this device from our own number. */
const fromPhone = (chat: string, id: string, offset: number): StanzaFrom =>
  chat.endsWith('@g.us') ? { id, from: chat, participant: wireSelfPn, seconds: at(offset) } : { id, from: wireSelfPn, recipient: chat, seconds: at(offset) };
const text = (conversation: string) => ({ message: { conversation } });
const secret = (n: number) => Buffer.alloc(32, n);

function historyNotification(id: string, offset: number, sync: proto.IHistorySync): BinaryNode {
  const payload = deflateSync(proto.HistorySync.encode(sync).finish());
  return messageStanza(fromPhone(wireSelfPn, id, offset), {
    message: {
      protocolMessage: {
        type: Type.HISTORY_SYNC_NOTIFICATION,
        historySyncNotification: { syncType: sync.syncType, chunkOrder: 1, progress: 100, initialHistBootstrapInlinePayload: payload },
      },
    },
  });
}

const historyMessage = (chat: string, id: string, offset: number, body: string, fromMe = false): proto.IHistorySyncMsg => ({
  message: { key: { remoteJid: chat, fromMe, id }, messageTimestamp: at(offset), message: { conversation: body }, ...(fromMe ? { status: 4 } : {}) },
});

export const corpusCases: CorpusCase[] = [
  { name: 'text', about: 'A customer writes a plain text', steps: [messageStanza(from(pn(1), 'TXT-1', 0, { pushName: 'Ana' }), text('¿Tienen pan de muerto?'))] },
  {
    name: 'quoted',
    about: 'A customer answers quoting a message we sent from the phone',
    steps: [
      messageStanza(fromPhone(pn(2), 'QUO-1', 0), text('Tenemos conchas y cuernitos')),
      messageStanza(from(pn(2), 'QUO-2', 5), {
        message: { extendedTextMessage: { text: 'Dos conchas, por favor', contextInfo: { stanzaId: 'QUO-1', participant: wireSelfPn, quotedMessage: { conversation: 'Tenemos conchas y cuernitos' } } } },
      }),
    ],
  },
  {
    name: 'ephemeral',
    about: 'A text in a chat with disappearing messages on (ephemeralMessage wrapper)',
    steps: [messageStanza(from(pn(3), 'EPH-1', 0), { message: { ephemeralMessage: { message: { extendedTextMessage: { text: 'Esto desaparece', contextInfo: { expiration: 86_400 } } } } } })],
  },
  {
    name: 'view-once-v2',
    about: 'A view-once photo that arrives with its content (viewOnceMessageV2)',
    steps: [messageStanza(from(pn(4), 'VO2-1', 0), { message: { viewOnceMessageV2: { message: { imageMessage: { mimetype: 'image/jpeg', viewOnce: true, caption: 'solo una vez' } } } } })],
  },
  { name: 'view-once-unavailable', about: 'A view-once photo only the phone can open', steps: [messageStanza(from(pn(5), 'VOU-1', 0), { viewOnceUnavailable: true })] },
  {
    name: 'media-burst',
    about: 'Three photos in a row, the first one with a caption',
    steps: [1, 2, 3].map((n) =>
      messageStanza(from(pn(6), `IMG-${n}`, n), {
        message: { imageMessage: { mimetype: 'image/jpeg', fileLength: 20_000 + n, ...(n === 1 ? { caption: 'Así lo quiero' } : {}), mediaKey: Buffer.alloc(32, n), directPath: `/v/t62/${n}` } },
      }),
    ),
  },
  {
    name: 'location',
    about: 'A customer shares where to deliver',
    steps: [messageStanza(from(pn(7), 'LOC-1', 0), { message: { locationMessage: { degreesLatitude: 19.4326, degreesLongitude: -99.1332, name: 'Zócalo', address: 'Centro, CDMX' } } })],
  },
  {
    name: 'vcards',
    about: 'One contact card, then two in one message',
    steps: [
      messageStanza(from(pn(8), 'VCF-1', 0), { message: { contactMessage: { displayName: 'Beto', vcard: 'BEGIN:VCARD\nVERSION:3.0\nFN:Beto\nTEL;type=CELL;waid=5215512345678:+52 1 55 1234 5678\nEND:VCARD' } } }),
      messageStanza(from(pn(8), 'VCF-2', 5), {
        message: {
          contactsArrayMessage: {
            displayName: '2 contactos',
            contacts: [
              { displayName: 'Caro', vcard: 'BEGIN:VCARD\nVERSION:3.0\nFN:Caro\nTEL;waid=5215511112222:+52 1 55 1111 2222\nEND:VCARD' },
              { displayName: 'Dani', vcard: 'BEGIN:VCARD\nVERSION:3.0\nFN:Dani\nTEL:+52 55 3333 4444\nEND:VCARD' },
            ],
          },
        },
      }),
    ],
  },
  {
    name: 'reaction',
    about: 'A customer reacts to our message, then takes the reaction back',
    steps: [
      messageStanza(fromPhone(pn(9), 'REA-1', 0), text('Su pedido está listo')),
      messageStanza(from(pn(9), 'REA-2', 5), { message: { reactionMessage: { key: { remoteJid: pn(9), fromMe: true, id: 'REA-1' }, text: '❤️', senderTimestampMs: at(5) * 1000 } } }),
      messageStanza(from(pn(9), 'REA-3', 9), { message: { reactionMessage: { key: { remoteJid: pn(9), fromMe: true, id: 'REA-1' }, text: '', senderTimestampMs: at(9) * 1000 } } }),
    ],
  },
  {
    name: 'revoke',
    about: 'A customer deletes a message for everyone',
    steps: [
      messageStanza(from(pn(10), 'REV-1', 0), text('Mi tarjeta es 4111…')),
      messageStanza(from(pn(10), 'REV-2', 5), { message: { protocolMessage: { type: Type.REVOKE, key: { remoteJid: pn(10), fromMe: false, id: 'REV-1' } } } }),
    ],
  },
  {
    name: 'revoke-before-message',
    about: 'The deletion arrives before the message it deletes (out of order)',
    steps: [
      messageStanza(from(pn(11), 'RVB-2', 5), { message: { protocolMessage: { type: Type.REVOKE, key: { remoteJid: pn(11), fromMe: false, id: 'RVB-1' } } } }),
      messageStanza(from(pn(11), 'RVB-1', 0), text('Esto no debía enviarlo')),
    ],
  },
  {
    name: 'edit-customer',
    about: 'A customer corrects a quantity with a plaintext edit (MESSAGE_EDIT)',
    steps: [
      messageStanza(from(pn(12), 'EDC-1', 0), text('Quiero 2 conchas')),
      messageStanza(from(pn(12), 'EDC-2', 20), {
        message: { protocolMessage: { type: Type.MESSAGE_EDIT, key: { remoteJid: pn(12), fromMe: false, id: 'EDC-1' }, editedMessage: { conversation: 'Quiero 3 conchas' }, timestampMs: at(20) * 1000 } },
      }),
    ],
  },
  {
    name: 'edit-customer-secret',
    about: "A customer's edit as current phones send it: encrypted with the original's messageSecret",
    steps: [
      messageStanza(from(pn(13), 'EDS-1', 0), { message: { conversation: 'Quiero 5 bolillos', messageContextInfo: { messageSecret: secret(13) } } }),
      messageStanza(from(pn(13), 'EDS-2', 20), { message: secretEditContent({ waId: 'EDS-1', secret: secret(13), chat: pn(13) }, pn(13), { conversation: 'Quiero 8 bolillos' }) }),
    ],
  },
  {
    name: 'edit-own-from-phone',
    about: 'We correct a price from the phone',
    steps: [
      messageStanza(fromPhone(pn(14), 'EDO-1', 0), text('Son $40')),
      messageStanza(fromPhone(pn(14), 'EDO-2', 15), {
        message: { protocolMessage: { type: Type.MESSAGE_EDIT, key: { remoteJid: pn(14), fromMe: true, id: 'EDO-1' }, editedMessage: { conversation: 'Son $45' }, timestampMs: at(15) * 1000 } },
      }),
    ],
  },
  { name: 'lid-with-alt', about: 'A person addressed by LID, the server adding their number', steps: [messageStanza(from(lid(15), 'LWA-1', 0, { senderAlt: pn(15) }), text('Hola desde LID'))] },
  { name: 'lid-without-alt', about: 'A person addressed by LID whose number nobody told us', steps: [messageStanza(from(lid(16), 'LNA-1', 0), text('¿Quién soy?'))] },
  { name: 'pn-with-alt', about: 'A person addressed by number, the server adding their LID', steps: [messageStanza(from(pn(17), 'PWA-1', 0, { senderAlt: lid(17) }), text('Hola con número'))] },
  {
    name: 'group',
    about: 'A member writes in a group; we answer there from the phone',
    steps: [
      messageStanza(from(group(18), 'GRP-1', 0, { participant: lid(18), senderAlt: pn(18), pushName: 'Ema' }), text('¿Abren el domingo?')),
      messageStanza(fromPhone(group(18), 'GRP-2', 30), text('Sí, de 9 a 14')),
    ],
  },
  {
    name: 'own-append-and-notify',
    about: 'Our messages from the phone: one queued while we were away (append), one live (notify)',
    steps: [messageStanza({ ...fromPhone(pn(19), 'OWN-1', 0), offline: true }, text('Mensaje de anoche')), messageStanza(fromPhone(pn(19), 'OWN-2', 10), text('Buenos días'))],
  },
  {
    name: 'acks',
    about: 'Our message from the phone is delivered, then read',
    steps: [
      messageStanza(fromPhone(pn(20), 'ACK-1', 0), text('Ya salió su pedido')),
      receiptStanza({ ids: ['ACK-1'], from: pn(20), seconds: at(3) }),
      receiptStanza({ ids: ['ACK-1'], from: pn(20), type: 'read', seconds: at(60) }),
    ],
  },
  {
    name: 'group-receipts',
    about: 'Our group message: each member gets it and reads it',
    steps: [
      messageStanza(fromPhone(group(21), 'GRC-1', 0), text('Promoción: 2x1 hoy')),
      receiptStanza({ ids: ['GRC-1'], from: group(21), participant: pn(211), seconds: at(2) }),
      receiptStanza({ ids: ['GRC-1'], from: group(21), participant: pn(212), seconds: at(3) }),
      receiptStanza({ ids: ['GRC-1'], from: group(21), participant: pn(211), type: 'read', seconds: at(40) }),
    ],
  },
  {
    name: 'read-self',
    about: 'The owner reads the chat on the phone',
    steps: [
      messageStanza(from(pn(22), 'RSF-1', 0), text('¿Hay envío?')),
      messageStanza(from(pn(22), 'RSF-2', 2), text('¿A Coyoacán?')),
      receiptStanza({ ids: ['RSF-2'], from: wireSelfPn, recipient: pn(22), type: 'read-self', seconds: at(30) }),
    ],
  },
  {
    name: 'history-with-lid-mappings',
    about: 'History from the phone that names the LID of each number',
    steps: [
      historyNotification('HIS-1', 0, {
        syncType: proto.HistorySync.HistorySyncType.INITIAL_BOOTSTRAP,
        conversations: [{ id: lid(23), name: 'Fer', messages: [historyMessage(lid(23), 'HIS-M1', -3_600, 'Gracias por todo'), historyMessage(lid(23), 'HIS-M2', -3_500, 'A usted', true)] }],
        phoneNumberToLidMappings: [{ pnJid: pn(23), lidJid: lid(23) }],
      }),
    ],
  },
  {
    name: 'history-without-lid-mappings',
    about: 'History from the phone with a LID chat and no mapping',
    steps: [
      historyNotification('HIS-2', 0, {
        syncType: proto.HistorySync.HistorySyncType.RECENT,
        conversations: [{ id: lid(24), messages: [historyMessage(lid(24), 'HIS-M3', -7_200, 'Pedido de ayer')] }, { id: pn(25), name: 'Gabi', messages: [historyMessage(pn(25), 'HIS-M4', -7_000, 'Nos vemos')] }],
      }),
    ],
  },
  { name: 'status-broadcast', about: "A contact's status update", steps: [messageStanza(from('status@broadcast', 'STA-1', 0, { participant: pn(26) }), text('Hoy 2x1 en mi tienda'))] },
  {
    name: 'poll',
    about: 'A poll (pollCreationMessageV3) the inbox cannot show',
    steps: [messageStanza(from(pn(27), 'POL-1', 0), { message: { pollCreationMessageV3: { name: '¿Qué sabor?', options: [{ optionName: 'Vainilla' }, { optionName: 'Chocolate' }], selectableOptionsCount: 1 } } })],
  },
  {
    name: 'event',
    about: 'An event invitation (eventMessage)',
    steps: [messageStanza(from(pn(28), 'EVT-1', 0), { message: { eventMessage: { name: 'Degustación', startTime: at(86_400) } } })],
  },
  { name: 'unknown-type', about: 'A message type newer than Baileys (an unknown protobuf field)', steps: [unknownTypeStanza(from(pn(29), 'UNK-1', 0))] },
  {
    name: 'undecryptable-then-resolved',
    about: '"Waiting for this message", then the same id decrypts',
    steps: [messageStanza(from(pn(30), 'CIP-1', 0), { undecryptable: true }), messageStanza(from(pn(30), 'CIP-1', 0), text('¿Me apartan un pastel?'))],
  },
  { name: 'long-text', about: 'A 4,000-character text', steps: [messageStanza(from(pn(31), 'LNG-1', 0), { message: { extendedTextMessage: { text: 'Pedido: '.padEnd(4_000, 'pan ') } } })] },
  {
    name: 'missed-call',
    about: 'A voice call nobody answers: offer, then timeout (Baileys files a missed-call stub)',
    steps: [
      callStanza({ callId: 'CALL-MISSED', from: pn(32), status: 'offer', seconds: at(0), stanzaId: 'CST-1' }),
      callStanza({ callId: 'CALL-MISSED', from: pn(32), status: 'timeout', seconds: at(30), stanzaId: 'CST-2' }),
    ],
  },
  {
    name: 'answered-call',
    about: 'A video call that rings and ends without a stub',
    steps: [
      callStanza({ callId: 'CALL-ENDED', from: pn(33), status: 'offer', video: true, seconds: at(0), stanzaId: 'CST-3' }),
      callStanza({ callId: 'CALL-ENDED', from: pn(33), status: 'terminate', seconds: at(60), stanzaId: 'CST-4' }),
    ],
  },
  {
    name: 'group-member-added',
    about: 'A member adds someone to a group',
    steps: [groupNotification({ id: 'GAD-1', group: group(34), actor: pn(34), action: 'add', members: [{ jid: pn(341) }], seconds: at(0) })],
  },
  {
    name: 'reach-out-limit',
    about: 'WhatsApp refuses our first message to a new person with error 463',
    steps: [messageStanza(fromPhone(pn(35), 'LIM-1', 0), text('Hola, somos la panadería')), ackStanza({ id: 'LIM-1', from: pn(35), error: '463', seconds: at(1) })],
  },
];

/** A message whose only field is one Baileys' proto does not know yet, as a newer WhatsApp could send. */
function unknownTypeStanza(who: StanzaFrom): BinaryNode {
  // Field 999 (varint tag 0xBA 0x3E), length-delimited, three bytes.
  return messageStanza(who, { plaintext: Uint8Array.from([0xba, 0x3e, 0x03, 0x01, 0x02, 0x03]) });
}
