import makeWASocket, {
  DEFAULT_CONNECTION_CONFIG,
  initAuthCreds,
  proto,
  writeRandomPadMax16,
  type BaileysEventMap,
  type BinaryNode,
  type SignalDataSet,
  type SignalDataTypeMap,
  type SignalKeyStore,
} from '@whiskeysockets/baileys';
import { WebSocketServer } from 'ws';
import { silentLogger } from './silent-logger';

/**
 * A real Baileys socket whose stanzas come from the test: `push` hands a `<message>`, `<receipt>`,
 * `<ack>`, `<call>` or `<notification>` node to the socket's own handlers (messages-recv: decode,
 * decrypt, cleanMessage, processMessage, the offline queue and the event buffer), and `batches`
 * records what it emits, batch by batch, exactly as our supervisor receives it. Only Signal is
 * faked: the "ciphertext" is the padded protobuf itself, and `UNDECRYPTABLE` fails to decrypt.
 *
 * The socket connects to a silent local WebSocket server, so it never logs in, never times out
 * and never reaches the network; what it sends back (acks, receipts) goes nowhere.
 */

export const wireSelfPn = '5215500000001@s.whatsapp.net';
export const wireSelfLid = '100000000000001@lid';

/** Ciphertext the fake Signal layer cannot decrypt: Baileys then files WhatsApp's "waiting for this message" stub. */
export const UNDECRYPTABLE = new TextEncoder().encode('UNDECRYPTABLE');

/** One flush of Baileys' event buffer: the events in the order our listeners get them. */
export type EventBatch = Partial<BaileysEventMap>;

export interface WireSocket {
  /**
   * Hands one stanza to the socket, as if WhatsApp had sent it, and returns the batches it caused
   * once they are out (`expectEvents: false` for a stanza that should cause none).
   */
  push(node: BinaryNode, options?: { expectEvents?: boolean }): Promise<EventBatch[]>;
  /** Everything emitted so far, connection updates left out. */
  readonly batches: EventBatch[];
  close(): Promise<void>;
}

function memoryKeys(): SignalKeyStore {
  const data = new Map<string, unknown>();
  return {
    get: async <T extends keyof SignalDataTypeMap>(type: T, ids: string[]) => {
      const found: { [id: string]: SignalDataTypeMap[T] } = {};
      for (const id of ids) {
        const value = data.get(`${type}:${id}`);
        if (value !== undefined) found[id] = value as SignalDataTypeMap[T];
      }
      return found;
    },
    set: async (set: SignalDataSet) => {
      for (const [type, values] of Object.entries(set)) {
        for (const [id, value] of Object.entries(values ?? {})) {
          if (value === null || value === undefined) data.delete(`${type}:${id}`);
          else data.set(`${type}:${id}`, value);
        }
      }
    },
  };
}

const sameBytes = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);
/** The fake Signal layer: "ciphertext" is the plaintext, except UNDECRYPTABLE. */
export const fakeDecrypt = (ciphertext: Uint8Array) => {
  if (sameBytes(ciphertext, UNDECRYPTABLE)) throw new Error('No session record');
  return ciphertext;
};

