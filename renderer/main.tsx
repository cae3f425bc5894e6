import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { ApiClientProvider } from './api/api-context';
import { isApiError } from './api/api-error';
import { createApiClient } from './api/client';
import { createTransport, forgetTokenInUrl } from './api/create-transport';
import { connectEventBridge } from './api/event-bridge';
import { findCachedChat } from './api/hooks/use-chats';
import { queryKeys } from './api/query-keys';
import { App } from './app/App';
import { describeMessage } from './features/inbox/message-text';
import { createWebNotifier } from './features/notifications/web-notifications';
import type { i18n as I18n } from 'i18next';
import { createI18n } from './i18n/i18n';
import { useConnectionStore } from './stores/connection-store';
import { syncPageWithHash, useUiStore } from './stores/ui-store';
import { ErrorBoundary } from './ui/ErrorBoundary';
import { applyTheme, storedTheme } from './ui/theme';
import './ui/theme.css';
import './ui/base.css';
import './app/app.css';

// The composition root: the one place that builds the transport, the cache and the bridge.
forgetTokenInUrl();
applyTheme(storedTheme());

const transport = createTransport();
transport.onStatus((status) => useConnectionStore.getState().setStatus(status));

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // Events keep the cache current; nothing is refetched on a timer, focus or mount.
      staleTime: Infinity,
      refetchOnWindowFocus: false,
      refetchOnReconnect: false,
      // The server is local: navigator.onLine says nothing about whether it is reachable.
      networkMode: 'always',
      retry: (failures, error) => isApiError(error) && error.code === 'TRANSPORT_CLOSED' && failures < 3,
    },
    mutations: { networkMode: 'always', retry: false },
  },
});
connectEventBridge(transport, queryClient);
// A conversation folded into another (same customer by LID and by phone) stays open as the survivor.
transport.onEvent((batch) => {
  if (batch.topic !== 'chats.removed') return;
  const ui = useUiStore.getState();
  const moved = batch.items.find((c) => c.id === ui.selectedChatId);
  if (!moved) return;
  if (moved.mergedInto === null) ui.selectChat(null);
  else openChatById(moved.mergedInto);
});
syncPageWithHash();

/** Opens a chat known only by id (a notification, a merge), keeping its row while it is open. */
function openChatById(chatId: number) {
  const row = findCachedChat(queryClient, chatId);
  if (row) queryClient.setQueryData(queryKeys.chat(chatId), row);
  useUiStore.getState().openChat(chatId);
}

let i18nInstance: I18n | null = null;
// Browser mode only: in Electron the main process shows notifications and the badge.
if (!window.api) {
  transport.onEvent(
    createWebNotifier({
      queryClient,
      openChatId: () => (useUiStore.getState().page === 'inbox' ? useUiStore.getState().selectedChatId : null),
      windowFocused: () => document.hasFocus(),
      now: () => Date.now(),
      describe: (message) => (i18nInstance ? describeMessage(message, i18nInstance.t) : ''),
      show: (title, options, onClick) => {
        if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
        const notification = new Notification(title, options);
        notification.onclick = () => {
          window.focus();
          onClick();
          notification.close();
        };
      },
      openChat: openChatById,
    }),
  );
}

void createI18n().then((i18n) => {
  i18nInstance = i18n;
  const container = document.getElementById('root');
  if (!container) throw new Error('index.html lacks #root');
  createRoot(container).render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <QueryClientProvider client={queryClient}>
          <ApiClientProvider client={createApiClient(transport)}>
            <ErrorBoundary>
              <App />
            </ErrorBoundary>
          </ApiClientProvider>
        </QueryClientProvider>
      </I18nextProvider>
    </StrictMode>,
  );
});
