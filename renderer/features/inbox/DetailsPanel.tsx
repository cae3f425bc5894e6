import { DropdownMenu, ToggleGroup } from 'radix-ui';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { chatStatusSchema, type AccountDto, type ChatDto, type ChatStatus } from '../../../shared/contract';
import { useOpenChat, useRelatedChats, useSetChatLabels, useUpdateChat } from '../../api/hooks/use-chats';
import { useLabels } from '../../api/hooks/use-inbox';
import { useUiStore } from '../../stores/ui-store';
import { ColorDot } from '../../ui/ColorDot';
import { AccountMark } from '../accounts/AccountMark';
import { useErrorText } from '../../ui/error-text';
import { displayPhone, displayTitle, formatChatTime, formatFullDate } from '../../ui/format';
import { ArchiveIcon, CheckIcon, CloseIcon, MutedIcon, PinIcon, TagIcon } from '../../ui/icons';
import { useNow } from '../../ui/use-now';
import { initials } from './ChatRow';
import { ManageLabelsDialog } from './ManageLabelsDialog';
import { isMuted, isMutedForever, muteChoices, mutedUntilFor } from './mute';
import { AssignSection } from './AssignSection';
import { NotesSection } from './NotesSection';

interface Props {
  chat: ChatDto;
  account: AccountDto | undefined;
  accounts: ReadonlyMap<string, AccountDto>;
}

