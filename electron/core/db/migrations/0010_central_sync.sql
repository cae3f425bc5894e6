CREATE TABLE `sync_chats` (
	`chat_id` integer PRIMARY KEY NOT NULL,
	`digest` text NOT NULL,
	FOREIGN KEY (`chat_id`) REFERENCES `chats`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `sync_config` (
	`id` integer PRIMARY KEY NOT NULL,
	`url` text NOT NULL,
	`workstation_id` text NOT NULL,
	`token_sealed` blob NOT NULL,
	`agent_name` text,
	`cursor` text DEFAULT '0' NOT NULL,
	`last_sync_at` integer,
	`last_error` text
);
--> statement-breakpoint
CREATE TABLE `sync_note_keys` (
	`note_id` integer PRIMARY KEY NOT NULL,
	`key` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sync_note_keys_key_unique` ON `sync_note_keys` (`key`);--> statement-breakpoint
CREATE TABLE `sync_outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`event_id` text NOT NULL,
	`kind` text NOT NULL,
	`lane` text NOT NULL,
	`payload` text NOT NULL,
	`occurred_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sync_outbox_event_id_unique` ON `sync_outbox` (`event_id`);--> statement-breakpoint
CREATE INDEX `sync_outbox_lane` ON `sync_outbox` (`lane`,`id`);--> statement-breakpoint
ALTER TABLE `chats` ADD `assigned_to` text;--> statement-breakpoint
-- Every stored message is recorded for the central server in the same transaction, but only while
-- sync is on (a sync_config row). A trigger, not the event bus: messages.upserted also fires for
-- every status tick, and no write path (live, history, outbox) can forget it. Metadata only.
CREATE TRIGGER `sync_message_insert` AFTER INSERT ON `messages` WHEN EXISTS (SELECT 1 FROM sync_config) BEGIN
  INSERT INTO sync_outbox (event_id, kind, lane, payload, occurred_at)
  SELECT substr(r.h, 1, 8) || '-' || substr(r.h, 9, 4) || '-4' || substr(r.h, 14, 3) || '-' || substr('89ab', 1 + abs(random() % 4), 1) || substr(r.h, 18, 3) || '-' || substr(r.h, 21, 12),
    'message', 'normal',
    json_object('account', coalesce(a.phone, a.id), 'jid', c.jid, 'waId', new.wa_id, 'direction', CASE new.from_me WHEN 1 THEN 'out' ELSE 'in' END, 'at', new.timestamp,
      'sentBy', new.sent_by, 'agent', CASE WHEN new.from_me = 1 AND new.sent_by IS NULL THEN (SELECT agent_name FROM sync_config) END),
    CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)
  FROM (SELECT lower(hex(randomblob(16))) AS h) AS r, chats AS c JOIN accounts AS a ON a.id = c.account_id
  WHERE c.id = new.chat_id;
END;
