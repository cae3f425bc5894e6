import { describe, expect, it } from 'vitest';
import { pageFromHash, useUiStore } from './ui-store';

describe('UI store', () => {
  it('reads the page from the URL hash and ignores anything else', () => {
    expect(pageFromHash('#/settings')).toBe('settings');
    expect(pageFromHash('#inbox')).toBe('inbox');
    expect(pageFromHash('#/nope')).toBeNull();
    expect(pageFromHash('')).toBeNull();
  });

  it('opens the Assistant page on the number chosen from its card', () => {
    useUiStore.getState().navigate('accounts');
    useUiStore.getState().openAssistant('a2');
    expect([useUiStore.getState().page, useUiStore.getState().assistantAccountId]).toEqual(['assistant', 'a2']);
    expect(pageFromHash('#/assistant')).toBe('assistant');
  });

  it('keeps one account dialog open at a time', () => {
    const store = useUiStore.getState();
    store.openDialog({ kind: 'simulate', accountId: 'a1' });
    store.openDialog({ kind: 'remove', accountId: 'a2' });
    expect(useUiStore.getState().dialog).toEqual({ kind: 'remove', accountId: 'a2' });
    store.closeDialog();
    expect(useUiStore.getState().dialog).toBeNull();
  });

  it('opens a chat at a message once: a remount does not jump there again', () => {
    const store = useUiStore.getState();
    store.navigate('settings');
    store.openChat(7, 42);
    const { page, selectedChatId, focus } = useUiStore.getState();
    expect([page, selectedChatId, focus?.messageId]).toEqual(['inbox', 7, 42]);
    // A newer jump is not cleared by an older one being consumed.
    store.openChat(7, 43);
    store.consumeFocus(focus!.nonce);
    expect(useUiStore.getState().focus?.messageId).toBe(43);
    store.consumeFocus(useUiStore.getState().focus!.nonce);
    expect(useUiStore.getState().focus).toBeNull();
    store.openChat(8);
    expect(useUiStore.getState().focus).toBeNull();
  });
});
