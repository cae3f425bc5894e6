import { isHostedLidUser, isHostedPnUser, isJidGroup, isLidUser, isPnUser } from '@whiskeysockets/baileys';
import { and, eq, isNotNull, sql } from 'drizzle-orm';
import type { Orm } from '../db/orm';
import { chats, messages } from '../db/schema';
import { findContactByLid, upsertContact } from './contacts-store';
import type { ChatRow } from './chat-store';
import type { InboxStatements } from './inbox-writer';
import { userJid } from './message-mapper';

/** One customer seen by both of their WhatsApp identities. */
export interface LidPair {
  lid: string;
  pn: string;
}

export const isLidJid = (jid: string | null | undefined): jid is string => !!jid && Boolean(isLidUser(jid) || isHostedLidUser(jid));
export const isPnJid = (jid: string | null | undefined): jid is string => !!jid && Boolean(isPnUser(jid) || isHostedPnUser(jid));
/** A person (not a group, broadcast or newsletter): only these are named after the customer. */
export const isPersonJid = (jid: string | null | undefined): jid is string => isLidJid(jid) || isPnJid(jid);
export const isGroupJid = (jid: string): boolean => Boolean(isJidGroup(jid));

/** The user JID without device part; a JID Baileys cannot decode is kept as it came rather than lost. */
export const normalizeJid = userJid;

/** Pairs a LID with a phone-number JID given in either order (Baileys itself accepts both); anything else is no pair. */
export function toLidPair(a: string | null | undefined, b: string | null | undefined): LidPair | undefined {
  if (typeof a !== 'string' || typeof b !== 'string' || !a || !b) return undefined;
  const [x, y] = [normalizeJid(a), normalizeJid(b)];
  if (isLidJid(x) && isPnJid(y)) return { lid: x, pn: y };
  if (isPnJid(x) && isLidJid(y)) return { lid: y, pn: x };
  return undefined;
}

/** The phone-number JID we already know for a LID: stored contacts first, then chats filed with both. */
export function storedPnForLid(orm: Orm, accountId: string, lid: string): string | undefined {
  const contact = findContactByLid(orm, accountId, lid);
  if (contact?.pnJid) return contact.pnJid;
  return orm
    .select({ pnJid: chats.pnJid })
    .from(chats)
    .where(and(eq(chats.accountId, accountId), eq(chats.lidJid, lid), isNotNull(chats.pnJid)))
    .limit(1)
    .get()?.pnJid ?? undefined;
}

export interface MergeOutcome {
  /** The phone-number chat after the change, when a chat changed. */
  survivor?: ChatRow;
  /** The LID chat that was folded into the survivor and deleted. */
  removedChatId?: number;
}

const chatByJid = (orm: Orm, accountId: string, jid: string) =>
  orm
    .select()
    .from(chats)
    .where(and(eq(chats.accountId, accountId), eq(chats.jid, jid)))
    .get();

/**
 * Files a chat that was opened under a LID under the customer's phone number, so one customer is
 * one chat. Baileys does not do this. When both chats exist the LID one is folded in: its messages
 * move (one already in the phone chat stays once), unread counts add up, the newer last message
 * wins, and the LID chat is deleted.
 */
