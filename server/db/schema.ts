import { bigint, bigserial, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Enrolment (and supervisor) tokens: only their sha256 is kept. Every server start mints one. */
export const enrolmentTokens = pgTable('enrolment_tokens', {
  tokenHash: text('token_hash').primaryKey(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** One row per enrolled workstation; its own token is kept as a sha256 only. */
export const workstations = pgTable('workstations', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull(),
  tokenHash: text('token_hash').notNull().unique(),
  enrolledAt: timestamp('enrolled_at', { withTimezone: true }).notNull().defaultNow(),
  lastSyncAt: timestamp('last_sync_at', { withTimezone: true }),
});

/**
 * Every change pushed by a workstation. `seq` is the server's order (pull cursors); the event id
 * is the workstation's, unique, so a replayed batch is absorbed. `occurred_at` is the
 * workstation's clock, kept as data: a skewed clock never reorders anything.
 */
export const syncEvents = pgTable(
  'sync_events',
  {
    seq: bigserial('seq', { mode: 'bigint' }).primaryKey(),
    id: uuid('id').notNull().unique(),
    workstationId: uuid('workstation_id')
      .notNull()
      .references(() => workstations.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    account: text('account').notNull(),
    jid: text('jid'),
    payload: jsonb('payload').notNull(),
    occurredAt: bigint('occurred_at', { mode: 'number' }).notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('sync_events_kind_account').on(t.kind, t.account), index('sync_events_workstation').on(t.workstationId, t.seq)],
);
