import { useTranslation } from 'react-i18next';
import type { ChatDto } from '../../../shared/contract';
import { useAccounts } from '../../api/hooks/use-accounts';
import { useOpenChat, useRelatedChats } from '../../api/hooks/use-chats';
import { SelectMenu } from '../../ui/SelectMenu';

/**
 * "Reply from": the same customer's conversations on our other numbers, by account. The first is
 * where they wrote last; choosing one opens that conversation, so the reply leaves from that number.
 */
export function RelatedChatSelect({ chat }: { chat: ChatDto }) {
  const { t } = useTranslation();
  const related = useRelatedChats(chat.id);
  const accounts = useAccounts();
  const openChat = useOpenChat();
  const list = related.data ?? [];
  const chats = list.some((c) => c.id === chat.id) ? list : [chat, ...list];
  if (chats.length < 2) return null;
  const byId = new Map((accounts.data ?? []).map((a) => [a.id, a]));
  const lastWrote = list[0]?.id;
  const options = chats.map((c) => {
    const account = byId.get(c.accountId);
    const name = account?.label ?? c.accountId;
    return { value: String(c.id), label: c.id === lastWrote ? t('composer.lastWroteHere', { account: name }) : name, ...(account && { color: account.color }) };
  });
  return (
    <label className="composer-from">
      <span className="muted small">{t('composer.replyFrom')}</span>
      <SelectMenu
        label={t('composer.replyFrom')}
        testId="reply-from"
        value={String(chat.id)}
        options={options}
        onChange={(value) => {
          const target = chats.find((c) => String(c.id) === value);
          if (target && target.id !== chat.id) openChat(target);
        }}
      />
    </label>
  );
}
