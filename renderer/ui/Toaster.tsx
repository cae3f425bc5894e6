import { Toast } from 'radix-ui';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { TOAST_MS, useToastStore, type ToastItem } from '../stores/toast-store';

/** Radix Toast: announced to screen readers, closes after a few seconds, paused while hovered or focused. */
export function Toaster() {
  const { t } = useTranslation();
  const toasts = useToastStore((s) => s.toasts);
  return (
    <Toast.Provider duration={TOAST_MS} label={t('common.toastsLabel')}>
      {toasts.map((item) => (
        <OneToast key={item.id} item={item} />
      ))}
      <Toast.Viewport className="toast-viewport" data-testid="toasts" />
    </Toast.Provider>
  );
}

function OneToast({ item }: { item: ToastItem }) {
  const { t } = useTranslation();
  const dismiss = useToastStore((s) => s.dismiss);
  const acted = useRef(false);
  return (
    <Toast.Root
      className="toast"
      data-testid={item.testId ?? 'toast'}
      duration={item.durationMs}
      onOpenChange={(open) => {
        if (open) return;
        if (!acted.current) item.onExpire?.();
        dismiss(item.id);
      }}
    >
      <Toast.Description className="toast-text">{item.text}</Toast.Description>
      {item.action && (
        <Toast.Action altText={item.action.label} asChild>
          <button
            type="button"
            className="btn btn-link"
            data-testid="toast-action"
            onClick={() => {
              acted.current = true;
              item.action?.run();
            }}
          >
            {item.action.label}
          </button>
        </Toast.Action>
      )}
      <Toast.Close className="btn btn-link toast-close" aria-label={t('common.close')} data-testid="toast-close">
        ×
      </Toast.Close>
    </Toast.Root>
  );
}
