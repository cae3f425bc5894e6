import { proto, type WAMessage } from '@whiskeysockets/baileys';
import { accountPalette } from '../../../shared/contract';
import { historyChat, historyChunk, type HistoryChunk } from './history-chunks';
import { seededRandom } from './seeded-random';

/**
 * A seeded shop inbox for volume benchmarks: accounts, chats with a long-tailed number of messages,
 * and each chat's messages as plain specs that become real protos (history chunks) or table rows.
 * Every chat draws from its own generator, so any chat can be rebuilt alone, in any order.
 */

export interface InboxSeedOptions {
  seed: number;
  messages: number;
  chats: number;
  accounts: number;
  /** Epoch ms of the newest message. */
  endMs?: number;
}

export interface SeedAccount {
  id: string;
  label: string;
  color: string;
  phone: string;
}

export interface SeedChat {
  index: number;
  accountId: string;
  jid: string;
  name: string | null;
  group: boolean;
  /** Messages this chat holds. */
  messages: number;
  /** Time of its newest message, epoch seconds. */
  lastSeconds: number;
  unread: number;
  archived: boolean;
  pinned: boolean;
}

export type SeedKind = 'text' | 'image' | 'video' | 'document';

export interface SeedMessage {
  waId: string;
  fromMe: boolean;
  /** The author's JID in a group; null in a direct chat. */
  participant: string | null;
  pushName: string | null;
  seconds: number;
  /** proto.WebMessageInfo.Status of an outgoing message. */
  ack: number | null;
  kind: SeedKind;
  /** Body or caption; null for a caption-less media message. */
  text: string | null;
  quoted: { waId: string; fromMe: boolean; text: string } | null;
  media: { mime: string; fileName: string | null; size: number } | null;
  /** The message content as the phone sends it (plain object with Uint8Array bytes). */
  content: proto.IMessage;
}

export interface InboxPlan {
  options: Required<InboxSeedOptions>;
  accounts: SeedAccount[];
  chats: SeedChat[];
}

// ---------------------------------------------------------------------------------------------
// Words. Ordered roughly by how often a shop's chats use them, so a skewed pick gives Zipf-like text.

/** The vocabulary the text is drawn from, most frequent first (exported so benches pick search terms). */
export const seedVocabulary: readonly string[] = (
  'de la que el en y a los se no por un con las una su para es al lo como más pero sus le ya o ' +
  'sí porque muy sin sobre también me hasta hay donde quien desde todo nos durante todos uno les ni contra ' +
  'hola gracias buenos días buenas tardes noches pedido favor precio cuánto cuesta envío mañana hoy ' +
  'está tienen hay disponible entrega dirección pago transferencia efectivo tarjeta factura recibo ' +
  'pan pastel tamales café leche azúcar harina huevo queso jamón piñata dulces galletas chocolate ' +
  'canción música fiesta cumpleaños regalo niño niña año años señor señora joven mamá papá ' +
  'teléfono número correo ubicación calle colonia código postal ciudad tienda sucursal horario ' +
  'abierto cerrado sábado domingo lunes martes miércoles jueves viernes semana mes próximo último ' +
  'pequeño grande mediano rojo azul verde blanco negro amarillo rosa morado naranja café ' +
  'quiero necesito puedo puede pueden podría sería tenemos queda quedan llegó llega llegará salió ' +
  'enviamos enviaron recibí recibió pagué pagaste depositó confirmo confirmamos listo perfecto claro ' +
  'excelente genial súper bien mal después antes ahorita rápido lento tarde temprano pronto nunca ' +
  'siempre todavía aún también además entonces luego ahí aquí allá cerca lejos dentro fuera encima ' +
  'caja bolsa paquete kilo kilos litro litros pieza piezas docena media orden órdenes cotización ' +
  'descuento promoción oferta garantía devolución cambio talla color modelo marca tamaño calidad ' +
  'información catálogo foto fotos video imagen archivo documento ubicación mapa enlace página ' +
  'jalapeño chile limón aguacate tortilla tortillas frijoles arroz pollo carne res cerdo pescado ' +
  'camarón salsa mole pozole enchiladas quesadilla torta tacos pastor barbacoa carnitas churros ' +
  'atención cliente servicio problema solución pregunta respuesta duda aclaración reclamo queja ' +
  'disculpe perdón lamento agradezco saludos cordiales atentamente bendiciones abrazo besos ' +
  'mayoreo menudeo proveedor mercancía inventario existencia agotado surtido bodega almacén ' +
  'ingeniería química físico médico farmacéutico análisis diagnóstico clínica hospital cita ' +
  'reservación mesa personas evento salón decoración globos flores arreglo ramo corona ' +
  'guía rastreo paquetería mensajería domicilio repartidor moto camión vuelo autobús ' +
  'pingüino cigüeña vergüenza nostalgia ñandú acción razón corazón ilusión emoción'
).split(' ');

