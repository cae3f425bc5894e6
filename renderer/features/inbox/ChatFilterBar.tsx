import { Toggle } from 'radix-ui';
import { useTranslation } from 'react-i18next';
import { chatStatusSchema, type AccountDto, type ChatStatus, type LabelDto } from '../../../shared/contract';
import { ALL_CHATS, type ChatFilter } from '../../api/query-keys';
import { ArchiveIcon } from '../../ui/icons';
import { SelectMenu } from '../../ui/SelectMenu';

const ANY = 'any';

interface Props {
  filter: ChatFilter;
  onChange: (patch: Partial<ChatFilter>) => void;
  accounts: AccountDto[];
  labels: LabelDto[];
}

/** Account, label and status selects plus "unread" and "archived" toggles, in two compact rows. */
export function ChatFilterBar({ filter, onChange, accounts, labels }: Props) {
  const { t } = useTranslation();
  const filtered = !isUnfiltered(filter);
  return (
    <div className="filter-bar" role="group" aria-label={t('filters.label')} data-testid="filter-bar">
      <SelectMenu
        label={t('filters.account')}
        testId="filter-account"
        className="filter-select"
        value={filter.accountId ?? ANY}
        display={filter.accountId === null ? t('filters.account') : undefined}
        onChange={(value) => onChange({ accountId: value === ANY ? null : value })}
        options={[{ value: ANY, label: t('filters.allAccounts') }, ...accounts.map((a) => ({ value: a.id, label: a.label, color: a.color }))]}
      />
      <SelectMenu
        label={t('filters.labelFilter')}
        testId="filter-label"
        className="filter-select"
        value={filter.labelId === null ? ANY : String(filter.labelId)}
        display={filter.labelId === null ? t('filters.labelFilter') : undefined}
        onChange={(value) => onChange({ labelId: value === ANY ? null : Number(value) })}
        options={[{ value: ANY, label: t('filters.allLabels') }, ...labels.map((l) => ({ value: String(l.id), label: l.name, color: l.color }))]}
      />
      <SelectMenu
        label={t('filters.status')}
        testId="filter-status"
        className="filter-select"
        value={filter.status ?? ANY}
        display={filter.status === null ? t('filters.status') : undefined}
        onChange={(value) => onChange({ status: value === ANY ? null : (value as ChatStatus) })}
        options={[{ value: ANY, label: t('filters.allStatuses') }, ...chatStatusSchema.options.map((s) => ({ value: s, label: t(`chatStatus.${s}`) }))]}
      />
      <Toggle.Root className="toggle-chip" pressed={filter.unreadOnly} onPressedChange={(unreadOnly) => onChange({ unreadOnly })} data-testid="filter-unread">
        {t('filters.unread')}
      </Toggle.Root>
      <Toggle.Root className="toggle-chip" pressed={filter.archived} onPressedChange={(archived) => onChange({ archived })} data-testid="filter-archived">
        <ArchiveIcon width={14} height={14} />
        {t('filters.archived')}
      </Toggle.Root>
      {filtered && (
        <button type="button" className="btn-link filter-clear" onClick={() => onChange(ALL_CHATS)} data-testid="filter-clear">
          {t('filters.clear')}
        </button>
      )}
    </div>
  );
}

export function isUnfiltered(filter: ChatFilter): boolean {
  return (Object.keys(ALL_CHATS) as (keyof ChatFilter)[]).every((key) => filter[key] === ALL_CHATS[key]);
}
