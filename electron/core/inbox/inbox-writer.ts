import type { Db } from '../db/open-database';
import { CHAT_ROW_COLUMNS as chatColumns, toChatRow, type RawChatRow } from './chat-store';
import { isGroupJid, isPersonJid } from './identity';
import type { ChatRow } from './chat-store';
import { prepareChangeStatements } from './message-changes';
import type { MappedMessage } from './message-mapper';
import { waitingType } from '../../../shared/message-kinds';

/** The message columns the ingest writes, in the order of `messageParams`. */
const messageColumns = [
  'account_id',
  'chat_id',
  'wa_id',
  'from_me',
  'sender_jid',
  'sender_name',
  'remote_jid_alt',
  'participant_alt',
  'addressing_mode',
  'type',
  'text',
  'timestamp',
  'status',
  'proto',
  'message_secret',
  'created_at',
  'quoted_wa_id',
  'quoted_from_me',
  'quoted_text',
  'quoted_type',
  'media_kind',
  'media_mime',
  'media_file_name',
  'media_size',
  'media_duration_sec',
  'media_state',
  'location_latitude',
  'location_longitude',
  'location_name',
  'location_address',
  'shared_contacts',
  'deleted_at',
] as const;

type MessageParams = (string | number | Buffer | null)[];

/** One message as statement parameters, positionally (named parameters cost more per row). */
function messageParams(accountId: string, chatId: number, m: MappedMessage, createdAt: number): MessageParams {
  const q = m.quoted;
  const media = m.media;
  const loc = m.location;
  return [
    accountId,
    chatId,
    m.waId,
    m.fromMe ? 1 : 0,
    m.senderJid,
    m.senderName,
    m.remoteJidAlt,
    m.participantAlt,
    m.addressingMode,
    m.type,
    m.text,
    m.timestamp,
    m.status,
    m.proto,
    m.messageSecret,
    createdAt,
    q ? q.waId : null,
    q ? (q.fromMe ? 1 : 0) : null,
    q ? q.text : null,
    q ? q.type : null,
    media ? media.kind : null,
    media ? media.mime : null,
    media ? media.fileName : null,
    media ? media.size : null,
    media ? media.durationSec : null,
    media ? 'none' : null,
    loc ? loc.latitude : null,
    loc ? loc.longitude : null,
    loc ? loc.name : null,
    loc ? loc.address : null,
    m.sharedContacts ? JSON.stringify(m.sharedContacts) : null,
    m.deletedAt ?? null,
  ];
}

interface SummaryParams {
  id: number;
  at: number | null;
  preview: string | null;
  unreadAdd: number;
  unreadFloor: number;
  name: string | null;
  fill: 0 | 1;
  reopen: 0 | 1;
}

/**
 * The statements of the per-message hot path, prepared once per database: a history chunk of tens
 * of thousands of messages costs one INSERT per message and one UPDATE per chat, nothing more.
 */
