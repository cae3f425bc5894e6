import { create } from 'zustand';

/** How long a toast stays before it closes by itself (Radix pauses it while hovered or focused). */
export const TOAST_MS = 5000;
/** A toast offering "Undo" stays a little longer: the person has to read it and decide. */
export const UNDO_TOAST_MS = 8000;

export interface ToastItem {
  id: number;
  text: string;
  testId?: string;
  durationMs?: number;
  action?: { label: string; run: () => void };
  /** Runs when the toast closes without its action (timed out or dismissed). */
  onExpire?: () => void;
}

interface ToastState {
  toasts: ToastItem[];
  show(toast: Omit<ToastItem, 'id'>): number;
  dismiss(id: number): void;
}

let nextId = 1;

/** Short confirmations that close by themselves; UI state only. */
export const useToastStore = create<ToastState>((set) => ({
  toasts: [],
  show: (toast) => {
    const id = nextId++;
    set((s) => ({ toasts: [...s.toasts.slice(-2), { ...toast, id }] }));
    return id;
  },
  dismiss: (id) => set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) })),
}));
