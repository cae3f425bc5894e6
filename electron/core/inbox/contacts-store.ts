import { and, eq, isNotNull, sql } from 'drizzle-orm';
import type { Orm } from '../db/orm';
import { contacts } from '../db/schema';

export type ContactRow = typeof contacts.$inferSelect;

/** What one event tells us about a person; anything left out is "not said", never "erase". */
export interface ContactFacts {
  pnJid?: string | null;
  lidJid?: string | null;
  /** The name the owner saved on the phone. */
  name?: string | null;
  /** The name the person set on WhatsApp. */
  notify?: string | null;
}

const given = (value: string | null | undefined): string | null => (value && value.trim() ? value : null);

export function findContact(orm: Orm, accountId: string, jid: string): ContactRow | undefined {
  return orm
    .select()
    .from(contacts)
    .where(and(eq(contacts.accountId, accountId), eq(contacts.jid, jid)))
    .get();
}

/** The contact known by this LID that also has a phone number. */
export function findContactByLid(orm: Orm, accountId: string, lid: string): ContactRow | undefined {
  return orm
    .select()
    .from(contacts)
    .where(and(eq(contacts.accountId, accountId), eq(contacts.lidJid, lid), isNotNull(contacts.pnJid)))
    .limit(1)
    .get();
}

/**
 * Files the contact under its phone-number JID when known, else its LID. Learning the phone number
 * of a contact filed under its LID moves that row to the phone number; names already known are
 * kept unless a new one is given.
 */
export function upsertContact(orm: Orm, accountId: string, facts: ContactFacts, now: number): ContactRow | undefined {
  const lidJid = facts.lidJid ?? null;
  const pnJid = facts.pnJid ?? (lidJid ? findContactByLid(orm, accountId, lidJid)?.pnJid : null) ?? null;
  const jid = pnJid ?? lidJid;
  if (!jid) return undefined;

  let folded: ContactRow | undefined;
  if (pnJid && lidJid) {
    folded = findContact(orm, accountId, lidJid);
    if (folded) orm.delete(contacts).where(and(eq(contacts.accountId, accountId), eq(contacts.jid, lidJid))).run();
  }
  return orm
    .insert(contacts)
    .values({
      accountId,
      jid,
      pnJid,
      lidJid,
      name: given(facts.name) ?? folded?.name ?? null,
      notify: given(facts.notify) ?? folded?.notify ?? null,
      updatedAt: now,
    })
    .onConflictDoUpdate({
      target: [contacts.accountId, contacts.jid],
      set: {
        pnJid: sql`coalesce(excluded.pn_jid, ${contacts.pnJid})`,
        lidJid: sql`coalesce(excluded.lid_jid, ${contacts.lidJid})`,
        // The phone-number row's own names beat those of the LID row folded into it.
        name: sql`coalesce(${given(facts.name)}, ${contacts.name}, excluded.name)`,
        notify: sql`coalesce(${given(facts.notify)}, ${contacts.notify}, excluded.notify)`,
        updatedAt: sql`excluded.updated_at`,
      },
    })
    .returning()
    .get();
}
