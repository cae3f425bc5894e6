import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountDto, ChatDto, MessageDto, MessageInfoDto } from '../../shared/contract';
import { createCore, type Core } from './create-core';
import { coreCaller } from './testing/core-call';
import { corpusCases } from './testing/corpus/corpus-cases';
import { loadCase, replayInto } from './testing/corpus/corpus-replay';
import { startFakeOpenAiServer, type FakeOpenAiServer } from './testing/fake-openai-server';
import { fakeSocketFactory, type FakeSocket } from './testing/fake-socket';
import { waitFor } from './testing/wait-for';
import { wireSelfPn } from './testing/wire-socket';

/**
 * The recorded corpus (what a real Baileys socket emitted for each case, see corpus-cases.ts)
 * replayed through the whole core, the assistant on: for each case, the chat it lands in, the
 * bubbles, the unread count, and whether the assistant answered.
 */

const pn = (n: number) => `521556${String(n).padStart(7, '0')}@s.whatsapp.net`;
const lid = (n: number) => `${String(200_000_000_000_000 + n)}@lid`;
const group = (n: number) => `1203630000000${String(n).padStart(5, '0')}@g.us`;

interface Expected {
  /** The chat's JID as stored; null when the case must leave no chat at all. */
  chat: string | null;
  title?: string;
  /** Each bubble, oldest first (matched with toMatchObject). */
  bubbles?: Partial<MessageDto>[];
  unread?: number;
  answered: boolean;
}

const ANSWER = 'Con gusto le ayudamos.';
const text = (t: string, fromMe = false): Partial<MessageDto> => ({ type: 'text', text: t, fromMe });

