import type { Contact, LIDMapping, WAMessage, WAMessageUpdate } from '@whiskeysockets/baileys';
import type { Logger } from 'pino';
import type { MessageDto } from '../../../shared/contract';
import type { Orm } from '../db/orm';
import type { EventBus } from '../events/event-bus';
import { mapSafely, pairsInChunk, writeHistoryChunk, type HistoryChunk, type HistoryCounts, type HistoryOptions } from './history-ingest';
import { createChatIdentities, isLidJid, learnContactNames, learnLidPair, normalizeJid, toLidPair } from './identity';
import { chatToDto } from './chat-store';
import { findMessage, messageToDto, setMessageStatus } from './message-store';
import { ChatBatch, prepareInboxStatements, TouchedChats, type InboxStatements } from './inbox-writer';
import { isStatusUpgrade, statusFromAck } from './message-mapper';

export type UpsertType = 'notify' | 'append';

/** The socket's own LID mapping store (Baileys' `signalRepository.lidMapping`). */
export interface LidResolver {
  pnForLid(lid: string): Promise<string | null | undefined>;
}

/**
 * Files what Baileys hands us into the store and tells the renderer. Each batch (an upsert, a
 * history chunk, a contacts event) is one transaction, so it lands whole or not at all.
 */
export function createInboxIngest(deps: { orm: Orm; bus: EventBus; logger: Logger; now?: () => number }) {
  const { orm, bus, logger } = deps;
  const now = deps.now ?? Date.now;
  let statements: InboxStatements | undefined;
  const st = () => (statements ??= prepareInboxStatements(orm.$client));
  const inTransaction = <T>(work: () => T): T => orm.$client.transaction(work).immediate();
  const emitChats = (touched: TouchedChats) => {
    for (const [id, mergedInto] of touched.removed) bus.emit('chats.removed', { id, mergedInto });
    for (const row of touched.list()) bus.emit('chats.upserted', chatToDto(row));
  };

  /** LID ↔ phone pairs the keys carry (`remoteJidAlt`, `participantAlt`), then the socket's mapping for the chat LIDs left. */
  const pairsForUpsert = async (accountId: string, batch: WAMessage[], resolver: LidResolver | undefined) => {
    const pairs = new Map<string, string>();
    const unknown = new Set<string>();
    for (const msg of batch) {
      const key = msg?.key;
      if (!key) continue;
      for (const pair of [toLidPair(key.remoteJid, key.remoteJidAlt), toLidPair(key.participant, key.participantAlt)]) {
        if (pair) pairs.set(pair.lid, pair.pn);
      }
      if (isLidJid(key.remoteJid)) unknown.add(normalizeJid(key.remoteJid));
    }
    if (!resolver) return pairs;
    await Promise.all(
      [...unknown]
        .filter((lid) => !pairs.has(lid))
        .map(async (lid) => {
          try {
            const pair = toLidPair(lid, await resolver.pnForLid(lid));
            if (pair) pairs.set(pair.lid, pair.pn);
          } catch (error) {
            logger.warn({ accountId, lid, err: error }, 'LID mapping lookup failed');
          }
        }),
    );
    return pairs;
  };

  const ingestUpsert = async (accountId: string, batch: WAMessage[], type: UpsertType, resolver?: LidResolver): Promise<MessageDto[]> => {
    const pairs = await pairsForUpsert(accountId, batch, resolver);
    const at = now();
    const { added, chats } = inTransaction(() => {
      const touched = new TouchedChats();
      for (const [lid, pn] of pairs) touched.merged(learnLidPair(orm, accountId, { lid, pn }, at));
      const identify = createChatIdentities(orm, accountId, pairs);
      const chatBatch = new ChatBatch(st(), accountId, 'live', at);
      const added: MessageDto[] = [];
      for (const msg of batch) {
        const m = mapSafely(msg, logger, accountId);
        if (!m) continue;
        const chat = identify(m.chatJid);
        const chatId = chatBatch.chatId(chat.jid, chat);
        const id = chatBatch.insertMessage(chatId, m);
        if (id === undefined) continue;
        chatBatch.noteMessage(chatId, chat.jid, m, type === 'notify' && !m.fromMe);
        const { waId, fromMe, senderName, type: kind, text, timestamp, status } = m;
        added.push({
          ...{ id, chatId, accountId, waId, fromMe, senderName, type: kind, text, timestamp, status },
          ...{ quoted: null, media: null, location: null, sharedContacts: null, reactions: [], editedAt: null, deletedAt: null, error: null },
        });
      }
      touched.addAll(chatBatch.flush());
      return { added, chats: touched };
    });
    for (const message of added) bus.emit('messages.upserted', message);
    emitChats(chats);
    return added;
  };

  const ingestUpdates = (accountId: string, updates: WAMessageUpdate[]) => {
    for (const { key, update } of updates) {
      const status = statusFromAck(update.status);
      if (!status || !key.id) continue;
      const row = findMessage(orm, accountId, key.id);
      if (!row || !row.fromMe || !isStatusUpgrade(row.status, status)) continue;
      const updated = setMessageStatus(orm, row.id, status);
      if (updated) bus.emit('messages.upserted', messageToDto(updated));
    }
  };

  /** One history chunk, one transaction. History is never reported as new ('notify'), so it never reaches the responder. */
  const ingestHistory = (accountId: string, chunk: HistoryChunk, options: HistoryOptions): HistoryCounts => {
    const { counts, chats } = inTransaction(() => writeHistoryChunk(orm, st(), logger, accountId, chunk, options));
    emitChats(chats);
    logger.debug({ accountId, ...counts, choice: options.choice }, 'history chunk stored');
    return counts;
  };

  /** `contacts.upsert` and `contacts.update`: names, and LID ↔ phone pairs that merge chats. */
  const ingestContacts = (accountId: string, contacts: Partial<Contact>[]) => {
    const at = now();
    const chats = inTransaction(() => {
      const touched = new TouchedChats();
      for (const [lid, pn] of pairsInChunk({ contacts })) {
        touched.merged(learnLidPair(orm, accountId, { lid, pn }, at));
      }
      for (const contact of contacts) touched.add(learnContactNames(orm, st(), accountId, contact, at));
      return touched;
    });
    emitChats(chats);
  };

  /** `lid-mapping.update`: a LID chat opened before we knew the number is merged into the phone chat. */
  const learnLidMapping = (accountId: string, mappings: LIDMapping[]) => {
    const at = now();
    const chats = inTransaction(() => {
      const touched = new TouchedChats();
      for (const mapping of mappings) {
        const pair = toLidPair(mapping.lid, mapping.pn);
        if (pair) touched.merged(learnLidPair(orm, accountId, pair, at));
        else logger.debug({ accountId, mapping }, 'not a LID ↔ phone pair');
      }
      return touched;
    });
    emitChats(chats);
  };

  return { ingestUpsert, ingestUpdates, ingestHistory, ingestContacts, learnLidMapping };
}

export type InboxIngest = ReturnType<typeof createInboxIngest>;
