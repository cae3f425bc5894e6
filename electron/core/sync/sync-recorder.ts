import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { AccountDto, CampaignRecipientDto, ChatDto, EventItem, EventTopic, NoteDto } from '../../../shared/contract';
import type { Orm } from '../db/orm';
import { accounts, campaigns, syncChats, syncNoteKeys } from '../db/schema';
import { accountKeyOf, chatRefOf, labelRefsOf } from './chat-refs';
import { readSyncConfig, recordSyncEvent } from './sync-store';

export interface SyncRecorder {
  /** Every event the core emits, synchronously (EventBus.tap). */
  onEvent<T extends EventTopic>(topic: T, item: EventItem<T>): void;
  /** Runs `apply` with recording off: what another workstation changed is not sent back. */
  applyingRemote<R>(apply: () => R): R;
  /** Sync was turned on or off. */
  reset(): void;
}

/** The shared part of a chat's state; a chats.upserted that leaves it unchanged (a new message) records nothing. */
export function sharedStateOf(orm: Orm, chat: Pick<ChatDto, 'status' | 'labelIds' | 'assignedTo'>) {
  return { status: chat.status, labels: labelRefsOf(orm, chat.labelIds), assignedTo: chat.assignedTo };
}
export const digestOf = (state: ReturnType<typeof sharedStateOf>) => JSON.stringify([state.status, state.labels.map((l) => l.name.toLowerCase()), state.assignedTo]);

export function rememberChatDigest(orm: Orm, chatId: number, digest: string): void {
  orm.insert(syncChats).values({ chatId, digest }).onConflictDoUpdate({ target: syncChats.chatId, set: { digest } }).run();
}

/**
 * Turns the core's events into sync events in the same process: chat state, notes, account
 * states and campaign results. (Stored messages are recorded by a SQLite trigger: see migration 0009.) Nothing is
 * recorded while sync is off.
 */
export function createSyncRecorder(deps: { orm: Orm; now: () => number; onRecorded: (lane: 'normal' | 'priority') => void }): SyncRecorder {
  const { orm, now } = deps;
  let enabled: boolean | undefined;
  let applying = 0;
  const lastAccountState = new Map<string, string>();
  const lastRecipientState = new Map<number, string>();
  const isOn = () => (enabled ??= readSyncConfig(orm) !== undefined);

  const chatChanged = (chat: ChatDto) => {
    const state = sharedStateOf(orm, chat);
    const digest = digestOf(state);
    const known = orm.select({ digest: syncChats.digest }).from(syncChats).where(eq(syncChats.chatId, chat.id)).get()?.digest;
    if (known === digest) return;
    rememberChatDigest(orm, chat.id, digest);
    // A chat seen for the first time in its untouched state says nothing new (and must not undo others' labels).
    const untouched = state.status === 'open' && state.labels.length === 0 && state.assignedTo === null;
    if (applying > 0 || (known === undefined && untouched)) return;
    const ref = chatRefOf(orm, chat.id);
    if (!ref) return;
    recordSyncEvent(orm, randomUUID(), 'chatState', { ...ref, ...state }, now());
    deps.onRecorded('normal');
  };

  const noteAdded = (note: NoteDto) => {
    if (applying > 0) return;
    const ref = chatRefOf(orm, note.chatId);
    if (!ref) return;
    const key = randomUUID();
    orm.insert(syncNoteKeys).values({ noteId: note.id, key }).onConflictDoNothing().run();
    recordSyncEvent(orm, randomUUID(), 'noteAdded', { ...ref, key, text: note.text, at: note.createdAt }, now());
    deps.onRecorded('normal');
  };

  const noteRemoved = (note: { id: number; chatId: number }) => {
    const key = orm.delete(syncNoteKeys).where(eq(syncNoteKeys.noteId, note.id)).returning().get()?.key;
    if (applying > 0 || !key) return;
    const ref = chatRefOf(orm, note.chatId);
    if (!ref) return;
    recordSyncEvent(orm, randomUUID(), 'noteDeleted', { ...ref, key }, now());
    deps.onRecorded('normal');
  };

  const accountStatus = (account: AccountDto) => {
    if (lastAccountState.get(account.id) === account.state) return;
    lastAccountState.set(account.id, account.state);
    recordSyncEvent(orm, randomUUID(), 'accountStatus', { account: accountKeyOf(account), label: account.label, status: account.state }, now());
    deps.onRecorded('priority');
  };

  // Campaign results: each state a recipient reaches once an account sends to it (pending is not news).
  const campaignResult = (recipient: CampaignRecipientDto) => {
    if (recipient.state === 'pending' || lastRecipientState.get(recipient.id) === recipient.state) return;
    lastRecipientState.set(recipient.id, recipient.state);
    if (!recipient.accountId) return;
    const campaign = orm.select({ name: campaigns.name }).from(campaigns).where(eq(campaigns.id, recipient.campaignId)).get();
    const account = orm.select({ id: accounts.id, phone: accounts.phone }).from(accounts).where(eq(accounts.id, recipient.accountId)).get();
    if (!campaign || !account) return;
    const { state, phone, reason, variant, campaignId } = recipient;
    recordSyncEvent(orm, randomUUID(), 'campaignResult', { account: accountKeyOf(account), campaignId, campaign: campaign.name, phone, state, reason, variant }, now());
    deps.onRecorded('normal');
  };

  return {
    onEvent(topic, item) {
      if (!isOn()) return;
      if (topic === 'chats.upserted') chatChanged(item as ChatDto);
      else if (topic === 'notes.upserted') noteAdded(item as NoteDto);
      else if (topic === 'notes.removed') noteRemoved(item as { id: number; chatId: number });
      else if (topic === 'account.status') accountStatus(item as AccountDto);
      else if (topic === 'campaigns.recipient') campaignResult(item as CampaignRecipientDto);
    },
    applyingRemote(apply) {
      applying++;
      try {
        return apply();
      } finally {
        applying--;
      }
    },
    reset() {
      enabled = undefined;
      lastAccountState.clear();
      lastRecipientState.clear();
    },
  };
}
