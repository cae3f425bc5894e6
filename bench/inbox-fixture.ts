// The seeded 1 M-message inbox the read benches share, built once by the fastest path (raw
// prepared INSERTs with the FTS triggers dropped, then the FTS index filled in one statement) and cached under the OS
// temp dir, keyed by seed, size and schema, so reruns start in seconds.
import { proto } from '@whiskeysockets/baileys';
import { createHash } from 'node:crypto';
import { constants, copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../electron/core/db/open-database';
import { migrations } from '../electron/core/db/migrations.generated';
import { messageSearchKeySql } from '../electron/core/inbox/search-store';
import { chatMessages, planInbox, type InboxPlan, type InboxSeedOptions, type SeedKind, type SeedMessage } from '../electron/core/testing/seeded-inbox';

/** Bump when the rows written here change shape, so old caches are not reused. */
const FIXTURE_VERSION = 1;
const PREFIX = 'mostrador-bench-inbox-';

export function inboxOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): InboxSeedOptions {
  return {
    seed: Number(env.BENCH_SEED ?? 20_250_101),
    messages: Number(env.BENCH_MESSAGES ?? 1_000_000),
    chats: Number(env.BENCH_CHATS ?? 50_000),
    accounts: Number(env.BENCH_ACCOUNTS ?? 10),
  };
}

export interface InboxFixture {
  path: string;
  plan: InboxPlan;
  /** Seconds spent building it in this run; 0 when the cached file was used. */
  buildSeconds: number;
  sizeMb: number;
}

// What the current mapper files for each kind (its `type` column is the proto content type).
const typeOf: Record<SeedKind, string> = { text: 'text', image: 'imageMessage', video: 'videoMessage', document: 'documentMessage' };
const statusOf = (m: SeedMessage) =>
  m.ack === null ? 'received' : m.ack === proto.WebMessageInfo.Status.READ ? 'read' : m.ack === proto.WebMessageInfo.Status.DELIVERY_ACK ? 'delivered' : 'sent';

const messageColumns = [
  'account_id', 'chat_id', 'wa_id', 'from_me', 'sender_jid', 'sender_name', 'type', 'text', 'timestamp', 'status', 'proto', 'message_secret',
  'created_at', 'quoted_wa_id', 'quoted_from_me', 'quoted_text', 'quoted_type', 'media_kind', 'media_mime', 'media_file_name', 'media_size', 'media_state',
];
const chatColumns = ['id', 'account_id', 'jid', 'pn_jid', 'name', 'last_message_at', 'last_message_preview', 'unread_count', 'archived', 'pinned_at'];
const insertSql = (table: string, columns: string[]) => `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;

function build(path: string, plan: InboxPlan): void {
  const db = openDatabase(path);
  const triggers = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'messages' AND name LIKE 'messages_fts%'").all() as {
    name: string;
    sql: string;
  }[];
  for (const t of triggers) db.exec(`DROP TRIGGER ${t.name}`);
  const createdAt = plan.options.endMs;
  const insertAccount = db.prepare('INSERT INTO accounts (id, kind, label, color, phone, push_name, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
  for (const [i, a] of plan.accounts.entries()) insertAccount.run(a.id, 'whatsapp', a.label, a.color, a.phone, a.label, createdAt + i);
  const insertChat = db.prepare(insertSql('chats', chatColumns));
  const insertMessage = db.prepare(insertSql('messages', messageColumns));

  // Chats in plan order (chat id = index + 1), messages chat by chat as a history sync files them.
  const writeChats = db.transaction((from: number, to: number) => {
    for (let c = from; c < to; c++) {
      const chat = plan.chats[c]!;
      const messages = chatMessages(plan, chat);
      const last = messages.at(-1)!;
      insertChat.run(chat.index + 1, chat.accountId, chat.jid, chat.group ? null : chat.jid, chat.name, last.seconds * 1000, last.text ?? `[${typeOf[last.kind]}]`, chat.unread, chat.archived ? 1 : 0, chat.pinned ? createdAt : null);
      for (const m of messages) {
        const secret = m.content.messageContextInfo?.messageSecret;
        insertMessage.run(
          chat.accountId, chat.index + 1, m.waId, m.fromMe ? 1 : 0, m.fromMe ? null : (m.participant ?? chat.jid), m.pushName, typeOf[m.kind], m.text, m.seconds * 1000,
          statusOf(m), Buffer.from(proto.Message.encode(m.content).finish()), secret ? Buffer.from(secret) : null, createdAt,
          m.quoted?.waId ?? null, m.quoted ? (m.quoted.fromMe ? 1 : 0) : null, m.quoted?.text ?? null, m.quoted ? 'text' : null,
          m.media ? m.kind : null, m.media?.mime ?? null, m.media?.fileName ?? null, m.media?.size ?? null, m.media ? 'none' : null,
        );
      }
    }
  });
  for (let c = 0; c < plan.chats.length; c += 500) writeChats.immediate(c, Math.min(plan.chats.length, c + 500));
  db.exec(`INSERT INTO messages_fts(rowid, text) SELECT ${messageSearchKeySql()}, text FROM messages WHERE text IS NOT NULL`);
  for (const t of triggers) db.exec(t.sql);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}

/** The cached database for these options, built first if missing (minutes at 1 M messages). */
export function cachedInboxDatabase(options: InboxSeedOptions = inboxOptionsFromEnv()): InboxFixture {
  const plan = planInbox(options);
  const { seed, messages, chats, accounts } = plan.options;
  const schema = createHash('sha256')
    .update(JSON.stringify([FIXTURE_VERSION, migrations.map((m) => [m.tag, m.hash])]))
    .digest('hex')
    .slice(0, 10);
  const name = `${PREFIX}${seed}-${messages}m-${chats}c-${accounts}a-${schema}.sqlite`;
  const path = join(tmpdir(), name);
  let buildSeconds = 0;
  if (!existsSync(path)) {
    // Caches of an older schema would only fill the disk.
    for (const file of readdirSync(tmpdir())) {
      if (file.startsWith(PREFIX) && file.includes(`-${schema}.`) === false) rmSync(join(tmpdir(), file), { force: true });
    }
    const building = `${path}.building-${process.pid}`;
    const t0 = performance.now();
    try {
      build(building, plan);
      renameSync(building, path);
    } finally {
      for (const suffix of ['', '-wal', '-shm']) rmSync(`${building}${suffix}`, { force: true });
    }
    buildSeconds = Number(((performance.now() - t0) / 1000).toFixed(1));
  }
  return { path, plan, buildSeconds, sizeMb: Math.round(statSync(path).size / 2 ** 20) };
}

/** A data folder holding a private copy of the fixture, as the core expects it. */
export function copyIntoDataDir(fixture: InboxFixture, dataDir: string): void {
  mkdirSync(dataDir, { recursive: true });
  copyFileSync(fixture.path, join(dataDir, 'mostrador.sqlite'), constants.COPYFILE_FICLONE);
}