const expected: Record<string, Expected> = {
  text: { chat: pn(1), title: 'Ana', bubbles: [text('¿Tienen pan de muerto?')], unread: 1, answered: true },
  // The owner wrote first from the phone: people have this chat, the assistant stays out.
  quoted: {
    chat: pn(2),
    bubbles: [text('Tenemos conchas y cuernitos', true), { ...text('Dos conchas, por favor'), quoted: { waId: 'QUO-1', fromMe: true, text: 'Tenemos conchas y cuernitos', type: 'text' } }],
    unread: 1,
    answered: false,
  },
  ephemeral: { chat: pn(3), bubbles: [text('Esto desaparece')], unread: 1, answered: true },
  'view-once-v2': { chat: pn(4), bubbles: [{ type: 'viewOnce', text: null }], unread: 1, answered: false },
  'view-once-unavailable': { chat: pn(5), bubbles: [{ type: 'viewOnce', text: null }], unread: 1, answered: false },
  'media-burst': {
    chat: pn(6),
    bubbles: [
      { type: 'imageMessage', text: 'Así lo quiero', media: expect.objectContaining({ kind: 'image' }) },
      { type: 'imageMessage', text: null },
      { type: 'imageMessage', text: null },
    ],
    unread: 3,
    answered: true,
  },
  location: { chat: pn(7), bubbles: [{ type: 'locationMessage', location: { latitude: 19.4326, longitude: -99.1332, name: 'Zócalo', address: 'Centro, CDMX' } }], unread: 1, answered: false },
  vcards: {
    chat: pn(8),
    bubbles: [
      { type: 'contactMessage', sharedContacts: [{ name: 'Beto', phones: ['+52 1 55 1234 5678'] }] },
      { type: 'contactsArrayMessage', sharedContacts: [expect.objectContaining({ name: 'Caro' }), expect.objectContaining({ name: 'Dani' })] },
    ],
    unread: 2,
    answered: false,
  },
  reaction: { chat: pn(9), bubbles: [{ ...text('Su pedido está listo', true), reactions: [] }], unread: 0, answered: false },
  revoke: { chat: pn(10), bubbles: [{ text: null, deletedAt: expect.any(Number) }], unread: 1, answered: false },
  'revoke-before-message': { chat: pn(11), bubbles: [{ text: null, deletedAt: expect.any(Number) }], answered: false },
  'edit-customer': { chat: pn(12), bubbles: [{ ...text('Quiero 3 conchas'), editedAt: expect.any(Number) }], unread: 1, answered: true },
  'edit-customer-secret': { chat: pn(13), bubbles: [{ ...text('Quiero 8 bolillos'), editedAt: expect.any(Number) }], unread: 1, answered: true },
  'edit-own-from-phone': { chat: pn(14), bubbles: [{ ...text('Son $45', true), editedAt: expect.any(Number) }], unread: 0, answered: false },
  'lid-with-alt': { chat: pn(15), bubbles: [text('Hola desde LID')], unread: 1, answered: true },
  'lid-without-alt': { chat: lid(16), bubbles: [text('¿Quién soy?')], unread: 1, answered: true },
  'pn-with-alt': { chat: pn(17), bubbles: [text('Hola con número')], unread: 1, answered: true },
  // The assistant answers one-to-one chats only.
  group: { chat: group(18), bubbles: [{ ...text('¿Abren el domingo?'), senderName: 'Ema' }, text('Sí, de 9 a 14', true)], unread: 1, answered: false },
  'own-append-and-notify': { chat: pn(19), bubbles: [text('Mensaje de anoche', true), text('Buenos días', true)], unread: 0, answered: false },
  acks: { chat: pn(20), bubbles: [{ ...text('Ya salió su pedido', true), status: 'read' }], unread: 0, answered: false },
  'group-receipts': { chat: group(21), bubbles: [{ ...text('Promoción: 2x1 hoy', true), status: 'sent' }], unread: 0, answered: false },
  // Read on the phone: nothing left unread, and the owner is looking at it.
  'read-self': { chat: pn(22), bubbles: [text('¿Hay envío?'), text('¿A Coyoacán?')], unread: 0, answered: true },
  // History never reaches the assistant and never counts unread.
  'history-with-lid-mappings': { chat: pn(23), bubbles: [text('Gracias por todo'), text('A usted', true)], unread: 0, answered: false },
  'history-without-lid-mappings': { chat: lid(24), bubbles: [text('Pedido de ayer')], unread: 0, answered: false },
  'status-broadcast': { chat: null, answered: false },
  poll: { chat: pn(27), bubbles: [{ type: 'pollCreationMessageV3' }], unread: 1, answered: false },
  event: { chat: pn(28), bubbles: [{ type: 'eventMessage' }], unread: 1, answered: false },
  'unknown-type': { chat: pn(29), bubbles: [{ type: 'unsupported' }], unread: 1, answered: false },
  'undecryptable-then-resolved': { chat: pn(30), bubbles: [text('¿Me apartan un pastel?')], unread: 1, answered: true },
  'long-text': { chat: pn(31), bubbles: [{ type: 'text', text: expect.stringMatching(/^Pedido: pan pan/) }], unread: 1, answered: true },
  'missed-call': { chat: pn(32), bubbles: [{ type: 'stub:CALL_MISSED_VOICE' }], unread: 1, answered: false },
  'answered-call': { chat: null, answered: false },
  'group-member-added': { chat: group(34), bubbles: [{ type: 'stub:GROUP_PARTICIPANT_ADD' }], unread: 0, answered: false },
  'reach-out-limit': { chat: pn(35), bubbles: [{ ...text('Hola, somos la panadería', true), status: 'failed' }], unread: 0, answered: false },
};

