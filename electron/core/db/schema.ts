import { sql } from 'drizzle-orm';
import { blob, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

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
  },
  (t) => [
    uniqueIndex('chats_account_jid').on(t.accountId, t.jid),
    index('chats_account_lid').on(t.accountId, t.lidJid),
    index('chats_last_message').on(t.lastMessageAt),
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
    status: text('status', { enum: ['pending', 'sent', 'delivered', 'read', 'failed', 'received'] }).notNull(),
    /** proto.Message encoded, to answer Baileys' getMessage for retries. */
    proto: blob('proto', { mode: 'buffer' }),
    /** Needed to read later edits and poll votes of this message. */
    messageSecret: blob('message_secret', { mode: 'buffer' }),
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
