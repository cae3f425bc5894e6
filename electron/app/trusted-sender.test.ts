import { describe, expect, it } from 'vitest';
import { createTrustedSenderCheck, type OwnedWindow, type SenderFrame } from './trusted-sender';

const frame = (overrides: Partial<SenderFrame> = {}): SenderFrame => ({
  url: 'app://mostrador/index.html',
  parent: null,
  processId: 3,
  routingId: 5,
  ...overrides,
});

const window = (main: Pick<SenderFrame, 'processId' | 'routingId'>, destroyed = false): OwnedWindow => ({
  isDestroyed: () => destroyed,
  webContents: { isDestroyed: () => destroyed, mainFrame: main },
});

describe('trusted sender check', () => {
  it('trusts the main frame of one of our windows on app://mostrador, at any path', () => {
    const isTrusted = createTrustedSenderCheck(() => [window({ processId: 1, routingId: 1 }), window(frame())]);
    expect(isTrusted(frame())).toBe(true);
    expect(isTrusted(frame({ url: 'app://mostrador/chats/42?x=1#y' }))).toBe(true);
  });

  it('stops trusting a window once it is destroyed', () => {
    const isTrusted = createTrustedSenderCheck(() => [window(frame(), true)]);
    expect(isTrusted(frame())).toBe(false);
  });

  it('sees windows opened after the check was built', () => {
    const windows: OwnedWindow[] = [];
    const isTrusted = createTrustedSenderCheck(() => windows);
    expect(isTrusted(frame())).toBe(false);
    windows.push(window(frame()));
    expect(isTrusted(frame())).toBe(true);
  });

  it('refuses unparseable URLs and devtools pages', () => {
    const isTrusted = createTrustedSenderCheck(() => [window(frame())]);
    expect(isTrusted(frame({ url: '' }))).toBe(false);
    expect(isTrusted(frame({ url: 'devtools://devtools/bundled/inspector.html' }))).toBe(false);
    expect(isTrusted(undefined)).toBe(false);
  });
});
