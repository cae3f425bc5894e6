import { describe, expect, it } from 'vitest';
import { methodNames } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import { silentLogger } from '../testing/silent-logger';
import { createDispatcher, type Handlers } from './dispatcher';

const settings = { language: 'es' as const, theme: 'dark' as const, reopenOnCustomerMessage: true };

/** Every handler fails loudly unless the test provides it. */
function dispatcherWith(overrides: Partial<Handlers>, validateResponses = true) {
  const calls: { method: string; request: unknown }[] = [];
  const unused = Object.fromEntries(
    methodNames.map((name) => [
      name,
      (request: unknown) => {
        calls.push({ method: name, request });
        throw new Error(`${name} should not be called`);
      },
    ]),
  ) as unknown as Handlers;
  const tracked = Object.fromEntries(
    Object.entries(overrides).map(([name, handler]) => [
      name,
      (request: unknown) => {
        calls.push({ method: name, request });
        return (handler as (r: unknown) => unknown)(request);
      },
    ]),
  );
  const dispatch = createDispatcher({ ...unused, ...tracked } as Handlers, { validateResponses, logger: silentLogger() });
  return { dispatch, calls };
}

describe('dispatcher', () => {
  it('answers UNKNOWN_METHOD for a name outside the contract', async () => {
    const { dispatch, calls } = dispatcherWith({});
    for (const name of ['chats.delete', '__proto__', 'constructor', '']) {
      const result = await dispatch(name, {});
      expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    }
    expect(calls).toEqual([]);
  });

  it('answers BAD_REQUEST for a payload of the wrong type or with an extra key, without calling the handler', async () => {
    const { dispatch, calls } = dispatcherWith({ 'chats.list': () => [] });
    expect(await dispatch('chats.list', { limit: 'ten' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await dispatch('chats.list', { limit: 10, sql: 'DROP TABLE chats' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await dispatch('chats.markRead', { chatId: -1 })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(calls).toEqual([]);
  });

  it('passes an AppError code and message through', async () => {
    const { dispatch } = dispatcherWith({
      'chats.markRead': ({ chatId }) => {
        throw new AppError('NOT_FOUND', `No conversation ${chatId}`);
      },
    });
    expect(await dispatch('chats.markRead', { chatId: 7 })).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: 'No conversation 7' } });
  });

  it('hides any other error behind INTERNAL with a generic message', async () => {
    const { dispatch } = dispatcherWith({
      'settings.get': () => {
        throw new Error('SQLITE_IOERR at /home/ana/.config/Mostrador apiKey=sk-secret-123');
      },
    });
    const result = await dispatch('settings.get', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    const text = JSON.stringify(result);
    expect(text).not.toContain('sk-secret-123');
    expect(text).not.toContain('SQLITE_IOERR');
    expect(text).not.toMatch(/\bat .*\.ts:\d+/);
  });

  it('turns a rejected async handler into INTERNAL too', async () => {
    const { dispatch } = dispatcherWith({ 'accounts.list': async () => Promise.reject(new Error('boom')) });
    expect(await dispatch('accounts.list', {})).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });

  it('answers INTERNAL when a response breaks the contract and responses are validated', async () => {
    const broken = { 'settings.get': () => ({ language: 'fr', theme: 'dark' }) as unknown as typeof settings };
    expect(await dispatcherWith(broken, true).dispatch('settings.get', {})).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(await dispatcherWith(broken, false).dispatch('settings.get', {})).toEqual({ ok: true, value: { language: 'fr', theme: 'dark' } });
  });

  it('applies the schema defaults before the handler sees the request', async () => {
    const { dispatch, calls } = dispatcherWith({ 'chats.list': () => [], 'messages.list': () => [] });
    expect(await dispatch('chats.list', {})).toEqual({ ok: true, value: [] });
    expect(await dispatch('messages.list', { chatId: 3 })).toEqual({ ok: true, value: [] });
    expect(calls).toEqual([
      { method: 'chats.list', request: { limit: 50, archived: false } },
      { method: 'messages.list', request: { chatId: 3, limit: 50 } },
    ]);
  });

  it('treats a missing payload as an empty request', async () => {
    const { dispatch } = dispatcherWith({ 'settings.get': () => settings });
    expect(await dispatch('settings.get', undefined)).toEqual({ ok: true, value: settings });
  });
});