export function prepareInboxStatements(db: Db) {
  const setChatName = db.prepare<{ name: string; accountId: string; jid: string }, RawChatRow>(
    `UPDATE chats SET name = @name WHERE account_id = @accountId AND jid = @jid AND name IS NOT @name RETURNING ${chatColumns}`,
  );
  return {
    insertMessage: db.prepare<[MessageParams]>(
      `INSERT INTO messages (${messageColumns.join(', ')}) VALUES (${messageColumns.map(() => '?').join(', ')})
       ON CONFLICT (chat_id, wa_id) DO NOTHING`,
    ),
    // A placeholder (a message that could not be decrypted yet, stored as unsupported) takes the
    // content when the real message arrives with the same id.
    placeholder: db.prepare<[string, number, string], { id: number; type: string }>(
      `SELECT id, type FROM messages WHERE account_id = ? AND chat_id = ? AND wa_id = ? AND type IN ('unsupported', '${waitingType}') AND deleted_at IS NULL`,
    ),
    fillPlaceholder: db.prepare<[MessageParams]>(
      `UPDATE messages SET (${messageColumns.slice(3).join(', ')}) = (${messageColumns.slice(3).map(() => '?').join(', ')}) WHERE id = ?`,
    ),
    ensureChat: db.prepare<{ accountId: string; jid: string; pnJid: string | null; lidJid: string | null }, { id: number }>(
      `INSERT INTO chats (account_id, jid, pn_jid, lid_jid) VALUES (@accountId, @jid, @pnJid, @lidJid)
       ON CONFLICT (account_id, jid) DO UPDATE SET
         pn_jid = coalesce(excluded.pn_jid, chats.pn_jid),
         lid_jid = coalesce(excluded.lid_jid, chats.lid_jid)
       RETURNING id`,
    ),
    chatIdByJid: db.prepare<[string, string], { id: number }>('SELECT id FROM chats WHERE account_id = ? AND jid = ?'),
    contactNames: db.prepare<[string, string], { name: string | null; notify: string | null }>(
      'SELECT name, notify FROM contacts WHERE account_id = ? AND jid = ?',
    ),
    // SQLite evaluates every SET expression against the old row, so the preview test sees the old time.
    summarizeChat: db.prepare<SummaryParams, RawChatRow>(
      `UPDATE chats SET
         last_message_at = CASE WHEN @at IS NULL THEN last_message_at ELSE max(coalesce(last_message_at, 0), @at) END,
         last_message_preview = CASE WHEN @at IS NOT NULL AND coalesce(last_message_at, 0) <= @at THEN @preview ELSE last_message_preview END,
         unread_count = max(unread_count + @unreadAdd, @unreadFloor),
         name = CASE WHEN @name IS NULL THEN name WHEN @fill THEN coalesce(name, @name) ELSE @name END,
         status = CASE WHEN @reopen THEN 'open' ELSE status END
       WHERE id = @id
       RETURNING ${chatColumns}`,
    ),
    setChatName: {
      get(params: { name: string; accountId: string; jid: string }): ChatRow | undefined {
        const row = setChatName.get(params);
        return row && toChatRow(row);
      },
    },
    selfPhone: db.prepare<[string], { phone: string | null }>('SELECT phone FROM accounts WHERE id = ?'),
    selfLid: db.prepare<[string, string], { lidJid: string }>(
      'SELECT lid_jid AS lidJid FROM contacts WHERE account_id = ? AND pn_jid = ? AND lid_jid IS NOT NULL',
    ),
    // Read on the phone (a read-self receipt for a customer message): what came after it stays unread.
    readUpTo: db.prepare<{ chatId: number; timestamp: number }, RawChatRow>(
      `UPDATE chats SET unread_count = min(unread_count, (
         SELECT count(*) FROM messages WHERE chat_id = @chatId AND from_me = 0 AND timestamp > @timestamp))
       WHERE id = @chatId AND unread_count > 0
       RETURNING ${chatColumns}`,
    ),
    readChat: db.prepare<{ accountId: string; jid: string }, RawChatRow>(
      `UPDATE chats SET unread_count = 0
       WHERE account_id = @accountId AND (jid = @jid OR lid_jid = @jid OR pn_jid = @jid) AND unread_count > 0
       RETURNING ${chatColumns}`,
    ),
    changes: prepareChangeStatements(db),
  };
}

/** Our own JIDs for one account (its number, and its LID when a contact sync told us), to recognise quotes of our messages. */
export function selfJids(st: Pick<InboxStatements, 'selfPhone' | 'selfLid'>, accountId: string): Set<string> {
  const jids = new Set<string>();
  const phone = st.selfPhone.get(accountId)?.phone;
  if (phone) {
    const pn = `${phone}@s.whatsapp.net`;
    jids.add(pn);
    const lid = st.selfLid.get(accountId, pn)?.lidJid;
    if (lid) jids.add(lid);
  }
  return jids;
}

export type InboxStatements = ReturnType<typeof prepareInboxStatements>;

export const previewOf = (m: { text: string | null; type: string }) => m.text ?? `[${m.type}]`;

interface ChatNote {
  jid: string;
  at: number | null;
  preview: string | null;
  unreadAdd: number;
  unreadFloor: number;
  /** The newest pushName the customer sent in this batch (direct chats only). */
  pushName: string | null;
  pushNameAt: number;
  /** The name a history chat came with: a group's subject, or the customer's name. */
  chatName: string | null;
  /** A customer wrote again: a resolved or pending chat goes back to open. */
  reopen: boolean;
}

/**
 * The chats one transaction writes to: their ids are looked up once per batch, and their last
 * message, unread count and name are written once per batch, however many messages they got.
 */
export class ChatBatch {
  private readonly ids = new Map<string, number>();
  private readonly notes = new Map<number, ChatNote>();

  constructor(
    private readonly st: InboxStatements,
    private readonly accountId: string,
    /** Live messages carry the customer's current pushName; history only fills a missing name. */
    private readonly source: 'live' | 'history',
    private readonly now: number,
  ) {}

  /** The chat's id, creating it the first time it is seen. */
  chatId(jid: string, identity: { pnJid: string | null; lidJid: string | null }): number {
    let id = this.ids.get(jid);
    if (id === undefined) {
      id = this.st.ensureChat.get({ accountId: this.accountId, jid, ...identity })!.id;
      this.ids.set(jid, id);
    }
    return id;
  }

  /** The chat's id if it exists already; never creates it. */
  existingChatId(jid: string): number | undefined {
    const known = this.ids.get(jid);
    if (known !== undefined) return known;
    const id = this.st.chatIdByJid.get(this.accountId, jid)?.id;
    if (id !== undefined) this.ids.set(jid, id);
    return id;
  }

