import { AlertDialog } from 'radix-ui';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountDto } from '../../../shared/contract';
import { useRemoveAccount } from '../../api/hooks/use-accounts';
import { CheckboxField } from '../../ui/CheckboxField';
import { useErrorText } from '../../ui/error-text';

export function RemoveAccountDialog({ account, onClose }: { account: AccountDto; onClose: () => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const remove = useRemoveAccount();
  const [deleteConversations, setDeleteConversations] = useState(true);

  return (
    <AlertDialog.Root open onOpenChange={(open) => !open && !remove.isPending && onClose()}>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="dialog-overlay" />
        <AlertDialog.Content className="dialog" data-testid="remove-dialog">
          <AlertDialog.Title className="dialog-title">{t('remove.title', { account: account.label })}</AlertDialog.Title>
          <AlertDialog.Description className="dialog-description">{t('remove.description')}</AlertDialog.Description>
          <CheckboxField
            id="remove-delete-conversations"
            testId="remove-delete-conversations"
            label={t('remove.deleteConversations')}
            hint={deleteConversations ? t('remove.deleteHint') : t('remove.keepHint')}
            checked={deleteConversations}
            disabled={remove.isPending}
            onChange={setDeleteConversations}
          />
          {remove.error && (
            <p className="form-error" role="alert" data-testid="remove-error">
              {errorText(remove.error)}
            </p>
          )}
          <div className="dialog-actions">
            <AlertDialog.Cancel className="btn" data-testid="remove-cancel" disabled={remove.isPending}>
              {t('common.cancel')}
            </AlertDialog.Cancel>
            {/* Not AlertDialog.Action: that would close the dialog before we know the removal worked. */}
            <button
              type="button"
              className="btn btn-danger"
              data-testid="remove-confirm"
              disabled={remove.isPending}
              onClick={() => remove.mutate({ accountId: account.id, deleteConversations }, { onSuccess: onClose })}
            >
              {remove.isPending ? t('remove.removing') : t('remove.confirm')}
            </button>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
