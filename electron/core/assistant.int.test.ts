import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { AccountDto, AssistantConfigDto, ChatDto, ChatHandlerStateDto, EventBatch, MessageDto } from '../../shared/contract';
import { defaultHandoverMessages } from '../../shared/contract';
import { createCore, type Core } from './create-core';

const TOLD = defaultHandoverMessages.es;
import { knowledgeModel, startFakeOpenAiServer, type FakeOpenAiServer } from './testing/fake-openai-server';
import { recordedOutboundTexts } from './testing/recorded-sends';
import { waitFor } from './testing/wait-for';
import { waMessage } from './testing/wa-messages';
import { baileysSocketFactory, type WhatsAppSocket } from './whatsapp/socket-factory';
import { coreCaller } from './testing/core-call';

// Real Baileys against crabline's local WhatsApp server, the real openai SDK against a local
// OpenAI-compatible server: the assistant end to end, through the contract like the app uses it.
describe('the assistant on a practice account', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'mostrador-assistant-int-'));
  let core: Core | undefined;
  let openai: FakeOpenAiServer | undefined;
  afterEach(async () => {
    await core?.close();
    await openai?.close();
    core = undefined;
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('answers a price from the business knowledge, hands over on request, and stays quiet after the owner writes from the phone', async () => {
    openai = await startFakeOpenAiServer({ fallback: knowledgeModel });
    const sockets: WhatsAppSocket[] = [];
    const c = await createCore({
      dataDir,
      mode: 'headless',
      version: 'test',
      dataKey: randomBytes(32),
      logLevel: process.env.TEST_LOG_LEVEL ?? 'warn',
      validateResponses: true,
      assistantDebounceMs: 300,
      // The real Baileys socket, kept so the test can play a message typed on the owner's phone.
      socketFactory: (config) => {
        const socket = baileysSocketFactory(config);
        sockets.push(socket);
        return socket;
      },
    });
    core = c;
    const batches: EventBatch[] = [];
    c.subscribe((b) => batches.push(b));
    const call = coreCaller(c);
    const account = await call<AccountDto>('accounts.addPractice', { label: 'Panadería' });
    await waitFor(() => batches.some((b) => b.topic === 'account.status' && (b.items as AccountDto[]).some((a) => a.id === account.id && a.state === 'connected')), {
      what: 'connected',
    });
    const config = await call<AssistantConfigDto>('assistant.update', {
      accountId: account.id,
      apiKey: 'sk-int-test',
      settings: {
        enabled: true,
        baseUrl: openai.baseUrl,
        model: 'gpt-4o-mini',
        knowledge: 'Pan de muerto: $45 la pieza\nHorario: lunes a sábado de 8 a 20 h',
        tone: 'Cercano, de tú',
      },
    });
    expect(config).toMatchObject({ hasKey: true, settings: { enabled: true } });
    // Saving ran the connection test: the card says it works before any customer writes.
    await waitFor(async () => (await call<AssistantConfigDto>('assistant.get', { accountId: account.id })).status.at !== null, { what: 'connection test' });
    expect(openai.requests[0]!.body.max_tokens).toBe(1);
    const answerCalls = () => openai!.requests.filter((r) => r.body.max_tokens !== 1);
    expect(JSON.stringify(config)).not.toContain('sk-int-test');
    const recorder = join(dataDir, 'practice', `${account.id}.jsonl`);
    const customer = { accountId: account.id, customerName: 'Ana', phone: '+52 55 1234 5678' };

    // 1. A price question is answered from the business knowledge, through the outbox.
    await call('practice.simulateInbound', { ...customer, text: 'Hola, ¿qué precio tiene el pan de muerto?' });
    await waitFor(() => recordedOutboundTexts(recorder).includes('Pan de muerto: $45 la pieza'), { what: 'the answer on the wire' });
    const chat = await waitFor(() => batches.filter((b) => b.topic === 'chats.upserted').flatMap((b) => b.items as ChatDto[]).find((x) => x.jid === '525512345678@s.whatsapp.net'), {
      what: 'chat',
    });
    await waitFor(async () => (await call<MessageDto[]>('messages.list', { chatId: chat.id })).some((m) => m.fromMe && m.status === 'sent'), { what: 'answer stored as sent' });
    expect(answerCalls()[0]!.authorization).toBe('Bearer sk-int-test');

    // 2. Asking for a person: handover, and silence afterwards.
    await call('practice.simulateInbound', { ...customer, text: 'Mejor quiero hablar con una persona' });
    await waitFor(async () => (await call<{ chats: ChatHandlerStateDto[] }>('assistant.handlers')).chats.find((x) => x.chatId === chat.id)?.handler === 'waiting', {
      what: 'waiting for a person',
    });
    await call('practice.simulateInbound', { ...customer, text: '¿Cuál es el horario?' });
    await waitFor(async () => (await call<MessageDto[]>('messages.list', { chatId: chat.id })).some((m) => m.text === '¿Cuál es el horario?'), { what: 'stored' });
    await new Promise((r) => setTimeout(r, 800));
    expect(answerCalls()).toHaveLength(1);
    // Asking for a person: the customer is told one will answer.
    expect(recordedOutboundTexts(recorder)).toEqual(['Pan de muerto: $45 la pieza', TOLD]);

    // 3. Given back, it answers again; then the owner types on the phone (a fromMe notify) and it goes quiet.
    await call('assistant.setHandler', { chatId: chat.id, handler: 'assistant' });
    await call('practice.simulateInbound', { ...customer, text: '¿Y el horario de la tienda?' });
    await waitFor(() => recordedOutboundTexts(recorder).includes('Horario: lunes a sábado de 8 a 20 h'), { what: 'second answer' });
    // Crabline's admin inbound cannot send as the owner; the owner's phone message is played into
    // Baileys' own event stream exactly as Baileys emits it (notify, key.fromMe = true).
    sockets.at(-1)!.ev.emit('messages.upsert', {
      type: 'notify',
      messages: [waMessage({ id: '3EB0PHONE0001', remoteJid: chat.jid, fromMe: true, message: { conversation: 'Te atiendo yo, Ana' }, seconds: Math.floor(Date.now() / 1000) })],
    });
    await waitFor(async () => (await call<{ chats: ChatHandlerStateDto[] }>('assistant.handlers')).chats.find((x) => x.chatId === chat.id)?.handler === 'person', {
      what: 'a person handles it',
    });
    const requestsBefore = answerCalls().length;
    await call('practice.simulateInbound', { ...customer, text: 'Gracias, ¿el pan de muerto tiene nuez?' });
    await waitFor(async () => (await call<MessageDto[]>('messages.list', { chatId: chat.id })).some((m) => m.text?.includes('nuez')), { what: 'stored' });
    await new Promise((r) => setTimeout(r, 800));
    expect(answerCalls()).toHaveLength(requestsBefore);
    expect(recordedOutboundTexts(recorder)).toEqual(['Pan de muerto: $45 la pieza', TOLD, 'Horario: lunes a sábado de 8 a 20 h']);

    // Every message is stored exactly once (the order is by second-resolution WhatsApp time, so compare as a set).
    const texts = (await call<MessageDto[]>('messages.list', { chatId: chat.id })).map((m) => m.text);
    expect(texts.sort()).toEqual([
      'Hola, ¿qué precio tiene el pan de muerto?',
      'Pan de muerto: $45 la pieza',
      'Mejor quiero hablar con una persona',
      TOLD,
      '¿Cuál es el horario?',
      '¿Y el horario de la tienda?',
      'Horario: lunes a sábado de 8 a 20 h',
      'Te atiendo yo, Ana',
      'Gracias, ¿el pan de muerto tiene nuez?',
    ].sort());
    const stats = await call<{ days: { answers: number; handovers: number; promptTokens: number }[] }>('assistant.stats', { accountId: account.id });
    expect(stats.days[0]).toMatchObject({ answers: 2, handovers: 1, promptTokens: 240 });
  });
});