/** The silent server every wire socket connects to (one per test file is enough). */
async function silentServer() {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const { port } = server.address() as { port: number };
  const connected = new Promise<void>((resolve) => server.once('connection', () => resolve()));
  return { url: `ws://127.0.0.1:${port}/ws/chat`, connected, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

// Baileys handles a node over a few promise turns and timers (mutexes, the buffer's flush): a
// stanza is done when its first batch is out and nothing followed for a moment.
const QUIET_MS = 40;
const FIRST_BATCH_WITHIN_MS = 3_000;

export async function openWireSocket(): Promise<WireSocket> {
  const server = await silentServer();
  const creds = initAuthCreds();
  creds.me = { id: wireSelfPn.replace('@', ':7@'), lid: wireSelfLid.replace('@', ':7@'), name: 'Tienda' };
  const sock = makeWASocket({
    auth: { creds, keys: memoryKeys() },
    logger: silentLogger(),
    waWebSocketUrl: server.url,
    connectTimeoutMs: 24 * 3_600_000,
    keepAliveIntervalMs: 24 * 3_600_000,
    markOnlineOnConnect: false,
    // The retry receipt of an undecryptable message goes nowhere here: no need to pause after it.
    retryRequestDelayMs: 0,
    // The LID lookup over USync gets no answer here: only the mappings a test stores are known.
    makeSignalRepository: (auth, logger) => ({
      ...DEFAULT_CONNECTION_CONFIG.makeSignalRepository(auth, logger, async () => undefined),
      decryptMessage: async ({ ciphertext }) => fakeDecrypt(ciphertext),
      decryptGroupMessage: async ({ msg }) => fakeDecrypt(msg),
      processSenderKeyDistributionMessage: async () => undefined,
    }),
  });
  await server.connected;
  // Baileys marks the socket open on the same event: wait for it, or its replies would throw.
  while (!sock.ws.isOpen) await new Promise((resolve) => setTimeout(resolve, 5));
  const batches: EventBatch[] = [];
  let lastEventAt = Date.now();
  sock.ev.process(async (events) => {
    const { 'connection.update': _ignored, ...rest } = events;
    if (Object.keys(rest).length > 0) batches.push(rest);
    lastEventAt = Date.now();
  });
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  const settled = async (before: number, expectEvents: boolean) => {
    const deadline = Date.now() + FIRST_BATCH_WITHIN_MS;
    while (expectEvents && batches.length === before && Date.now() < deadline) await sleep(5);
    do await sleep(QUIET_MS);
    while (Date.now() - lastEventAt < QUIET_MS);
  };
  return {
    batches,
    async push(node, options) {
      const before = batches.length;
      const tag = node.tag === 'ack' ? `CB:ack,class:${node.attrs.class}` : `CB:${node.tag}`;
      sock.ws.emit(tag, node);
      await settled(before, options?.expectEvents ?? true);
      return batches.slice(before);
    },
    async close() {
      await sock.end(undefined);
      await server.close();
    },
  };
}

/** Who a stanza is from: a person (their JID) or a group (its JID plus the member who wrote). */
export interface StanzaFrom {
  id: string;
  from: string;
  participant?: string;
  /** The sender's other identity, as the server adds it (`sender_pn`, `participant_lid`…). */
  senderAlt?: string;
  seconds: number;
  pushName?: string;
  /** Queued by WhatsApp while we were away: Baileys then upserts it as 'append'. */
  offline?: boolean;
  /** A message we sent from the phone: the stanza names the chat as `recipient`. */
  recipient?: string;
}

/** The content: a message, bytes as they would decrypt (a type Baileys does not know), or none that can be read. */
export type StanzaBody = { message: proto.IMessage } | { plaintext: Uint8Array } | { undecryptable: true } | { viewOnceUnavailable: true };

/** A `<message>` stanza as WhatsApp sends it, its content "encrypted" for the fake Signal layer. */
export function messageStanza(from: StanzaFrom, body: StanzaBody): BinaryNode {
  const attrs: Record<string, string> = { id: from.id, from: from.from, t: String(from.seconds), type: 'text' };
  if (from.participant) attrs.participant = from.participant;
  if (from.pushName) attrs.notify = from.pushName;
  if (from.offline) attrs.offline = '1';
  if (from.recipient) attrs.recipient = from.recipient;
  if (from.senderAlt) {
    const role = from.participant ? 'participant' : 'sender';
    attrs[from.senderAlt.endsWith('@lid') ? `${role}_lid` : `${role}_pn`] = from.senderAlt;
  }
  const isGroup = from.from.endsWith('@g.us');
  const content: BinaryNode[] = [];
  if ('viewOnceUnavailable' in body) content.push({ tag: 'unavailable', attrs: { type: 'view_once' } });
  else {
    const plain = 'message' in body ? proto.Message.encode(body.message).finish() : 'plaintext' in body ? body.plaintext : undefined;
    const payload = plain ? writeRandomPadMax16(plain) : UNDECRYPTABLE;
    content.push({ tag: 'enc', attrs: { v: '2', type: isGroup ? 'skmsg' : 'msg' }, content: payload });
  }
  return { tag: 'message', attrs, content };
}

/** A delivery (`type` absent), read, played or read-self receipt of one or more of our messages. */
export function receiptStanza(options: { ids: string[]; from: string; participant?: string; recipient?: string; type?: 'read' | 'played' | 'read-self'; seconds: number }): BinaryNode {
  const [first, ...rest] = options.ids;
  const attrs: Record<string, string> = { id: first!, from: options.from, t: String(options.seconds) };
  if (options.participant) attrs.participant = options.participant;
  if (options.recipient) attrs.recipient = options.recipient;
  if (options.type) attrs.type = options.type;
  const content = rest.length > 0 ? [{ tag: 'list', attrs: {}, content: rest.map((id) => ({ tag: 'item', attrs: { id } })) }] : undefined;
  return { tag: 'receipt', attrs, ...(content ? { content } : {}) };
}

/** The server's acknowledgement of a message we sent; `error` when it refused it (463: reach-out limit). */
export function ackStanza(options: { id: string; from: string; error?: string; seconds: number }): BinaryNode {
  return { tag: 'ack', attrs: { id: options.id, from: options.from, class: 'message', t: String(options.seconds), ...(options.error ? { error: options.error } : {}) } };
}

/** One step of an incoming call: `offer` rings, `timeout` is a call nobody answered, `terminate` ends it. */
export function callStanza(options: { callId: string; from: string; status: 'offer' | 'timeout' | 'terminate'; video?: boolean; seconds: number; stanzaId: string }): BinaryNode {
  const child: BinaryNode = {
    tag: options.status === 'offer' ? 'offer' : 'terminate',
    attrs: { 'call-id': options.callId, 'call-creator': options.from, ...(options.status === 'timeout' ? { reason: 'timeout' } : {}) },
    content: options.status === 'offer' && options.video ? [{ tag: 'video', attrs: {} }] : undefined,
  };
  return { tag: 'call', attrs: { id: options.stanzaId, from: options.from, t: String(options.seconds) }, content: [child] };
}

/** A group notification (w:gp2): `add`, `remove`, `promote`, `subject`… with the members it concerns. */
export function groupNotification(options: {
  id: string;
  group: string;
  actor: string;
  action: 'add' | 'remove' | 'promote' | 'demote' | 'leave';
  members: { jid: string; phoneNumber?: string }[];
  seconds: number;
}): BinaryNode {
  return {
    tag: 'notification',
    attrs: { id: options.id, from: options.group, type: 'w:gp2', participant: options.actor, t: String(options.seconds) },
    content: [
      {
        tag: options.action,
        attrs: {},
        content: options.members.map((m) => ({ tag: 'participant', attrs: { jid: m.jid, ...(m.phoneNumber ? { phone_number: m.phoneNumber } : {}) } })),
      },
    ],
  };
}
