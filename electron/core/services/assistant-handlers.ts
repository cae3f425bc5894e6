import { AppError } from '../../../shared/errors';
import { getAccountRow } from '../accounts/account-store';
import { dailyStats, getAssistantRow, monthCostMicros, parseAssistantSettings, saveAssistant } from '../assistant/assistant-store';
import type { HandlerDeps, HandlersFor } from './handler-deps';
import { requireChat } from './require-chat';

type AssistantMethods = 'assistant.get' | 'assistant.update' | 'assistant.try' | 'assistant.handlers' | 'assistant.setHandler' | 'assistant.stats';

/** The AI assistant's settings, "Try the assistant", who handles each chat, and its stats. The key never comes back. */
export function createAssistantHandlers({ orm, assistant, box }: HandlerDeps, clock: { now(): number } = { now: Date.now }): HandlersFor<AssistantMethods> {
  const wired = () => {
    if (!assistant || !box) throw new AppError('INTERNAL', 'The assistant is not running');
    return { assistant, box };
  };
  const requireAccount = (accountId: string) => {
    if (!getAccountRow(orm, accountId)) throw new AppError('NOT_FOUND', `No account ${accountId}`);
  };
  return {
    'assistant.get': ({ accountId }) => {
      requireAccount(accountId);
      return wired().assistant.config(accountId);
    },
    'assistant.update': ({ accountId, settings, apiKey }) => {
      requireAccount(accountId);
      const { assistant, box } = wired();
      const merged = { ...parseAssistantSettings(getAssistantRow(orm, accountId)?.settings), ...settings };
      saveAssistant(orm, box, accountId, merged, apiKey, clock.now());
      assistant.emitStatus(accountId);
      // Its result reaches the card as an assistant.status event; the save does not wait for it.
      void assistant.checkConnection(accountId);
      return assistant.config(accountId);
    },
    'assistant.try': ({ accountId, turns }) => {
      requireAccount(accountId);
      if (turns.at(-1)?.from !== 'customer') throw new AppError('BAD_REQUEST', 'The last line must be the customer’s');
      return wired().assistant.tryConversation(accountId, turns);
    },
    'assistant.handlers': () => wired().assistant.handlers(),
    'assistant.setHandler': ({ chatId, handler }) => {
      requireChat(orm, chatId);
      const state = wired().assistant.setHandler(chatId, handler);
      if (!state) throw new AppError('NOT_FOUND', `No conversation ${chatId}`);
      return state;
    },
    'assistant.stats': ({ accountId, days }) => {
      requireAccount(accountId);
      const now = clock.now();
      return {
        days: dailyStats(orm, accountId, days, now),
        monthCostUsd: monthCostMicros(orm, accountId, now) / 1_000_000,
        monthlyCapUsd: parseAssistantSettings(getAssistantRow(orm, accountId)?.settings).monthlyCapUsd,
      };
    },
  };
}
