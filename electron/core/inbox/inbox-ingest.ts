import type { BaileysEventMap, Contact, LIDMapping, MessageUserReceiptUpdate, WAMessage, WAMessageUpdate } from '@whiskeysockets/baileys';
import type { Logger } from 'pino';
import type { MessageDto } from '../../../shared/contract';
import { kindOf } from '../../../shared/message-kinds';
import { readSettings } from '../settings/settings-store';
import { reopensChat } from './reopen-rule';
import type { Orm } from '../db/orm';
import type { EventBus } from '../events/event-bus';
import { mapSafely, pairsInChunk, writeHistoryChunk, type HistoryChunk, type HistoryCounts, type HistoryOptions } from './history-ingest';
import { createChatIdentities, isLidJid, learnContactNames, learnLidPair, normalizeJid, toLidPair } from './identity';
import { chatDtos, toChatRow, type RawChatRow } from './chat-store';
import { recordReceipt } from './receipts-store';
import { findMessage, mappedMessageToDto, messagesByIds, messagesToDtos, setMessageStatus } from './message-store';
import { ChatBatch, prepareInboxStatements, selfJids, TouchedChats, type InboxStatements } from './inbox-writer';
import { createChangeApplier, type ChangeApplier } from './message-changes';
import { toNumber } from './message-content';
import { changesFromUpdate, isStatusUpgrade, statusFromAck, type CarriedReaction, type MapContext, type MessageChange } from './message-mapper';

type ChatIdentities = ReturnType<typeof createChatIdentities>;

/** A receipt time (seconds, maybe a Long) in epoch ms; undefined when the receipt does not carry it. */
const secondsToMs = (value: unknown) => {
  const seconds = toNumber(value);
  return seconds !== null && seconds > 0 ? seconds * 1000 : undefined;
};