const stopWords = new Set(seedVocabulary.slice(0, 52));

/** Words worth searching for (no stop words), in vocabulary order. */
export const seedSearchWords: readonly string[] = [...new Set(seedVocabulary.filter((w) => !stopWords.has(w) && w.length >= 4))];

const cannedPhrases = [
  '¡Hola! ¿Tienen pan de muerto hoy?',
  'Buenos días, ¿a qué hora abren el sábado?',
  'Gracias, ya recibí el pedido 🙏',
  '¿Cuánto cuesta el envío a la colonia Roma?',
  'Le confirmo la transferencia, en un momento le mando el comprobante.',
  'Perfecto, mañana paso a recogerlo.',
  '¿Me puede mandar la ubicación de la sucursal?',
  'Sí, todavía tenemos disponible en talla mediana.',
  'Disculpe la demora, el repartidor ya va en camino 🛵',
  '¿Hacen factura? Necesito la constancia fiscal.',
  'Buenas tardes, quisiera una cotización para 3 docenas de tamales.',
  'Ok 👍',
  'Sí',
  'Gracias!!',
  '¿Siguen abiertos?',
  'Listo, quedo pendiente.',
  'El pastel de chocolate quedó buenísimo, ¡gracias!',
  'Mi número de guía es el 8837 2201 9930.',
  '¿Aceptan pago con tarjeta o sólo efectivo?',
  'Le escribo para una aclaración sobre mi pedido de ayer.',
];

const firstNames = ['María', 'José', 'Ana', 'Luis', 'Sofía', 'Jesús', 'Lucía', 'Andrés', 'Mónica', 'Raúl', 'Inés', 'Tomás', 'Verónica', 'Héctor', 'Begoña', 'Íñigo', 'Ángela', 'Joaquín', 'Guadalupe', 'Martín'];
const lastNames = ['Fernández', 'González', 'Pérez', 'López', 'Martínez', 'Sánchez', 'Ramírez', 'Núñez', 'Díaz', 'Gómez', 'Jiménez', 'Muñoz', 'Álvarez', 'Hernández', 'Rodríguez', 'Ibáñez', 'Peña', 'Ortiz', 'Ruiz', 'Castañeda'];
const groupNames = ['Pedidos — Colonia Roma', 'Mayoreo Panadería', 'Familia 🎉', 'Proveedores harina', 'Repartidores turno mañana', 'Clientes frecuentes', 'Eventos y pasteles'];
const emoji = ['👍', '🙏', '😊', '🎂', '❤️', '😂', '🛵', '✅'];

// ---------------------------------------------------------------------------------------------

const DAY = 86_400;

/** Accounts and chats; each chat's message count follows a long tail (a few chats hold thousands). */
export function planInbox(options: InboxSeedOptions): InboxPlan {
  const o: Required<InboxSeedOptions> = { endMs: 1_735_689_600_000, ...options, chats: Math.min(options.chats, options.messages) };
  const random = seededRandom(o.seed);
  const endSeconds = Math.floor(o.endMs / 1000);
  const accounts: SeedAccount[] = Array.from({ length: o.accounts }, (_, a) => ({
    id: `acc-${String(a + 1).padStart(2, '0')}`,
    label: `Sucursal ${a + 1}`,
    color: accountPalette[a % accountPalette.length]!,
    phone: `52155${String(10_000_000 + a * 1_234_567).slice(-8)}`,
  }));

  const weights: number[] = [];
  const chats: SeedChat[] = [];
  for (let c = 0; c < o.chats; c++) {
    const group = random() < 0.03;
    const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
    const name = group
      ? `${pick(groupNames)} ${c % 97}`
      : random() < 0.85
        ? `${pick(firstNames)} ${pick(lastNames)}${random() < 0.3 ? ` ${pick(lastNames)}` : ''}`
        : null;
    // 7_368_787 is coprime with 9e7, so every chat of an account gets its own number.
    const jid = group ? `120363${String(100_000_000_000 + c)}@g.us` : `5215${String(10_000_000 + ((c * 7_368_787) % 90_000_000))}@s.whatsapp.net`;
    weights.push((1 - random()) ** -0.7);
    chats.push({
      index: c,
      accountId: accounts[Math.floor((c * o.accounts) / o.chats)]!.id,
      jid,
      name,
      group,
      messages: 1,
      // Most chats were active lately; a few last wrote two years ago.
      lastSeconds: endSeconds - Math.floor(730 * DAY * random() ** 3),
      unread: random() < 0.1 ? 1 + Math.floor(random() * 5) : 0,
      archived: random() < 0.01,
      pinned: random() < 0.0004,
    });
  }
  // One message each, the rest in proportion to the weights; rounding leftovers go round-robin.
  const spare = o.messages - o.chats;
  const total = weights.reduce((s, w) => s + w, 0);
  let given = 0;
  for (const chat of chats) {
    const extra = Math.floor((weights[chat.index]! * spare) / total);
    chat.messages += extra;
    given += extra;
  }
  for (let i = 0; given < spare; i = (i + 1) % chats.length, given++) chats[i]!.messages += 1;
  return { options: o, accounts, chats };
}

