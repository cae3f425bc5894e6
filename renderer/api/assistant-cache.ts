import type { AssistantConfigDto, ChatHandler, ChatHandlerStateDto, HandoverReason } from '../../shared/contract';

/** The `assistant.handlers` answer as cached: chats not handled by the assistant, and the accounts whose assistant is on. */
export interface AssistantHandlers {
  enabledAccountIds: string[];
  /** Accounts whose assistant is on but cannot answer (the sidebar warns). */
  problemAccountIds: string[];
  chats: ChatHandlerStateDto[];
}

/**
 * Applies `assistant.handler` items (a chat given back to the assistant leaves the list) and
 * `assistant.status` items (an assistant switched on or off) to the cached handlers.
 */
export function applyHandlerStates(data: AssistantHandlers | undefined, states: readonly ChatHandlerStateDto[], configs: readonly AssistantConfigDto[]): AssistantHandlers | undefined {
  if (!data) return data;
  let chats = data.chats;
  if (states.length > 0) {
    const byChat = new Map(chats.map((c) => [c.chatId, c]));
    for (const state of states) {
      if (state.handler === 'assistant') byChat.delete(state.chatId);
      else byChat.set(state.chatId, state);
    }
    chats = [...byChat.values()];
  }
  let { enabledAccountIds, problemAccountIds } = data;
  if (configs.length > 0) {
    const enabled = new Set(enabledAccountIds);
    const failing = new Set(problemAccountIds);
    for (const config of configs) {
      if (config.settings.enabled) enabled.add(config.accountId);
      else enabled.delete(config.accountId);
      if (config.settings.enabled && config.status.problem) failing.add(config.accountId);
      else failing.delete(config.accountId);
    }
    enabledAccountIds = [...enabled];
    problemAccountIds = [...failing];
  }
  return { enabledAccountIds, problemAccountIds, chats };
}

/**
 * Who handles a chat now, or null when its account has no assistant switched on. A handover whose
 * quiet time has ended is the assistant's again.
 */
/** Why people have the chat (the customer asked, the model chose, a failure…), while they do. */
export function chatHandoverReason(handlers: AssistantHandlers | undefined, chat: { id: number; accountId: string }, now: number): HandoverReason | null {
  if (chatHandler(handlers, chat, now) === 'assistant') return null;
  return handlers?.chats.find((c) => c.chatId === chat.id)?.reason ?? null;
}

export function chatHandler(handlers: AssistantHandlers | undefined, chat: { id: number; accountId: string }, now: number): ChatHandler | null {
  if (!handlers || !handlers.enabledAccountIds.includes(chat.accountId)) return null;
  const state = handlers.chats.find((c) => c.chatId === chat.id);
  if (!state || state.handler === 'assistant' || (state.until !== null && state.until <= now)) return 'assistant';
  return state.handler;
}
