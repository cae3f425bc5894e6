import { eq, or, sql } from 'drizzle-orm';
import type { Orm } from '../db/orm';
import { accounts, chats, labels } from '../db/schema';

/** How the server names an account: its phone number once paired (the same on every workstation), else its local id. */
export const accountKeyOf = (account: { id: string; phone: string | null }) => account.phone ?? account.id;

/** The chat as other workstations know it: the account's key and the customer's JID. */
export function chatRefOf(orm: Orm, chatId: number): { account: string; jid: string } | undefined {
  const row = orm
    .select({ id: accounts.id, phone: accounts.phone, jid: chats.jid })
    .from(chats)
    .innerJoin(accounts, eq(accounts.id, chats.accountId))
    .where(eq(chats.id, chatId))
    .get();
  return row && { account: accountKeyOf(row), jid: row.jid };
}

/** The local account another workstation means (kept ones only), if this workstation has it. */
export function localAccountOf(orm: Orm, key: string): string | undefined {
  return orm
    .select({ id: accounts.id })
    .from(accounts)
    .where(sql`${or(eq(accounts.phone, key), eq(accounts.id, key))} and ${accounts.removedAt} is null`)
    .get()?.id;
}

/** The chat a JID names on a local account: by its JID, or by the phone-number / LID form it also goes by. */
export function localChatOf(orm: Orm, accountId: string, jid: string): number | undefined {
  return orm
    .select({ id: chats.id })
    .from(chats)
    .where(sql`${chats.accountId} = ${accountId} and (${chats.jid} = ${jid} or ${chats.pnJid} = ${jid} or ${chats.lidJid} = ${jid})`)
    .get()?.id;
}

/** Label names and colours for these ids, by name (labels travel by name between workstations). */
export function labelRefsOf(orm: Orm, labelIds: readonly number[]): { name: string; color: string }[] {
  if (labelIds.length === 0) return [];
  return orm
    .select({ name: labels.name, color: labels.color })
    .from(labels)
    .where(sql`${labels.id} in (select value from json_each(${JSON.stringify(labelIds)}))`)
    .orderBy(sql`${labels.name} collate nocase`)
    .all();
}
