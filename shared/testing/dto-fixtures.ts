import { defaultAccountSettings, type AccountDto, type ChatDto, type MessageDto } from '../contract';

/** A complete ChatDto for tests; pass what the test is about. */
export const chatDto = (overrides: Partial<ChatDto> & Pick<ChatDto, 'id'>): ChatDto => ({
  accountId: 'acc-1',
  jid: `${overrides.id}@s.whatsapp.net`,
  title: `Chat ${overrides.id}`,
  phone: null,
  lastMessagePreview: null,
  lastMessageAt: null,
  unreadCount: 0,
  status: 'open',
  labelIds: [],
  pinned: false,
  archived: false,
  mutedUntil: null,
  assignedTo: null,
  ...overrides,
});

/** A complete MessageDto for tests. */
export const messageDto = (overrides: Partial<MessageDto> & Pick<MessageDto, 'id'>): MessageDto => ({
  chatId: 1,
  accountId: 'acc-1',
  waId: `W${overrides.id}`,
  fromMe: false,
  senderName: null,
  type: 'text',
  text: `message ${overrides.id}`,
  timestamp: 1_700_000_000_000,
  status: 'received',
  quoted: null,
  media: null,
  location: null,
  sharedContacts: null,
  reactions: [],
  editedAt: null,
  deletedAt: null,
  error: null,
  ...overrides,
});

export const accountDto = (overrides: Partial<AccountDto> & Pick<AccountDto, 'id'>): AccountDto => ({
  kind: 'practice',
  label: `Account ${overrides.id}`,
  color: '#25d366',
  phone: null,
  pushName: null,
  avatar: null,
  settings: defaultAccountSettings,
  state: 'connecting',
  attempt: null,
  nextRetryAt: null,
  reason: null,
  createdAt: 1_700_000_000_000,
  reachOutLockedUntil: null,
  ...overrides,
});
