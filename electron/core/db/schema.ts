import { sql } from 'drizzle-orm';
import { blob, index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/** Small key/value settings (language, theme…). Values are JSON. */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

export const accounts = sqliteTable('accounts', {
  id: text('id').primaryKey(),
  kind: text('kind', { enum: ['practice', 'whatsapp'] }).notNull(),
  label: text('label').notNull(),
  color: text('color').notNull(),
  /** Our own number (digits, E.164 without +), known once paired. */
  phone: text('phone'),
  pushName: text('push_name'),
  /** Profile picture as a small data: URL (the CSP keeps WhatsApp's CDN out of the renderer). */
  avatar: text('avatar'),
  /** Per-account behaviour (AccountSettings in shared/contract), JSON. */
  settings: text('settings').notNull().default('{}'),
  createdAt: integer('created_at').notNull(),
  /** Removed but its conversations kept: hidden from the accounts list, no session, no socket. */
  removedAt: integer('removed_at'),
  /**
   * WhatsApp's reach-out time lock (error 463 on a first contact): until then this number writes
   * only to people it already talks to. Epoch ms; null when not locked.
   */
  reachOutLockedUntil: integer('reach_out_locked_until'),
});

/**
 * What we know of each person an account talks to. WhatsApp addresses one person by phone-number
 * JID and by LID; both are kept so one customer never becomes two chats (DESIGN §4).
 */
export const contacts = sqliteTable(
  'contacts',
  {
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    /** The phone-number JID when known, else the LID. */
    jid: text('jid').notNull(),
    pnJid: text('pn_jid'),
    lidJid: text('lid_jid'),
    /** The name the owner saved on the phone. */
    name: text('name'),
    /** The name the person set on WhatsApp. */
    notify: text('notify'),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.accountId, t.jid] }),
    index('contacts_lid').on(t.accountId, t.lidJid),
    index('contacts_pn').on(t.accountId, t.pnJid),
  ],
);

/** Baileys creds, one encrypted JSON document per account. */
export const authCreds = sqliteTable('auth_creds', {
  accountId: text('account_id')
    .primaryKey()
    .references(() => accounts.id, { onDelete: 'cascade' }),
  sealed: blob('sealed', { mode: 'buffer' }).notNull(),
  updatedAt: integer('updated_at').notNull(),
});

/** Baileys signal keys of every type, each value encrypted. */
export const authKeys = sqliteTable(
  'auth_keys',
  {
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    type: text('type').notNull(),
    keyId: text('key_id').notNull(),
    sealed: blob('sealed', { mode: 'buffer' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.type, t.keyId] })],
);

export const chats = sqliteTable(
  'chats',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    jid: text('jid').notNull(),
    /** The customer's phone-number JID and LID when known (DESIGN §4: keep both). */
    pnJid: text('pn_jid'),
    lidJid: text('lid_jid'),
    name: text('name'),
    lastMessageAt: integer('last_message_at'),
    lastMessagePreview: text('last_message_preview'),
    unreadCount: integer('unread_count').notNull().default(0),
    status: text('status', { enum: ['open', 'pending', 'resolved'] }).notNull().default('open'),
    /** When it was pinned (pinned chats list first, most recently pinned on top); null = not pinned. */
    pinnedAt: integer('pinned_at'),
    archived: integer('archived', { mode: 'boolean' }).notNull().default(false),
    mutedUntil: integer('muted_until'),
    /** The agent (a colleague's name) the conversation is assigned to; shared through the central server. */
    assignedTo: text('assigned_to'),
  },
  (t) => [
    uniqueIndex('chats_account_jid').on(t.accountId, t.jid),
    index('chats_account_lid').on(t.accountId, t.lidJid),
    // The default list: not archived, newest first (pinned ones are fetched apart, they are few).
    index('chats_archived_last_message').on(t.archived, t.lastMessageAt),
    index('chats_pinned').on(t.pinnedAt),
    // The "unread only" filter and the unread totals read only the (few) unread chats.
    index('chats_unread').on(t.archived, t.lastMessageAt).where(sql`unread_count > 0`),
    index('chats_last_message').on(t.lastMessageAt),
    // Conversations by status (Stats) from the index alone.
    index('chats_account_status').on(t.accountId, t.status, t.lastMessageAt),
  ],
);

