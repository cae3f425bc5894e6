import { Dialog } from 'radix-ui';
import { useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountDto } from '../../../shared/contract';
import { isApiError } from '../../api/api-error';
import { useSimulateInbound } from '../../api/hooks/use-accounts';
import { useErrorText } from '../../ui/error-text';
import { validateSimulateForm, type FieldProblem, type SimulateField, type SimulateValues } from './simulate-form';
import { useProblemText } from '../../ui/use-problem-text';

interface Props {
  account: AccountDto;
  onClose: () => void;
  onSent: (customerName: string) => void;
}

/** Lets a practice account receive a message "from a customer"; typed values survive any error. */
export function SimulateCustomerDialog({ account, onClose, onSent }: Props) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const simulate = useSimulateInbound();
  const [values, setValues] = useState<SimulateValues>({ customerName: '', phone: '', text: '' });
  const [problems, setProblems] = useState<Partial<Record<SimulateField, FieldProblem>>>({});
  const [serverError, setServerError] = useState<string | null>(null);
  // The server's verdict on the phone number, shown under the field until it is edited.
  const [phoneError, setPhoneError] = useState<string | null>(null);
  const phoneRef = useRef<HTMLInputElement>(null);

  const problemText = useProblemText();

  const setField = (field: SimulateField, value: string) => {
    setValues((v) => ({ ...v, [field]: value }));
    setProblems((p) => ({ ...p, [field]: undefined }));
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setServerError(null);
    const found = validateSimulateForm(account.id, values);
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    simulate.mutate(
      { accountId: account.id, ...values },
      {
        onSuccess: () => onSent(values.customerName.trim()),
        onError: (error) => {
          if (isApiError(error) && error.code === 'INVALID_PHONE') {
            setPhoneError(errorText(error));
            phoneRef.current?.focus();
          } else {
            setServerError(errorText(error));
          }
        },
      },
    );
  };

  const phoneText = problemText(problems.phone) ?? phoneError;

  const field = (name: SimulateField, label: string, input: ReactNode, error: string | null, hint?: string) => (
    <div className="field">
      <label htmlFor={`simulate-${name}`}>{label}</label>
      {input}
      {hint && !error && (
        <div className="field-hint" id={`simulate-${name}-hint`}>
          {hint}
        </div>
      )}
      {error && (
        <div className="field-error" id={`simulate-${name}-error`} data-testid={`simulate-${name}-error`} role="alert">
          {error}
        </div>
      )}
    </div>
  );

  const describedBy = (name: SimulateField, error: string | null, hint?: boolean) =>
    error ? `simulate-${name}-error` : hint ? `simulate-${name}-hint` : undefined;

  const nameError = problemText(problems.customerName);
  const textError = problemText(problems.text);

  return (
    <Dialog.Root open onOpenChange={(open) => !open && onClose()}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dialog" data-testid="simulate-dialog">
          <Dialog.Title className="dialog-title">{t('simulate.title')}</Dialog.Title>
          <Dialog.Description className="dialog-description">{t('simulate.description', { account: account.label })}</Dialog.Description>
          <form onSubmit={submit} noValidate>
            {field(
              'customerName',
              t('simulate.name'),
              <input
                id="simulate-customerName"
                data-testid="simulate-name"
                value={values.customerName}
                maxLength={60}
                autoComplete="off"
                aria-invalid={nameError ? true : undefined}
                aria-describedby={describedBy('customerName', nameError)}
                onChange={(e) => setField('customerName', e.target.value)}
              />,
              nameError,
            )}
            {field(
              'phone',
              t('simulate.phone'),
              <input
                id="simulate-phone"
                ref={phoneRef}
                data-testid="simulate-phone"
                type="tel"
                inputMode="tel"
                value={values.phone}
                maxLength={32}
                autoComplete="off"
                aria-invalid={phoneText ? true : undefined}
                aria-describedby={describedBy('phone', phoneText, true)}
                onChange={(e) => {
                  setField('phone', e.target.value);
                  setPhoneError(null);
                }}
              />,
              phoneText,
              t('simulate.phoneHint'),
            )}
            {field(
              'text',
              t('simulate.text'),
              <textarea
                id="simulate-text"
                data-testid="simulate-text"
                value={values.text}
                maxLength={4096}
                rows={3}
                aria-invalid={textError ? true : undefined}
                aria-describedby={describedBy('text', textError)}
                onChange={(e) => setField('text', e.target.value)}
              />,
              textError,
            )}
            {serverError && (
              <p className="form-error" role="alert" data-testid="simulate-error">
                {serverError}
              </p>
            )}
            <div className="dialog-actions">
              <Dialog.Close className="btn" data-testid="simulate-cancel" type="button">
                {t('common.cancel')}
              </Dialog.Close>
              <button type="submit" className="btn btn-primary" data-testid="simulate-submit" disabled={simulate.isPending}>
                {simulate.isPending ? t('simulate.sending') : t('simulate.submit')}
              </button>
            </div>
          </form>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
