import { describe, expect, it } from 'vitest';
import { defaultAccountSettings, type AccountDto } from '../../../shared/contract';
import { settingsValuesFrom, toUpdateRequest, validateAccountSettings } from './account-settings-form';

const account: AccountDto = {
  id: 'a1',
  kind: 'whatsapp',
  label: 'Tienda',
  color: '#2F6FDF',
  phone: '34612345678',
  pushName: 'Tienda Sol',
  avatar: null,
  settings: { ...defaultAccountSettings, rejectCalls: true, rejectCallReply: 'Escríbenos' },
  state: 'connected',
  attempt: null,
  nextRetryAt: null,
  reason: null,
  createdAt: 1_700_000_000_000,
  reachOutLockedUntil: null,
};

describe('account settings form', () => {
  it('starts from the account and sends back what the contract expects', () => {
    const values = settingsValuesFrom(account);
    expect(values).toMatchObject({ label: 'Tienda', color: '#2f6fdf', rejectCalls: true, rejectCallReply: 'Escríbenos' });
    expect(toUpdateRequest('a1', { ...values, label: '  Centro ', rejectCallReply: '   ' })).toEqual({
      accountId: 'a1',
      label: 'Centro',
      color: '#2f6fdf',
      settings: { rejectCalls: true, rejectCallReply: null, ignoreGroups: false, sendReadReceipts: true, appearOnline: false },
    });
    expect(validateAccountSettings('a1', values)).toEqual({});
  });

  it('reports a blank or too long name, a bad colour and a too long reply by field', () => {
    const values = settingsValuesFrom(account);
    expect(validateAccountSettings('a1', { ...values, label: '  ', color: 'red', rejectCallReply: 'x'.repeat(1001) })).toEqual({
      label: { key: 'form.required' },
      color: { key: 'form.invalid' },
      rejectCallReply: { key: 'form.tooLong', max: 1000 },
    });
    expect(validateAccountSettings('a1', { ...values, label: 'x'.repeat(41) })).toEqual({ label: { key: 'form.tooLong', max: 40 } });
  });
});
