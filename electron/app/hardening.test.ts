import { describe, expect, it, vi } from 'vitest';
import { denyAllPermissions, hardenWebContents, type GuardedContents } from './hardening';

type AnyListener = (...args: unknown[]) => void;

/** A WebContents stand-in that records the guards so the test can fire them. */
function fakeContents() {
  const listeners = new Map<string, AnyListener>();
  let openHandler: ((details: { url: string }) => { action: string }) | undefined;
  const contents = {
    on: (event: string, listener: AnyListener) => {
      listeners.set(event, listener);
      return contents;
    },
    setWindowOpenHandler: (handler: typeof openHandler) => {
      openHandler = handler;
    },
  };
  const fire = (event: string, url = '') => {
    const preventDefault = vi.fn();
    listeners.get(event)?.({ url, preventDefault }, url);
    return preventDefault;
  };
  return { contents: contents as unknown as GuardedContents, fire, open: (url: string) => openHandler?.({ url }) };
}

function harden() {
  const fake = fakeContents();
  const openExternal = vi.fn(async (_url: string) => undefined);
  hardenWebContents(fake.contents, { openExternal, log: { warn: vi.fn() } });
  return { ...fake, openExternal };
}

describe('web contents hardening', () => {
  it('lets in-app navigation through and blocks every other destination', () => {
    const { fire } = harden();
    for (const event of ['will-navigate', 'will-redirect', 'will-frame-navigate']) {
      expect(fire(event, 'app://mostrador/chats')).not.toHaveBeenCalled();
      for (const url of ['https://example.com/', 'file:///etc/passwd', 'app://evil/', 'javascript:alert(1)']) {
        expect(fire(event, url), `${event} ${url}`).toHaveBeenCalledOnce();
      }
    }
  });

  it('refuses to attach a webview', () => {
    expect(harden().fire('will-attach-webview')).toHaveBeenCalledOnce();
  });

  it('denies every new window and sends only http(s) links to the OS browser', () => {
    const { open, openExternal } = harden();
    expect(open('https://example.com/catalogo')).toEqual({ action: 'deny' });
    expect(open('http://example.com/')).toEqual({ action: 'deny' });
    for (const url of ['file:///etc/passwd', 'smb://host/share', 'app://mostrador/', 'javascript:alert(1)', 'not a url']) {
      expect(open(url)).toEqual({ action: 'deny' });
    }
    expect(openExternal.mock.calls).toEqual([['https://example.com/catalogo'], ['http://example.com/']]);
  });
});

describe('permissions', () => {
  it('denies every permission request and check', () => {
    let request: ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void) | undefined;
    let check: ((...args: unknown[]) => boolean) | undefined;
    denyAllPermissions({
      setPermissionRequestHandler: (handler: unknown) => void (request = handler as typeof request),
      setPermissionCheckHandler: (handler: unknown) => void (check = handler as typeof check),
    } as never);
    for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read', 'openExternal']) {
      const callback = vi.fn();
      request?.({}, permission, callback);
      expect(callback).toHaveBeenCalledExactlyOnceWith(false);
      expect(check?.({}, permission, 'app://mostrador', {})).toBe(false);
    }
  });
});
