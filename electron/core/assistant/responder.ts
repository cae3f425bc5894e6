import type { Logger } from 'pino';
import { isCustomerContent } from '../../../shared/message-kinds';
import { defaultHandoverMessages, type AssistantConfigDto, type AssistantSettings, type ChatHandlerStateDto, type HandoverReason, type MessageDto, type TryResultDto, type TryTurn } from '../../../shared/contract';
import { readSettings } from '../settings/settings-store';
import type { Orm } from '../db/orm';
import type { EventBus } from '../events/event-bus';
import type { SecretBox } from '../secrets/secret-box';
import { systemClock, type Clock } from '../whatsapp/account-supervisor';
import { costMicros, handoverKeywordIn, isPersonalChatJid, isWithinBusinessHours, looksLikeBotLoop, splitAnswer } from './assistant-rules';
import {
  activeHandovers,
  apiKeyOf,
  chatFacts,
  chatsActiveSince,
  enabledAccounts,
  getAssistantRow,
  getChatState,
  markHandled,
  monthCostMicros,
  parseAssistantSettings,
  recentMessages,
  recordRun,
  replyTimesSince,
  setChatHandler,
  setProblem,
  toTurns,
  type AssistantChatRow,
  type RunRecord,
} from './assistant-store';
import { callModel as realCallModel, checkConnection as realCheckConnection, type ModelCallOptions, type ModelOutcome } from './model-client';

export interface ResponderDeps {
  orm: Orm;
  bus: EventBus;
  box: SecretBox;
  logger: Logger;
  /** Queues one text in the chat through the outbox (stored and ticked like any message we send). */
  send: (chatId: number, text: string) => unknown;
  /** Typing indicator in the customer's chat; best effort. */
  presence?: (accountId: string, jid: string, state: 'composing' | 'paused') => void;
  clock?: Clock;
  /** How long a burst of customer messages may keep growing before it is answered once. */
  debounceMs?: number;
  /** A burst is answered at the latest this long after its first message. */
  maxWaitMs?: number;
  timeoutMs?: number;
  /** Retries of a failed call by the SDK (429, 5xx, connection errors) before the chat goes to a person. */
  maxRetries?: number;
  /** The model call; the real SDK by default. */
  callModel?: (options: ModelCallOptions) => Promise<ModelOutcome>;
  /** The connection test on save; the real SDK by default. */
  checkConnection?: typeof realCheckConnection;
}

/** Messages of the conversation the model reads. */
const CONTEXT_MESSAGES = 20;
/** Older customer messages (delivered late after days offline) are left to people rather than answered out of the blue. */
const MAX_MESSAGE_AGE_MS = 24 * 3_600_000;
/** After a restart, customer messages this recent that were stored but not answered are looked at again. */
const RESUME_WINDOW_MS = 10 * 60_000;
const HOUR = 3_600_000;
/** "typing…" shows this long at most while the model thinks: a slow provider must not look like a person typing for half a minute. */
const TYPING_MAX_MS = 5_000;
/** A rate-limited chat is tried again after the provider's retry-after, within these bounds, this many times; then a person gets it. */
const RATE_RETRY_MIN_MS = 1_000;
const RATE_RETRY_MAX_MS = 5 * 60_000;
const RATE_RETRIES = 3;
/** Handovers the customer is told about; not when an agent wrote (they are talking) nor to a bot (it would answer back). */
const TOLD_HANDOVERS: ReadonlySet<HandoverReason> = new Set(['keyword', 'model', 'failure', 'limit', 'spend_cap']);

/**
 * The AI auto-responder. It hears live customer messages (never history), waits for a burst to
 * end, and answers through the outbox, or hands the chat to a person. Every decision is written
 * before the next message is looked at, so no customer message is answered twice or skipped.
 */
