import { describe, expect, it } from 'vitest';
import type { AccountManager } from '../accounts/account-manager';
import type { InboxIngest } from '../inbox/inbox-ingest';
import { openAssistantHarness } from '../testing/assistant-harness';
import { silentLogger } from '../testing/silent-logger';
import { createAssistantHandlers } from './assistant-handlers';
import { createDispatcher, type Handlers } from './dispatcher';

/** The assistant's methods through the dispatcher (zod in and out), over the responder harness. */
async function openHandlers() {
  const h = await openAssistantHarness();
  const handlers = createAssistantHandlers(
    {
      orm: h.orm,
      bus: h.bus,
      accounts: {} as AccountManager,
      ingest: {} as InboxIngest,
      assistant: h.responder,
      box: h.box,
      dataDir: h.dataDir,
      info: { version: 'test', mode: 'headless', dataDir: h.dataDir },
    },
    { now: h.clock.now },
  );
  const dispatch = createDispatcher(handlers as Handlers, { validateResponses: true, logger: silentLogger() });
  return { h, call: (method: string, payload: unknown) => dispatch(method, payload) };
}

describe('assistant methods', () => {
  it('saves settings and a key, and never answers with the key', async () => {
    const { h, call } = await openHandlers();
    const result = await call('assistant.update', { accountId: h.accountId, apiKey: 'sk-handler-secret', settings: { tone: 'Formal, de usted', limitAnswers: 3 } });
    expect(result).toMatchObject({ ok: true, value: { hasKey: true, settings: { tone: 'Formal, de usted', limitAnswers: 3, knowledge: 'Pan de muerto: $45' } } });
    expect(JSON.stringify(result)).not.toContain('sk-handler-secret');
    h.bus.flush();
    expect(JSON.stringify(h.emitted('assistant.status'))).not.toContain('sk-handler-secret');
    expect(h.emitted('assistant.status').at(-1)).toMatchObject({ accountId: h.accountId, hasKey: true });

    expect(await call('assistant.update', { accountId: h.accountId, apiKey: null })).toMatchObject({ ok: true, value: { hasKey: false } });
  });

  it('refuses bad input plainly: unknown settings, a bad URL, an unknown account, a Try that does not end with the customer', async () => {
    const { h, call } = await openHandlers();
    expect(await call('assistant.update', { accountId: h.accountId, settings: { temperature: 2 } })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await call('assistant.update', { accountId: h.accountId, settings: { baseUrl: 'ftp//nope' } })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await call('assistant.get', { accountId: 'nope' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await call('assistant.try', { accountId: h.accountId, turns: [{ from: 'assistant', text: 'hola' }] })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await call('assistant.setHandler', { chatId: 999, handler: 'person' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('takes a chat over and gives it back, listing it meanwhile', async () => {
    const { h, call } = await openHandlers();
    expect(await call('assistant.setHandler', { chatId: h.chat.id, handler: 'person' })).toMatchObject({ ok: true, value: { handler: 'person', reason: 'agent' } });
    expect(await call('assistant.handlers', {})).toMatchObject({ ok: true, value: { enabledAccountIds: [h.accountId], chats: [{ chatId: h.chat.id, handler: 'person' }] } });
    expect(await call('assistant.setHandler', { chatId: h.chat.id, handler: 'assistant' })).toMatchObject({ ok: true, value: { handler: 'assistant', until: null } });
    expect(await call('assistant.handlers', {})).toMatchObject({ ok: true, value: { chats: [] } });
  });

  it('reports answers, tokens and cost per day', async () => {
    const { h, call } = await openHandlers();
    h.server.next({ reply: ['A $45.'], usage: { prompt: 1000, completion: 500 } });
    await h.customerSays('¿Cuánto cuesta?');
    await h.settle();
    const stats = await call('assistant.stats', { accountId: h.accountId });
    // 1000 × $0.15/M + 500 × $0.60/M = $0.00045
    expect(stats).toMatchObject({
      ok: true,
      value: { monthCostUsd: 0.00045, monthlyCapUsd: 10, days: [{ answers: 1, handovers: 0, promptTokens: 1000, completionTokens: 500, costUsd: 0.00045 }] },
    });
  });
});