export const messages = sqliteTable(
  'messages',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    chatId: integer('chat_id')
      .notNull()
      .references(() => chats.id, { onDelete: 'cascade' }),
    waId: text('wa_id').notNull(),
    fromMe: integer('from_me', { mode: 'boolean' }).notNull(),
    senderJid: text('sender_jid'),
    senderName: text('sender_name'),
    /** Baileys-only key fields are lost by protobuf encoding, so they live in columns. */
    remoteJidAlt: text('remote_jid_alt'),
    participantAlt: text('participant_alt'),
    addressingMode: text('addressing_mode'),
    type: text('type').notNull(),
    text: text('text'),
    timestamp: integer('timestamp').notNull(),
    status: text('status', { enum: ['queued', 'pending', 'sent', 'delivered', 'read', 'failed', 'received'] }).notNull(),
    /** The message this one quotes, as the quote itself carried it. */
    quotedWaId: text('quoted_wa_id'),
    quotedFromMe: integer('quoted_from_me', { mode: 'boolean' }),
    quotedText: text('quoted_text'),
    quotedType: text('quoted_type'),
    mediaKind: text('media_kind'),
    mediaMime: text('media_mime'),
    mediaFileName: text('media_file_name'),
    mediaSize: integer('media_size'),
    mediaDurationSec: integer('media_duration_sec'),
    mediaState: text('media_state', { enum: ['none', 'downloading', 'ready', 'failed'] }),
    /** Relative to the data folder. */
    mediaPath: text('media_path'),
    locationLatitude: real('location_latitude'),
    locationLongitude: real('location_longitude'),
    locationName: text('location_name'),
    locationAddress: text('location_address'),
    /** JSON [{name, phones[]}] from contact / contacts-array messages. */
    sharedContacts: text('shared_contacts'),
    editedAt: integer('edited_at'),
    /** The text before its first edit, kept for the details panel. */
    originalText: text('original_text'),
    deletedAt: integer('deleted_at'),
    /** Why sending (or downloading) failed. */
    error: text('error'),
    /** proto.Message encoded, to answer Baileys' getMessage for retries. */
    proto: blob('proto', { mode: 'buffer' }),
    /** Needed to read later edits and poll votes of this message. */
    messageSecret: blob('message_secret', { mode: 'buffer' }),
    /** Who wrote one of our messages when it was not a person: the assistant or a campaign (stats tell them apart). */
    sentBy: text('sent_by', { enum: ['assistant', 'campaign'] }),
    createdAt: integer('created_at')
      .notNull()
      .default(sql`(unixepoch() * 1000)`),
  },
  (t) => [
    uniqueIndex('messages_chat_wa_id').on(t.chatId, t.waId),
    index('messages_chat_time').on(t.chatId, t.timestamp),
    index('messages_account_wa_id').on(t.accountId, t.waId),
  ],
);

/** One reaction per person per message; the latest emoji wins, an empty one removes it. */
export const reactions = sqliteTable(
  'reactions',
  {
    messageId: integer('message_id')
      .notNull()
      .references(() => messages.id, { onDelete: 'cascade' }),
    /** The reacting person's JID; 'me' for our own reactions. */
    senderJid: text('sender_jid').notNull(),
    emoji: text('emoji').notNull(),
    timestamp: integer('timestamp').notNull(),
  },
  (t) => [primaryKey({ columns: [t.messageId, t.senderJid] })],
);

/** Per-member delivery and read times of our own messages in groups (message-receipt.update). */
export const messageReceipts = sqliteTable(
  'message_receipts',
  {
    messageId: integer('message_id')
      .notNull()
      .references(() => messages.id, { onDelete: 'cascade' }),
    /** The member's JID as WhatsApp sent it (LID or phone number). */
    memberJid: text('member_jid').notNull(),
    deliveredAt: integer('delivered_at'),
    readAt: integer('read_at'),
    playedAt: integer('played_at'),
  },
  (t) => [primaryKey({ columns: [t.messageId, t.memberJid] })],
);

/**
 * Edits, deletions and reactions that arrived before the message they change (out of order, or
 * ahead of history). Applied when the target arrives; forgotten after a day.
 */