export function createResponder(deps: ResponderDeps) {
  const { orm, bus, box, logger } = deps;
  const clock = deps.clock ?? systemClock;
  const debounceMs = deps.debounceMs ?? 4_000;
  const maxWaitMs = deps.maxWaitMs ?? 20_000;
  const callModel = deps.callModel ?? realCallModel;
  const pending = new Map<number, { timer: unknown; firstAt: number; dueAt: number }>();
  const running = new Map<number, Promise<void>>();
  const again = new Set<number>();
  /** Customer messages heard live and not looked at yet, by chat (a resolved placeholder keeps its old, lower id). */
  const awaiting = new Map<number, Set<number>>();
  /** Rate-limited tries so far, by chat (cleared by any other outcome). */
  const rateRetries = new Map<number, number>();
  const retryTimers = new Set<unknown>();
  let closed = false;

  // Parsed once per stored version: every live message reads the settings several times.
  const parsed = new Map<string, { json: string | undefined; settings: AssistantSettings }>();
  const settingsFor = (accountId: string) => {
    const json = getAssistantRow(orm, accountId)?.settings;
    const cached = parsed.get(accountId);
    if (cached && cached.json === json) return cached.settings;
    const settings = parseAssistantSettings(json);
    parsed.set(accountId, { json, settings });
    return settings;
  };

  const configDto = (accountId: string): AssistantConfigDto => {
    const row = getAssistantRow(orm, accountId);
    return {
      accountId,
      settings: settingsFor(accountId),
      hasKey: Boolean(row?.apiKeySealed),
      status: {
        problem: (row?.problem as AssistantConfigDto['status']['problem']) ?? null,
        detail: row?.problemDetail ?? null,
        at: row?.problemAt ?? null,
        monthCostUsd: monthCostMicros(orm, accountId, clock.now()) / 1_000_000,
      },
    };
  };
  const emitStatus = (accountId: string) => bus.emit('assistant.status', configDto(accountId));

  const handlerDto = (row: AssistantChatRow, now: number): ChatHandlerStateDto => {
    const quiet = row.handler !== 'assistant' && row.until !== null && row.until > now;
    return {
      chatId: row.chatId,
      accountId: row.accountId,
      handler: quiet ? row.handler : 'assistant',
      until: quiet ? row.until : null,
      reason: quiet ? (row.reason as HandoverReason | null) : null,
    };
  };

  const cancelPending = (chatId: number) => {
    const entry = pending.get(chatId);
    if (entry) clock.clearTimeout(entry.timer);
    pending.delete(chatId);
  };

  /** Hands the chat to people (waiting: nobody has it yet; person: an agent has it). */
  const handOver = (chat: { chatId: number; accountId: string }, handler: 'waiting' | 'person', reason: HandoverReason, settings: AssistantSettings) => {
    const now = clock.now();
    const row = setChatHandler(orm, chat, { handler, until: now + settings.quietHours * HOUR, reason }, now);
    bus.emit('assistant.handler', handlerDto(row, now));
  };

  /** What the customer is told on a handover: the owner's text, else the default in the workstation's language. */
  const handoverMessageFor = (settings: AssistantSettings) =>
    settings.handoverMessage ?? defaultHandoverMessages[readSettings(orm).language ?? 'es'];

  const newestMessageId = (chatId: number) => recentMessages(orm, chatId, 1)[0]?.id ?? 0;

  /** An agent wrote in the chat (from the app, or from the phone): people have it now. */
  const agentWrote = (chatId: number) => {
    const facts = chatFacts(orm, chatId);
    if (!facts || !isPersonalChatJid(facts.jid)) return;
    const settings = settingsFor(facts.accountId);
    if (!settings.enabled) return;
    cancelPending(chatId);
    const chat = { chatId, accountId: facts.accountId };
    handOver(chat, 'person', 'agent', settings);
    // What the customer wrote before is the agent's to answer, also once the quiet time ends.
    markHandled(orm, chat, newestMessageId(chatId), clock.now());
  };

  const schedule = (chatId: number, settings: AssistantSettings) => {
    const now = clock.now();
    const existing = pending.get(chatId);
    if (settings.when === 'no_agent_reply') {
      // The customer has been waiting since their first message: the clock is not reset.
      if (existing) return;
      const delay = settings.noReplyMinutes * 60_000;
      pending.set(chatId, { timer: clock.setTimeout(() => fire(chatId), delay), firstAt: now, dueAt: now + delay });
      return;
    }
    const firstAt = existing?.firstAt ?? now;
    const dueAt = Math.min(now + debounceMs, firstAt + maxWaitMs);
    if (existing) clock.clearTimeout(existing.timer);
    pending.set(chatId, { timer: clock.setTimeout(() => fire(chatId), Math.max(0, dueAt - now)), firstAt, dueAt });
  };

  function fire(chatId: number): void {
    pending.delete(chatId);
    if (closed) return;
    if (running.has(chatId)) {
      // Looked at again once the answer in progress is written.
      again.add(chatId);
      return;
    }
    const run = answerChat(chatId)
      .catch((error: unknown) => logger.error({ err: error, chatId }, 'assistant: answering failed'))
      .finally(() => {
        running.delete(chatId);
        if (again.delete(chatId)) fire(chatId);
      });
    running.set(chatId, run);
  }

  const record = (run: RunRecord) => {
    recordRun(orm, run, clock.now());
  };

  /** Decides and acts for the chat's customer messages not dealt with yet. */
  async function answerChat(chatId: number): Promise<void> {
    const facts = chatFacts(orm, chatId);
    if (!facts || !isPersonalChatJid(facts.jid)) return;
    const { accountId } = facts;
    const chat = { chatId, accountId };
    const settings = settingsFor(accountId);
    if (!settings.enabled) return;
    const now = clock.now();
    const state = getChatState(orm, chatId);
    if (state && handlerDto(state, now).handler !== 'assistant') return;
    const messages = recentMessages(orm, chatId, CONTEXT_MESSAGES);
    const handledUpTo = state?.lastHandledMessageId ?? 0;
    // Only words the customer wrote call for an answer: a missed call, a view-once photo or a message
    // still waiting for decryption do not. One that waited and then got its content is looked at even
    // when a later message was answered first.
    const late = awaiting.get(chatId);
    const unhandled = messages.filter((m) => !m.fromMe && isCustomerContent(m) && (m.id > handledUpTo || late?.has(m.id)));
    awaiting.delete(chatId);
    // An old message (from before the assistant was on, or delivered days late) is left to people, and its words never trigger anything now.
    const fresh = unhandled.filter((m) => m.timestamp >= now - MAX_MESSAGE_AGE_MS);
    // An agent's own reply hands the chat over as it is written, so our answers are the only fromMe here.
    if (unhandled.length === 0) return;
    const upTo = Math.max(...unhandled.map((m) => m.id));
    const done = () => markHandled(orm, chat, upTo, clock.now());
    if (fresh.length === 0) return done();

    if (settings.excludedLabelIds.some((id) => facts.labelIds.includes(id))) return done();
    if (settings.when === 'outside_hours' && isWithinBusinessHours(now, settings.hours)) return done();

    const handoverTo = (reason: HandoverReason) => {
      handOver(chat, 'waiting', reason, settings);
      const told = TOLD_HANDOVERS.has(reason) ? handoverMessageFor(settings) : '';
      if (told) deps.send(chatId, told);
      done();
    };
    // A wrong key stops the assistant for the whole number (the card says so) until the owner fixes
    // it: no call per new chat, and each chat is simply left to people instead of being parked.
    if (getAssistantRow(orm, accountId)?.problem === 'auth_failed') return done();
    // Handed over before any call: counted as a handover like the model's own (Stats and the card count every handover).
    const handoverBeforeCall = (reason: HandoverReason) => {
      orm.$client.transaction(() => {
        handoverTo(reason);
        record({ accountId, chatId, outcome: 'handover', replies: 0, promptTokens: 0, completionTokens: 0, costMicros: 0 });
      })();
    };
    if (fresh.some((m) => m.text && handoverKeywordIn(m.text, settings.handoverKeywords))) return handoverBeforeCall('keyword');
    if (settings.monthlyCapUsd !== null && monthCostMicros(orm, accountId, now) >= settings.monthlyCapUsd * 1_000_000) {
      if (getAssistantRow(orm, accountId)?.problem !== 'spend_cap') {
        setProblem(orm, accountId, 'spend_cap', null, now);
        emitStatus(accountId);
        logger.warn({ accountId }, 'assistant: monthly spend cap reached');
      }
      return handoverBeforeCall('spend_cap');
    }
    if (replyTimesSince(orm, chatId, now - settings.limitMinutes * 60_000).length >= settings.limitAnswers) return handoverBeforeCall('limit');
    const lastReply = [...messages].reverse().find((m) => m.fromMe);
    const loop = looksLikeBotLoop({
      replyTimes: replyTimesSince(orm, chatId, now - HOUR),
      customerTimes: messages.filter((m) => !m.fromMe).map((m) => m.timestamp),
      lastCustomerText: fresh.at(-1)?.text ?? null,
      lastReplyText: lastReply?.text ?? null,
    });
    if (loop) {
      logger.info({ accountId, chatId }, 'assistant: the other side looks like a bot; handing over');
      return handoverBeforeCall('loop');
    }

    deps.presence?.(accountId, facts.jid, 'composing');
    const typing = clock.setTimeout(() => deps.presence?.(accountId, facts.jid, 'paused'), TYPING_MAX_MS);
    let outcome: ModelOutcome;
    try {
      outcome = await callModel({
        settings,
        apiKey: apiKeyOf(orm, box, accountId),
        turns: toTurns(messages),
        timeoutMs: deps.timeoutMs ?? 30_000,
        maxRetries: deps.maxRetries ?? 1,
      });
    } finally {
      clock.clearTimeout(typing);
      deps.presence?.(accountId, facts.jid, 'paused');
    }
    const at = clock.now();
    const tokens = { promptTokens: outcome.promptTokens, completionTokens: outcome.completionTokens };
    const cost = costMicros(outcome.promptTokens, outcome.completionTokens, settings);
    // A person may have taken the chat (or the owner switched the assistant off) while the model thought.
    const after = getChatState(orm, chatId);
    if (!settingsFor(accountId).enabled || (after && handlerDto(after, at).handler !== 'assistant')) {
      record({ accountId, chatId, outcome: 'discarded', replies: 0, ...tokens, costMicros: cost });
      return;
    }
    const hadProblem = getAssistantRow(orm, accountId)?.problem ?? null;
    const tries = (rateRetries.get(chatId) ?? 0) + 1;
    if (outcome.kind === 'problem' && outcome.problem === 'rate_limited' && tries <= RATE_RETRIES) {
      // Busy provider: the same messages are looked at again after its retry-after, not parked for hours.
      rateRetries.set(chatId, tries);
      const ids = awaiting.get(chatId) ?? new Set<number>();
      for (const m of unhandled) ids.add(m.id);
      awaiting.set(chatId, ids);
      const wait = Math.min(RATE_RETRY_MAX_MS, Math.max(RATE_RETRY_MIN_MS, outcome.retryAfterMs ?? RATE_RETRY_MIN_MS * 2 ** tries));
      logger.info({ accountId, chatId, wait, tries }, 'assistant: rate limited; trying again');
      setProblem(orm, accountId, outcome.problem, outcome.detail, at);
      if (hadProblem !== 'rate_limited') emitStatus(accountId);
      const timer = clock.setTimeout(() => {
        retryTimers.delete(timer);
        fire(chatId);
      }, wait);
      retryTimers.add(timer);
      return;
    }
    rateRetries.delete(chatId);
    if (outcome.kind === 'reply') {
      const parts = splitAnswer(outcome.messages);
      // Queued, marked handled and counted together: a crash leaves all of it or none.
      orm.$client.transaction(() => {
        for (const part of parts) deps.send(chatId, part);
        done();
        record({ accountId, chatId, outcome: 'replied', replies: parts.length, ...tokens, costMicros: cost });
        if (hadProblem) setProblem(orm, accountId, null, null, at);
      })();
    } else if (outcome.kind === 'handover') {
      orm.$client.transaction(() => {
        handoverTo('model');
        record({ accountId, chatId, outcome: 'handover', replies: 0, ...tokens, costMicros: cost });
      })();
    } else {
      logger.warn({ accountId, chatId, problem: outcome.problem, detail: outcome.detail }, 'assistant: the model could not answer; the chat waits for a person');
      orm.$client.transaction(() => {
        handoverTo('failure');
        setProblem(orm, accountId, outcome.problem, outcome.detail, at);
        record({ accountId, chatId, outcome: 'failed', replies: 0, ...tokens, costMicros: cost });
      })();
    }
    if (settings.monthlyCapUsd !== null && monthCostMicros(orm, accountId, at) >= settings.monthlyCapUsd * 1_000_000) {
      setProblem(orm, accountId, 'spend_cap', null, at);
      logger.warn({ accountId }, 'assistant: monthly spend cap reached');
    }
    if (hadProblem !== (getAssistantRow(orm, accountId)?.problem ?? null) || cost > 0) emitStatus(accountId);
  }

  return {
    /**
     * Live messages as the inbox stored them (history never comes here): `notify`, and `append`,
     * which is what WhatsApp queued while we were away. Our own live messages from the phone hand
     * the chat to a person.
     */
    onUpsert(accountId: string, added: readonly MessageDto[], type: 'notify' | 'append') {
      if (closed || added.length === 0) return;
      const settings = settingsFor(accountId);
      if (!settings.enabled) return;
      const byChat = new Map<number, MessageDto[]>();
      for (const message of added) byChat.set(message.chatId, [...(byChat.get(message.chatId) ?? []), message]);
      for (const [chatId, messages] of byChat) {
        const facts = chatFacts(orm, chatId);
        if (!facts || !isPersonalChatJid(facts.jid)) continue;
        // 'append' also echoes what this app sent: only a live message of ours is an agent writing.
        if (type === 'notify' && messages.some((m) => m.fromMe)) {
          agentWrote(chatId);
          continue;
        }
        const content = messages.filter((m) => !m.fromMe && isCustomerContent(m));
        if (content.length === 0) continue;
        const ids = awaiting.get(chatId) ?? new Set<number>();
        for (const m of content) ids.add(m.id);
        awaiting.set(chatId, ids);
        schedule(chatId, settings);
      }
    },

    /** An agent sent from the app. */
    agentWrote,

    /**
     * The account (re)connected: a burst stored just before a crash or restart was never answered.
     * Each chat is looked at the usual way; what was answered or handed over is already marked.
     */
    resume(accountId: string) {
      if (closed) return;
      const settings = settingsFor(accountId);
      if (!settings.enabled) return;
      for (const chatId of chatsActiveSince(orm, accountId, clock.now() - RESUME_WINDOW_MS)) {
        if (!pending.has(chatId) && !running.has(chatId)) schedule(chatId, settings);
      }
    },

    /** "Take over" / "Give back to the assistant". */
    setHandler(chatId: number, handler: 'assistant' | 'person'): ChatHandlerStateDto | undefined {
      const facts = chatFacts(orm, chatId);
      if (!facts) return undefined;
      const chat = { chatId, accountId: facts.accountId };
      const now = clock.now();
      if (handler === 'person') {
        cancelPending(chatId);
        handOver(chat, 'person', 'agent', settingsFor(facts.accountId));
      } else {
        const row = setChatHandler(orm, chat, { handler: 'assistant', until: null, reason: null }, now);
        bus.emit('assistant.handler', handlerDto(row, now));
      }
      // Either way the assistant answers what the customer writes next, not the backlog.
      markHandled(orm, chat, newestMessageId(chatId), now);
      return handlerDto(getChatState(orm, chatId)!, now);
    },

    handlers() {
      const now = clock.now();
      return { ...enabledAccounts(orm), chats: activeHandovers(orm, now).map((row) => handlerDto(row, now)) };
    },

    config: configDto,
    emitStatus,

    /** The "Try the assistant" panel: the same rules and model, nothing stored but the tokens spent. */
    /**
     * The connection test after the owner saves: one tiny request, its result on the card (a
     * problem, or "working" with its time). Nothing else waits for it.
     */
    async checkConnection(accountId: string): Promise<void> {
      const settings = settingsFor(accountId);
      if (closed || !settings.enabled) return;
      const result = await (deps.checkConnection ?? realCheckConnection)({ settings, apiKey: apiKeyOf(orm, box, accountId), timeoutMs: deps.timeoutMs ?? 30_000 });
      if (closed) return;
      if (result) logger.warn({ accountId, problem: result.problem, detail: result.detail }, 'assistant: the connection test failed');
      setProblem(orm, accountId, result?.problem ?? null, result?.detail ?? null, clock.now());
      emitStatus(accountId);
    },

    async tryConversation(accountId: string, turns: readonly TryTurn[]): Promise<TryResultDto> {
      const settings = settingsFor(accountId);
      const lastCustomer = [...turns].reverse().find((t) => t.from === 'customer');
      const keyword = lastCustomer ? handoverKeywordIn(lastCustomer.text, settings.handoverKeywords) : null;
      const empty = { promptTokens: 0, completionTokens: 0, problem: null, detail: null };
      if (keyword) return { replies: [], handover: true, handoverNote: keyword, ...empty };
      const now = clock.now();
      if (settings.monthlyCapUsd !== null && monthCostMicros(orm, accountId, now) >= settings.monthlyCapUsd * 1_000_000) {
        return { ...empty, replies: [], handover: false, handoverNote: null, problem: 'spend_cap' };
      }
      const outcome = await callModel({
        settings,
        apiKey: apiKeyOf(orm, box, accountId),
        turns,
        timeoutMs: deps.timeoutMs ?? 30_000,
        maxRetries: 0,
      });
      const tokens = { promptTokens: outcome.promptTokens, completionTokens: outcome.completionTokens };
      const cost = costMicros(outcome.promptTokens, outcome.completionTokens, settings);
      if (cost > 0) {
        record({ accountId, chatId: null, outcome: 'discarded', replies: 0, ...tokens, costMicros: cost });
        emitStatus(accountId);
      }
      if (outcome.kind === 'reply') return { replies: splitAnswer(outcome.messages), handover: false, handoverNote: null, ...tokens, problem: null, detail: null };
      if (outcome.kind === 'handover') return { replies: [], handover: true, handoverNote: outcome.note || null, ...tokens, problem: null, detail: null };
      return { replies: [], handover: false, handoverNote: null, ...tokens, problem: outcome.problem, detail: outcome.detail };
    },

    /** Resolves once no chat is waiting or being answered (tests). */
    async idle() {
      while (running.size > 0) await Promise.all([...running.values()]);
    },

    /** Bursts scheduled and not answered yet (tests). */
    get pendingChats() {
      return [...pending.keys()];
    },

    /** Stops answering; an answer being prepared is awaited so it is written whole or not at all. */
    async close() {
      closed = true;
      for (const chatId of [...pending.keys()]) cancelPending(chatId);
      for (const timer of retryTimers) clock.clearTimeout(timer);
      retryTimers.clear();
      await Promise.all([...running.values()]);
    },
  };
}

export type Responder = ReturnType<typeof createResponder>;
