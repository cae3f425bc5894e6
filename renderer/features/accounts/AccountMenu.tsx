import { DropdownMenu } from 'radix-ui';
import { useTranslation } from 'react-i18next';
import type { AccountDto } from '../../../shared/contract';
import { useDisconnectAccount, useReconnectAccount } from '../../api/hooks/use-accounts';
import { useUiStore } from '../../stores/ui-store';
import { MoreIcon } from '../../ui/icons';

type Mutation = ReturnType<typeof useReconnectAccount> | ReturnType<typeof useDisconnectAccount>;

interface Props {
  account: AccountDto;
  reconnect: Mutation;
  disconnect: Mutation;
}

/** The card's "⋮" menu. Actions that need words first (log out, remove) open a dialog. */
export function AccountMenu({ account, reconnect, disconnect }: Props) {
  const { t } = useTranslation();
  const openDialog = useUiStore((s) => s.openDialog);
  const openAssistant = useUiStore((s) => s.openAssistant);
  const busy = reconnect.isPending || disconnect.isPending;
  // A session exists once the number was linked; before that there is nothing to keep or unlink.
  const linked = account.kind === 'practice' || account.phone !== null;

  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger className="btn btn-icon" data-testid="account-menu" aria-label={t('accounts.menu', { account: account.label })}>
        <MoreIcon />
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content className="menu" align="end" sideOffset={4} data-testid="account-menu-content">
          <DropdownMenu.Item
            className="menu-item"
            data-testid="menu-reconnect"
            disabled={busy || account.state === 'connected' || account.state === 'waiting_qr'}
            onSelect={() => reconnect.mutate(account.id)}
          >
            {t('accounts.reconnect')}
          </DropdownMenu.Item>
          <DropdownMenu.Item
            className="menu-item"
            data-testid="menu-disconnect"
            disabled={busy || !linked || account.state === 'disconnected' || account.state === 'logged_out'}
            onSelect={() => disconnect.mutate(account.id)}
          >
            {t('accounts.disconnect')}
          </DropdownMenu.Item>
          {account.kind === 'whatsapp' && (
            <DropdownMenu.Item
              className="menu-item"
              data-testid="menu-logout"
              disabled={!linked || account.state === 'logged_out'}
              onSelect={() => openDialog({ kind: 'logout', accountId: account.id })}
            >
              {t('accounts.logout')}
            </DropdownMenu.Item>
          )}
          <DropdownMenu.Separator className="menu-separator" />
          <DropdownMenu.Item className="menu-item" data-testid="menu-settings" onSelect={() => openDialog({ kind: 'settings', accountId: account.id })}>
            {t('accounts.settings')}
          </DropdownMenu.Item>
          <DropdownMenu.Item className="menu-item" data-testid="menu-assistant" onSelect={() => openAssistant(account.id)}>
            {t('accounts.assistant')}
          </DropdownMenu.Item>
          <DropdownMenu.Item
            className="menu-item menu-item-danger"
            data-testid="menu-remove"
            onSelect={() => openDialog({ kind: 'remove', accountId: account.id })}
          >
            {t('accounts.remove')}
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
