import type { Logger } from 'pino';
import type { Db } from '../db/open-database';
import { CHAT_ROW_COLUMNS as chatColumns, toChatRow, type RawChatRow } from './chat-store';
import type { ChatRow } from './chat-store';
import { userJid, type CarriedReaction, type ChangeActor, type MessageChange } from './message-mapper';
import { decryptSecretEdit } from './secret-edit';

/** The sender key our own reactions are stored under. */
export const ourReactionKey = 'me';

interface TargetRow {
  id: number;
  chatId: number;
  chatJid: string;
  fromMe: 0 | 1;
  senderJid: string | null;
  type: string;
  text: string | null;
  timestamp: number;
  deletedAt: number | null;
  secret: Buffer | null;
  remoteJidAlt: string | null;
  participantAlt: string | null;
  chatLid: string | null;
  chatPn: string | null;
}

/** How many early changes one account keeps waiting for their targets; more are dropped (and logged). */
export const MAX_PENDING_CHANGES = 5_000;
/** How long an early change waits for its target. */
export const PENDING_CHANGE_TTL_MS = 24 * 3_600_000;

/** Statements that apply edits, deletions and reactions to the message they target. */
export function prepareChangeStatements(db: Db) {
  return {
    // The target by its WhatsApp id; a copy of the id in another chat (rare) loses to the change's own chat.
    findTarget: db.prepare<{ accountId: string; waId: string; jid: string; alt: string | null }, TargetRow>(
      `SELECT m.id, m.chat_id AS chatId, c.jid AS chatJid, m.from_me AS fromMe, m.sender_jid AS senderJid, m.type, m.text,
         m.timestamp, m.deleted_at AS deletedAt, m.message_secret AS secret, m.remote_jid_alt AS remoteJidAlt, m.participant_alt AS participantAlt,
         c.lid_jid AS chatLid, c.pn_jid AS chatPn
       FROM messages m JOIN chats c ON c.id = m.chat_id
       WHERE m.account_id = @accountId AND m.wa_id = @waId
       ORDER BY (c.jid IN (@jid, @alt) OR c.lid_jid IN (@jid, @alt) OR c.pn_jid IN (@jid, @alt)) DESC
       LIMIT 1`,
    ),
    // Applied once: a copy of the same edit (same text, or not newer) changes nothing. A later edit wins
    // over an earlier one that arrives late. `text` null marks the message edited and keeps its text.
    // The text before the first edit is kept for the message's details.
    edit: db.prepare<{ id: number; text: string | null; at: number }>(
      `UPDATE messages SET original_text = CASE WHEN edited_at IS NULL AND @text IS NOT NULL THEN text ELSE original_text END,
         text = coalesce(@text, text), edited_at = @at
       WHERE id = @id AND deleted_at IS NULL
         AND (edited_at IS NULL OR (@at > edited_at AND (@text IS NULL OR text IS NOT @text)))`,
    ),
    // Text NULL takes the message out of the FTS index (trigger); what it carried goes with it.
    revoke: db.prepare<{ id: number; at: number }>(
      `UPDATE messages SET deleted_at = @at, text = NULL, proto = NULL,
         media_kind = NULL, media_mime = NULL, media_file_name = NULL, media_size = NULL, media_duration_sec = NULL,
         media_state = NULL, media_path = NULL,
         location_latitude = NULL, location_longitude = NULL, location_name = NULL, location_address = NULL,
         shared_contacts = NULL
       WHERE id = @id AND deleted_at IS NULL`,
    ),
    react: db.prepare<{ messageId: number; senderJid: string; emoji: string; at: number }>(
      `INSERT INTO reactions (message_id, sender_jid, emoji, timestamp) VALUES (@messageId, @senderJid, @emoji, @at)
       ON CONFLICT (message_id, sender_jid) DO UPDATE SET emoji = excluded.emoji, timestamp = excluded.timestamp
       WHERE excluded.timestamp > reactions.timestamp OR (excluded.timestamp = reactions.timestamp AND excluded.emoji <> reactions.emoji)`,
    ),
    unreact: db.prepare<{ messageId: number; senderJid: string; at: number }>(
      'DELETE FROM reactions WHERE message_id = @messageId AND sender_jid = @senderJid AND timestamp <= @at',
    ),
    // A change whose target has not arrived yet waits here (bounded per account, a day at most).
    hold: db.prepare<{ accountId: string; waId: string; change: string; at: number }>(
      `INSERT INTO pending_changes (account_id, wa_id, change, received_at)
       SELECT @accountId, @waId, @change, @at WHERE (SELECT count(*) FROM pending_changes WHERE account_id = @accountId) < ${MAX_PENDING_CHANGES}`,
    ),
    expirePending: db.prepare<[number]>('DELETE FROM pending_changes WHERE received_at < ?'),
    anyPending: db.prepare<[string], number>('SELECT EXISTS (SELECT 1 FROM pending_changes WHERE account_id = ?)').pluck(),
    takePending: db.prepare<[string, string], { change: string }>('DELETE FROM pending_changes WHERE account_id = ? AND wa_id = ? RETURNING change'),
    // The chat list shows the changed text only when the change hit the chat's last message.
    preview: db.prepare<{ chatId: number; timestamp: number; old: string | null; preview: string | null }, RawChatRow>(
      `UPDATE chats SET last_message_preview = @preview
       WHERE id = @chatId AND last_message_at = @timestamp AND last_message_preview IS @old AND last_message_preview IS NOT @preview
       RETURNING ${chatColumns}`,
    ),
  };
}