  /** Stores the message once per (chat, WhatsApp id); returns its row id, or undefined for a copy already stored. */
  insertMessage(chatId: number, m: MappedMessage): number | undefined {
    const result = this.st.insertMessage.run(messageParams(this.accountId, chatId, m, this.now));
    return result.changes === 1 ? Number(result.lastInsertRowid) : undefined;
  }

  /**
   * For a copy of a message already stored: fills the stored one when it is only a placeholder and
   * this copy has the content. Returns its row id when it did.
   */
  fillPlaceholder(chatId: number, m: MappedMessage): { id: number; wasWaiting: boolean } | undefined {
    if (m.type === waitingType) return undefined;
    const stored = this.st.placeholder.get(this.accountId, chatId, m.waId);
    if (!stored || (stored.type === 'unsupported' && m.type === 'unsupported')) return undefined;
    const params = messageParams(this.accountId, chatId, m, this.now);
    this.st.fillPlaceholder.run([...params.slice(3), stored.id]);
    return { id: stored.id, wasWaiting: stored.type === waitingType };
  }

  private note(chatId: number, jid: string): ChatNote {
    let note = this.notes.get(chatId);
    if (!note) {
      note = { jid, at: null, preview: null, unreadAdd: 0, unreadFloor: 0, pushName: null, pushNameAt: -1, chatName: null, reopen: false };
      this.notes.set(chatId, note);
    }
    return note;
  }

  /**
   * Records a newly stored message for the chat's summary. `reopen`: the message brings a resolved
   * or pending chat back to open (see `reopensChat`).
   */
  noteMessage(chatId: number, jid: string, m: MappedMessage, unread: boolean, reopen = false): void {
    const note = this.note(chatId, jid);
    if (reopen) note.reopen = true;
    if (note.at === null || m.timestamp >= note.at) {
      note.at = m.timestamp;
      note.preview = previewOf(m);
    }
    if (unread) note.unreadAdd += 1;
    if (m.senderName && !m.fromMe && m.timestamp >= note.pushNameAt) {
      note.pushName = m.senderName;
      note.pushNameAt = m.timestamp;
    }
  }

  /** Records what a history chat says about itself: its name and the unread count the phone shows. */
  noteHistoryChat(chatId: number, jid: string, details: { name: string | null; unreadCount: number | null }): void {
    const note = this.note(chatId, jid);
    if (details.name) note.chatName = details.name;
    if (details.unreadCount !== null) note.unreadFloor = Math.max(note.unreadFloor, details.unreadCount);
  }

  /** Writes each chat's summary once and returns the chats as they are now. */
  flush(): ChatRow[] {
    const rows: ChatRow[] = [];
    for (const [id, note] of this.notes) {
      const { name, fill } = this.nameFor(note);
      const row = this.st.summarizeChat.get({
        id,
        at: note.at,
        preview: note.preview,
        unreadAdd: note.unreadAdd,
        unreadFloor: note.unreadFloor,
        name,
        fill: fill ? 1 : 0,
        reopen: note.reopen ? 1 : 0,
      });
      if (row) rows.push(toChatRow(row));
    }
    this.notes.clear();
    return rows;
  }

  /**
   * A group keeps its subject. A customer is called by the name the owner saved on the phone; else
   * by the pushName just received live; else history, the person's own name (notify) or an old
   * pushName fill a missing name without replacing a fresher one.
   */
  private nameFor(note: ChatNote): { name: string | null; fill: boolean } {
    if (isGroupJid(note.jid) || !isPersonJid(note.jid)) return { name: note.chatName, fill: false };
    const contact = this.st.contactNames.get(this.accountId, note.jid);
    if (contact?.name) return { name: contact.name, fill: false };
    if (this.source === 'live' && note.pushName) return { name: note.pushName, fill: false };
    return { name: note.chatName ?? contact?.notify ?? note.pushName, fill: true };
  }
}

/** The chats a transaction changed, each once in its latest state, and those merged away. */
export class TouchedChats {
  private readonly rows = new Map<number, ChatRow>();
  /** LID chat id → the phone-number chat it was folded into. */
  readonly removed = new Map<number, number>();

  add(row: ChatRow | undefined): void {
    if (row) this.rows.set(row.id, row);
  }

  addAll(rows: Iterable<ChatRow>): void {
    for (const row of rows) this.rows.set(row.id, row);
  }

  merged(outcome: { survivor?: ChatRow; removedChatId?: number }): void {
    if (outcome.removedChatId !== undefined) {
      this.rows.delete(outcome.removedChatId);
      if (outcome.survivor) this.removed.set(outcome.removedChatId, outcome.survivor.id);
    }
    this.add(outcome.survivor);
  }

  list(): ChatRow[] {
    return [...this.rows.values()];
  }
}
