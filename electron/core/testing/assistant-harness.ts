import { randomBytes } from 'node:crypto';
import { onTestFinished } from 'vitest';
import type { AssistantSettings, ChatHandlerStateDto } from '../../../shared/contract';
import { defaultAssistantSettings } from '../../../shared/contract';
import { getChatState, saveAssistant } from '../assistant/assistant-store';
import { createResponder, type ResponderDeps } from '../assistant/responder';
import { createInboxIngest } from '../inbox/inbox-ingest';
import { createSecretBox } from '../secrets/secret-box';
import { startFakeOpenAiServer } from './fake-openai-server';
import { openOutboxHarness } from './outbox-harness';
import { silentLogger } from './silent-logger';
import { customerJid, waMessage } from './wa-messages';

/**
 * The responder over a real migrated SQLite file: the inbox ingest files customer messages, the
 * outbox (connected to a recording socket) sends the answers, the real OpenAI SDK talks to a local
 * fake server, and a hand-driven clock runs the debounce and quiet times.
 */
export async function openAssistantHarness(options: { settings?: Partial<AssistantSettings>; apiKey?: string | null; deps?: Partial<ResponderDeps> } = {}) {
  const outboxHarness = openOutboxHarness();
  const { orm, bus, clock, accountId, chat, outbox } = outboxHarness;
  const server = await startFakeOpenAiServer();
  onTestFinished(() => server.close());
  const box = createSecretBox(randomBytes(32));
  const ingest = createInboxIngest({ orm, bus, logger: silentLogger(), now: clock.now });
  const presence: { jid: string; state: string }[] = [];
  const responder = createResponder({
    orm,
    bus,
    box,
    logger: silentLogger(),
    clock,
    send: (chatId, text) => outbox.queueText({ chatId, text }),
    presence: (_account, jid, state) => presence.push({ jid, state }),
    debounceMs: 4_000,
    timeoutMs: 2_000,
    maxRetries: 0,
    ...options.deps,
  });
  onTestFinished(() => responder.close());
  const configure = (settings: Partial<AssistantSettings>, apiKey: string | null | undefined = options.apiKey === undefined ? 'sk-test-123' : options.apiKey) =>
    saveAssistant(orm, box, accountId, { ...defaultAssistantSettings, enabled: true, baseUrl: server.baseUrl, model: 'gpt-test', knowledge: 'Pan de muerto: $45', ...settings }, apiKey, clock.now());
  configure(options.settings ?? {});
  outboxHarness.connect();
  let ids = 0;

  /** A customer message arrives live (`notify`), as Baileys hands it to the core. */
  const customerSays = async (text: string, opts: { fromMe?: boolean; type?: 'notify' | 'append'; jid?: string } = {}) => {
    const message = waMessage({
      id: `IN${++ids}`,
      remoteJid: opts.jid ?? customerJid,
      fromMe: opts.fromMe ?? false,
      message: { conversation: text },
      seconds: Math.floor(clock.now() / 1000),
      pushName: 'Ana',
    });
    const type = opts.type ?? 'notify';
    const added = await ingest.ingestUpsert(accountId, [message], type);
    responder.onUpsert(accountId, added, type);
    return added;
  };

  return {
    ...outboxHarness,
    server,
    box,
    ingest,
    responder,
    presence,
    configure,
    customerSays,
    /** Moves the clock past the debounce and waits for the answer to be written and sent. */
    async settle(ms = 5_000) {
      clock.advance(ms);
      await responder.idle();
      await outbox.idle();
    },
    handler: (): ChatHandlerStateDto['handler'] => {
      const state = getChatState(orm, chat.id);
      return state && state.handler !== 'assistant' && (state.until ?? 0) > clock.now() ? state.handler : 'assistant';
    },
    chatState: () => getChatState(orm, chat.id),
    daily: () => outboxHarness.db.prepare('SELECT * FROM assistant_daily').all() as Record<string, number | string>[],
  };
}
