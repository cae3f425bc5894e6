import { isJidBroadcast, isJidStatusBroadcast, type BaileysEventMap, type Contact, type LIDMapping, type WAMessage } from '@whiskeysockets/baileys';
import type { Logger } from 'pino';
import type { HistoryChoice } from '../../../shared/contract';
import type { Orm } from '../db/orm';
import { ChatBatch, selfJids, TouchedChats, type InboxStatements } from './inbox-writer';
import { contactIdentity, createChatIdentities, learnContactNames, learnLidPair, normalizeJid, toLidPair } from './identity';
import { createChangeApplier } from './message-changes';
import { mapWAMessage, timestampMs, type MapContext, type MappedMessage, type MessageChange } from './message-mapper';

export type HistoryChunk = BaileysEventMap['messaging-history.set'];

export interface HistoryOptions {
  choice: HistoryChoice;
  /** Epoch ms; 'recent' keeps what is at most 30 days older than this. */
  now: number;
}

export interface HistoryCounts {
  /** Chats that received at least one message from this chunk. */
  chats: number;
  /** Messages stored from this chunk (copies already stored do not count). */
  messages: number;
}

export type Mapped = { kind: 'message'; message: MappedMessage } | { kind: 'change'; change: MessageChange };

export const recentHistoryMs = 30 * 24 * 60 * 60 * 1000;

/**
 * Maps one message, never letting bad input stop the chunk: a message the mapper cannot read is
 * logged and skipped, so the rest of the chunk is still stored.
 */
export function mapSafely(msg: WAMessage, logger: Logger, accountId: string, context?: MapContext): Mapped | undefined {
  let result: ReturnType<typeof mapWAMessage>;
  try {
    result = mapWAMessage(msg, context);
  } catch (error) {
    logger.warn({ accountId, id: msg?.key?.id, err: error }, 'unreadable message skipped');
    return undefined;
  }
  if (result.kind !== 'skip') return result;
  if (result.reason === 'no key') logger.warn({ accountId, key: msg?.key }, 'message without key id skipped');
  else logger.debug({ accountId, id: msg.key.id, reason: result.reason }, 'message not filed in the inbox');
  return undefined;
}

/** Every LID ↔ phone pair a chunk carries. rc14 usually leaves `lidPnMappings` out, so chats and contacts count too. */
export function pairsInChunk(chunk: {
  chats?: Pick<HistoryChunk['chats'][number], 'id' | 'pnJid' | 'lidJid'>[];
  contacts?: Pick<Partial<Contact>, 'id' | 'lid' | 'phoneNumber'>[];
  lidPnMappings?: LIDMapping[];
}): Map<string, string> {
  const pairs = new Map<string, string>();
  const add = (a: string | null | undefined, b: string | null | undefined) => {
    const pair = toLidPair(a, b);
    if (pair) pairs.set(pair.lid, pair.pn);
  };
  for (const m of chunk.lidPnMappings ?? []) add(m.lid, m.pn);
  for (const chat of chunk.chats ?? []) {
    add(chat.id, chat.pnJid);
    add(chat.id, chat.lidJid);
  }
  for (const contact of chunk.contacts ?? []) {
    const { pn, lid } = contactIdentity(contact);
    add(lid, pn);
  }
  return pairs;
}

/**
 * Files one history chunk inside the caller's transaction: learns who is who, stores the messages
 * the history choice allows once each, and writes each chat's summary once. History never adds to
 * the unread count (the phone's own count is used) and never moves a preview backwards.
 */
export function writeHistoryChunk(
  orm: Orm,
  st: InboxStatements,
  logger: Logger,
  accountId: string,
  chunk: HistoryChunk,
  options: HistoryOptions,
): { counts: HistoryCounts; chats: TouchedChats; changedMessageIds: Set<number> } {
  const { choice, now } = options;
  const touched = new TouchedChats();

  const pairs = pairsInChunk(chunk);
  for (const [lid, pn] of pairs) touched.merged(learnLidPair(orm, accountId, { lid, pn }, now));
  for (const contact of chunk.contacts ?? []) touched.add(learnContactNames(orm, st, accountId, contact, now));

  const identify = createChatIdentities(orm, accountId, pairs);
  const batch = new ChatBatch(st, accountId, 'history', now);
  const applier = createChangeApplier(st.changes, { accountId, logger, personJid: (jid) => identify(jid).jid, now });
  const storedWaIds: string[] = [];
  const chatsWithMessages = new Set<number>();
  const changes: MessageChange[] = [];
  const changedMessageIds = new Set<number>();
  let stored = 0;
  if (choice !== 'none') {
    const context: MapContext = { self: selfJids(st, accountId) };
    const cutoff = choice === 'recent' ? now - recentHistoryMs : Number.NEGATIVE_INFINITY;
    // Two passes: read every message first, then write them in one tight loop, which keeps
    // SQLite's pages hot between inserts (about a tenth faster on a 10 000-message chunk).
    const pending: { chatId: number; jid: string; m: MappedMessage }[] = [];
    for (const msg of chunk.messages ?? []) {
      // Checked before mapping so messages outside the window cost nothing.
      const at = timestampMs(msg);
      if (at !== null && at < cutoff) continue;
      const mapped = mapSafely(msg, logger, accountId, context);
      if (!mapped) continue;
      if (mapped.kind === 'change') {
        changes.push(mapped.change);
        continue;
      }
      const m = mapped.message;
      const chat = identify(m.chatJid);
      pending.push({ chatId: batch.chatId(chat.jid, chat), jid: chat.jid, m });
    }
    for (const { chatId, jid, m } of pending) {
      if (m.revoke) changes.push(m.revoke);
      const id = batch.insertMessage(chatId, m) ?? batch.fillPlaceholder(chatId, m)?.id;
      if (id === undefined) continue;
      if (m.reactions) applier.addCarried(id, m.reactions);
      storedWaIds.push(m.waId);
      stored += 1;
      chatsWithMessages.add(chatId);
      batch.noteMessage(chatId, jid, m, false);
    }
  }
  // After the chunk's messages, so a change finds a target that came in the same chunk; then the
  // changes that arrived before their targets.
  for (const applied of [...changes.map(applier.apply), ...applier.applyPendingFor(storedWaIds)]) {
    if (!applied) continue;
    changedMessageIds.add(applied.messageId);
    touched.add(applied.chat);
  }

  for (const chat of chunk.chats ?? []) {
    if (!chat.id || isJidStatusBroadcast(chat.id) || isJidBroadcast(chat.id)) continue;
    const { jid } = identify(normalizeJid(chat.id));
    // A chat is created only by the messages it brings; one we already have takes its name and unread count.
    const chatId = batch.existingChatId(jid);
    if (chatId === undefined) continue;
    const unread = typeof chat.unreadCount === 'number' && chat.unreadCount > 0 ? chat.unreadCount : null;
    batch.noteHistoryChat(chatId, jid, { name: chat.name || chat.displayName || null, unreadCount: unread });
  }
  touched.addAll(batch.flush());

  return { counts: { chats: chatsWithMessages.size, messages: stored }, chats: touched, changedMessageIds };
}