export const pendingChanges = sqliteTable(
  'pending_changes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    /** The target's WhatsApp id. */
    waId: text('wa_id').notNull(),
    /** The change as the mapper made it (JSON). */
    change: text('change').notNull(),
    receivedAt: integer('received_at').notNull(),
  },
  (t) => [index('pending_changes_target').on(t.accountId, t.waId), index('pending_changes_received').on(t.receivedAt)],
);

/**
 * Messages waiting to be sent, in order per account. A row is marked `sending` before the socket
 * is called; after a crash such rows are checked against WhatsApp's echo before any retry.
 */
export const outbox = sqliteTable(
  'outbox',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    messageId: integer('message_id')
      .notNull()
      .unique()
      .references(() => messages.id, { onDelete: 'cascade' }),
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    state: text('state', { enum: ['queued', 'sending'] }).notNull(),
    /** JSON: what to send (text, quoted message id, media file and caption). */
    payload: text('payload').notNull(),
    attempts: integer('attempts').notNull().default(0),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('outbox_account_order').on(t.accountId, t.id)],
);

export const labels = sqliteTable('labels', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull().unique(),
  color: text('color').notNull(),
  createdAt: integer('created_at').notNull(),
});

export const chatLabels = sqliteTable(
  'chat_labels',
  {
    chatId: integer('chat_id')
      .notNull()
      .references(() => chats.id, { onDelete: 'cascade' }),
    labelId: integer('label_id')
      .notNull()
      .references(() => labels.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.chatId, t.labelId] }), index('chat_labels_label').on(t.labelId)],
);

/** Private notes on a conversation; never sent to the customer. */
export const notes = sqliteTable(
  'notes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    chatId: integer('chat_id')
      .notNull()
      .references(() => chats.id, { onDelete: 'cascade' }),
    text: text('text').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('notes_chat').on(t.chatId)],
);

export const quickReplies = sqliteTable('quick_replies', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  shortcut: text('shortcut').notNull().unique(),
  text: text('text').notNull(),
  createdAt: integer('created_at').notNull(),
});

/** Per chat: its first message (new conversations) and where its response times must be recomputed. */
export const chatStats = sqliteTable(
  'chat_stats',
  {
    chatId: integer('chat_id')
      .primaryKey()
      .references(() => chats.id, { onDelete: 'cascade' }),
    accountId: text('account_id').notNull(),
    firstMessageAt: integer('first_message_at').notNull(),
    lastReceivedAt: integer('last_received_at'),
    /** Messages at or after this time arrived since the last computation (history sync files them in any order). */
    dirtySince: integer('dirty_since'),
  },
  (t) => [index('chat_stats_first_message').on(t.firstMessageAt), index('chat_stats_dirty').on(t.dirtySince).where(sql`dirty_since IS NOT NULL`)],
);

/** Each time we answered a customer: from their first unanswered message to our first reply. */
export const responses = sqliteTable(
  'responses',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    chatId: integer('chat_id')
      .notNull()
      .references(() => chats.id, { onDelete: 'cascade' }),
    accountId: text('account_id').notNull(),
    askedAt: integer('asked_at').notNull(),
    answeredAt: integer('answered_at').notNull(),
    /** The message that answered. */
    messageId: integer('message_id').notNull(),
    by: text('by', { enum: ['person', 'assistant'] }).notNull(),
  },
  (t) => [
    index('responses_chat_answered').on(t.chatId, t.answeredAt),
    // Covering: a year of Stats reads the index alone.
    index('responses_answered').on(t.answeredAt, t.accountId, t.by, t.askedAt, t.chatId),
  ],
);

/** One account's AI assistant: settings (JSON, AssistantSettings), the sealed API key, the last problem. */
export const assistantSettings = sqliteTable('assistant_settings', {
  accountId: text('account_id')
    .primaryKey()
    .references(() => accounts.id, { onDelete: 'cascade' }),
  settings: text('settings').notNull().default('{}'),
  /** Encrypted with the secret box; never logged, never sent to the renderer. */
  apiKeySealed: blob('api_key_sealed', { mode: 'buffer' }),
  problem: text('problem'),
  problemDetail: text('problem_detail'),
  problemAt: integer('problem_at'),
  updatedAt: integer('updated_at').notNull(),
});