describe('the real-traffic corpus through the whole core', () => {
  let core: Core;
  let openai: FakeOpenAiServer;
  let socket: FakeSocket;
  let call: ReturnType<typeof coreCaller>;
  const chatsByJid = new Map<string, ChatDto>();
  const dataDir = mkdtempSync(join(tmpdir(), 'mostrador-corpus-'));

  beforeAll(async () => {
    openai = await startFakeOpenAiServer({ fallback: () => ({ reply: [ANSWER] }) });
    const { factory, sockets } = fakeSocketFactory();
    core = await createCore({
      dataDir,
      mode: 'headless',
      version: 'test',
      dataKey: randomBytes(32),
      logLevel: 'silent',
      validateResponses: true,
      assistantDebounceMs: 100,
      whatsappSocketFactory: factory,
      mediaFetcher: async () => Buffer.from('not really a jpeg'),
    });
    call = coreCaller(core);
    const account = await call<AccountDto>('accounts.addWhatsApp', { label: 'Panadería' });
    socket = await waitFor(() => sockets[0], { what: 'socket' });
    socket.user = { id: wireSelfPn.replace('@', ':7@'), name: 'Panadería' };
    socket.ev.emit('connection.update', { connection: 'open' });
    await waitFor(async () => (await call<AccountDto[]>('accounts.list'))[0]?.state === 'connected', { what: 'connected' });
    await call('assistant.update', {
      accountId: account.id,
      apiKey: 'sk-corpus',
      settings: { enabled: true, baseUrl: openai.baseUrl, model: 'gpt-4o-mini', knowledge: 'Pan dulce y pasteles', tone: 'Amable' },
    });

    for (const corpusCase of corpusCases) replayInto(socket, loadCase(corpusCase.name));
    // Every chat the corpus should leave is there, then the assistant's answers have gone out.
    const wanted = Object.values(expected).flatMap((e) => (e.chat ? [e.chat] : []));
    await waitFor(
      async () => {
        for (const chat of await call<ChatDto[]>('chats.list', { limit: 200 })) chatsByJid.set(chat.jid, chat);
        return wanted.every((jid) => chatsByJid.has(jid));
      },
      { what: 'every chat of the corpus', timeoutMs: 20_000 },
    );
    const answeredJids = Object.values(expected).flatMap((e) => (e.answered && e.chat ? [e.chat] : []));
    await waitFor(() => answeredJids.every((jid) => socket.sent.some((s) => s.jid === jid)), { what: 'the answers', timeoutMs: 20_000 });
    // Long enough for a wrong answer to show up too.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    for (const chat of await call<ChatDto[]>('chats.list', { limit: 200 })) chatsByJid.set(chat.jid, chat);
  }, 60_000);

  afterAll(async () => {
    await core?.close();
    await openai?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('has an expectation for every recorded case', () => {
    expect(Object.keys(expected).sort()).toEqual(corpusCases.map((c) => c.name).sort());
  });

  it.each(corpusCases.map((c) => [c.name, c.about]))('%s: %s', async (name) => {
    const want = expected[name]!;
    const sentTo = (jid: string) => socket.sent.filter((s) => s.jid === jid).length;
    if (!want.chat) {
      // A status update and a call that was answered leave no conversation behind.
      expect([...chatsByJid.keys()].filter((jid) => jid.startsWith('status@') || jid === pn(33))).toEqual([]);
      return;
    }
    const chat = chatsByJid.get(want.chat);
    expect(chat, `chat ${want.chat}`).toBeDefined();
    if (want.title) expect(chat!.title).toBe(want.title);
    if (want.unread !== undefined) expect(chat!.unreadCount, 'unread').toBe(want.unread);
    const bubbles = await call<MessageDto[]>('messages.list', { chatId: chat!.id });
    // The assistant's answers are not part of what the case recorded.
    const recorded = bubbles.filter((b) => !(b.fromMe && b.text === ANSWER));
    if (want.bubbles) expect(recorded).toMatchObject(want.bubbles);
    // Once per customer burst.
    expect(sentTo(want.chat), 'assistant answers').toBe(want.answered ? 1 : 0);
  });

  it('locks the number for new contacts after the 463 on a first message, with no resend', async () => {
    const [account] = await call<AccountDto[]>('accounts.list');
    expect(account!.reachOutLockedUntil).toBeGreaterThan(Date.now());
    // Asked once at connect, once after the refusal; never again for it.
    expect(socket.timelockFetches).toBe(2);
    expect(socket.sent.filter((s) => s.jid === pn(35))).toEqual([]);
  });

  it("keeps the customer's text from before the edit, and each member's receipts", async () => {
    const edited = (await call<MessageDto[]>('messages.list', { chatId: chatsByJid.get(pn(13))!.id }))[0]!;
    expect(await call<MessageInfoDto>('messages.info', { messageId: edited.id })).toMatchObject({ originalText: 'Quiero 5 bolillos' });
    const promo = (await call<MessageDto[]>('messages.list', { chatId: chatsByJid.get(group(21))!.id }))[0]!;
    const info = await call<MessageInfoDto>('messages.info', { messageId: promo.id });
    expect(info.receipts.map((r) => [r.memberJid, r.deliveredAt !== null, r.readAt !== null])).toEqual([
      [pn(212), true, false],
      [pn(211), true, true],
    ]);
  });
});
