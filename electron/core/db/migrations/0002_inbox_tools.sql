CREATE TABLE `chat_labels` (
	`chat_id` integer NOT NULL,
	`label_id` integer NOT NULL,
	PRIMARY KEY(`chat_id`, `label_id`),
	FOREIGN KEY (`chat_id`) REFERENCES `chats`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`label_id`) REFERENCES `labels`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `chat_labels_label` ON `chat_labels` (`label_id`);--> statement-breakpoint
CREATE TABLE `labels` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`color` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `labels_name_unique` ON `labels` (`name`);--> statement-breakpoint
CREATE TABLE `notes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`chat_id` integer NOT NULL,
	`text` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`chat_id`) REFERENCES `chats`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `notes_chat` ON `notes` (`chat_id`);--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`message_id` integer NOT NULL,
	`account_id` text NOT NULL,
	`state` text NOT NULL,
	`payload` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`message_id`) REFERENCES `messages`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_message_id_unique` ON `outbox` (`message_id`);--> statement-breakpoint
CREATE INDEX `outbox_account_order` ON `outbox` (`account_id`,`id`);--> statement-breakpoint
CREATE TABLE `quick_replies` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`shortcut` text NOT NULL,
	`text` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `quick_replies_shortcut_unique` ON `quick_replies` (`shortcut`);--> statement-breakpoint
CREATE TABLE `reactions` (
	`message_id` integer NOT NULL,
	`sender_jid` text NOT NULL,
	`emoji` text NOT NULL,
	`timestamp` integer NOT NULL,
	PRIMARY KEY(`message_id`, `sender_jid`),
	FOREIGN KEY (`message_id`) REFERENCES `messages`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
ALTER TABLE `chats` ADD `status` text DEFAULT 'open' NOT NULL;--> statement-breakpoint
ALTER TABLE `chats` ADD `pinned_at` integer;--> statement-breakpoint
ALTER TABLE `chats` ADD `archived` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `chats` ADD `muted_until` integer;--> statement-breakpoint
CREATE INDEX `chats_archived_last_message` ON `chats` (`archived`,`last_message_at`);--> statement-breakpoint
CREATE INDEX `chats_pinned` ON `chats` (`pinned_at`);--> statement-breakpoint
ALTER TABLE `messages` ADD `quoted_wa_id` text;--> statement-breakpoint
ALTER TABLE `messages` ADD `quoted_from_me` integer;--> statement-breakpoint
ALTER TABLE `messages` ADD `quoted_text` text;--> statement-breakpoint
ALTER TABLE `messages` ADD `quoted_type` text;--> statement-breakpoint
ALTER TABLE `messages` ADD `media_kind` text;--> statement-breakpoint
ALTER TABLE `messages` ADD `media_mime` text;--> statement-breakpoint
ALTER TABLE `messages` ADD `media_file_name` text;--> statement-breakpoint
ALTER TABLE `messages` ADD `media_size` integer;--> statement-breakpoint
ALTER TABLE `messages` ADD `media_duration_sec` integer;--> statement-breakpoint
ALTER TABLE `messages` ADD `media_state` text;--> statement-breakpoint
ALTER TABLE `messages` ADD `media_path` text;--> statement-breakpoint
ALTER TABLE `messages` ADD `location_latitude` real;--> statement-breakpoint
ALTER TABLE `messages` ADD `location_longitude` real;--> statement-breakpoint
ALTER TABLE `messages` ADD `location_name` text;--> statement-breakpoint
ALTER TABLE `messages` ADD `location_address` text;--> statement-breakpoint
ALTER TABLE `messages` ADD `shared_contacts` text;--> statement-breakpoint
ALTER TABLE `messages` ADD `edited_at` integer;--> statement-breakpoint
ALTER TABLE `messages` ADD `deleted_at` integer;--> statement-breakpoint
ALTER TABLE `messages` ADD `error` text;