export type ChangeStatements = ReturnType<typeof prepareChangeStatements>;

/** A change that landed: the message to tell the renderer about, and its chat when the preview moved. */
export interface AppliedChange {
  messageId: number;
  chat?: ChatRow;
}

const previewOf = (text: string | null, type: string) => text ?? `[${type}]`;
const isLid = (jid: string) => jid.endsWith('@lid');

/**
 * Applies changes to their target messages. A change whose target we do not have yet (it arrived
 * out of order, or ahead of history) waits in `pending_changes` and is applied when the target is
 * stored (`applyPendingFor`); after a day it is forgotten.
 */
export function createChangeApplier(
  st: ChangeStatements,
  deps: {
    accountId: string;
    logger: Logger;
    /** The stored JID of a person (LID → phone number when known). */
    personJid: (jid: string) => string;
    now: number;
  },
) {
  const { accountId, logger } = deps;
  let expired = false;
  const hold = (change: MessageChange) => {
    if (!expired) {
      st.expirePending.run(deps.now - PENDING_CHANGE_TTL_MS);
      expired = true;
    }
    const held = st.hold.run({ accountId, waId: change.target.waId, change: JSON.stringify(change), at: deps.now }).changes > 0;
    logger.info({ accountId, waId: change.target.waId, change: change.kind, held }, held ? 'change waits for its message' : 'too many changes waiting: dropped');
  };

  const reactionKey = (actor: ChangeActor): string | undefined => (actor.fromMe ? ourReactionKey : actor.jid ? deps.personJid(actor.jid) : undefined);

  /** Whether the person who made the change may change this message (the sender; for deletions in groups, admins too). */
  const mayChange = (change: MessageChange, target: TargetRow): boolean => {
    if (change.kind === 'reaction') return true;
    if (change.kind === 'revoke' && target.chatJid.endsWith('@g.us')) return true;
    if (change.actor.fromMe !== (target.fromMe === 1)) return false;
    if (change.actor.fromMe || !change.actor.jid || !target.senderJid) return true;
    const actor = deps.personJid(change.actor.jid);
    // A LID and a phone number of the same person cannot be compared here; two of the same kind can.
    return isLid(actor) !== isLid(target.senderJid) || actor === target.senderJid;
  };

  const react = (messageId: number, actor: ChangeActor, emoji: string, at: number): boolean => {
    const senderJid = reactionKey(actor);
    if (!senderJid) return false;
    const result = emoji ? st.react.run({ messageId, senderJid, emoji, at }) : st.unreact.run({ messageId, senderJid, at });
    return result.changes > 0;
  };

  /** Applies one change; a change that fails is logged and skipped, never stopping the batch. */
  const apply = (change: MessageChange): AppliedChange | undefined => {
    try {
      return applyOne(change);
    } catch (error) {
      logger.warn({ accountId, waId: change.target.waId, change: change.kind, err: error }, 'change could not be applied');
      return undefined;
    }
  };

  const applyOne = (change: MessageChange): AppliedChange | undefined => {
    const { target: t } = change;
    const target = st.findTarget.get({ accountId, waId: t.waId, jid: t.chatJid, alt: t.chatJidAlt });
    if (!target) {
      hold(change);
      return undefined;
    }
    if (!mayChange(change, target)) {
      logger.warn({ accountId, waId: t.waId, change: change.kind }, 'change from someone who did not send the message: ignored');
      return undefined;
    }
    const preview = (text: string | null) =>
      st.preview.get({ chatId: target.chatId, timestamp: target.timestamp, old: previewOf(target.text, target.type), preview: text });

    switch (change.kind) {
      case 'reaction':
        return react(target.id, change.actor, change.emoji, change.at) ? { messageId: target.id } : undefined;
      case 'revoke': {
        if (st.revoke.run({ id: target.id, at: change.at }).changes === 0) return undefined;
        return withChat(target.id, preview(null));
      }
      case 'edit': {
        const text = change.encrypted ? readSecretEdit(change, target) : change.text;
        if (st.edit.run({ id: target.id, text, at: change.at }).changes === 0) return undefined;
        return withChat(target.id, text !== null ? preview(text) : undefined);
      }
    }
  };

  /** The new text of a customer's encrypted edit; null (marked edited, text kept) when it cannot be opened. */
  const readSecretEdit = (change: Extract<MessageChange, { kind: 'edit' }>, target: TargetRow): string | null => {
    if (!change.secret || !target.secret) {
      logger.info({ accountId, waId: target.id, hasSecret: Boolean(target.secret) }, 'encrypted edit without the original secret: marked as edited, text kept');
      return null;
    }
    const senders = [target.senderJid, target.participantAlt, target.remoteJidAlt, target.chatLid, target.chatPn, target.chatJid, change.actor.jid].filter(
      (j): j is string => typeof j === 'string' && j !== '',
    );
    const text = decryptSecretEdit(change.secret, { waId: change.target.waId, secret: target.secret }, senders.map(userJid));
    if (text === null) logger.warn({ accountId, waId: change.target.waId }, 'encrypted edit could not be opened: marked as edited, text kept');
    return text;
  };

  /** Reactions a message came with (history), stored once it is. */
  const addCarried = (messageId: number, reactions: readonly CarriedReaction[]) => {
    for (const r of reactions) {
      try {
        react(messageId, r.actor, r.emoji, r.at);
      } catch (error) {
        logger.warn({ accountId, messageId, err: error }, 'reaction could not be stored');
      }
    }
  };

  /** Applies the changes that waited for these messages (just stored). One query when none waits. */
  const applyPendingFor = (waIds: Iterable<string>): AppliedChange[] => {
    if (!st.anyPending.get(accountId)) return [];
    const applied: AppliedChange[] = [];
    for (const waId of waIds) {
      for (const { change } of st.takePending.all(accountId, waId)) {
        let parsed: MessageChange;
        try {
          parsed = JSON.parse(change) as MessageChange;
        } catch {
          continue;
        }
        const done = apply(parsed);
        if (done) applied.push(done);
      }
    }
    return applied;
  };

  return { apply, addCarried, applyPendingFor };
}

const withChat = (messageId: number, chat: RawChatRow | undefined): AppliedChange => (chat ? { messageId, chat: toChatRow(chat) } : { messageId });

export type ChangeApplier = ReturnType<typeof createChangeApplier>;