/**
 * Who handles a chat when it is not the assistant (no row = the assistant), and the newest
 * customer message the assistant has dealt with, so no message is answered twice.
 */
export const assistantChats = sqliteTable(
  'assistant_chats',
  {
    chatId: integer('chat_id')
      .primaryKey()
      .references(() => chats.id, { onDelete: 'cascade' }),
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    handler: text('handler', { enum: ['assistant', 'waiting', 'person'] }).notNull(),
    /** Until when the assistant stays quiet; null while it handles the chat. */
    until: integer('until'),
    reason: text('reason'),
    lastHandledMessageId: integer('last_handled_message_id').notNull().default(0),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [index('assistant_chats_account').on(t.accountId)],
);

/** Each time the assistant acted in a chat (the per-chat limit and the loop guard read them). */
export const assistantRuns = sqliteTable(
  'assistant_runs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    chatId: integer('chat_id')
      .notNull()
      .references(() => chats.id, { onDelete: 'cascade' }),
    at: integer('at').notNull(),
    /** discarded: the model answered but a person had taken the chat meanwhile (its tokens still count). */
    outcome: text('outcome', { enum: ['replied', 'handover', 'failed', 'discarded'] }).notNull(),
    replies: integer('replies').notNull().default(0),
    promptTokens: integer('prompt_tokens').notNull().default(0),
    completionTokens: integer('completion_tokens').notNull().default(0),
  },
  (t) => [index('assistant_runs_chat_at').on(t.chatId, t.at)],
);

/** Per account and UTC day, updated as runs are written (the stats page reads only this). */
export const assistantDaily = sqliteTable(
  'assistant_daily',
  {
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    day: text('day').notNull(),
    answers: integer('answers').notNull().default(0),
    handovers: integer('handovers').notNull().default(0),
    failures: integer('failures').notNull().default(0),
    promptTokens: integer('prompt_tokens').notNull().default(0),
    completionTokens: integer('completion_tokens').notNull().default(0),
    /** Millionths of a US dollar, so sums stay exact. */
    costMicros: integer('cost_micros').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.day] })],
);

/**
 * Paced broadcast campaigns (DESIGN §6). The message is a template ({{variables}}, {spin|tax});
 * pacing and the sending window are JSON documents validated by the contract's schemas.
 */
export const campaigns = sqliteTable('campaigns', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull(),
  status: text('status', { enum: ['scheduled', 'running', 'paused', 'cancelled', 'finished'] }).notNull(),
  template: text('template').notNull(),
  /** JSON CampaignPacing. */
  pacing: text('pacing').notNull(),
  /** JSON CampaignWindow (hours, weekdays, time zone). */
  window: text('window').notNull(),
  startAt: integer('start_at').notNull(),
  createdAt: integer('created_at').notNull(),
  finishedAt: integer('finished_at'),
  /** The image or document every message carries (one file for the whole campaign), or null. */
  attachmentKind: text('attachment_kind', { enum: ['image', 'document'] }),
  /** Relative to the data folder, under media/campaigns/. */
  attachmentPath: text('attachment_path'),
  attachmentMime: text('attachment_mime'),
  attachmentName: text('attachment_name'),
  attachmentSize: integer('attachment_size'),
});

/** The accounts a campaign sends from; the automatic brake pauses one of them with a reason. */
export const campaignAccounts = sqliteTable(
  'campaign_accounts',
  {
    campaignId: integer('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    /** Why the brake stopped this account for this campaign (a code the renderer translates); null = sending. */
    pausedReason: text('paused_reason'),
    pausedDetail: text('paused_detail'),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.accountId] })],
);

/**
 * One row per person of a campaign, with their own state. A recipient becomes `sending` in the same
 * transaction that puts its message (with its final WhatsApp id) in the outbox, so a crash never
 * loses one and never sends one twice; later states follow the message's receipts and replies.
 */
