import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { openAssistantHarness } from '../testing/assistant-harness';
import { lastCustomerText } from '../testing/fake-openai-server';
import { waMessage } from '../testing/wa-messages';
import { silentLogger } from '../testing/silent-logger';
import { defaultHandoverMessages } from '../../../shared/contract';
import { getAssistantRow } from './assistant-store';
import { createResponder } from './responder';

const HOUR = 3_600_000;
/** What the customer is told on a handover by default (the workstation speaks Spanish unless set). */
const TOLD = defaultHandoverMessages.es;

describe('the assistant answers live customer messages', () => {
  it('answers a question once, through the outbox, with the business knowledge and only two tools', async () => {
    const h = await openAssistantHarness();
    h.server.next({ reply: ['El pan de muerto cuesta $45.'] });
    await h.customerSays('¿Cuánto cuesta el pan de muerto?');
    expect(h.server.requests).toHaveLength(0);

    await h.settle();
    expect(h.sender.texts).toEqual(['El pan de muerto cuesta $45.']);
    expect(h.messages().map((m) => [m.text, m.status])).toEqual([
      ['¿Cuánto cuesta el pan de muerto?', 'received'],
      ['El pan de muerto cuesta $45.', 'sent'],
    ]);
    const [request] = h.server.requests;
    expect(request!.authorization).toBe('Bearer sk-test-123');
    expect(request!.body.model).toBe('gpt-test');
    expect(request!.body.tools!.map((t) => t.function.name)).toEqual(['reply', 'hand_over']);
    expect(request!.body.messages[0]!.role).toBe('system');
    expect(request!.body.messages[0]!.content).toContain('Pan de muerto: $45');
    expect(request!.body.messages[0]!.content).toContain('language the customer writes in');
    // The customer's words travel as data in a user message, never inside the instructions.
    expect(request!.body.messages.slice(1)).toEqual([{ role: 'user', content: '¿Cuánto cuesta el pan de muerto?' }]);
    expect(h.presence.map((p) => p.state)).toEqual(['composing', 'paused']);
    expect(h.handler()).toBe('assistant');

    // Nothing new: no second answer, however long we wait.
    await h.settle(60_000);
    expect(h.server.requests).toHaveLength(1);
  });

  it('answers a burst of messages once', async () => {
    const h = await openAssistantHarness();
    h.server.next({ reply: ['¡Hola Ana! Sí, tenemos pan de muerto a $45.'] });
    await h.customerSays('Hola');
    h.clock.advance(2_000);
    await h.customerSays('una pregunta');
    h.clock.advance(2_000);
    await h.customerSays('¿tienen pan de muerto?');
    await h.settle();
    expect(h.server.requests).toHaveLength(1);
    expect(h.server.requests[0]!.body.messages.slice(1).map((m) => m.content)).toEqual(['Hola', 'una pregunta', '¿tienen pan de muerto?']);
    expect(h.sender.texts).toHaveLength(1);
  });

  it('answers a burst that never pauses at the latest after the longest wait', async () => {
    const h = await openAssistantHarness({ deps: { maxWaitMs: 10_000 } });
    for (let i = 0; i < 6; i++) {
      await h.customerSays(`mensaje ${i}`);
      h.clock.advance(2_000);
    }
    await h.responder.idle();
    expect(h.server.requests).toHaveLength(1);
  });

  it('splits a long answer into several WhatsApp messages, in order', async () => {
    const h = await openAssistantHarness();
    const long = 'Tenemos pan de muerto, conchas y bolillos. '.repeat(30).trim();
    h.server.next({ reply: ['Claro:', long] });
    await h.customerSays('¿Qué panes tienen?');
    await h.settle();
    expect(h.sender.texts.length).toBeGreaterThan(2);
    expect(h.sender.texts[0]).toBe('Claro:');
    for (const text of h.sender.texts) expect(text.length).toBeLessThanOrEqual(700);
  });

  it('answers a message that arrived while the model was thinking, without answering the first twice', async () => {
    const h = await openAssistantHarness();
    h.server.next({ reply: ['Sí, a $45.'], delayMs: 300 });
    h.server.next({ reply: ['Abrimos a las 9.'] });
    await h.customerSays('¿Tienen pan de muerto?');
    h.clock.advance(5_000);
    await new Promise((r) => setTimeout(r, 100));
    await h.customerSays('¿y a qué hora abren?');
    await h.settle();
    await h.settle();
    expect(h.sender.texts).toEqual(['Sí, a $45.', 'Abrimos a las 9.']);
    expect(h.server.requests.map(lastCustomerText)).toEqual(['¿Tienen pan de muerto?', '¿y a qué hora abren?']);
  });

  it('after a restart, answers a burst that was stored but not answered, once', async () => {
    const h = await openAssistantHarness();
    await h.customerSays('¿Tienen pan de muerto?');
    // The app stops before the burst is answered; a new responder starts on the same file.
    await h.responder.close();
    const restarted = createResponder({
      orm: h.orm,
      bus: h.bus,
      box: h.box,
      logger: silentLogger(),
      clock: h.clock,
      send: (chatId, text) => h.outbox.queueText({ chatId, text }),
      maxRetries: 0,
    });
    h.server.next({ reply: ['Sí, a $45.'] });
    restarted.resume(h.accountId);
    await h.settle();
    await restarted.idle();
    await h.outbox.idle();
    expect(h.sender.texts).toEqual(['Sí, a $45.']);
    restarted.resume(h.accountId);
    h.clock.advance(5_000);
    await restarted.idle();
    expect(h.server.requests).toHaveLength(1);
    await restarted.close();
  });

  it('never answers groups, status or broadcasts', async () => {
    const h = await openAssistantHarness();
    await h.customerSays('hola grupo', { jid: '120363025246125244@g.us' });
    await h.customerSays('mi estado', { jid: 'status@broadcast' });
    await h.customerSays('canal', { jid: '120363144038483540@newsletter' });
    await h.settle(60_000);
    expect(h.server.requests).toHaveLength(0);
    expect(h.sender.calls).toHaveLength(0);
  });

  it('stays off when the owner has not switched it on', async () => {
    const h = await openAssistantHarness({ settings: { enabled: false } });
    await h.customerSays('¿Cuánto cuesta?');
    await h.settle(60_000);
    expect(h.server.requests).toHaveLength(0);
  });
});