/** Contact, the customer's other conversations, workflow status, labels, actions and private notes. */
export function DetailsPanel({ chat, account, accounts }: Props) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  const errorText = useErrorText();
  const setDetailsOpen = useUiStore((s) => s.setDetailsOpen);
  const update = useUpdateChat();
  const setLabels = useSetChatLabels();
  const labels = useLabels();
  const related = useRelatedChats(chat.id);
  const openChat = useOpenChat();
  const now = useNow(60_000);
  const [manageOpen, setManageOpen] = useState(false);
  const others = (related.data ?? []).filter((c) => c.id !== chat.id);
  const muted = isMuted(chat.mutedUntil, now);
  const chatLabels = (labels.data ?? []).filter((l) => chat.labelIds.includes(l.id));

  const toggleLabel = (labelId: number) => {
    const next = chat.labelIds.includes(labelId) ? chat.labelIds.filter((id) => id !== labelId) : [...chat.labelIds, labelId];
    setLabels.mutate({ chatId: chat.id, labelIds: next });
  };

  const actionError = update.error ?? setLabels.error;

  return (
    <aside className="details" data-testid="details-panel" aria-label={t('details.title')}>
      <header className="details-header">
        <h2>{t('details.title')}</h2>
        <button type="button" className="btn btn-icon" aria-label={t('details.hide')} title={t('details.hide')} onClick={() => setDetailsOpen(false)} data-testid="details-close">
          <CloseIcon />
        </button>
      </header>
      <div className="details-body">
        <section className="details-contact">
          <span className="chat-avatar details-avatar" aria-hidden>
            {initials(chat.title)}
          </span>
          <div className="details-name" data-testid="details-name">
            {displayTitle(chat.title)}
          </div>
          {chat.phone && <div className="muted selectable" data-testid="details-phone">{displayPhone(chat.phone)}</div>}
          {account && (
            <div className="conversation-account muted small">
              <AccountMark account={account} withLabel />
            </div>
          )}
        </section>

        {actionError && (
          <p className="form-error" role="alert" data-testid="details-error">
            {errorText(actionError)}
          </p>
        )}

        <section className="details-section">
          <h3 id="details-status">{t('details.status')}</h3>
          <ToggleGroup.Root
            type="single"
            className="segmented segmented-full"
            aria-labelledby="details-status"
            value={chat.status}
            onValueChange={(value: string) => {
              if (value && value !== chat.status) update.mutate({ chatId: chat.id, status: value as ChatStatus });
            }}
          >
            {chatStatusSchema.options.map((status) => (
              <ToggleGroup.Item key={status} value={status} className="segment" data-testid={`status-${status}`}>
                {t(`chatStatus.${status}`)}
              </ToggleGroup.Item>
            ))}
          </ToggleGroup.Root>
        </section>

        <AssignSection chat={chat} />

        <section className="details-section">
          <h3>{t('details.labels')}</h3>
          <div className="details-labels" data-testid="details-labels">
            {chatLabels.length === 0 && <span className="muted small">{t('details.noLabels')}</span>}
            {chatLabels.map((label) => (
              <span key={label.id} className="label-chip label-chip-large" style={{ ['--chip-color' as string]: label.color }} data-testid="details-label">
                {label.name}
              </span>
            ))}
          </div>
          <div className="details-row">
            <DropdownMenu.Root>
              <DropdownMenu.Trigger className="btn" data-testid="labels-menu">
                <TagIcon width={16} height={16} />
                {t('details.editLabels')}
              </DropdownMenu.Trigger>
              <DropdownMenu.Portal>
                <DropdownMenu.Content className="menu" align="start" sideOffset={4} data-testid="labels-menu-content">
                  {(labels.data ?? []).length === 0 && (
                    <DropdownMenu.Item className="menu-item" disabled>
                      {t('details.noLabelsYet')}
                    </DropdownMenu.Item>
                  )}
                  {(labels.data ?? []).map((label) => (
                    <DropdownMenu.CheckboxItem
                      key={label.id}
                      className="menu-item"
                      checked={chat.labelIds.includes(label.id)}
                      onCheckedChange={() => toggleLabel(label.id)}
                      onSelect={(e) => e.preventDefault()}
                      data-testid="label-option"
                      data-label-id={label.id}
                    >
                      <span className="menu-check">
                        <DropdownMenu.ItemIndicator>
                          <CheckIcon width={12} height={12} />
                        </DropdownMenu.ItemIndicator>
                      </span>
                      <ColorDot color={label.color} size={10} />
                      {label.name}
                    </DropdownMenu.CheckboxItem>
                  ))}
                  <DropdownMenu.Separator className="menu-separator" />
                  <DropdownMenu.Item className="menu-item" onSelect={() => setManageOpen(true)} data-testid="manage-labels">
                    {t('labels.manage')}
                  </DropdownMenu.Item>
                </DropdownMenu.Content>
              </DropdownMenu.Portal>
            </DropdownMenu.Root>
          </div>
          {labels.error && <p className="field-error">{t('common.loadFailed', { error: errorText(labels.error) })}</p>}
        </section>

        <section className="details-section">
          <h3>{t('details.actions')}</h3>
          <div className="details-actions">
            <button
              type="button"
              className="btn"
              aria-pressed={chat.pinned}
              data-testid="chat-pin"
              disabled={update.isPending}
              onClick={() => update.mutate({ chatId: chat.id, pinned: !chat.pinned })}
            >
              <PinIcon width={16} height={16} />
              {chat.pinned ? t('details.unpin') : t('details.pin')}
            </button>
            <button
              type="button"
              className="btn"
              aria-pressed={chat.archived}
              data-testid="chat-archive"
              disabled={update.isPending}
              onClick={() => update.mutate({ chatId: chat.id, archived: !chat.archived })}
            >
              <ArchiveIcon width={16} height={16} />
              {chat.archived ? t('details.unarchive') : t('details.archive')}
            </button>
            {muted ? (
              <button type="button" className="btn" data-testid="chat-unmute" disabled={update.isPending} onClick={() => update.mutate({ chatId: chat.id, mutedUntil: null })}>
                <MutedIcon width={16} height={16} />
                {t('details.unmute')}
              </button>
            ) : (
              <DropdownMenu.Root>
                <DropdownMenu.Trigger className="btn" data-testid="chat-mute" disabled={update.isPending}>
                  <MutedIcon width={16} height={16} />
                  {t('details.mute')}
                </DropdownMenu.Trigger>
                <DropdownMenu.Portal>
                  <DropdownMenu.Content className="menu" align="start" sideOffset={4}>
                    {muteChoices.map((choice) => (
                      <DropdownMenu.Item
                        key={choice}
                        className="menu-item"
                        data-testid={`mute-${choice}`}
                        onSelect={() => update.mutate({ chatId: chat.id, mutedUntil: mutedUntilFor(choice, Date.now()) })}
                      >
                        {t(`details.mute_${choice}`)}
                      </DropdownMenu.Item>
                    ))}
                  </DropdownMenu.Content>
                </DropdownMenu.Portal>
              </DropdownMenu.Root>
            )}
          </div>
          {muted && chat.mutedUntil !== null && (
            <p className="muted small" data-testid="muted-until">
              {isMutedForever(chat.mutedUntil) ? t('details.mutedForever') : t('details.mutedUntil', { time: formatFullDate(chat.mutedUntil, language) })}
            </p>
          )}
        </section>

        <section className="details-section">
          <h3>{t('details.alsoWrites')}</h3>
          {related.error && <p className="muted small">{t('common.loadFailed', { error: errorText(related.error) })}</p>}
          {related.isSuccess && others.length === 0 && <p className="muted small">{t('details.noOtherChats')}</p>}
          {others.length > 0 && (
            <ul className="details-related" data-testid="details-related">
              {others.map((other) => {
                const otherAccount = accounts.get(other.accountId);
                return (
                  <li key={other.id}>
                    <button type="button" className="related-chat" onClick={() => openChat(other)} data-testid="related-chat">
                      {otherAccount && <AccountMark account={otherAccount} />}
                      <span className="related-account">{otherAccount?.label ?? other.accountId}</span>
                      {other.lastMessageAt !== null && <span className="muted small">{formatChatTime(other.lastMessageAt, language, now, t('inbox.yesterday'))}</span>}
                      {other.unreadCount > 0 && <span className="count-badge">{other.unreadCount}</span>}
                    </button>
                  </li>
                );
              })}
            </ul>
          )}
        </section>

        <NotesSection chatId={chat.id} />
      </div>
      {manageOpen && <ManageLabelsDialog onClose={() => setManageOpen(false)} />}
    </aside>
  );
}
