import { create } from 'zustand';
import { ALL_CHATS, type ChatFilter } from '../api/query-keys';

export const pages = ['inbox', 'accounts', 'assistant', 'campaigns', 'stats', 'settings'] as const;
export type Page = (typeof pages)[number];

/** `pairing`: the QR / phone-code screen of an account being linked. */
export type AccountDialog = { kind: 'simulate' | 'remove' | 'settings' | 'logout' | 'pairing'; accountId: string };

/** A message to scroll to and flash (a search result); the nonce repeats a jump to the same one. */
export interface MessageFocus {
  chatId: number;
  messageId: number;
  nonce: number;
}

interface UiState {
  page: Page;
  /** The open conversation in the inbox. */
  selectedChatId: number | null;
  focus: MessageFocus | null;
  /** The conversation list's filters. */
  chatFilter: ChatFilter;
  /** The contact / labels / notes panel beside the conversation. */
  detailsOpen: boolean;
  /** At most one account dialog is open at a time. */
  dialog: AccountDialog | null;
  /** The number the Assistant page shows (null: the first). */
  assistantAccountId: string | null;
  navigate(page: Page): void;
  /** Opens the Assistant page on one number (from its card's menu or the page's own picker). */
  openAssistant(accountId: string): void;
  selectChat(chatId: number | null): void;
  /** Opens a chat, optionally scrolled to one message. */
  openChat(chatId: number, messageId?: number): void;
  /** The conversation took the focus over (a remount must not jump there again). */
  consumeFocus(nonce: number): void;
  setChatFilter(patch: Partial<ChatFilter>): void;
  setDetailsOpen(open: boolean): void;
  openDialog(dialog: AccountDialog): void;
  closeDialog(): void;
}

/** UI state only; anything the main process owns lives in the react-query cache. */
export const useUiStore = create<UiState>((set) => ({
  page: 'inbox',
  selectedChatId: null,
  focus: null,
  chatFilter: ALL_CHATS,
  detailsOpen: true,
  dialog: null,
  assistantAccountId: null,
  navigate: (page) => set({ page }),
  openAssistant: (accountId) => set({ page: 'assistant', assistantAccountId: accountId }),
  selectChat: (selectedChatId) => set({ selectedChatId, focus: null }),
  openChat: (chatId, messageId) =>
    set((state) => ({
      page: 'inbox',
      selectedChatId: chatId,
      focus: messageId === undefined ? null : { chatId, messageId, nonce: (state.focus?.nonce ?? 0) + 1 },
    })),
  consumeFocus: (nonce) => set((state) => (state.focus?.nonce === nonce ? { focus: null } : {})),
  setChatFilter: (patch) => set((state) => ({ chatFilter: { ...state.chatFilter, ...patch } })),
  setDetailsOpen: (detailsOpen) => set({ detailsOpen }),
  openDialog: (dialog) => set({ dialog }),
  closeDialog: () => set({ dialog: null }),
}));

export function pageFromHash(hash: string): Page | null {
  const name = hash.replace(/^#\/?/, '');
  return (pages as readonly string[]).includes(name) ? (name as Page) : null;
}

/** Keeps the page in the URL hash so a reload (or Back) lands on the same page. */
export function syncPageWithHash(): () => void {
  const fromHash = pageFromHash(location.hash);
  if (fromHash) useUiStore.getState().navigate(fromHash);
  const unsubscribe = useUiStore.subscribe((state, previous) => {
    if (state.page !== previous.page && pageFromHash(location.hash) !== state.page) location.hash = `/${state.page}`;
  });
  const onHashChange = () => {
    const page = pageFromHash(location.hash);
    if (page && page !== useUiStore.getState().page) useUiStore.getState().navigate(page);
  };
  window.addEventListener('hashchange', onHashChange);
  return () => {
    unsubscribe();
    window.removeEventListener('hashchange', onHashChange);
  };
}