describe('handing over to a person', () => {
  it('hands over when the customer asks for a person, stays quiet, and comes back after the quiet time', async () => {
    const h = await openAssistantHarness();
    await h.customerSays('Quiero hablar con una PERSONA');
    await h.settle();
    expect(h.server.requests).toHaveLength(0);
    expect(h.sender.texts).toEqual([TOLD]);
    expect(h.handler()).toBe('waiting');
    expect(h.chatState()?.reason).toBe('keyword');

    await h.customerSays('¿hola?');
    await h.settle();
    expect(h.server.requests).toHaveLength(0);

    h.clock.advance(12 * HOUR);
    h.server.next({ reply: ['Hola, ¿en qué te ayudo?'] });
    await h.customerSays('¿siguen ahí?');
    await h.settle();
    // Only what came after the quiet time is answered.
    expect(h.sender.texts).toEqual([TOLD, 'Hola, ¿en qué te ayudo?']);
  });

  it('hands over when the model calls hand_over, and counts it', async () => {
    const h = await openAssistantHarness();
    h.server.next({ handOver: 'Pide una factura' });
    await h.customerSays('Necesito factura de mi compra');
    await h.settle();
    expect(h.sender.texts).toEqual([TOLD]);
    expect(h.handler()).toBe('waiting');
    expect(h.chatState()?.reason).toBe('model');
    expect(h.daily()).toMatchObject([{ answers: 0, handovers: 1, prompt_tokens: 120, completion_tokens: 30 }]);
  });

  it('goes quiet when the owner writes from the phone (a fromMe notify)', async () => {
    const h = await openAssistantHarness();
    await h.customerSays('¿Tienen pan?');
    await h.customerSays('Sí, pásale', { fromMe: true });
    await h.settle(60_000);
    expect(h.server.requests).toHaveLength(0);
    expect(h.handler()).toBe('person');
    await h.customerSays('gracias');
    await h.settle();
    expect(h.server.requests).toHaveLength(0);
  });

  it('goes quiet when an agent writes from the app, and answers again once given back', async () => {
    const h = await openAssistantHarness();
    await h.customerSays('¿Tienen pan?');
    h.outbox.queueText({ chatId: h.chat.id, text: 'Hola, te atiendo yo' });
    h.responder.agentWrote(h.chat.id);
    await h.settle(60_000);
    expect(h.server.requests).toHaveLength(0);
    expect(h.handler()).toBe('person');

    expect(h.responder.setHandler(h.chat.id, 'assistant')).toMatchObject({ handler: 'assistant', until: null });
    h.server.next({ reply: ['A $45.'] });
    await h.customerSays('¿cuánto cuesta?');
    await h.settle();
    expect(h.server.requests).toHaveLength(1);
    expect(h.sender.texts).toEqual(['Hola, te atiendo yo', 'A $45.']);
  });

  it('stops after the per-chat limit and asks for a person', async () => {
    const h = await openAssistantHarness({ settings: { limitAnswers: 2, limitMinutes: 10 } });
    for (const question of ['uno', 'dos', 'tres']) {
      await h.customerSays(question);
      h.clock.advance(30_000);
      await h.settle();
    }
    expect(h.server.requests).toHaveLength(2);
    expect(h.handler()).toBe('waiting');
    expect(h.chatState()?.reason).toBe('limit');
    // The limit's handover counts like any other in Stats and on the card.
    expect(h.daily()).toMatchObject([{ answers: 2, handovers: 1, failures: 0 }]);
  });

  it('stops answering a bot that echoes its replies', async () => {
    const h = await openAssistantHarness();
    h.server.next({ reply: ['Gracias por escribir a Panadería La Espiga.'] });
    await h.customerSays('Hola');
    await h.settle();
    await h.customerSays('Gracias por escribir a Panadería La Espiga.');
    await h.settle();
    expect(h.server.requests).toHaveLength(1);
    expect(h.chatState()?.reason).toBe('loop');
    expect(h.daily()).toMatchObject([{ answers: 1, handovers: 1 }]);
  });
});

