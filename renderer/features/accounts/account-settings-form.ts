import { methods, type AccountDto, type MethodRequest } from '../../../shared/contract';
import type { FieldProblem } from './simulate-form';

export interface AccountSettingsValues {
  label: string;
  color: string;
  rejectCalls: boolean;
  /** As typed; blank means "send nothing" (null). */
  rejectCallReply: string;
  ignoreGroups: boolean;
  sendReadReceipts: boolean;
  appearOnline: boolean;
}

export type AccountSettingsField = 'label' | 'color' | 'rejectCallReply';

export function settingsValuesFrom(account: AccountDto): AccountSettingsValues {
  const { settings } = account;
  return {
    label: account.label,
    color: account.color.toLowerCase(),
    rejectCalls: settings.rejectCalls,
    rejectCallReply: settings.rejectCallReply ?? '',
    ignoreGroups: settings.ignoreGroups,
    sendReadReceipts: settings.sendReadReceipts,
    appearOnline: settings.appearOnline,
  };
}

export function toUpdateRequest(accountId: string, values: AccountSettingsValues): MethodRequest<'accounts.update'> {
  const reply = values.rejectCallReply.trim();
  return {
    accountId,
    label: values.label.trim(),
    color: values.color.toLowerCase(),
    settings: {
      rejectCalls: values.rejectCalls,
      rejectCallReply: reply === '' ? null : reply,
      ignoreGroups: values.ignoreGroups,
      sendReadReceipts: values.sendReadReceipts,
      appearOnline: values.appearOnline,
    },
  };
}

/** Checks the form with the contract's own request schema, so the dialog and the server agree on limits. */
export function validateAccountSettings(accountId: string, values: AccountSettingsValues): Partial<Record<AccountSettingsField, FieldProblem>> {
  const parsed = methods['accounts.update'].request.safeParse(toUpdateRequest(accountId, values));
  if (parsed.success) return {};
  const problems: Partial<Record<AccountSettingsField, FieldProblem>> = {};
  for (const issue of parsed.error.issues) {
    const [first, second] = issue.path;
    const field: AccountSettingsField | undefined =
      first === 'label' || first === 'color' ? first : first === 'settings' && second === 'rejectCallReply' ? 'rejectCallReply' : undefined;
    if (!field || problems[field]) continue;
    if (issue.code === 'too_small') {
      problems[field] = values[field].trim() === '' ? { key: 'form.required' } : { key: 'form.tooShort', min: Number(issue.minimum) };
    } else if (issue.code === 'too_big') {
      problems[field] = { key: 'form.tooLong', max: Number(issue.maximum) };
    } else {
      problems[field] = { key: 'form.invalid' };
    }
  }
  return problems;
}
