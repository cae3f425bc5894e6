import { describe, expect, it } from 'vitest';
import { defaultAssistantSettings, type AssistantConfigDto } from '../../shared/contract';
import { applyHandlerStates, chatHandler, chatHandoverReason } from './assistant-cache';

const config = (accountId: string, enabled: boolean, problem: AssistantConfigDto['status']['problem'] = null): AssistantConfigDto => ({
  accountId,
  settings: { ...defaultAssistantSettings, enabled },
  hasKey: false,
  status: { problem, detail: null, at: null, monthCostUsd: 0 },
});

describe('assistant handler cache', () => {
  const start = { enabledAccountIds: ['a1'], problemAccountIds: ['a1'], chats: [{ chatId: 1, accountId: 'a1', handler: 'waiting' as const, until: 2_000, reason: 'keyword' as const }] };

  it('adds handovers, drops chats given back, and follows assistants switched on or off', () => {
    const next = applyHandlerStates(
      start,
      [
        { chatId: 1, accountId: 'a1', handler: 'assistant', until: null, reason: null },
        { chatId: 2, accountId: 'a2', handler: 'person', until: 5_000, reason: 'agent' },
      ],
      [config('a2', true, 'auth_failed'), config('a1', false)],
    );
    expect(next).toEqual({ enabledAccountIds: ['a2'], problemAccountIds: ['a2'], chats: [{ chatId: 2, accountId: 'a2', handler: 'person', until: 5_000, reason: 'agent' }] });
    expect(applyHandlerStates(undefined, [], [config('a1', true)])).toBeUndefined();
  });

  it('says who handles a chat: nobody without an assistant, the assistant again once the quiet time ends', () => {
    expect(chatHandler(start, { id: 1, accountId: 'a1' }, 1_000)).toBe('waiting');
    expect(chatHandler(start, { id: 1, accountId: 'a1' }, 2_000)).toBe('assistant');
    expect(chatHandler(start, { id: 3, accountId: 'a1' }, 1_000)).toBe('assistant');
    expect(chatHandler(start, { id: 4, accountId: 'a9' }, 1_000)).toBeNull();
    expect(chatHandler(undefined, { id: 1, accountId: 'a1' }, 1_000)).toBeNull();
  });

  it('says why people have the chat while they do, and nothing once the assistant has it again', () => {
    expect(chatHandoverReason(start, { id: 1, accountId: 'a1' }, 1_000)).toBe('keyword');
    expect(chatHandoverReason(start, { id: 1, accountId: 'a1' }, 2_000)).toBeNull();
    expect(chatHandoverReason(start, { id: 3, accountId: 'a1' }, 1_000)).toBeNull();
  });
});