describe('when the model cannot answer', () => {
  const cases = [
    { name: 'a wrong key (401)', answer: { status: 401, message: 'Incorrect API key provided' }, problem: 'auth_failed' },
    { name: 'a server error (500)', answer: { status: 500 }, problem: 'provider_error' },
    { name: 'an answer slower than the timeout', answer: { reply: ['tarde'], delayMs: 3_000 }, problem: 'timeout' },
    { name: 'garbage instead of JSON', answer: { raw: '<html>oops</html>' }, problem: 'bad_answer' },
    { name: 'an empty answer', answer: { content: '' }, problem: 'bad_answer' },
  ] as const;
  for (const c of cases) {
    it(`keeps the message, flags the chat for a person and shows the problem after ${c.name}`, async () => {
      const h = await openAssistantHarness();
      h.server.next(c.answer);
      await h.customerSays('¿Cuánto cuesta?');
      await h.settle();
      // The customer is told a person will answer; the chat waits for one.
      expect(h.messages().map((m) => m.text)).toEqual(['¿Cuánto cuesta?', TOLD]);
      expect(h.sender.texts).toEqual([TOLD]);
      expect(h.handler()).toBe('waiting');
      expect(h.chatState()?.reason).toBe('failure');
      expect(getAssistantRow(h.orm, h.accountId)?.problem).toBe(c.problem);
      expect(h.responder.config(h.accountId).status.problem).toBe(c.problem);
      expect(h.responder.handlers().problemAccountIds).toEqual([h.accountId]);
      expect(h.daily()).toMatchObject([{ failures: 1, answers: 0 }]);
    });
  }

  it('keeps the message and says the server cannot be reached when nothing listens at the address', async () => {
    const h = await openAssistantHarness();
    // A port that was free a moment ago: the connection is refused.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise((resolve) => probe.close(resolve));
    h.configure({ baseUrl: `http://127.0.0.1:${port}/v1` });
    await h.customerSays('¿Cuánto cuesta?');
    await h.settle();
    expect(h.messages().map((m) => m.text)).toEqual(['¿Cuánto cuesta?', TOLD]);
    expect(h.handler()).toBe('waiting');
    expect(h.responder.config(h.accountId).status.problem).toBe('unreachable');
  });

  it('clears the problem after the next good answer', async () => {
    const h = await openAssistantHarness();
    h.server.next({ status: 500 });
    await h.customerSays('uno');
    await h.settle();
    h.responder.setHandler(h.chat.id, 'assistant');
    h.server.next({ reply: ['listo'] });
    await h.customerSays('dos');
    await h.settle();
    expect(h.responder.config(h.accountId).status.problem).toBeNull();
    expect(h.responder.handlers().problemAccountIds).toEqual([]);
  });

  it('retries a failed call when asked to, then answers', async () => {
    const h = await openAssistantHarness({ deps: { maxRetries: 1 } });
    h.server.next({ status: 500 }).next({ reply: ['A $45.'] });
    await h.customerSays('¿Cuánto cuesta?');
    await h.settle();
    expect(h.server.requests).toHaveLength(2);
    expect(h.sender.texts).toEqual(['A $45.']);
  });
});

