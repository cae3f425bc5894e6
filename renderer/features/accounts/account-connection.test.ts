import { describe, expect, it } from 'vitest';
import { accountStateSchema } from '../../../shared/contract';
import { connectionTone, shownAccountState } from './account-connection';

describe('account connection shown apart from its colour', () => {
  it('says "unknown" instead of the last state while the core cannot be heard', () => {
    expect(shownAccountState('connected', 'open')).toBe('connected');
    expect(shownAccountState('connected', 'reconnecting')).toBe('unknown');
    expect(shownAccountState('broken', 'unauthorized')).toBe('unknown');
  });

  it('marks only a connected number as fine; waiting states grey, broken links red', () => {
    expect(connectionTone('connected')).toBe('ok');
    expect(connectionTone('reconnecting')).toBe('waiting');
    expect(connectionTone('disconnected')).toBe('waiting');
    expect(connectionTone('logged_out')).toBe('down');
    expect(connectionTone('broken')).toBe('down');
    expect(connectionTone('unknown')).toBe('unknown');
    for (const state of accountStateSchema.options) expect(['ok', 'waiting', 'down']).toContain(connectionTone(state));
  });
});
