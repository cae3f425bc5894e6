import { desc, sql } from 'drizzle-orm';
import type { ServerDb } from './db/open-server-db';
import { workstations } from './db/schema';

export interface SupervisorView {
  workstations: { id: string; name: string; enrolledAt: Date; lastSyncAt: Date | null }[];
  accounts: { account: string; label: string; status: string; workstation: string; conversations: number; messages: number }[];
  agents: { agent: string; messages: number; assigned: number }[];
}

const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;

/** What the supervisor page shows, read straight from the events (the database is the only state). */
export async function readSupervisorView(db: ServerDb): Promise<SupervisorView> {
  const stations = await db.select().from(workstations).orderBy(desc(workstations.lastSyncAt));
  const accounts = rowsOf<{ account: string; label: string; status: string; workstation: string; conversations: string; messages: string }>(
    await db.execute(sql`
      with latest as (
        select distinct on (e.account) e.account, e.payload->>'label' as label, e.payload->>'status' as status, w.name as workstation
        from sync_events e join workstations w on w.id = e.workstation_id
        where e.kind = 'accountStatus' order by e.account, e.seq desc
      ), counts as (
        select account, count(distinct jid) as conversations, count(distinct payload->>'waId') as messages from sync_events where kind = 'message' group by account
      )
      select coalesce(l.account, c.account) as account, coalesce(l.label, c.account) as label, coalesce(l.status, '?') as status,
             coalesce(l.workstation, '') as workstation, coalesce(c.conversations, 0) as conversations, coalesce(c.messages, 0) as messages
      from latest l full join counts c on c.account = l.account order by 2`),
  );
  const agents = rowsOf<{ agent: string; messages: string; assigned: string }>(
    await db.execute(sql`
      with sent as (
        select payload->>'agent' as agent, count(distinct account || ' ' || (payload->>'waId')) as messages from sync_events
        where kind = 'message' and payload->>'agent' is not null group by 1
      ), state as (
        select distinct on (account, jid) payload->>'assignedTo' as agent from sync_events where kind = 'chatState' order by account, jid, seq desc
      ), assigned as (select agent, count(*) as assigned from state where agent is not null group by 1)
      select coalesce(s.agent, a.agent) as agent, coalesce(s.messages, 0) as messages, coalesce(a.assigned, 0) as assigned
      from sent s full join assigned a on a.agent = s.agent order by 1`),
  );
  return {
    workstations: stations.map((w) => ({ id: w.id, name: w.name, enrolledAt: w.enrolledAt, lastSyncAt: w.lastSyncAt })),
    accounts: accounts.map((a) => ({ ...a, conversations: Number(a.conversations), messages: Number(a.messages) })),
    agents: agents.map((a) => ({ agent: a.agent, messages: Number(a.messages), assigned: Number(a.assigned) })),
  };
}