describe('rules the owner sets', () => {
  it('answers only outside business hours when asked to', async () => {
    // FakeClock starts at 2023-11-14T22:13:20Z, a Tuesday.
    const h = await openAssistantHarness({ settings: { when: 'outside_hours', hours: { days: [2], open: '09:00', close: '23:00', timeZone: 'UTC' } } });
    await h.customerSays('¿abren?');
    await h.settle();
    expect(h.server.requests).toHaveLength(0);
    h.clock.advance(HOUR);
    h.server.next({ reply: ['Abrimos mañana a las 9.'] });
    await h.customerSays('¿abren mañana?');
    await h.settle();
    expect(h.sender.texts).toEqual(['Abrimos mañana a las 9.']);
    // The message sent while open was left to people, not answered late.
    expect(h.server.requests.map(lastCustomerText)).toEqual(['¿abren mañana?']);
  });

  it('waits N minutes for an agent before answering', async () => {
    const h = await openAssistantHarness({ settings: { when: 'no_agent_reply', noReplyMinutes: 5 } });
    h.server.next({ reply: ['Te ayudo yo.'] });
    await h.customerSays('¿Hay alguien?');
    await h.settle(4 * 60_000);
    expect(h.server.requests).toHaveLength(0);
    await h.settle(60_000);
    expect(h.sender.texts).toEqual(['Te ayudo yo.']);
  });

  it('leaves chats with an excluded label to people', async () => {
    const h = await openAssistantHarness();
    const label = h.db.prepare("INSERT INTO labels (name, color, created_at) VALUES ('VIP', '#25a244', 1) RETURNING id").pluck().get() as number;
    h.db.prepare('INSERT INTO chat_labels (chat_id, label_id) VALUES (?, ?)').run(h.chat.id, label);
    h.configure({ excludedLabelIds: [label] });
    await h.customerSays('¿Cuánto cuesta?');
    await h.settle();
    expect(h.server.requests).toHaveLength(0);
  });

  it('stops for the month at the spend cap and tells the owner', async () => {
    // 1 M prompt tokens at $0.15 = $0.15 > the $0.10 cap.
    const h = await openAssistantHarness({ settings: { monthlyCapUsd: 0.1 } });
    h.server.next({ reply: ['A $45.'], usage: { prompt: 1_000_000, completion: 0 } });
    await h.customerSays('¿Cuánto cuesta?');
    await h.settle();
    expect(h.sender.texts).toEqual(['A $45.']);
    expect(h.responder.config(h.accountId).status).toMatchObject({ problem: 'spend_cap', monthCostUsd: 0.15 });

    await h.customerSays('¿y el bolillo?');
    await h.settle();
    expect(h.server.requests).toHaveLength(1);
    expect(h.chatState()?.reason).toBe('spend_cap');
    expect(h.daily()).toMatchObject([{ answers: 1, handovers: 1, cost_micros: 150_000, prompt_tokens: 1_000_000 }]);
  });

  it('keeps the API key sealed: not in the file, not in what the renderer gets', async () => {
    const h = await openAssistantHarness({ apiKey: 'sk-very-secret-key' });
    const row = h.db.prepare('SELECT * FROM assistant_settings').get() as Record<string, unknown>;
    expect(JSON.stringify(row)).not.toContain('sk-very-secret-key');
    expect((row.api_key_sealed as Buffer).includes(Buffer.from('sk-very-secret-key'))).toBe(false);
    const config = h.responder.config(h.accountId);
    expect(config.hasKey).toBe(true);
    expect(JSON.stringify(config)).not.toContain('sk-very-secret-key');
    h.server.next({ reply: ['ok'] });
    await h.customerSays('hola');
    await h.settle();
    expect(h.server.requests[0]!.authorization).toBe('Bearer sk-very-secret-key');
  });
});

