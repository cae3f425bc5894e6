import type { InboxSink } from '../whatsapp/account-supervisor';

/** An inbox that takes every event and stores nothing, for tests of accounts and sockets; override what a test watches. */
export const silentInbox = (overrides: Partial<InboxSink> = {}): InboxSink => ({
  ingestUpsert: () => undefined,
  ingestUpdates: () => undefined,
  ingestChatUpdates: () => undefined,
  ingestReceipts: () => undefined,
  ingestHistory: () => ({ chats: 0, messages: 0 }),
  ingestContacts: () => undefined,
  learnLidMapping: () => undefined,
  ...overrides,
});
