import { create } from 'zustand';

export const pages = ['inbox', 'accounts', 'campaigns', 'stats', 'settings'] as const;
export type Page = (typeof pages)[number];

/** `pairing`: the QR / phone-code screen of an account being linked. */
export type AccountDialog = { kind: 'simulate' | 'remove' | 'settings' | 'logout' | 'pairing'; accountId: string };

interface UiState {
  page: Page;
  /** The open conversation in the inbox. */
  selectedChatId: number | null;
  /** At most one account dialog is open at a time. */
  dialog: AccountDialog | null;
  navigate(page: Page): void;
  selectChat(chatId: number | null): void;
  openDialog(dialog: AccountDialog): void;
  closeDialog(): void;
}

/** UI state only; anything the main process owns lives in the react-query cache. */
export const useUiStore = create<UiState>((set) => ({
  page: 'inbox',
  selectedChatId: null,
  dialog: null,
  navigate: (page) => set({ page }),
  selectChat: (selectedChatId) => set({ selectedChatId }),
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
