import { and, asc, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import { accountPalette, accountSettingsSchema, defaultAccountSettings, type AccountSettings } from '../../../shared/contract';
import type { Orm } from '../db/orm';
import { prepared } from '../db/prepared';
import { accounts, authCreds, authKeys } from '../db/schema';

export type AccountRow = typeof accounts.$inferSelect;
export type NewAccountRow = typeof accounts.$inferInsert;


/** Active accounts (not removed), oldest first. */
export const listAccountRows = (orm: Orm): AccountRow[] =>
  orm.select().from(accounts).where(isNull(accounts.removedAt)).orderBy(asc(accounts.createdAt)).all();

export const getAccountRow = (orm: Orm, id: string): AccountRow | undefined =>
  orm.select().from(accounts).where(and(eq(accounts.id, id), isNull(accounts.removedAt))).get();

export function insertAccountRow(orm: Orm, row: NewAccountRow): AccountRow {
  return orm.insert(accounts).values(row).returning().get();
}

export function updateAccountRow(orm: Orm, id: string, patch: Partial<Pick<AccountRow, 'label' | 'color' | 'phone' | 'pushName' | 'avatar' | 'settings'>>) {
  orm.update(accounts).set(patch).where(eq(accounts.id, id)).run();
}

/** WhatsApp's reach-out lock of the account while it lasts (epoch ms), else null. Read at every campaign step. */
export function reachOutLockOf(orm: Orm, id: string, now: number): number | null {
  const until = prepared<[string], number | null>(orm.$client, 'SELECT reach_out_locked_until FROM accounts WHERE id = ?').pluck().get(id) ?? null;
  return until !== null && until > now ? until : null;
}

/** Stores (or clears, with null) the account's reach-out lock; answers whether it changed. */
export function setReachOutLock(orm: Orm, id: string, until: number | null): boolean {
  return orm.update(accounts).set({ reachOutLockedUntil: until }).where(and(eq(accounts.id, id), sql`${accounts.reachOutLockedUntil} IS NOT ${until}`)).run().changes > 0;
}

/** Accounts with a reach-out lock stored, ended or not (the keeper's timers after a start). */
export const storedReachOutLocks = (orm: Orm): { id: string; until: number }[] =>
  orm
    .select({ id: accounts.id, until: accounts.reachOutLockedUntil })
    .from(accounts)
    .where(and(isNull(accounts.removedAt), isNotNull(accounts.reachOutLockedUntil)))
    .all()
    .map((r) => ({ id: r.id, until: r.until! }));

/** Deletes the account and, through foreign keys, its auth, contacts, chats and messages. */
export function deleteAccountRow(orm: Orm, id: string): boolean {
  return orm.delete(accounts).where(eq(accounts.id, id)).run().changes > 0;
}

/** Hides the account and drops its WhatsApp session, keeping its conversations readable. */
export function retireAccountRow(orm: Orm, id: string, now: number): boolean {
  return orm.transaction((tx) => {
    tx.delete(authKeys).where(eq(authKeys.accountId, id)).run();
    tx.delete(authCreds).where(eq(authCreds.accountId, id)).run();
    return tx.update(accounts).set({ removedAt: now }).where(and(eq(accounts.id, id), isNull(accounts.removedAt))).run().changes > 0;
  });
}

/** Stored settings over the defaults; a value from another version that no longer parses is dropped. */
export function parseAccountSettings(json: string): AccountSettings {
  let stored: unknown = {};
  try {
    stored = JSON.parse(json);
  } catch {
    stored = {};
  }
  const result = { ...defaultAccountSettings };
  if (stored && typeof stored === 'object') {
    for (const key of Object.keys(defaultAccountSettings) as (keyof AccountSettings)[]) {
      const parsed = accountSettingsSchema.shape[key].safeParse((stored as Record<string, unknown>)[key]);
      if (parsed.success) Object.assign(result, { [key]: parsed.data });
    }
  }
  return result;
}

/** The first colour of the palette nobody uses yet. */
export function nextAccountColor(existing: AccountRow[]): string {
  const used = new Set(existing.map((a) => a.color));
  return accountPalette.find((c) => !used.has(c)) ?? accountPalette[existing.length % accountPalette.length]!;
}

/** Accounts under a reach-out lock right now. */
export const lockedAccountIds = (orm: Orm, now: number): string[] =>
  prepared<[number], string>(orm.$client, 'SELECT id FROM accounts WHERE removed_at IS NULL AND reach_out_locked_until > ?').pluck().all(now);
