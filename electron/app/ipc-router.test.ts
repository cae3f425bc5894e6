import { describe, expect, it, vi } from 'vitest';
import { IPC_INVOKE_CHANNEL } from '../../shared/contract/names';
import type { Result } from '../../shared/result';
import { registerIpcRouter, type IpcMainLike } from './ipc-router';
import { createTrustedSenderCheck, type OwnedWindow, type SenderFrame } from './trusted-sender';

type Handler = Parameters<IpcMainLike['handle']>[1];

const mainFrame = (url = 'app://mostrador/index.html'): SenderFrame => ({ url, parent: null, processId: 7, routingId: 1 });

function ownedWindow(frame: Pick<SenderFrame, 'processId' | 'routingId'>): OwnedWindow {
  return { isDestroyed: () => false, webContents: { isDestroyed: () => false, mainFrame: frame } };
}

/** Registers the router on a fake ipcMain whose only window has `windowFrame` as main frame. */
function setUp(options: { windowFrame?: SenderFrame; dispatch?: (method: string, payload: unknown) => Promise<Result<unknown>> } = {}) {
  const handlers = new Map<string, Handler>();
  const ipcMain: IpcMainLike = { handle: (channel, listener) => void handlers.set(channel, listener) };
  const dispatch = vi.fn(options.dispatch ?? (async () => ({ ok: true as const, value: 'dispatched' })));
  const log = { warn: vi.fn(), error: vi.fn() };
  const windowFrame = options.windowFrame ?? mainFrame();
  registerIpcRouter({
    ipcMain,
    dispatch,
    isTrustedSender: createTrustedSenderCheck(() => [ownedWindow(windowFrame)]),
    log,
  });
  const handler = handlers.get(IPC_INVOKE_CHANNEL);
  if (!handler) throw new Error('router did not register on the invoke channel');
  const call = async (senderFrame: SenderFrame | null, request: unknown) => (await handler({ senderFrame }, request)) as Result<unknown>;
  return { call, dispatch, log, handlers };
}

const errorCode = (result: Result<unknown>) => (result.ok ? undefined : result.error.code);

describe('ipc router', () => {
  it('registers exactly one handler, on the invoke channel', () => {
    const { handlers } = setUp();
    expect([...handlers.keys()]).toEqual([IPC_INVOKE_CHANNEL]);
  });

  it('passes method and payload of a trusted main frame to dispatch and returns its result', async () => {
    const { call, dispatch } = setUp();
    const payload = { chatId: 3, text: 'hola' };
    const result = await call(mainFrame(), { method: 'messages.send', payload });
    expect(result).toEqual({ ok: true, value: 'dispatched' });
    expect(dispatch).toHaveBeenCalledExactlyOnceWith('messages.send', payload);
  });

  it('refuses a frame showing another origin without dispatching', async () => {
    const { call, dispatch } = setUp({ windowFrame: mainFrame('https://evil.example/') });
    const result = await call(mainFrame('https://evil.example/'), { method: 'app.info', payload: undefined });
    expect(errorCode(result)).toBe('FORBIDDEN_SENDER');
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('refuses a look-alike origin (other host, port or scheme)', async () => {
    for (const url of ['app://mostrador.evil/index.html', 'app://mostrador:8080/', 'file:///index.html', 'http://mostrador/']) {
      const { call, dispatch } = setUp({ windowFrame: mainFrame(url) });
      expect(errorCode(await call(mainFrame(url), { method: 'app.info' }))).toBe('FORBIDDEN_SENDER');
      expect(dispatch).not.toHaveBeenCalled();
    }
  });

  it('refuses a subframe even when it shows our origin', async () => {
    const { call, dispatch } = setUp();
    const subframe: SenderFrame = { url: 'app://mostrador/index.html', parent: mainFrame() as never, processId: 7, routingId: 2 };
    expect(errorCode(await call(subframe, { method: 'app.info' }))).toBe('FORBIDDEN_SENDER');
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('refuses a missing frame (navigated away or destroyed)', async () => {
    const { call, dispatch } = setUp();
    expect(errorCode(await call(null, { method: 'app.info' }))).toBe('FORBIDDEN_SENDER');
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('refuses a main frame that belongs to a window we did not create', async () => {
    const { call, dispatch } = setUp();
    const stranger: SenderFrame = { ...mainFrame(), processId: 99 };
    expect(errorCode(await call(stranger, { method: 'app.info' }))).toBe('FORBIDDEN_SENDER');
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('refuses a disposed frame whose getters throw, and keeps answering', async () => {
    const { call, dispatch } = setUp();
    const disposed = {
      get url(): string {
        throw new Error('Render frame was disposed before WebFrameMain could be accessed');
      },
      parent: null,
      processId: 7,
      routingId: 1,
    } as SenderFrame;
    expect(errorCode(await call(disposed, { method: 'app.info' }))).toBe('FORBIDDEN_SENDER');
    expect(await call(mainFrame(), { method: 'app.info' })).toEqual({ ok: true, value: 'dispatched' });
    expect(dispatch).toHaveBeenCalledOnce();
  });

  it('answers BAD_REQUEST to a malformed argument without dispatching', async () => {
    const { call, dispatch } = setUp();
    for (const request of [undefined, null, 'app.info', 42, ['app.info', {}], {}, { method: 12 }, { payload: {} }]) {
      expect(errorCode(await call(mainFrame(), request))).toBe('BAD_REQUEST');
    }
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('answers UNKNOWN_METHOD to a name outside the contract without dispatching', async () => {
    const { call, dispatch } = setUp();
    for (const method of ['fs.readFile', '__proto__', 'constructor', '', 'app.info ']) {
      expect(errorCode(await call(mainFrame(), { method, payload: {} }))).toBe('UNKNOWN_METHOD');
    }
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('turns a throwing dispatch into INTERNAL and still answers the next call', async () => {
    let calls = 0;
    const { call, log } = setUp({
      dispatch: async () => {
        calls += 1;
        if (calls === 1) throw new Error('secret stack detail');
        return { ok: true, value: 'recovered' };
      },
    });
    const failed = await call(mainFrame(), { method: 'chats.list', payload: {} });
    expect(failed).toEqual({ ok: false, error: { code: 'INTERNAL', message: expect.any(String) } });
    expect(JSON.stringify(failed)).not.toContain('secret stack detail');
    expect(log.error).toHaveBeenCalled();
    expect(await call(mainFrame(), { method: 'chats.list', payload: {} })).toEqual({ ok: true, value: 'recovered' });
  });

  it('passes an error Result from the core through unchanged', async () => {
    const notFound: Result<unknown> = { ok: false, error: { code: 'NOT_FOUND', message: 'No such chat.' } };
    const { call } = setUp({ dispatch: async () => notFound });
    expect(await call(mainFrame(), { method: 'messages.list', payload: { chatId: 1 } })).toEqual(notFound);
  });
});
