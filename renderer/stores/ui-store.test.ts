import { describe, expect, it } from 'vitest';
import { pageFromHash, useUiStore } from './ui-store';

describe('UI store', () => {
  it('reads the page from the URL hash and ignores anything else', () => {
    expect(pageFromHash('#/settings')).toBe('settings');
    expect(pageFromHash('#inbox')).toBe('inbox');
    expect(pageFromHash('#/nope')).toBeNull();
    expect(pageFromHash('')).toBeNull();
  });

  it('keeps one account dialog open at a time', () => {
    const store = useUiStore.getState();
    store.openDialog({ kind: 'simulate', accountId: 'a1' });
    store.openDialog({ kind: 'remove', accountId: 'a2' });
    expect(useUiStore.getState().dialog).toEqual({ kind: 'remove', accountId: 'a2' });
    store.closeDialog();
    expect(useUiStore.getState().dialog).toBeNull();
  });
});