describe('Try the assistant', () => {
  it('answers a made-up conversation without sending anything, and counts the tokens', async () => {
    const h = await openAssistantHarness();
    h.server.next({ reply: ['Cuesta $45.'] });
    const result = await h.responder.tryConversation(h.accountId, [{ from: 'customer', text: '¿Precio del pan de muerto?' }]);
    expect(result).toMatchObject({ replies: ['Cuesta $45.'], handover: false, problem: null, promptTokens: 120 });
    expect(h.sender.calls).toHaveLength(0);
    expect(h.daily()).toMatchObject([{ answers: 0, prompt_tokens: 120 }]);
  });

  it('shows the handover a keyword causes and the problem a bad key causes', async () => {
    const h = await openAssistantHarness();
    expect(await h.responder.tryConversation(h.accountId, [{ from: 'customer', text: 'un asesor por favor' }])).toMatchObject({ handover: true, handoverNote: 'asesor' });
    h.server.next({ status: 401 });
    expect(await h.responder.tryConversation(h.accountId, [{ from: 'customer', text: 'hola' }])).toMatchObject({ problem: 'auth_failed', replies: [] });
  });
});

describe('what the owner sees of a failure', () => {
  it('never shows or stores the key the provider quotes back', async () => {
    const h = await openAssistantHarness({ apiKey: 'sk-proj-abcdef123456' });
    h.server.next({ status: 401, message: 'Incorrect API key provided: sk-proj-abcdef123456. You can find your API key at https://platform.openai.com/account/api-keys.' });
    await h.customerSays('hola');
    await h.settle();
    const status = h.responder.config(h.accountId).status;
    expect(status.problem).toBe('auth_failed');
    expect(status.detail).toContain('Incorrect API key provided');
    expect(status.detail).not.toContain('abcdef123456');
    expect(JSON.stringify(h.db.prepare('SELECT problem_detail FROM assistant_settings').all())).not.toContain('abcdef123456');
  });

  it('leaves a message that arrives more than a day late to people', async () => {
    const h = await openAssistantHarness();
    h.clock.advance(2 * 24 * HOUR);
    // Delivered now, written two days ago (the phone was offline).
    const added = await h.ingest.ingestUpsert(
      h.accountId,
      [waMessage({ id: 'OLD1', remoteJid: h.chat.jid, message: { conversation: '¿abren?' }, seconds: Math.floor((h.clock.now() - 2 * 24 * HOUR) / 1000) })],
      'notify',
    );
    h.responder.onUpsert(h.accountId, added, 'notify');
    await h.settle();
    expect(h.server.requests).toHaveLength(0);
  });
});

