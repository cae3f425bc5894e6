import { asc, eq } from 'drizzle-orm';
import type { Orm } from '../db/orm';
import { accounts } from '../db/schema';

export type AccountRow = typeof accounts.$inferSelect;

/** Distinct, readable on light and dark backgrounds; the person can change it later. */
export const accountColors = ['#25a244', '#2f6fdf', '#d9480f', '#8e44ad', '#c2185b', '#00897b', '#b08900', '#5d6d7e', '#e64980', '#1098ad'];

export const listAccountRows = (orm: Orm): AccountRow[] => orm.select().from(accounts).orderBy(asc(accounts.createdAt)).all();

export const getAccountRow = (orm: Orm, id: string): AccountRow | undefined =>
  orm.select().from(accounts).where(eq(accounts.id, id)).get();

export function insertAccountRow(orm: Orm, row: AccountRow): AccountRow {
  orm.insert(accounts).values(row).run();
  return row;
}

export function updateAccountProfile(orm: Orm, id: string, profile: { phone?: string | null; pushName?: string | null }) {
  orm.update(accounts).set(profile).where(eq(accounts.id, id)).run();
}

/** Deletes the account and, through foreign keys, its auth, chats and messages. */
export function deleteAccountRow(orm: Orm, id: string): boolean {
  return orm.delete(accounts).where(eq(accounts.id, id)).run().changes > 0;
}

/** The first colour of the palette nobody uses yet. */
export function nextAccountColor(existing: AccountRow[]): string {
  const used = new Set(existing.map((a) => a.color));
  return accountColors.find((c) => !used.has(c)) ?? accountColors[existing.length % accountColors.length]!;
}
