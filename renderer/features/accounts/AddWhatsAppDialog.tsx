import { Dialog, RadioGroup } from 'radix-ui';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { defaultAccountSettings, type AccountDto, type HistoryChoice } from '../../../shared/contract';
import { useAddWhatsAppAccount } from '../../api/hooks/use-accounts';
import { useErrorText } from '../../ui/error-text';

const LABEL_MAX = 40;
const choices: readonly HistoryChoice[] = ['none', 'recent', 'all'];
const choiceKeys = {
  none: ['addWhatsapp.historyNone', 'addWhatsapp.historyNoneHint'],
  recent: ['addWhatsapp.historyRecent', 'addWhatsapp.historyRecentHint'],
  all: ['addWhatsapp.historyAll', 'addWhatsapp.historyAllHint'],
} as const;

/** Name (optional) and how much history to import; "Continue" creates the account and starts its QR. */
export function AddWhatsAppDialog({ onClose, onAdded }: { onClose: () => void; onAdded: (account: AccountDto) => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const add = useAddWhatsAppAccount();
  const [label, setLabel] = useState('');
  const [history, setHistory] = useState<HistoryChoice>(defaultAccountSettings.history);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = label.trim();
    add.mutate({ history, ...(trimmed !== '' && { label: trimmed }) }, { onSuccess: onAdded });
  };

  return (
    <Dialog.Root open onOpenChange={(open) => !open && !add.isPending && onClose()}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dialog" data-testid="add-whatsapp-dialog">
          <Dialog.Title className="dialog-title">{t('addWhatsapp.title')}</Dialog.Title>
          <Dialog.Description className="dialog-description">{t('addWhatsapp.description')}</Dialog.Description>
          <form onSubmit={submit} noValidate>
            <div className="field">
              <label htmlFor="add-whatsapp-label">{t('addWhatsapp.label')}</label>
              <input
                id="add-whatsapp-label"
                data-testid="add-whatsapp-label"
                value={label}
                maxLength={LABEL_MAX}
                autoComplete="off"
                aria-describedby="add-whatsapp-label-hint"
                onChange={(e) => setLabel(e.target.value)}
              />
              <div className="field-hint" id="add-whatsapp-label-hint">
                {t('addWhatsapp.labelHint')}
              </div>
            </div>
            <fieldset className="field choice-group">
              <legend id="add-whatsapp-history">{t('addWhatsapp.history')}</legend>
              <RadioGroup.Root
                className="choice-list"
                aria-labelledby="add-whatsapp-history"
                value={history}
                onValueChange={(value: string) => setHistory(value as HistoryChoice)}
              >
                {choices.map((choice) => {
                  const [title, hint] = choiceKeys[choice];
                  return (
                    <label key={choice} className="choice" data-testid={`history-${choice}`}>
                      <RadioGroup.Item value={choice} className="radio" aria-describedby={`history-${choice}-hint`}>
                        <RadioGroup.Indicator className="radio-dot" />
                      </RadioGroup.Item>
                      <span className="choice-text">
                        <span className="choice-title">{t(title)}</span>
                        <span className="field-hint" id={`history-${choice}-hint`}>
                          {t(hint)}
                        </span>
                      </span>
                    </label>
                  );
                })}
              </RadioGroup.Root>
            </fieldset>
            {add.error && (
              <p className="form-error" role="alert" data-testid="add-whatsapp-error">
                {errorText(add.error)}
              </p>
            )}
            <div className="dialog-actions">
              <Dialog.Close className="btn" type="button" data-testid="add-whatsapp-cancel" disabled={add.isPending}>
                {t('common.cancel')}
              </Dialog.Close>
              <button type="submit" className="btn btn-primary" data-testid="add-whatsapp-submit" disabled={add.isPending}>
                {add.isPending ? t('addWhatsapp.submitting') : t('addWhatsapp.submit')}
              </button>
            </div>
          </form>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
