import { describe, expect, it } from 'vitest';
import { openTestDatabase } from '../testing/test-database';
import { readSettings, updateSettings } from './settings-store';

describe('settings store', () => {
  it('reads the defaults before anything is stored', () => {
    const { orm } = openTestDatabase();
    expect(readSettings(orm)).toEqual({ language: null, theme: 'system', reopenOnCustomerMessage: true });
  });

  it('reads every update back, also after earlier reads (the prepared read is never stale)', () => {
    const { orm } = openTestDatabase();
    readSettings(orm);
    expect(updateSettings(orm, { language: 'es' })).toEqual({ language: 'es', theme: 'system', reopenOnCustomerMessage: true });
    updateSettings(orm, { theme: 'dark', reopenOnCustomerMessage: false });
    expect(readSettings(orm)).toEqual({ language: 'es', theme: 'dark', reopenOnCustomerMessage: false });
    updateSettings(orm, { language: null });
    expect(readSettings(orm).language).toBeNull();
  });

  it('a stored value that no longer parses falls back to its default and keeps the others', () => {
    const { db, orm } = openTestDatabase();
    updateSettings(orm, { theme: 'dark', language: 'en' });
    db.prepare("UPDATE settings SET value = ? WHERE key = 'theme'").run(JSON.stringify('sepia'));
    expect(readSettings(orm)).toEqual({ language: 'en', theme: 'system', reopenOnCustomerMessage: true });
  });

  it('two databases never share what they read', () => {
    const first = openTestDatabase();
    const second = openTestDatabase();
    updateSettings(first.orm, { theme: 'dark' });
    expect(readSettings(first.orm).theme).toBe('dark');
    expect(readSettings(second.orm).theme).toBe('system');
  });
});
