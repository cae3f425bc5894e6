import type { Orm } from '../db/orm';
import { CHAT_ROW_COLUMNS, getChat, type ChatRow } from '../inbox/chat-store';
import { isLidJid, isPnJid } from '../inbox/identity';

type RawChatRow = Omit<ChatRow, 'archived'> & { archived: number };

/** At most this many rounds of "their chats know another of their JIDs" (a chain A→B→C is long already). */
const MAX_ROUNDS = 3;

/**
 * The same customer's conversations on every one of our numbers, the asked chat included, matched
 * by phone-number JID and by LID (a customer may reach one number by LID and another by phone).
 * Each account's chat is filed under the phone JID when it is known (identity.ts), so `jid` and
 * `lid_jid` — both indexed per account — find them; the contacts of every account add pairs the
 * chats do not carry yet. First comes the chat where the customer wrote last; chats they never
 * wrote in follow, newest first.
 */
export function relatedChats(orm: Orm, chatId: number): ChatRow[] {
  const asked = getChat(orm, chatId);
  if (!asked) return [];
  const db = orm.$client;
  // `account_id IN (accounts)` lets SQLite use the (account_id, jid) and (account_id, lid_jid) indexes.
  const chatsByJids = db.prepare<[string, string], RawChatRow>(
    `SELECT ${CHAT_ROW_COLUMNS} FROM chats WHERE account_id IN (SELECT id FROM accounts) AND jid IN (SELECT value FROM json_each(?))
     UNION
     SELECT ${CHAT_ROW_COLUMNS} FROM chats WHERE account_id IN (SELECT id FROM accounts) AND lid_jid IN (SELECT value FROM json_each(?))`,
  );
  const contactPairs = db.prepare<[string, string], { pn: string | null; lid: string | null }>(
    `SELECT pn_jid AS pn, lid_jid AS lid FROM contacts WHERE account_id IN (SELECT id FROM accounts) AND pn_jid IN (SELECT value FROM json_each(?))
     UNION
     SELECT pn_jid AS pn, lid_jid AS lid FROM contacts WHERE account_id IN (SELECT id FROM accounts) AND lid_jid IN (SELECT value FROM json_each(?))`,
  );
  const lastIncoming = db.prepare<[number], { at: number }>('SELECT timestamp AS at FROM messages WHERE chat_id = ? AND from_me = 0 ORDER BY timestamp DESC LIMIT 1');

  const pns = new Set<string>();
  const lids = new Set<string>();
  const learn = (pn: string | null | undefined, lid: string | null | undefined) => {
    const before = pns.size + lids.size;
    if (isPnJid(pn)) pns.add(pn);
    if (isLidJid(lid)) lids.add(lid);
    return pns.size + lids.size > before;
  };
  const learnChat = (row: ChatRow) => learn(row.pnJid ?? (isPnJid(row.jid) ? row.jid : null), row.lidJid ?? (isLidJid(row.jid) ? row.jid : null));

  const found = new Map<number, ChatRow>([[asked.id, asked]]);
  learnChat(asked);
  for (let round = 0; round < MAX_ROUNDS && pns.size + lids.size > 0; round++) {
    let grew = false;
    for (const pair of contactPairs.all(JSON.stringify([...pns]), JSON.stringify([...lids]))) grew = learn(pair.pn, pair.lid) || grew;
    for (const raw of chatsByJids.all(JSON.stringify([...pns, ...lids]), JSON.stringify([...lids]))) {
      if (found.has(raw.id)) continue;
      const row = { ...raw, archived: raw.archived === 1 };
      found.set(row.id, row);
      grew = learnChat(row) || grew;
    }
    if (!grew) break;
  }

  const wroteAt = new Map([...found.keys()].map((id) => [id, lastIncoming.get(id)?.at ?? null]));
  return [...found.values()].sort((a, b) => {
    const [wa, wb] = [wroteAt.get(a.id) ?? null, wroteAt.get(b.id) ?? null];
    if (wa !== wb) {
      if (wa === null) return 1;
      if (wb === null) return -1;
      return wb - wa;
    }
    return (b.lastMessageAt ?? -1) - (a.lastMessageAt ?? -1) || b.id - a.id;
  });
}