const toChatRowOrUndefined = (row: RawChatRow | undefined) => (row ? toChatRow(row) : undefined);

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
    for (const chat of chatDtos(orm, touched.list())) bus.emit('chats.upserted', chat);
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

  /** Tells the renderer about messages that changed in a transaction that has committed. */
  const emitChangedMessages = (ids: Iterable<number>) => {
    const rows = messagesByIds(orm, [...ids]);
    for (const message of messagesToDtos(orm, rows)) bus.emit('messages.upserted', message);
  };

  const applierFor = (accountId: string, identify: ChatIdentities) =>
    createChangeApplier(st().changes, { accountId, logger, personJid: (jid) => identify(jid).jid, now: now() });

  /** Applies changes (edits, deletions, reactions) to their targets inside the caller's transaction. */
  const applyChanges = (applier: ChangeApplier, changes: readonly MessageChange[], touched: TouchedChats, changed: Set<number>) => {
    for (const change of changes) {
      const applied = applier.apply(change);
      if (!applied) continue;
      changed.add(applied.messageId);
      touched.add(applied.chat);
    }
  };

  const ingestUpsert = async (accountId: string, batch: WAMessage[], type: UpsertType, resolver?: LidResolver): Promise<MessageDto[]> => {
    const pairs = await pairsForUpsert(accountId, batch, resolver);
    const at = now();
    const { added, changed, chats } = inTransaction(() => {
      const reopenOn = readSettings(orm).reopenOnCustomerMessage;
      const touched = new TouchedChats();
      for (const [lid, pn] of pairs) touched.merged(learnLidPair(orm, accountId, { lid, pn }, at));
      const identify = createChatIdentities(orm, accountId, pairs);
      const chatBatch = new ChatBatch(st(), accountId, 'live', at);
      const context: MapContext = { self: selfJids(st(), accountId) };
      const added: MessageDto[] = [];
      const changes: MessageChange[] = [];
      const carried: { id: number; reactions: CarriedReaction[] }[] = [];
      for (const msg of batch) {
        const mapped = mapSafely(msg, logger, accountId, context);
        if (!mapped) continue;
        if (mapped.kind === 'change') {
          changes.push(mapped.change);
          continue;
        }
        const m = mapped.message;
        const chat = identify(m.chatJid);
        const chatId = chatBatch.chatId(chat.jid, chat);
        if (m.revoke) changes.push(m.revoke);
        const inserted = chatBatch.insertMessage(chatId, m);
        // A copy of a stored message only counts when it brings the content of a placeholder.
        const filled = inserted === undefined ? chatBatch.fillPlaceholder(chatId, m) : undefined;
        const id = inserted ?? filled?.id;
        if (id === undefined) continue;
        // A message WhatsApp queued while we were away comes as 'append' but is as new as 'notify';
        // a message that waited for decryption counts once its content arrives.
        const isNew = inserted !== undefined || filled?.wasWaiting === true;
        chatBatch.noteMessage(chatId, chat.jid, m, isNew && !m.fromMe && kindOf(m.type).countsUnread, reopensChat(m, isNew, reopenOn));
        if (m.reactions) carried.push({ id, reactions: m.reactions });
        added.push(mappedMessageToDto({ id, chatId, accountId }, m));
      }
      touched.addAll(chatBatch.flush());
      // After the batch's messages, so a change finds a target that came in the same batch.
      const applier = applierFor(accountId, identify);
      const changed = new Set<number>();
      for (const { id, reactions } of carried) {
        applier.addCarried(id, reactions);
        changed.add(id);
      }
      applyChanges(applier, changes, touched, changed);
      // Edits, deletions and reactions that came before these messages.
      for (const applied of applier.applyPendingFor(added.map((m) => m.waId))) {
        changed.add(applied.messageId);
        touched.add(applied.chat);
      }
      return { added, changed, chats: touched };
    });
    for (const message of added) if (!changed.has(message.id)) bus.emit('messages.upserted', message);
    emitChangedMessages(changed);
    emitChats(chats);
    return added;
  };

  /**
   * `messages.update`: delivery and read ticks of our messages, and the second copy of edits,
   * deletions and reactions (the first came as an upsert; applying one twice changes nothing).
   */
  const ingestUpdates = (accountId: string, updates: WAMessageUpdate[]) => {
    const at = now();
    const { changed, chats } = inTransaction(() => {
      const touched = new TouchedChats();
      const changed = new Set<number>();
      const changes: MessageChange[] = [];
      for (const item of updates) {
        const { key, update } = item ?? {};
        if (!key?.id || !update) continue;
        const status = statusFromAck(update.status);
        if (status) {
          const row = findMessage(orm, accountId, key.id);
          if (row && row.fromMe && isStatusUpgrade(row.status, status) && setMessageStatus(orm, row.id, status)) changed.add(row.id);
          // A customer's message marked read: the owner read the chat on the phone (a read-self receipt).
          else if (row && !row.fromMe && status === 'read') touched.add(toChatRowOrUndefined(st().readUpTo.get({ chatId: row.chatId, timestamp: row.timestamp })));
        }
        try {
          changes.push(...changesFromUpdate(item, at));
        } catch (error) {
          logger.warn({ accountId, id: key.id, err: error }, 'unreadable message update skipped');
        }
      }
      applyChanges(applierFor(accountId, createChatIdentities(orm, accountId, new Map())), changes, touched, changed);
      return { changed, chats: touched };
    });
    emitChangedMessages(changed);
    emitChats(chats);
  };

  /** `chats.update`: a chat read on the phone (app-state `markChatAsRead`) is read here too. */
  const ingestChatUpdates = (accountId: string, updates: BaileysEventMap['chats.update']) => {
    const chats = inTransaction(() => {
      const touched = new TouchedChats();
      for (const update of updates) {
        if (update?.unreadCount !== 0 || typeof update.id !== 'string') continue;
        touched.add(toChatRowOrUndefined(st().readChat.get({ accountId, jid: normalizeJid(update.id) })));
      }
      return touched;
    });
    emitChats(chats);
  };

  /**
   * `message-receipt.update`: when each member of a group got and read one of our messages, for
   * its details. The bubble's ticks stay as they are: WhatsApp turns them only when every member has.
   */
  const ingestReceipts = (accountId: string, receipts: MessageUserReceiptUpdate[]) => {
    inTransaction(() => {
      for (const { key, receipt } of receipts) {
        const memberJid = receipt?.userJid;
        if (!key?.id || !memberJid) continue;
        const row = findMessage(orm, accountId, key.id);
        if (!row?.fromMe) continue;
        recordReceipt(orm.$client, row.id, {
          memberJid: normalizeJid(memberJid),
          deliveredAt: secondsToMs(receipt.receiptTimestamp),
          readAt: secondsToMs(receipt.readTimestamp),
          playedAt: secondsToMs(receipt.playedTimestamp),
        });
      }
    });
  };

  /** `messages.reaction`: the same reactions Baileys also hands over as upserts; each is applied once. */
  const ingestReactions = (accountId: string, reactions: BaileysEventMap['messages.reaction']) => {
    const at = now();
    const { changed, chats } = inTransaction(() => {
      const touched = new TouchedChats();
      const changes = reactions.flatMap(({ key, reaction }) => (key?.id ? changesFromUpdate({ key, update: { reactions: [reaction] } }, at) : []));
      const changed = new Set<number>();
      applyChanges(applierFor(accountId, createChatIdentities(orm, accountId, new Map())), changes, touched, changed);
      return { changed, chats: touched };
    });
    emitChangedMessages(changed);
    emitChats(chats);
  };

  /** One history chunk, one transaction. History is never reported as new ('notify'), so it never reaches the responder. */
  const ingestHistory = (accountId: string, chunk: HistoryChunk, options: HistoryOptions): HistoryCounts => {
    const { counts, chats, changedMessageIds } = inTransaction(() => writeHistoryChunk(orm, st(), logger, accountId, chunk, options));
    if (changedMessageIds.size > 0) emitChangedMessages(changedMessageIds);
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

  return { ingestUpsert, ingestUpdates, ingestChatUpdates, ingestReceipts, ingestReactions, ingestHistory, ingestContacts, learnLidMapping };
}

export type InboxIngest = ReturnType<typeof createInboxIngest>;