describe('the assistant under real provider failures', () => {
  const other = '5215599990000@s.whatsapp.net';

  it('stops for the whole number after a wrong key: other chats are left to people without calling again', async () => {
    const h = await openAssistantHarness();
    h.server.next({ status: 401, message: 'Incorrect API key provided' });
    await h.customerSays('¿Cuánto cuesta?');
    await h.settle();
    await h.customerSays('Hola', { jid: other });
    await h.settle();
    expect(h.server.requests).toHaveLength(1);
    expect(h.responder.config(h.accountId).status.problem).toBe('auth_failed');
    // Not parked: the second chat stays with the assistant, to answer once the key is fixed.
    expect(h.responder.handlers().chats.filter((c) => c.handler !== 'assistant')).toHaveLength(1);

    h.configure({}, 'sk-good-key');
    h.server.next({ reply: ['Ya funciona.'] });
    await h.customerSays('¿Siguen?', { jid: other });
    await h.settle();
    expect(h.server.requests).toHaveLength(2);
    expect(h.sender.texts).toEqual([TOLD, 'Ya funciona.']);
  });

  it("tries a rate-limited chat again after the provider's retry-after, then answers", async () => {
    const h = await openAssistantHarness();
    h.server.next({ status: 429, headers: { 'retry-after': '20' } }).next({ reply: ['A $45.'] });
    await h.customerSays('¿Cuánto cuesta?');
    await h.settle();
    expect(h.server.requests).toHaveLength(1);
    expect(h.handler()).toBe('assistant');
    expect(h.responder.config(h.accountId).status.problem).toBe('rate_limited');
    await h.settle(19_000);
    expect(h.server.requests).toHaveLength(1);
    await h.settle(2_000);
    expect(h.server.requests).toHaveLength(2);
    expect(h.sender.texts).toEqual(['A $45.']);
    expect(h.responder.config(h.accountId).status.problem).toBeNull();
  });

  it('hands a chat the provider keeps refusing (429) to a person after a few tries, telling the customer', async () => {
    const h = await openAssistantHarness();
    h.server.setFallback(() => ({ status: 429, headers: { 'retry-after': '1' } }));
    await h.customerSays('¿Cuánto cuesta?');
    for (let i = 0; i < 6; i++) await h.settle(10_000);
    expect(h.server.requests).toHaveLength(4);
    expect(h.handler()).toBe('waiting');
    expect(h.chatState()?.reason).toBe('failure');
    expect(h.sender.texts).toEqual([TOLD]);
  });

  it('stops "typing…" after a few seconds when the provider is slow', async () => {
    const h = await openAssistantHarness({ deps: { timeoutMs: 10_000 } });
    h.server.next({ reply: ['Por fin'], delayMs: 1_000 });
    await h.customerSays('¿Cuánto cuesta?');
    h.clock.advance(4_000);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(h.presence.map((p) => p.state)).toEqual(['composing']);
    h.clock.advance(5_000);
    expect(h.presence.map((p) => p.state)).toEqual(['composing', 'paused']);
    await h.settle(0);
    expect(h.sender.texts).toEqual(['Por fin']);
  });

  it("sends the owner's own handover text, or nothing when it is switched off", async () => {
    const h = await openAssistantHarness({ settings: { handoverMessage: 'Te paso con Marta.' } });
    await h.customerSays('quiero hablar con una persona');
    await h.settle();
    expect(h.sender.texts).toEqual(['Te paso con Marta.']);
    const quiet = await openAssistantHarness({ settings: { handoverMessage: '' } });
    await quiet.customerSays('quiero hablar con una persona');
    await quiet.settle();
    expect(quiet.handler()).toBe('waiting');
    expect(quiet.sender.texts).toEqual([]);
  });

  it('tells the customer in English when the workstation is in English', async () => {
    const h = await openAssistantHarness();
    h.db.prepare("INSERT INTO settings (key, value) VALUES ('language', '\"en\"') ON CONFLICT (key) DO UPDATE SET value = excluded.value").run();
    await h.customerSays('I want to talk to a person');
    await h.settle();
    expect(h.sender.texts).toEqual([defaultHandoverMessages.en]);
  });
});

describe('the connection test on save', () => {
  it('says "working" only after a call succeeded, and shows a refused key before any customer writes', async () => {
    const h = await openAssistantHarness();
    expect(h.responder.config(h.accountId).status).toMatchObject({ problem: null, at: null });
    await h.responder.checkConnection(h.accountId);
    expect(h.server.requests.at(-1)?.body).toMatchObject({ max_tokens: 1, model: 'gpt-test' });
    expect(h.responder.config(h.accountId).status).toMatchObject({ problem: null, at: h.clock.now() });

    h.configure({}, 'sk-wrong');
    h.server.next({ status: 401, message: 'Incorrect API key provided: sk-wrong' });
    await h.responder.checkConnection(h.accountId);
    const status = h.responder.config(h.accountId).status;
    expect(status.problem).toBe('auth_failed');
    expect(status.detail).not.toContain('sk-wrong');
    expect(h.sender.calls).toHaveLength(0);
  });
});
