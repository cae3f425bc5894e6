import { describe, expect, it } from 'vitest';
import type { ChatDto, MessageDto } from '../../../shared/contract';
import { chatDto, messageDto } from '../../../shared/testing/dto-fixtures';
import { shouldNotify } from './notify-rules';

const now = 1_750_000_000_000;
const chat = (over: Partial<ChatDto> = {}): ChatDto => chatDto({ id: 7, accountId: 'a1', title: 'Ana', lastMessageAt: now, unreadCount: 1, ...over });
const message = (over: Partial<MessageDto> = {}): MessageDto =>
  messageDto({ id: 1, chatId: 7, accountId: 'a1', waId: 'WA1', senderName: 'Ana', text: 'Hola', timestamp: now - 1000, ...over });
const context = { chat: chat(), openChatId: null, windowFocused: true, now };

describe('desktop notifications', () => {
  it('notify a fresh customer message', () => {
    expect(shouldNotify(message(), context)).toBe(true);
    // Nothing known about the chat yet: better to notify than to miss a customer.
    expect(shouldNotify(message(), { ...context, chat: undefined })).toBe(true);
  });

  it('stay quiet for our own messages, status changes of them, and history', () => {
    expect(shouldNotify(message({ fromMe: true, status: 'sent' }), context)).toBe(false);
    expect(shouldNotify(message({ status: 'read' }), context)).toBe(false);
    expect(shouldNotify(message({ timestamp: now - 60 * 60_000 }), context)).toBe(false);
    expect(shouldNotify(message({ deletedAt: now }), context)).toBe(false);
  });

  it('stay quiet in a muted chat until the mute runs out', () => {
    expect(shouldNotify(message(), { ...context, chat: chat({ mutedUntil: now + 1 }) })).toBe(false);
    expect(shouldNotify(message(), { ...context, chat: chat({ mutedUntil: now - 1 }) })).toBe(true);
  });

  it('stay quiet for the chat open in front of the person, but not when the window is in the background', () => {
    expect(shouldNotify(message(), { ...context, openChatId: 7 })).toBe(false);
    expect(shouldNotify(message(), { ...context, openChatId: 7, windowFocused: false })).toBe(true);
    expect(shouldNotify(message(), { ...context, openChatId: 8 })).toBe(true);
  });
});
