import { Dialog, RadioGroup } from 'radix-ui';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { accountPalette, type AccountDto } from '../../../shared/contract';
import { useUpdateAccount } from '../../api/hooks/use-accounts';
import { CheckboxField } from '../../ui/CheckboxField';
import { useErrorText } from '../../ui/error-text';
import {
  settingsValuesFrom,
  toUpdateRequest,
  validateAccountSettings,
  type AccountSettingsField,
  type AccountSettingsValues,
} from './account-settings-form';
import { AccountAvatar } from './AccountAvatar';
import type { FieldProblem } from './simulate-form';
import { useProblemText } from '../../ui/use-problem-text';

/** Label, colour and the per-number behaviour. Typed values survive any error. */
export function AccountSettingsDialog({ account, onClose }: { account: AccountDto; onClose: () => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const update = useUpdateAccount();
  // Read once: a status event arriving while the person types must not overwrite the form.
  const [values, setValues] = useState<AccountSettingsValues>(() => settingsValuesFrom(account));
  const [problems, setProblems] = useState<Partial<Record<AccountSettingsField, FieldProblem>>>({});
  const labelRef = useRef<HTMLInputElement>(null);

  const problemText = useProblemText();

  const set = <K extends keyof AccountSettingsValues>(field: K, value: AccountSettingsValues[K]) => {
    setValues((v) => ({ ...v, [field]: value }));
    if (field === 'label' || field === 'color' || field === 'rejectCallReply') setProblems((p) => ({ ...p, [field]: undefined }));
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    update.reset();
    const found = validateAccountSettings(account.id, values);
    setProblems(found);
    if (Object.keys(found).length > 0) {
      if (found.label) labelRef.current?.focus();
      return;
    }
    update.mutate(toUpdateRequest(account.id, values), { onSuccess: onClose });
  };

  const labelError = problemText(problems.label);
  const colorError = problemText(problems.color);
  const replyError = problemText(problems.rejectCallReply);
  const isPaletteColour = (accountPalette as readonly string[]).includes(values.color);

  return (
    <Dialog.Root open onOpenChange={(open) => !open && !update.isPending && onClose()}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dialog dialog-medium" data-testid="account-settings-dialog">
          <div className="dialog-heading">
            <AccountAvatar account={{ label: values.label || account.label, color: values.color, avatar: account.avatar }} size={40} />
            <div>
              <Dialog.Title className="dialog-title">{t('accountSettings.title', { account: account.label })}</Dialog.Title>
              <Dialog.Description className="dialog-description">{t('accountSettings.description')}</Dialog.Description>
            </div>
          </div>
          <form onSubmit={submit} noValidate>
            <div className="field">
              <label htmlFor="account-settings-label">{t('accountSettings.label')}</label>
              <input
                id="account-settings-label"
                ref={labelRef}
                data-testid="account-settings-label"
                value={values.label}
                maxLength={40}
                autoComplete="off"
                aria-invalid={labelError ? true : undefined}
                aria-describedby={labelError ? 'account-settings-label-error' : undefined}
                onChange={(e) => set('label', e.target.value)}
              />
              {labelError && (
                <div className="field-error" id="account-settings-label-error" data-testid="account-settings-label-error" role="alert">
                  {labelError}
                </div>
              )}
            </div>
            <fieldset className="field choice-group">
              <legend id="account-settings-color">{t('accountSettings.color')}</legend>
              <div className="color-row">
                <RadioGroup.Root
                  className="swatches"
                  aria-labelledby="account-settings-color"
                  aria-describedby="account-settings-color-hint"
                  orientation="horizontal"
                  value={isPaletteColour ? values.color : ''}
                  onValueChange={(value: string) => set('color', value)}
                >
                  {accountPalette.map((color) => (
                    <RadioGroup.Item
                      key={color}
                      value={color}
                      className="swatch"
                      style={{ backgroundColor: color }}
                      data-testid={`account-settings-color-${color.slice(1)}`}
                      aria-label={t('accountSettings.colorSwatch', { color })}
                    >
                      <RadioGroup.Indicator className="swatch-mark" />
                    </RadioGroup.Item>
                  ))}
                </RadioGroup.Root>
                <label className="color-custom" title={t('accountSettings.colorCustom')}>
                  <input
                    type="color"
                    data-testid="account-settings-color-custom"
                    value={/^#[0-9a-f]{6}$/i.test(values.color) ? values.color : '#000000'}
                    aria-invalid={colorError ? true : undefined}
                    onChange={(e) => set('color', e.target.value.toLowerCase())}
                  />
                  <span>{t('accountSettings.colorCustom')}</span>
                </label>
              </div>
              <div className="field-hint" id="account-settings-color-hint">
                {t('accountSettings.colorHint')}
              </div>
              {colorError && (
                <div className="field-error" data-testid="account-settings-color-error" role="alert">
                  {colorError}
                </div>
              )}
            </fieldset>
            <div className="settings-checks">
              <CheckboxField
                id="account-settings-reject-calls"
                testId="account-settings-reject-calls"
                label={t('accountSettings.rejectCalls')}
                hint={t('accountSettings.rejectCallsHint')}
                checked={values.rejectCalls}
                onChange={(v) => set('rejectCalls', v)}
              />
              {values.rejectCalls && (
                <div className="field field-indented">
                  <label htmlFor="account-settings-reject-reply">{t('accountSettings.rejectCallReply')}</label>
                  <textarea
                    id="account-settings-reject-reply"
                    data-testid="account-settings-reject-reply"
                    rows={2}
                    maxLength={1000}
                    value={values.rejectCallReply}
                    placeholder={t('accountSettings.rejectCallReplyPlaceholder')}
                    aria-invalid={replyError ? true : undefined}
                    aria-describedby={replyError ? 'account-settings-reject-reply-error' : undefined}
                    onChange={(e) => set('rejectCallReply', e.target.value)}
                  />
                  {replyError && (
                    <div className="field-error" id="account-settings-reject-reply-error" data-testid="account-settings-reject-reply-error" role="alert">
                      {replyError}
                    </div>
                  )}
                </div>
              )}
              <CheckboxField
                id="account-settings-ignore-groups"
                testId="account-settings-ignore-groups"
                label={t('accountSettings.ignoreGroups')}
                hint={t('accountSettings.ignoreGroupsHint')}
                checked={values.ignoreGroups}
                onChange={(v) => set('ignoreGroups', v)}
              />
              <CheckboxField
                id="account-settings-read-receipts"
                testId="account-settings-read-receipts"
                label={t('accountSettings.sendReadReceipts')}
                hint={t('accountSettings.sendReadReceiptsHint')}
                checked={values.sendReadReceipts}
                onChange={(v) => set('sendReadReceipts', v)}
              />
              <CheckboxField
                id="account-settings-appear-online"
                testId="account-settings-appear-online"
                label={t('accountSettings.appearOnline')}
                hint={t('accountSettings.appearOnlineHint')}
                checked={values.appearOnline}
                onChange={(v) => set('appearOnline', v)}
              />
            </div>
            {update.error && (
              <p className="form-error" role="alert" data-testid="account-settings-error">
                {errorText(update.error)}
              </p>
            )}
            <div className="dialog-actions">
              <Dialog.Close className="btn" type="button" data-testid="account-settings-cancel" disabled={update.isPending}>
                {t('common.cancel')}
              </Dialog.Close>
              <button type="submit" className="btn btn-primary" data-testid="account-settings-save" disabled={update.isPending}>
                {update.isPending ? t('accountSettings.saving') : t('accountSettings.save')}
              </button>
            </div>
          </form>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
