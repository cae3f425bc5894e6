/** Every react-query key in one place, so the event bridge and the hooks agree. */
export const queryKeys = {
  appInfo: ['app', 'info'] as const,
  settings: ['settings'] as const,
  accounts: ['accounts'] as const,
  allChats: ['chats'] as const,
  /** accountId null: the inbox across all accounts. */
  chats: (accountId: string | null) => ['chats', { accountId }] as const,
  allMessages: ['messages'] as const,
  messages: (chatId: number) => ['messages', chatId] as const,
  /** The QR or code being shown to link one account (`accounts.pairing`, then `account.pairing` events). */
  pairing: (accountId: string) => ['pairing', accountId] as const,
  /** The latest `account.history` progress of one account; events only, nothing to fetch. */
  history: (accountId: string) => ['history', accountId] as const,
};

/** Page sizes double as the "is there more?" test: a short page is the last one. */
export const CHATS_PAGE_SIZE = 50;
export const MESSAGES_PAGE_SIZE = 50;