const hexDigits = '0123456789ABCDEF';

/** A chat's messages, oldest first. */
export function chatMessages(plan: InboxPlan, chat: SeedChat): SeedMessage[] {
  const random = seededRandom((Math.imul(plan.options.seed, 31) + Math.imul(chat.index + 1, 2_654_435_761)) >>> 0);
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const hex = (n: number) => {
    let s = '';
    for (let i = 0; i < n; i++) s += hexDigits[Math.floor(random() * 16)];
    return s;
  };
  const bytes = (n: number) => {
    const b = new Uint8Array(n);
    for (let i = 0; i < n; i++) b[i] = Math.floor(random() * 256);
    return b;
  };
  const word = () => seedVocabulary[Math.floor(seedVocabulary.length * random() ** 3)]!;
  const sentence = () => {
    if (random() < 0.25) return pick(cannedPhrases);
    const words = Array.from({ length: int(1, 4) + int(0, 4) * int(0, 3) }, word);
    const first = words[0]!;
    words[0] = first[0]!.toUpperCase() + first.slice(1);
    let s = words.join(' ');
    const roll = random();
    if (roll < 0.2) s = `¿${s}?`;
    else if (roll < 0.25) s = `¡${s}!`;
    else if (roll < 0.3) s += ` $${int(20, 2500)}`;
    if (random() < 0.08) s += ` ${pick(emoji)}`;
    return s;
  };

  const members = chat.group
    ? Array.from({ length: int(3, 20) }, () => ({
        jid: `5215${String(int(10_000_000, 99_999_999))}@s.whatsapp.net`,
        name: `${pick(firstNames)} ${pick(lastNames)}`,
      }))
    : [];
  const customerName = chat.name ?? `${pick(firstNames)} ${pick(lastNames)}`;

  // Times, newest first: bursts of replies minutes apart, then hours or days of silence.
  const times: number[] = [];
  let t = chat.lastSeconds;
  for (let i = 0; i < chat.messages; i++) {
    times.push(t);
    const roll = random();
    t -= roll < 0.7 ? int(10, 600) : roll < 0.95 ? int(3600, DAY) : int(DAY, 30 * DAY);
  }
  times.reverse();

  const out: SeedMessage[] = [];
  for (let i = 0; i < chat.messages; i++) {
    const fromMe = random() < 0.45;
    const member = chat.group && !fromMe ? pick(members) : null;
    const seconds = times[i]!;
    const roll = random();
    const kind: SeedKind = roll < 0.012 ? 'image' : roll < 0.015 ? 'video' : roll < 0.02 ? 'document' : 'text';
    const quotedFrom = kind === 'text' && i > 0 && random() < 0.05 ? out[Math.max(0, i - int(1, 10))] : undefined;
    let text: string | null = sentence();
    let content: proto.IMessage;
    let media: SeedMessage['media'] = null;
    let quoted: SeedMessage['quoted'] = null;
    if (kind === 'text') {
      if (quotedFrom) {
        const quotedText = quotedFrom.text ?? `[${quotedFrom.kind}]`;
        quoted = { waId: quotedFrom.waId, fromMe: quotedFrom.fromMe, text: quotedText };
        const quotedAuthor = quotedFrom.fromMe ? `${plan.accounts.find((a) => a.id === chat.accountId)!.phone}@s.whatsapp.net` : (quotedFrom.participant ?? chat.jid);
        content = { extendedTextMessage: { text, contextInfo: { stanzaId: quotedFrom.waId, participant: quotedAuthor, quotedMessage: { conversation: quotedText } } } };
      } else if (random() < 0.15) {
        text = `${text} https://tienda.example.mx/p/${int(1000, 99_999)}`;
        content = { extendedTextMessage: { text, matchedText: text.slice(text.indexOf('https')), previewType: 0 } };
      } else {
        content = { conversation: text };
      }
    } else {
      const size = kind === 'video' ? int(500_000, 15_000_000) : kind === 'image' ? int(40_000, 400_000) : int(20_000, 3_000_000);
      const mime = kind === 'image' ? 'image/jpeg' : kind === 'video' ? 'video/mp4' : pick(['application/pdf', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet']);
      const fileName = kind === 'document' ? `${pick(['Cotización', 'Factura', 'Catálogo', 'Menú'])} ${int(1, 999)}.${mime === 'application/pdf' ? 'pdf' : 'xlsx'}` : null;
      media = { mime, fileName, size };
      const common = {
        url: `https://mmg.whatsapp.net/v/t62.7118-24/${hex(20)}.enc`,
        mimetype: mime,
        caption: text,
        fileSha256: bytes(32),
        fileLength: size,
        mediaKey: bytes(32),
        fileEncSha256: bytes(32),
        directPath: `/v/t62.7118-24/${hex(20)}.enc?ccb=11-4`,
        mediaKeyTimestamp: seconds,
      };
      content =
        kind === 'image'
          ? { imageMessage: { ...common, height: 1280, width: 960, jpegThumbnail: bytes(int(400, 900)) } }
          : kind === 'video'
            ? { videoMessage: { ...common, seconds: int(3, 120), jpegThumbnail: bytes(int(400, 900)) } }
            : { documentMessage: { ...common, fileName, title: fileName, pageCount: int(1, 20) } };
    }
    // Recent phones send a per-message secret (polls, edits); about a third of history carries one.
    if (random() < 0.3) content.messageContextInfo = { messageSecret: bytes(32) };
    out.push({
      waId: fromMe ? `3EB0${hex(18)}` : hex(32),
      fromMe,
      participant: member?.jid ?? null,
      pushName: fromMe ? null : (member?.name ?? customerName),
      seconds,
      ack: fromMe ? (i >= chat.messages - 2 ? proto.WebMessageInfo.Status.DELIVERY_ACK : proto.WebMessageInfo.Status.READ) : null,
      kind,
      text,
      quoted,
      media,
      content,
    });
  }
  return out;
}

/**
 * The message as history sync delivers it: a proto.WebMessageInfo with Long timestamps and
 * without Baileys-only key fields. `fromObject` builds what `decode` would, at a fifth of the cost
 * of an encode/decode round trip, which matters at a million messages.
 */
export function toWAMessage(chat: SeedChat, m: SeedMessage): WAMessage {
  return proto.WebMessageInfo.fromObject({
    key: { remoteJid: chat.jid, fromMe: m.fromMe, id: m.waId, ...(m.participant ? { participant: m.participant } : {}) },
    message: m.content,
    messageTimestamp: m.seconds,
    ...(m.pushName ? { pushName: m.pushName } : {}),
    ...(m.ack !== null ? { status: m.ack } : {}),
  }) as WAMessage;
}

export interface SeedChunk {
  accountId: string;
  chats: SeedChat[];
  chunk: HistoryChunk;
  messages: number;
}

/**
 * The plan as `messaging-history.set` chunks: one account per chunk, whole chats, about
 * `messagesPerChunk` messages each (WhatsApp sends a conversation with its messages).
 */
export function* historyChunks(plan: InboxPlan, messagesPerChunk = 10_000): Generator<SeedChunk> {
  let group: SeedChat[] = [];
  let count = 0;
  const emit = (): SeedChunk => {
    const messages: WAMessage[] = [];
    for (const chat of group) for (const m of chatMessages(plan, chat)) messages.push(toWAMessage(chat, m));
    const chats = group.map((c) => historyChat({ id: c.jid, ...(c.name ? { name: c.name } : {}), ...(c.unread ? { unreadCount: c.unread } : {}), conversationTimestamp: c.lastSeconds }));
    const result = { accountId: group[0]!.accountId, chats: group, chunk: historyChunk({ chats, messages }), messages: messages.length };
    group = [];
    count = 0;
    return result;
  };
  for (const chat of plan.chats) {
    if (group.length > 0 && (group[0]!.accountId !== chat.accountId || count + chat.messages > messagesPerChunk)) yield emit();
    group.push(chat);
    count += chat.messages;
  }
  if (group.length > 0) yield emit();
}
