import { describe, expect, it, vi } from 'vitest';
import type { EventBatch } from '../../shared/contract/events';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from '../../shared/contract/names';
import { createBridge, type IpcRendererLike } from './bridge';

type Listener = (event: unknown, ...args: unknown[]) => void;

/** An ipcRenderer that records calls and lets the test emit events like main would. */
function fakeIpcRenderer(answer: (channel: string, request: unknown) => Promise<unknown> = async () => ({ ok: true, value: 1 })) {
  const listeners = new Map<string, Set<Listener>>();
  const invoke = vi.fn(answer);
  const ipcRenderer: IpcRendererLike = {
    invoke: (channel, ...args) => invoke(channel, args[0]),
    on: (channel, listener) => listeners.set(channel, (listeners.get(channel) ?? new Set()).add(listener)),
    removeListener: (channel, listener) => listeners.get(channel)?.delete(listener),
  };
  const emit = (channel: string, ...args: unknown[]) => {
    for (const listener of listeners.get(channel) ?? []) listener({ sender: 'the IpcRendererEvent', ports: [] }, ...args);
  };
  return { ipcRenderer, invoke, emit, listenerCount: (channel: string) => listeners.get(channel)?.size ?? 0 };
}

const batch: EventBatch = { topic: 'account.status', items: [] };

describe('preload bridge', () => {
  it('forwards a contract method to the invoke channel as { method, payload }', async () => {
    const fake = fakeIpcRenderer(async () => ({ ok: true, value: { version: '0.1.0' } }));
    const api = createBridge(fake);
    await expect(api.invoke('app.info', { a: 1 })).resolves.toEqual({ ok: true, value: { version: '0.1.0' } });
    expect(fake.invoke).toHaveBeenCalledExactlyOnceWith(IPC_INVOKE_CHANNEL, { method: 'app.info', payload: { a: 1 } });
  });

  it('resolves UNKNOWN_METHOD for names outside the contract and never reaches ipcRenderer', async () => {
    const fake = fakeIpcRenderer();
    const api = createBridge(fake);
    for (const method of ['shell.openExternal', '__proto__', 'toString', '', 42 as unknown as string]) {
      const result = await api.invoke(method, {});
      expect(result.ok).toBe(false);
      expect(result.ok ? undefined : result.error.code).toBe('UNKNOWN_METHOD');
    }
    expect(fake.invoke).not.toHaveBeenCalled();
  });

  it('resolves TRANSPORT_CLOSED instead of rejecting when the invoke fails', async () => {
    const api = createBridge(fakeIpcRenderer(async () => Promise.reject(new Error('An object could not be cloned.'))));
    await expect(api.invoke('chats.list', {})).resolves.toEqual({
      ok: false,
      error: { code: 'TRANSPORT_CLOSED', message: 'An object could not be cloned.' },
    });
  });

  it('hands the listener only the batch, never the IpcRendererEvent', () => {
    const fake = fakeIpcRenderer();
    const listener = vi.fn();
    createBridge(fake).onEvent(listener);
    fake.emit(IPC_EVENT_CHANNEL, batch);
    expect(listener).toHaveBeenCalledExactlyOnceWith(batch);
  });

  it('ignores other channels', () => {
    const fake = fakeIpcRenderer();
    const listener = vi.fn();
    createBridge(fake).onEvent(listener);
    fake.emit('some:other-channel', batch);
    expect(listener).not.toHaveBeenCalled();
  });

  it('stops delivering after unsubscribe, and unsubscribing twice is harmless', () => {
    const fake = fakeIpcRenderer();
    const api = createBridge(fake);
    const kept = vi.fn();
    const dropped = vi.fn();
    api.onEvent(kept);
    const unsubscribe = api.onEvent(dropped);
    expect(fake.listenerCount(IPC_EVENT_CHANNEL)).toBe(2);
    unsubscribe();
    unsubscribe();
    expect(fake.listenerCount(IPC_EVENT_CHANNEL)).toBe(1);
    fake.emit(IPC_EVENT_CHANNEL, batch);
    expect(dropped).not.toHaveBeenCalled();
    expect(kept).toHaveBeenCalledExactlyOnceWith(batch);
  });
});
