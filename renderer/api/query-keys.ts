import type { ChatStatus } from '../../shared/contract';

/** The conversation-list filters; each combination is its own cached list. */
export interface ChatFilter {
  /** null: every account. */
  accountId: string | null;
  unreadOnly: boolean;
  labelId: number | null;
  status: ChatStatus | null;
  /** true lists only archived chats, false only the others (as chats.list does). */
  archived: boolean;
}

export const ALL_CHATS: ChatFilter = { accountId: null, unreadOnly: false, labelId: null, status: null, archived: false };

/** Every react-query key in one place, so the event bridge and the hooks agree. */
export const queryKeys = {
  appInfo: ['app', 'info'] as const,
  settings: ['settings'] as const,
  /** The central server card (`sync.status`, polled while the card is shown). */
  syncStatus: ['sync', 'status'] as const,
  accounts: ['accounts'] as const,
  allChats: ['chats'] as const,
  /** One filtered conversation list (ALL_CHATS: the inbox across all accounts). */
  chats: (filter: ChatFilter) => ['chats', { ...filter }] as const,
  /**
   * The open conversation's own row, seeded from wherever it was opened (list, search, related)
   * and kept fresh by events, so it stays open when it leaves the current filter.
   */
  chat: (chatId: number) => ['chat', chatId] as const,
  /** The same customer's conversations on our other numbers (chats.related). */
  related: (chatId: number) => ['related', chatId] as const,
  allMessages: ['messages'] as const,
  /** The newest messages of a chat, older pages appended as the person scrolls up. */
  messages: (chatId: number) => ['messages', chatId] as const,
  /** A window opened at one message (a search result), older pages appended the same way. */
  messagesAround: (chatId: number, messageId: number) => ['messages', chatId, 'around', messageId] as const,
  /** One message's details (messages.info), fetched each time they are opened. */
  messageInfo: (messageId: number) => ['messageInfo', messageId] as const,
  search: (text: string) => ['search', text] as const,
  labels: ['labels'] as const,
  notes: (chatId: number) => ['notes', chatId] as const,
  quickReplies: ['quickReplies'] as const,
  inboxCounts: ['inbox', 'counts'] as const,
  /** Every Stats figure: refetched (throttled) while the Stats screen is open and the store changes. */
  allStats: ['stats'] as const,
  stats: (family: 'activity' | 'responses' | 'conversations' | 'live' | 'assistant' | 'campaigns', params: object) => ['stats', family, params] as const,
  /** The QR or code being shown to link one account (`accounts.pairing`, then `account.pairing` events). */
  pairing: (accountId: string) => ['pairing', accountId] as const,
  /** The latest `account.history` progress of one account; events only, nothing to fetch. */
  history: (accountId: string) => ['history', accountId] as const,
  /** One account's assistant settings and status (`assistant.get`, then `assistant.status` events). */
  assistant: (accountId: string) => ['assistant', accountId] as const,
  /** Who handles which chat (`assistant.handlers`, then `assistant.handler` events). */
  assistantHandlers: ['assistantHandlers'] as const,
  campaigns: ['campaigns'] as const,
  campaign: (id: number) => ['campaign', id] as const,
  /** Pages of one campaign's recipients (optionally one state), kept live by `campaigns.recipient`. */
  campaignRecipients: (id: number, state: string | null, offset: number) => ['campaign', id, 'recipients', state, offset] as const,
  campaignReport: (id: number) => ['campaign', id, 'report'] as const,
  /** Rows read so far from an audience file (`campaigns.import` events only). */
  audienceImport: (draftId: string) => ['audienceImport', draftId] as const,
  /** How far the "is it on WhatsApp?" check has got (`campaigns.whatsAppCheck` events only). */
  whatsAppCheck: ['whatsAppCheck'] as const,
  optOutSettings: ['campaigns', 'optOut'] as const,
};

/** Page sizes double as the "is there more?" test: a short page is the last one. */
export const CHATS_PAGE_SIZE = 50;
export const MESSAGES_PAGE_SIZE = 50;