export const campaignRecipients = sqliteTable(
  'campaign_recipients',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    campaignId: integer('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    accountId: text('account_id').references(() => accounts.id, { onDelete: 'set null' }),
    /** Digits, E.164 without + (or what the file said, for an invalid one). */
    phone: text('phone').notNull(),
    name: text('name'),
    /** JSON {variable: value}. */
    variables: text('variables').notNull().default('{}'),
    state: text('state', { enum: ['pending', 'sending', 'sent', 'delivered', 'read', 'replied', 'failed', 'skipped'] }).notNull(),
    /** Why it failed or was skipped (a code: opted_out, invalid, duplicate, not_on_whatsapp…) or the send error. */
    reason: text('reason'),
    /** Which spintax choices it got (e.g. "0.1"), for per-variant results. */
    variant: text('variant'),
    messageId: integer('message_id').references(() => messages.id, { onDelete: 'set null' }),
    /** When it was handed to the outbox: hourly and daily caps count these. */
    queuedAt: integer('queued_at'),
    /**
     * When WhatsApp's server acknowledged the message. A socket write is not yet a send: a message
     * written but never acknowledged when the process died is sent again (same id) at the next start.
     */
    ackedAt: integer('acked_at'),
    repliedAt: integer('replied_at'),
    optedOutAt: integer('opted_out_at'),
  },
  (t) => [
    index('campaign_recipients_queue').on(t.campaignId, t.accountId, t.state),
    index('campaign_recipients_account_queued').on(t.accountId, t.queuedAt),
    index('campaign_recipients_message').on(t.messageId),
    index('campaign_recipients_phone').on(t.phone),
  ],
);

/** Numbers that asked not to be messaged: shared by every account and campaign. */
/**
 * What WhatsApp answered when asked whether a number uses it (the optional check before a
 * campaign), so the same number is not asked again for a while.
 */
export const whatsappNumbers = sqliteTable('whatsapp_numbers', {
  phone: text('phone').primaryKey(),
  onWhatsApp: integer('on_whatsapp', { mode: 'boolean' }).notNull(),
  checkedAt: integer('checked_at').notNull(),
});

export const suppressions = sqliteTable('suppressions', {
  phone: text('phone').primaryKey(),
  /** keyword (they wrote BAJA…) or manual. */
  source: text('source').notNull(),
  accountId: text('account_id'),
  text: text('text'),
  createdAt: integer('created_at').notNull(),
});

/**
 * The central server connection (one row, id 1; none = sync off). The workstation's token is
 * sealed with the secret box. `cursor` is the server sequence pulled up to.
 */
export const syncConfig = sqliteTable('sync_config', {
  id: integer('id').primaryKey(),
  url: text('url').notNull(),
  workstationId: text('workstation_id').notNull(),
  tokenSealed: blob('token_sealed', { mode: 'buffer' }).notNull(),
  /** Who works at this workstation: outgoing messages typed here count for this agent. */
  agentName: text('agent_name'),
  cursor: text('cursor').notNull().default('0'),
  lastSyncAt: integer('last_sync_at'),
  lastError: text('last_error'),
});

/** Changes waiting to reach the central server (shared/sync/protocol.ts), oldest first per lane. */
export const syncOutbox = sqliteTable(
  'sync_outbox',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    eventId: text('event_id').notNull().unique(),
    kind: text('kind').notNull(),
    /** Account states go first and at once; the rest waits for a batch of 50 or 5 s. */
    lane: text('lane', { enum: ['normal', 'priority'] }).notNull(),
    /** The event's payload, JSON. */
    payload: text('payload').notNull(),
    /** The workstation's clock when the change happened. */
    occurredAt: integer('occurred_at').notNull(),
  },
  (t) => [index('sync_outbox_lane').on(t.lane, t.id)],
);

/** The shared state last recorded per chat, so only real changes of status/labels/assignment are sent. */
export const syncChats = sqliteTable('sync_chats', {
  chatId: integer('chat_id')
    .primaryKey()
    .references(() => chats.id, { onDelete: 'cascade' }),
  digest: text('digest').notNull(),
});

/** Notes' keys across workstations (no foreign key: a deleted note's key is still needed to say so). */
export const syncNoteKeys = sqliteTable('sync_note_keys', {
  noteId: integer('note_id').primaryKey(),
  key: text('key').notNull().unique(),
});