export function mergeLidChat(orm: Orm, accountId: string, pair: LidPair): MergeOutcome {
  const lidChat = chatByJid(orm, accountId, pair.lid);
  const pnChat = chatByJid(orm, accountId, pair.pn);
  if (!lidChat) {
    if (!pnChat || pnChat.lidJid === pair.lid) return {};
    return { survivor: orm.update(chats).set({ lidJid: pair.lid }).where(eq(chats.id, pnChat.id)).returning().get() };
  }
  if (!pnChat) {
    const renamed = orm.update(chats).set({ jid: pair.pn, pnJid: pair.pn, lidJid: pair.lid }).where(eq(chats.id, lidChat.id)).returning().get();
    return { survivor: renamed };
  }

  // OR IGNORE leaves behind the copies the phone chat already has; they go with the LID chat.
  orm.run(sql`UPDATE OR IGNORE ${messages} SET chat_id = ${pnChat.id} WHERE chat_id = ${lidChat.id}`);
  orm.delete(messages).where(eq(messages.chatId, lidChat.id)).run();
  const newer = (lidChat.lastMessageAt ?? -1) > (pnChat.lastMessageAt ?? -1) ? lidChat : pnChat;
  orm.delete(chats).where(eq(chats.id, lidChat.id)).run();
  const survivor = orm
    .update(chats)
    .set({
      lidJid: pair.lid,
      pnJid: pair.pn,
      name: pnChat.name ?? lidChat.name,
      unreadCount: pnChat.unreadCount + lidChat.unreadCount,
      lastMessageAt: newer.lastMessageAt,
      lastMessagePreview: newer.lastMessagePreview,
    })
    .where(eq(chats.id, pnChat.id))
    .returning()
    .get();
  return { survivor, removedChatId: lidChat.id };
}

/** Remembers the pair as a contact and merges any chat still filed under the LID. */
export function learnLidPair(orm: Orm, accountId: string, pair: LidPair, now: number): MergeOutcome {
  upsertContact(orm, accountId, { pnJid: pair.pn, lidJid: pair.lid }, now);
  return mergeLidChat(orm, accountId, pair);
}

/** The phone-number JID and LID a Baileys contact names, from whichever of its fields carry them. */
export function contactIdentity(contact: { id?: string | null; lid?: string | null; phoneNumber?: string | null }): { pn: string | null; lid: string | null } {
  const ids = [contact.phoneNumber, contact.lid, contact.id].filter((jid): jid is string => !!jid).map(normalizeJid);
  return { pn: ids.find(isPnJid) ?? null, lid: ids.find(isLidJid) ?? null };
}

/** Where a chat is filed: under the phone number when known, else the LID; both kept when known. */
export interface ChatIdentity {
  jid: string;
  pnJid: string | null;
  lidJid: string | null;
}

/**
 * Resolves chat JIDs for one batch: pairs learned in the batch first, then what is stored. Each
 * JID is looked up once per batch, however many messages it has.
 */
export function createChatIdentities(orm: Orm, accountId: string, pairs: ReadonlyMap<string, string>) {
  const lidOfPn = new Map<string, string>();
  for (const [lid, pn] of pairs) lidOfPn.set(pn, lid);
  const cache = new Map<string, ChatIdentity>();
  const resolve = (jid: string): ChatIdentity => {
    if (isLidJid(jid)) {
      const pn = pairs.get(jid) ?? storedPnForLid(orm, accountId, jid);
      return pn ? { jid: pn, pnJid: pn, lidJid: jid } : { jid, pnJid: null, lidJid: jid };
    }
    if (isPnJid(jid)) return { jid, pnJid: jid, lidJid: lidOfPn.get(jid) ?? null };
    return { jid, pnJid: null, lidJid: null };
  };
  return (jid: string): ChatIdentity => {
    let identity = cache.get(jid);
    if (!identity) {
      identity = resolve(jid);
      cache.set(jid, identity);
    }
    return identity;
  };
}

/**
 * Stores what a contact event says about a person and renames their chat after it: the name saved
 * on the phone, else the person's own name. Returns the chat when its name changed.
 */
export function learnContactNames(
  orm: Orm,
  st: InboxStatements,
  accountId: string,
  contact: { id?: string | null; lid?: string | null; phoneNumber?: string | null; name?: string | null; notify?: string | null },
  now: number,
): ChatRow | undefined {
  const { pn, lid } = contactIdentity(contact);
  const row = upsertContact(orm, accountId, { pnJid: pn, lidJid: lid, name: contact.name, notify: contact.notify }, now);
  const name = row?.name ?? row?.notify;
  if (!row || !name) return undefined;
  return st.setChatName.get({ name, accountId, jid: row.jid });
}
